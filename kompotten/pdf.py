"""PDF rendering with WeasyPrint, as PDF/UA (tagged, accessible). WeasyPrint is imported lazily: it is heavy and
only the requests and tasks that make a PDF need it.

Every PDF fetches through `StaticOnlyFetcher`: the app's own static files (`{% static %}`) and inline `data:` URLs,
nothing else. A template that names `file:///etc/passwd`, a path in the private documents or a remote address gets
nothing for it (WeasyPrint logs the refusal and leaves the reference empty), so no template, letter text or
report can pull a file off the server or call out over the network.
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

# Relative references resolve against this address, so `{% static 'x' %}` becomes <BASE_URL>static/x; it names no
# real host and nothing is ever fetched from it.
BASE_URL = "https://kompotten.pdf.invalid/"


def _static_file(url: str) -> bytes | None:
    """The bytes of one of the app's own static files named by an absolute URL under BASE_URL, or None."""
    static_prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
    if not url.startswith(static_prefix):
        return None
    name = unquote(urlsplit(url).path).removeprefix(settings.STATIC_URL)
    if not name or ".." in name.split("/") or name.startswith("/"):
        return None
    path = finders.find(name)
    if path is None and settings.STATIC_ROOT and staticfiles_storage.exists(name):
        path = staticfiles_storage.path(name)  # collected with a hashed name (production)
    if path is None:
        return None
    with open(path, "rb") as handle:
        return handle.read()


def static_only_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 - WeasyPrint loads slowly: PDF work only

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            body = _static_file(url)
            if body is None:
                raise ValueError("Only the app's own static files may be used in a PDF.")
            content_type = mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticOnlyFetcher(allowed_protocols=("data", "https"), allow_redirects=False)


def render_pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - WeasyPrint loads slowly: PDF work only

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_only_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1")


def render_pdf(template_name: str, context: dict) -> bytes:
    return render_pdf_from_html(render_to_string(template_name, context))
