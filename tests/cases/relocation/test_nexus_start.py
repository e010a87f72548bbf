"""Nexus's start page: what is due in the next five working days (the same horizon as every unit's), overdue first,
at the same cost for few and many cases."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.calendar import due_horizon, working_days_ahead
from cases.models import Case, CaseParty
from kompotten.models import Unit
from tests.factories import PersonFactory

START = reverse("cases:nexus_start")


def _case_due(nexus_caseworker, starts_on: date, *, weeks: int = 0, days: int = 0, label="Skyddsbedömning"):
    case = services.case_open(
        kind=Case.Kind.RELOCATION,
        unit=Unit.objects.get(kind=Unit.Kind.NEXUS),
        acting_user=nexus_caseworker,
        opened_on=min(starts_on, timezone.localdate()),
    )
    services.case_add_person(
        case=case, person=PersonFactory(), role=CaseParty.Role.APPLICANT, acting_user=nexus_caseworker
    )
    services.deadline_set(
        case=case, label=label, starts_on=starts_on, weeks=weeks, days=days, acting_user=nexus_caseworker
    )
    return case


def _due_cases(client) -> list[Case]:
    return [row.deadline.case for row in client.get(START).context["deadlines"]]


@pytest.mark.today("2026-12-04")
def test_on_friday_nexus_sees_mondays_deadline_and_five_working_days_overdue_first(client, nexus_caseworker):
    monday = _case_due(nexus_caseworker, date(2026, 11, 21), weeks=2)  # Saturday 5 December: moved to Monday
    friday = _case_due(nexus_caseworker, date(2026, 11, 27), weeks=2)  # Friday 11 December, the fifth working day
    _case_due(nexus_caseworker, date(2026, 11, 30), weeks=2)  # Monday 14 December, the sixth
    overdue = _case_due(nexus_caseworker, date(2026, 11, 2), weeks=2)  # Monday 16 November
    client.force_login(nexus_caseworker)
    assert _due_cases(client) == [overdue, monday, friday]
    page = client.get(START).content.decode()
    assert "Att göra de närmaste fem arbetsdagarna" in page and "mån 2026-12-07" in page and "Försenad" in page


@pytest.mark.today("2027-05-05")
def test_the_day_before_ascension_day_nexus_sees_the_days_after_it(client, nexus_caseworker):
    after = _case_due(nexus_caseworker, date(2027, 4, 29), weeks=2)  # Thursday 13 May, the fifth working day
    _case_due(nexus_caseworker, date(2027, 4, 30), weeks=2)  # Friday 14 May, the sixth
    client.force_login(nexus_caseworker)
    assert _due_cases(client) == [after]


@pytest.mark.dates
def test_the_nexus_start_page_shows_deadlines_up_to_the_fifth_working_day(client, nexus_caseworker):
    today = timezone.localdate()
    last = _case_due(nexus_caseworker, today, days=(due_horizon(today) - today).days)
    _case_due(nexus_caseworker, today, days=(working_days_ahead(today, 6) - today).days)
    overdue = _case_due(nexus_caseworker, today - timedelta(days=30), days=10)
    client.force_login(nexus_caseworker)
    assert _due_cases(client) == [overdue, last]


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(START).status_code == 200
    return len(queries)


def test_the_nexus_start_page_costs_the_same_queries_for_two_and_eight_due_cases(client, nexus_caseworker):
    client.force_login(nexus_caseworker)
    for _ in range(2):
        _case_due(nexus_caseworker, timezone.localdate(), days=1)
    client.get(START)
    few = _queries(client)
    for _ in range(6):
        _case_due(nexus_caseworker, timezone.localdate(), days=1)
    assert _queries(client) == few
