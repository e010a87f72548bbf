"""The committee's eviction-prevention figures for a period, month by month, from notices, contacts, letters and
closures made through the real services. The period is last year, both ends included; counts ignore object-level
access (another unit's notices count too)."""

from datetime import date, datetime, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from cases.models import Landlord
from evictions import services
from evictions.models import Closure, ContactKind, Letter, LetterKind, Notice
from evictions.services import LetterInput
from evictions.statistics import eviction_figures
from tests.evictions.conftest import notice_input

TODAY = timezone.localdate()
YEAR = TODAY.year - 1
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)


def on(month, day, year=YEAR):
    return date(year, month, day)


@pytest.fixture
def last_year(register, eviction_caseworker):
    user = eviction_caseworker
    family = register(notice_input(received_on=on(3, 10), served_on=on(3, 10), children_in_household=True)).file
    register(
        notice_input(
            received_on=on(3, 10),
            served_on=on(3, 10),
            sender_kind=Notice.Sender.DEBT_COLLECTOR,
            kind=Notice.Kind.WARNING,
            reasons=(Notice.Reason.RENT_DEBT, Notice.Reason.DISTURBANCE),
            landlord_name="Privata Hem",
            landlord_kind=Landlord.Kind.PRIVATE,
        )
    )
    withdrawn = register(_eviction_notice(on(5, 2), on(6, 1))).file
    executed = register(_eviction_notice(on(7, 1), on(8, 1), children_in_household=True)).file
    register(
        notice_input(
            received_on=END,
            served_on=END,
            reasons=(Notice.Reason.NEGLECT,),
            landlord_name="BRF Eken",
            landlord_kind=Landlord.Kind.COOPERATIVE,
            rent_debt_capital=None,
            rent_debt_costs=None,
        )
    )
    register(notice_input(received_on=START - timedelta(days=1), served_on=START - timedelta(days=1)))  # outside
    register(notice_input(received_on=END + timedelta(days=1), served_on=END + timedelta(days=1)))  # outside
    services.contact_log(file=family, kind=ContactKind.CALL, happened_on=on(3, 12), reached=True, acting_user=user)
    services.contact_log(file=family, kind=ContactKind.HOME_VISIT, happened_on=on(3, 20), acting_user=user)
    services.contact_log(file=executed, kind=ContactKind.VISIT, happened_on=on(7, 5), acting_user=user)
    services.file_close(
        file=family,
        ground=Closure.Ground.DEBT_PAID,
        outcome=Closure.Outcome.STAYED,
        children_affected=2,
        closed_on=on(4, 20),
        acting_user=user,
    )
    services.file_close(
        file=withdrawn,
        ground=Closure.Ground.EVICTION_WITHDRAWN,
        outcome=Closure.Outcome.STAYED,
        closed_on=on(6, 1),
        acting_user=user,
    )
    services.file_close(
        file=executed,
        ground=Closure.Ground.EVICTION_EXECUTED,
        outcome=Closure.Outcome.EVICTED,
        children_affected=3,
        social_services_attended=True,
        closed_on=on(8, 1),
        acting_user=user,
    )


def _eviction_notice(received_on, eviction_date, **fields):
    return notice_input(
        received_on=received_on,
        served_on=None,
        kind=Notice.Kind.EVICTION,
        eviction_date=eviction_date,
        sender_kind=Notice.Sender.KRONOFOGDEN,
        **fields,
    )


def test_notices_by_sender_kind_reason_and_landlord_type(last_year):
    figures = eviction_figures(START, END)
    count = {
        name: {row.value: row.count for row in getattr(figures, name)}
        for name in ("by_sender", "by_kind", "by_reason", "by_landlord_kind")
    }
    assert count["by_sender"] == count["by_sender"] | {"landlord": 2, "debt_collector": 1, "kronofogden": 2}
    assert sum(count["by_sender"].values()) == 5
    assert (count["by_kind"]["termination"], count["by_kind"]["warning"], count["by_kind"]["eviction"]) == (2, 1, 2)
    assert (count["by_reason"]["rent_debt"], count["by_reason"]["disturbance"], count["by_reason"]["neglect"]) == (
        4,
        1,
        1,
    )
    assert count["by_landlord_kind"] == {"municipal": 3, "private": 1, "cooperative": 1}
    assert (figures.households, figures.households_with_children) == (5, 2)


def test_month_by_month_with_totals(last_year):
    figures = eviction_figures(START, END)
    months = {month.number: month for month in figures.months}
    assert [month.number for month in figures.months] == list(range(1, 13))
    assert (months[3].received, months[3].with_children, months[3].ladder_steps, months[3].visits) == (2, 1, 2, 1)
    assert (months[4].closed, months[4].children_affected) == (1, 2)
    assert (months[6].closed, months[6].prevented, months[6].executed) == (1, 1, 0)
    assert (months[8].executed, months[8].children_affected) == (1, 3)
    assert months[12].received == 1
    totals = figures.totals
    assert (totals.received, totals.closed, totals.executed, totals.prevented, totals.children_affected) == (
        5,
        3,
        1,
        1,
        5,
    )
    assert (totals.ladder_steps, totals.visits) == (3, 2)


def test_outcomes_grounds_and_ladder_steps(last_year):
    figures = eviction_figures(START, END)
    assert {row.value: row.count for row in figures.by_outcome} == {"stayed": 2, "moved": 0, "evicted": 1, "other": 0}
    grounds = {row.value: row.count for row in figures.by_ground}
    assert (grounds["debt_paid"], grounds["eviction_withdrawn"], grounds["eviction_executed"]) == (1, 1, 1)
    steps = {row.value: row.count for row in figures.ladder_steps}
    assert (steps["call"], steps["home_visit"], steps["visit"], steps["letter"]) == (1, 1, 1, 0)


def test_the_period_includes_both_ends_and_can_span_years(last_year):
    assert eviction_figures(END, END).totals.received == 1
    assert eviction_figures(START, START).totals.received == 0
    spanning = eviction_figures(date(YEAR, 12, 1), date(YEAR + 1, 1, 31))
    assert [(month.year, month.number) for month in spanning.months] == [(YEAR, 12), (YEAR + 1, 1)]
    assert spanning.totals.received == 2


def test_letters_by_kind_and_visit_outcomes_count_on_their_days(register, eviction_caseworker):
    file = register(notice_input(children_in_household=True)).file
    booked = timezone.make_aware(datetime.combine(TODAY + timedelta(days=3), time(10)))
    visit = services.letter_create(
        file=file,
        data=LetterInput(kind=LetterKind.VISIT, booked_at=booked, visit_place="Stadshuset"),
        acting_user=eviction_caseworker,
    )
    services.letter_record_visit_outcome(
        letter=visit, outcome=Letter.VisitOutcome.ATTENDED, acting_user=eviction_caseworker
    )
    today = eviction_figures(TODAY, TODAY)
    assert {row.value: row.count for row in today.letters} == {"visit": 1, "home_visit": 0, "contact": 0}
    assert today.totals.letters == 1
    assert sum(row.count for row in today.visit_outcomes) == 0  # the visit is booked in three days
    booked_day = eviction_figures(TODAY + timedelta(days=3), TODAY + timedelta(days=3))
    assert {row.value: row.count for row in booked_day.visit_outcomes}["attended"] == 1


def test_the_query_count_does_not_grow_with_the_notices(register):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            eviction_figures(START, END)
        return len(captured)

    # Families with children from the first: the process goal's reach (families, by default) reads their files.
    register(notice_input(received_on=on(2, 1), served_on=on(2, 1), children_in_household=True))
    few = queries()
    for month in range(3, 9):
        register(notice_input(received_on=on(month, 1), served_on=on(month, 1), children_in_household=True))
    assert queries() == few <= 15


def test_notices_routed_elsewhere_are_on_a_line_of_their_own_and_not_in_the_team_s_figures(last_year, register):
    march = on(3, 11)
    gottsunda = register(notice_input(received_on=march, served_on=march, postal_code="75645"))  # another district
    vasteras = register(
        notice_input(received_on=march, served_on=march, postal_code="72212", children_in_household=True)
    )  # another municipality
    assert {gottsunda.routing, vasteras.routing} == {Notice.Routing.DISTRICT, Notice.Routing.MUNICIPALITY}
    figures = eviction_figures(START, END)
    assert figures.routed == 2
    months = {month.number: month for month in figures.months}
    assert (months[3].received, months[3].with_children, figures.totals.received) == (2, 1, 5)
    assert (figures.households, figures.households_with_children) == (5, 2)
    for name in ("by_sender", "by_kind", "by_landlord_kind"):
        assert sum(row.count for row in getattr(figures, name)) == 5
    assert {row.value: row.count for row in figures.by_reason}["rent_debt"] == 4
    assert eviction_figures(on(3, 12), END).routed == 0  # dated by the day it was received


def test_a_letter_is_a_letter_made_for_the_file_and_the_ladder_s_letter_step_counts_the_same(
    register, eviction_caseworker
):
    file = register(notice_input()).file
    for _ in range(2):
        services.letter_create(file=file, data=LetterInput(kind=LetterKind.CONTACT), acting_user=eviction_caseworker)
    # A letter step logged on the ladder by hand is not a letter made: it is not counted as one, anywhere.
    services.contact_log(file=file, kind=ContactKind.LETTER, happened_on=TODAY, acting_user=eviction_caseworker)
    services.contact_log(file=file, kind=ContactKind.CALL, happened_on=TODAY, acting_user=eviction_caseworker)
    figures = eviction_figures(TODAY, TODAY)
    steps = {row.value: row.count for row in figures.ladder_steps}
    assert figures.totals.letters == sum(row.count for row in figures.letters) == steps["letter"] == 2
    assert (steps["call"], figures.totals.ladder_steps, sum(steps.values())) == (1, 3, 3)
