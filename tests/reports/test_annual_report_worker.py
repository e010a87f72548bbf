"""The annual committee report made by a real Celery worker over Redis, from cases made through the services of all
three capabilities (tests/reports/world.py), its numbers read back from the PDF's text."""

import re
import time

from django.urls import reverse

import pytest

from reports.models import ReportRun, RunState
from tests.reports.report_files import file_text, normalised
from tests.reports.world import build_world

pytestmark = pytest.mark.worker


def wait_until_finished(run: ReportRun, seconds: int = 180) -> ReportRun:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_finished:
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run.pk} still {run.state}")


def test_the_worker_makes_the_annual_report_with_the_known_counts(client, networks, manager, celery_worker_over_redis):
    year = build_world(networks)
    client.force_login(manager)
    response = client.post(reverse("reports:run_create"), {"kind": "annual", "arsrapport-year": year})
    run = wait_until_finished(ReportRun.objects.get())
    assert response.url == reverse("reports:run_detail", args=[run.pk])
    assert run.state == RunState.READY, run.failure_reason
    assert run.attempts == 1 and run.content_type == "application/pdf"
    text = normalised(file_text(run))

    # Summary first, then the three parts, in the order of a committee paper.
    position = 0
    for heading in ("Sammanfattning", "Tabell 1.", "Boendekedjan Remisser", "Vräkningsförebyggande arbete Under"):
        position = text.index(heading, position)
    # Table 1 of the Kompotten paper: four formal requests from other municipalities, nobody housed yet.
    assert "Antal personer som fått lägenhet i Uppsala kommun 0" in text
    assert "Förfrågningar från andra kommuner 4 formella förfrågningar 0 information via telefon" in text
    assert "Förfrågningar till andra kommuner 0 formella förfrågningar 0 information via telefon" in text
    # Every figure beside the previous year's (nothing then) and the change; a change beside a hidden figure hidden.
    assert re.search(r"Västerås Kompotten 4 0 \+4 0 0 \+0 0 0 \+0", text)
    # The housing unit decided five referrals after 10..50 days: a median of 30, all within three months.
    assert re.search(r"Beslut om bostadssocialt kontrakt tre månader 5 0 \+5 5 0 \+5 0 0 \+0", text)
    assert re.search(r"Beslut om bostadssocialt kontrakt tre månader 30 – – 100 % – –", text)
    assert re.search(r"Bifall 5 0 \+5 .*?Avslag 0 0 \+0 Summa 5 0 \+5", text)  # a page may break between rows
    # Eviction notices in May: Kronofogden's two are "≤3", so the landlords' six are hidden too beside the total 8.
    assert re.search(
        r"Hyresvärd \.\. 0 \.\. Inkassobolag \(ombud\) 0 0 \+0 .*Kronofogden ≤3 0 \.\. .*Summa 8 0 \+8", text
    )
    assert re.search(r"maj 8 0 \+8 ", text)
    assert "visas som ”≤3”" in text  # the note explaining the suppression


def test_the_pdf_is_tagged_swedish_with_page_numbers_and_its_production_date(
    networks, manager, celery_worker_over_redis
):
    from io import BytesIO  # noqa: PLC0415

    from pypdf import PdfReader  # noqa: PLC0415

    from cases.storage import private_storage  # noqa: PLC0415
    from reports import services  # noqa: PLC0415
    from reports.models import ReportKind  # noqa: PLC0415

    year = build_world(networks)
    run = services.report_run_request(
        kind=ReportKind.ANNUAL,
        period_start=services.year_period(year)[0],
        period_end=services.year_period(year)[1],
        acting_user=manager,
    )
    run = wait_until_finished(run)
    with private_storage().open(run.file_name, "rb") as handle:
        reader = PdfReader(BytesIO(handle.read()))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert reader.metadata.title == f"Årsrapport till socialnämnden {year}"
    assert reader.metadata.creation_date is not None
    pages = len(reader.pages)
    last = normalised(reader.pages[-1].extract_text())
    assert f"Sida {pages} av {pages}" in last and f"Framtagen {run.created_at:%Y}" in last
