"""Fixtures of the report tests."""

import pytest

from kompotten import pdf


@pytest.fixture
def rendered(monkeypatch):
    """Every PDF made while the test runs, with its HTML as WeasyPrint got it."""
    pages = []
    original = pdf.render_pdf_from_html

    def keeping(html):
        made = original(html)
        pages.append((html, made))
        return made

    monkeypatch.setattr(pdf, "render_pdf_from_html", keeping)
    return pages
