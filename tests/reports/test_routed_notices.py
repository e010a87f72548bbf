"""Count what the team handles: a notice routed to another district or municipality is printed on a line of its own,
"Vidarebefordrade till annan enhet eller kommun", and is in none of the team's figures, in every channel (the
monthly statistics as PDF, CSV and .xlsx, the committee report, the managers' dashboard); the line is protected by
the disclosure control like the other figures. Notices are made through the real registration service."""

from dataclasses import replace
from datetime import date

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import District, DistrictPostalArea
from evictions import services as eviction_services
from evictions.models import Notice
from kompotten.models import Unit, User
from reports import services
from reports.models import ReportFormat, ReportKind, RunState
from tests.evictions.conftest import notice_input, tenant
from tests.reports.report_files import file_text, normalised

ROUTED = "Vidarebefordrade till annan enhet eller kommun"
MARCH = date(2025, 3, 12)


def register(on: date, *, team: int, routed_district: int, routed_municipality: int) -> None:
    """`team` notices in district Centrum, the rest to Gottsunda (a district the team does not handle) and Västerås."""
    if not District.objects.exists():
        centrum = District.objects.create(name="Centrum")
        DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
        gottsunda = District.objects.create(name="Gottsunda", handled_by_team=False, contact="g@uppsala.example")
        DistrictPostalArea.objects.create(district=gottsunda, postal_code_from="75640", postal_code_to="75659")
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    caseworker = User.objects.get(email="vrakning@uppsala.example")
    codes = ["75320"] * team + ["75645"] * routed_district + ["72212"] * routed_municipality
    for number, code in enumerate(codes):
        data = replace(
            notice_input(received_on=on, served_on=on),
            tenants=(tenant(),),
            postal_code=code,
            street_address=f"Gatan {number + 1}",
        )
        eviction_services.notice_register(data=data, unit=unit, acting_user=caseworker)
    routed = Notice.objects.routed_elsewhere().filter(received_on=on).count()
    assert routed == routed_district + routed_municipality


def made(manager, run_tasks, kind, start, end, file_format=ReportFormat.PDF) -> str:
    with run_tasks():
        run = services.report_run_request(
            kind=kind, period_start=start, period_end=end, file_format=file_format, acting_user=manager
        )
    run.refresh_from_db()
    assert run.state == RunState.READY, run.failure_reason
    return normalised(file_text(run).replace(";", " "))


def test_the_monthly_statistics_print_the_routed_notices_apart_in_every_format(manager, run_tasks, settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 0  # counting, not hiding: every figure printed
    register(MARCH, team=4, routed_district=2, routed_municipality=3)
    for file_format in ReportFormat.values:
        text = made(manager, run_tasks, ReportKind.MONTHLY, date(2025, 3, 1), date(2025, 3, 31), file_format)
        assert "Underrättelser 4 " in text, file_format
        assert f"{ROUTED} 5 " in text, file_format
        assert "Summa 4 " in text, file_format  # the breakdowns add up to the team's notices only


def test_the_routed_line_is_protected_like_the_other_figures(manager, run_tasks):
    register(MARCH, team=4, routed_district=1, routed_municipality=1)
    text = made(manager, run_tasks, ReportKind.MONTHLY, date(2025, 3, 1), date(2025, 3, 31), ReportFormat.CSV)
    assert "Underrättelser 4 " in text
    assert f"{ROUTED} ≤3 " in text  # two routed notices: a count from 1 to 3, hidden


def test_the_committee_report_prints_the_routed_notices_apart_from_the_team_s(manager, run_tasks, settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 0
    register(MARCH, team=4, routed_district=2, routed_municipality=3)
    text = made(manager, run_tasks, ReportKind.ANNUAL, date(2025, 1, 1), date(2025, 12, 31))
    assert "Vräkningsförebyggande: 4 underrättelser" in text
    assert "Underrättelserna gällde 4 hushåll, varav 0 med barn." in text
    assert f"{ROUTED}: 5 underrättelser." in text


def test_the_dashboard_shows_the_routed_notices_apart_from_the_team_s(client, manager, settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 0
    today = timezone.localdate()
    register(date(today.year, 1, 15), team=3, routed_district=1, routed_municipality=1)
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    figures = {str(row.label): str(row.this_year) for s in response.context["dashboard"].sections for row in s.figures}
    assert (figures["Underrättelser"], figures[ROUTED]) == ("3", "2")


@pytest.fixture(autouse=True)
def _organisation(organisation):
    """Every test here registers notices as the team and runs reports as the manager."""
