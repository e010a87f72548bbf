"""Helpers of the tests of text that leaves the unit: files with text in them to share (cases.document_text)."""

import io
import zipfile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
# One transparent pixel: an image, whose text nobody reads.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def pdf_with(text: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy, and only these tests make a PDF of their own

    return HTML(string=f"<p>{text}</p>").write_pdf()


def _zipped(parts: dict[str, str]) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as document:
        for name, content in parts.items():
            document.writestr(name, content)
    return archive.getvalue()


def docx_with(body: str) -> bytes:
    """A Word file whose body is `body`: WordprocessingML paragraphs, or plain text for one paragraph."""
    if not body.startswith("<"):
        body = f"<w:p><w:r><w:t>{body}</w:t></w:r></w:p>"
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}'
        "</w:body></w:document>"
    )
    return _zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": document})


def odt_with(body: str) -> bytes:
    """An OpenDocument text whose body is `body` (text:p and text:h elements)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        f'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{body}'
        "</office:text></office:body></office:document-content>"
    )
    return _zipped({"mimetype": ODT, "content.xml": content})
