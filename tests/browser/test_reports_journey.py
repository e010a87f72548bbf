"""A manager asks for the annual report, watches it go from queued to ready without reloading, and downloads it; a
caseworker cannot reach the reports."""

import re
from io import BytesIO

from django.utils import timezone

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.reports.report_files import assert_no_leaks

pytestmark = pytest.mark.worker


def test_a_manager_orders_the_annual_report_and_downloads_it(
    page, log_in, assert_accessible, celery_worker_over_redis, networks
):
    log_in("chef@uppsala.example")
    page.goto("/rapporter/")
    assert_accessible(page)
    # A period that has not begun is refused with a message, and the form keeps what was typed.
    next_year = timezone.localdate().year + 1
    page.get_by_label("Från och med").fill(f"{next_year}-01-01")
    page.get_by_label("Till och med").fill(f"{next_year}-01-31")
    page.get_by_role("button", name="Beställ rapport").click()
    expect(page.get_by_role("alert")).to_contain_text("Perioden har inte börjat än")
    assert_accessible(page)

    last_year = str(timezone.localdate().year - 1)
    page.get_by_label("År").select_option(last_year)
    page.get_by_role("button", name="Beställ årsrapport").click()
    state = page.get_by_test_id("run-state")
    expect(state).to_have_text(re.compile("I kö|Pågår"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Årsrapport till socialnämnden {last_year}")
    assert_accessible(page)
    expect(state).to_have_text("Klar", timeout=120_000)  # the page's script follows the run; nobody reloads
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_test_id("download").click()
    pdf = download_info.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert download_info.value.suggested_filename == f"arsrapport-{last_year}.pdf"
    assert "Tabell 1. Ärenden inom Kompotten som hanteras av Nexus" in text  # each network of ours, zeros or not
    assert_no_leaks()

    page.get_by_role("link", name="Alla rapporter").click()
    expect(page.get_by_test_id("run-table")).to_contain_text("Årsrapport till socialnämnden")
    assert_accessible(page)


def test_a_caseworker_cannot_reach_the_reports(page, log_in):
    log_in("nexus@uppsala.example")
    expect(page.get_by_role("navigation", name="Huvudmeny")).not_to_contain_text("Statistik och rapporter")
    for path in ("/rapporter/", "/rapporter/korningar/", "/rapporter/korningar/1/"):
        response = page.goto(path)
        assert response.status == 404, path
