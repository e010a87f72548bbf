"""The managers' dashboard: this year's key figures against the same part of last year, overdue deadlines per
unit, quotas and the open access-log review, in counts only; a page that does not exist for anyone but managers."""

from datetime import date, timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.relocation import services as relocation
from cases.relocation.models import Direction, TelephoneInquiry
from kompotten.organisations import host_municipality
from reports.dashboard import same_day_last_year
from reports.disclosure import Disclosure
from tests.cases.relocation.world import open_request
from tests.factories import PersonFactory

TODAY = timezone.localdate()


def inquiry(networks, nexus, on):
    relocation.inquiry_record(
        occurred_on=on,
        direction=Direction.INCOMING,
        network=networks.kompotten,
        municipality=networks.vasteras,
        topic=TelephoneInquiry.Topic.PROCESS,
        stop_reason=TelephoneInquiry.StopReason.NO_FLATS,
        acting_user=nexus,
    )


def figure(response, label):
    """This year's and last year's figure as the page prints them."""
    for section in response.context["dashboard"].sections:
        for row in section.figures:
            if str(row.label) == label:
                return str(row.this_year), str(row.last_year)
    raise AssertionError(label)


@pytest.fixture
def nothing_hidden(settings):
    """Counting tests count a handful of cases, which disclosure control would hide: a threshold of 0 hides none."""
    settings.REPORTS_DISCLOSURE_THRESHOLD = 0


def test_this_years_figures_stand_against_the_same_part_of_last_year(
    client, networks, nexus_caseworker, manager, nothing_hidden
):
    last_year_today = same_day_last_year(TODAY)
    inquiry(networks, nexus_caseworker, date(TODAY.year, 1, 1))
    inquiry(networks, nexus_caseworker, TODAY)
    inquiry(networks, nexus_caseworker, last_year_today)  # the last day of last year's period
    inquiry(networks, nexus_caseworker, last_year_today + timedelta(days=1))  # after it: not counted
    open_request(networks, nexus_caseworker, on=TODAY)
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert figure(response, "Telefonförfrågningar") == ("2", "1")
    assert figure(response, "Formella förfrågningar till oss") == ("1", "0")
    assert figure(response, "Skyddsbedömning, mediantid i dagar") == ("–", "–")
    assert "Förflyttningar (Kompotten och Länskompotten)" in response.content.decode()


def test_the_page_hides_what_the_reports_hide_and_says_so_in_the_reports_words(
    client, networks, nexus_caseworker, manager
):
    """Three phone inquiries this year and four last year: the report prints the 3 as "≤3", so the page does too,
    and the change (+1 or -1 beside the 4 would give the 3 back) is hidden."""
    for day in range(3):
        inquiry(networks, nexus_caseworker, date(TODAY.year, 1, 1) + timedelta(days=day))
    for day in range(4):
        inquiry(networks, nexus_caseworker, date(TODAY.year - 1, 1, 1) + timedelta(days=day))
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    assert figure(response, "Telefonförfrågningar") == ("≤3", "4")
    [row] = [
        row for s in response.context["dashboard"].sections for row in s.figures if row.label == "Telefonförfrågningar"
    ]
    assert str(row.change) == ".."
    assert figure(response, "Formella förfrågningar till oss") == ("0", "0")
    page = response.content.decode()
    assert Disclosure().note() in page.replace("&quot;", '"')
    assert "Antal från 1 till 3 visas som ”≤3”" in page


def test_overdue_deadlines_are_counted_per_unit_and_a_paused_one_is_not_late(
    client, networks, nexus_caseworker, manager
):
    late = open_request(networks, nexus_caseworker, on=TODAY - timedelta(days=30))
    paused = open_request(networks, nexus_caseworker, on=TODAY - timedelta(days=30))
    open_request(networks, nexus_caseworker, on=TODAY)  # due in two weeks
    services.deadline_pause(
        deadline=paused.case.deadlines.get(), reason="Väntar på underlag", acting_user=nexus_caseworker
    )
    client.force_login(manager)
    response = client.get(reverse("reports:dashboard"))
    [row] = response.context["dashboard"].overdue
    assert (row.unit, row.label, row.overdue) == (late.case.unit.name, "Skyddsbedömning (Nexus)", 1)


def test_the_page_names_no_one(client, networks, nexus_caseworker, manager):
    person = PersonFactory(given_name="Synlig", family_name="Namnsson", acting_user=nexus_caseworker)
    request = open_request(networks, nexus_caseworker, on=TODAY - timedelta(days=30), person=person)
    client.force_login(manager)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Namnsson" not in page and person.identity_number not in page and request.case.number not in page


def test_the_open_access_log_review_in_counts_and_a_review_just_recorded_shows_at_once(client, organisation, manager):
    client.force_login(manager)
    review = client.get(reverse("reports:dashboard")).context["dashboard"].log_review
    assert (review.reviewed, review.emergency_unreviewed, review.open_items) == (False, 0, 1)
    services.access_review_record(
        municipality=host_municipality(),
        period_start=review.period_start,
        period_end=review.period_end,
        findings="Inget att anmärka.",
        acting_user=manager,
    )
    review = client.get(reverse("reports:dashboard")).context["dashboard"].log_review
    assert (review.reviewed, review.open_items) == (True, 0)


def test_the_reports_start_page_links_to_the_dashboard(client, organisation, manager):
    client.force_login(manager)
    assert reverse("reports:dashboard") in client.get(reverse("reports:start")).content.decode()


@pytest.mark.parametrize(
    "persona", ["nexus_caseworker", "housing_handler", "eviction_caseworker", "partner_vasteras", "administrator"]
)
def test_anyone_but_a_manager_gets_404(client, request, organisation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("reports:dashboard")).status_code == 404


def test_the_query_count_does_not_grow_with_the_cases(client, networks, nexus_caseworker, manager):
    client.force_login(manager)

    def queries():
        cache.clear()  # counted afresh, not from the cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reports:dashboard")).status_code == 200
        return len(captured)

    open_request(networks, nexus_caseworker, on=TODAY - timedelta(days=30))
    inquiry(networks, nexus_caseworker, TODAY)
    few = queries()
    for days in range(1, 6):
        open_request(networks, nexus_caseworker, on=TODAY - timedelta(days=20 + days))
        inquiry(networks, nexus_caseworker, TODAY - timedelta(days=days))
    assert queries() == few


def test_the_figures_are_counted_once_in_a_few_minutes_and_the_page_says_when(
    client, networks, nexus_caseworker, manager, nothing_hidden
):
    inquiry(networks, nexus_caseworker, TODAY)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as counted:
        first = client.get(reverse("reports:dashboard"))
    inquiry(networks, nexus_caseworker, TODAY)
    with CaptureQueriesContext(connection) as cached:
        again = client.get(reverse("reports:dashboard"))
    assert figure(again, "Telefonförfrågningar") == figure(first, "Telefonförfrågningar") == ("1", "0")
    assert len(cached) < len(counted) - 40
    counted_at = timezone.localtime(first.context["dashboard"].counted_at)
    assert f"Uppdaterad {counted_at:%H:%M}." in again.content.decode()
    cache.clear()  # as when the figures have grown older than the cache keeps them
    assert figure(client.get(reverse("reports:dashboard")), "Telefonförfrågningar") == ("2", "0")


def test_a_passed_recovery_period_is_not_counted_as_a_late_deadline(client, organisation, manager):
    from cases.models import District, DistrictPostalArea
    from evictions import services as eviction_services
    from kompotten.models import Unit, User
    from tests.evictions.conftest import notice_input

    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    caseworker = User.objects.get(email="vrakning@uppsala.example")
    notice = eviction_services.notice_register(
        data=notice_input(received_on=TODAY - timedelta(days=44), served_on=TODAY - timedelta(days=45)),
        unit=Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION),
        acting_user=caseworker,
    )
    services.deadline_set(
        case=notice.file.case,
        label="Begär underlag",
        starts_on=TODAY - timedelta(days=30),
        days=5,
        acting_user=caseworker,
    )
    client.force_login(manager)
    overdue = client.get(reverse("reports:dashboard")).context["dashboard"].overdue
    assert [(row.label, row.overdue) for row in overdue] == [("Begär underlag", 1)]
