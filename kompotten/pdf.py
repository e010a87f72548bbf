"""PDF rendering with WeasyPrint, as PDF/UA (tagged, accessible). WeasyPrint is imported lazily: it is heavy and
only the requests and tasks that make a PDF need it."""

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
