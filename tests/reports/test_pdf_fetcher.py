"""WeasyPrint fetches only the app's own static files: a file:/// or remote reference in a template renders
nothing (kompotten.pdf, used by every PDF)."""

from io import BytesIO

from pypdf import PdfReader

from kompotten.pdf import _static_file, render_pdf_from_html


def images_drawn(pdf: bytes) -> int:
    reader = PdfReader(BytesIO(pdf))
    return sum(len((page.get("/Resources") or {}).get("/XObject") or {}) for page in reader.pages)


def test_only_the_apps_own_static_files_are_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIG-RAD")
    image = tmp_path / "image.png"
    image.write_bytes((tmp_path / "x").with_suffix(".png").name.encode())
    html = f"""<html lang="sv"><head><title>T</title>
      <link rel="stylesheet" href="file://{secret}">
      <link rel="stylesheet" href="http://127.0.0.1:9/evil.css"></head>
      <body><p>Synlig</p>
      <object data="file://{secret}" type="text/plain">x</object>
      <iframe src="file://{secret}"></iframe>
      <img src="file:///etc/hostname" alt="a"><img src="https://example.invalid/x.png" alt="b">
      <img src="/static/images/favicon.svg" alt="c">
      <p style="background: url('file://{secret}')">z</p></body></html>"""
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(render_pdf_from_html(html))).pages)
    assert "Synlig" in text and "HEMLIG-RAD" not in text


def test_the_fetcher_refuses_paths_out_of_the_static_folders():
    assert _static_file("https://kompotten.pdf.invalid/static/images/favicon.svg").startswith(b"<svg")
    for url in (
        "https://kompotten.pdf.invalid/static/../kompotten/settings/base.py",
        "https://kompotten.pdf.invalid/static/%2e%2e/manage.py",
        "https://kompotten.pdf.invalid/static//etc/passwd",
        "https://kompotten.pdf.invalid/private_media/x.pdf",
        "https://example.com/static/images/favicon.svg",
        "file:///etc/passwd",
    ):
        assert _static_file(url) is None, url
