"""What the eviction team has to do: everything due up to and including the next five working days (so Friday
shows Monday's recovery periods, and the day before a holiday the days after it), overdue first; a recovery period
that has run out is no overdue work but a file to record; a booked visit stays on the day it was booked for."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.calendar import due_horizon, working_days_ahead
from evictions import selectors, services
from evictions.models import LetterKind
from evictions.services import LetterInput
from tests.evictions.conftest import days_ago, notice_input, tenant

DUE = reverse("evictions:due_list")
START = reverse("evictions:start")


def _served(register, served_on: date, **overrides):
    """A rent-debt termination served on that day: its recovery period ends three weeks later, on a working day."""
    return register(notice_input(served_on=served_on, received_on=served_on + timedelta(days=1), **overrides))


def _due_cases(client) -> list[str]:
    return [row.deadline.case.number for row in client.get(DUE).context["rows"]]


@pytest.mark.parametrize(
    "day",
    [
        pytest.param("friday", marks=pytest.mark.today("2026-12-04")),
        pytest.param("saturday", marks=pytest.mark.today("2026-12-05")),
    ],
)
def test_on_friday_and_saturday_the_list_shows_mondays_recovery_period_and_five_working_days(
    client, register, eviction_caseworker, day
):
    monday = _served(register, date(2026, 11, 14))  # three weeks end on Saturday 5 December: moved to Monday 7th
    friday = _served(register, date(2026, 11, 20))  # Friday 11 December, the fifth working day
    sixth = _served(register, date(2026, 11, 23))  # Monday 14 December, the sixth
    assert monday.recovery_deadline.due_on == date(2026, 12, 7)
    client.force_login(eviction_caseworker)
    due = _due_cases(client)
    assert monday.file.case.number in due and friday.file.case.number in due
    assert sixth.file.case.number not in due
    page = client.get(DUE).content.decode()
    assert "mån 2026-12-07" in page and "fre 2026-12-11" in page
    assert "Att göra de närmaste fem arbetsdagarna: 2 frister" in client.get(START).content.decode()


@pytest.mark.today("2027-05-05")
def test_the_day_before_ascension_day_the_list_reaches_past_the_holiday(client, register, eviction_caseworker):
    bridge_day = _served(register, date(2027, 4, 16))  # Friday 7 May, between Ascension Day and the weekend
    thursday = _served(register, date(2027, 4, 22))  # Thursday 13 May, the fifth working day
    friday = _served(register, date(2027, 4, 23))  # Friday 14 May, the sixth
    client.force_login(eviction_caseworker)
    due = _due_cases(client)
    assert bridge_day.file.case.number in due and thursday.file.case.number in due
    assert friday.file.case.number not in due
    assert "Att göra de närmaste fem arbetsdagarna: 2 frister" in client.get(START).content.decode()


@pytest.mark.dates
def test_the_list_ends_on_the_fifth_working_day_and_puts_overdue_work_first(client, register, eviction_caseworker):
    today = timezone.localdate()
    last, beyond, overdue = register().file, register().file, register(children_in_household=False).file
    family = register(children_in_household=True).file

    def deadline(file, label, starts_on, due_on):
        case_services.deadline_set(
            case=file.case,
            label=label,
            starts_on=starts_on,
            days=(due_on - starts_on).days,
            acting_user=eviction_caseworker,
        )

    deadline(last, "Ring hyresvärden", today, due_horizon(today))
    deadline(beyond, "Ring hyresvärden", today, working_days_ahead(today, 6))
    deadline(overdue, "Begär underlag", today - timedelta(days=30), today - timedelta(days=20))
    deadline(family, "Hembesök planeras", today, working_days_ahead(today, 1))
    client.force_login(eviction_caseworker)
    rows = [row for row in client.get(DUE).context["rows"] if row.deadline.label != "Återvinningsfrist"]
    assert [row.deadline.case for row in rows] == [overdue.case, family.case, last.case]
    assert "Försenad" in client.get(DUE).content.decode()


@pytest.mark.dates
def test_a_passed_recovery_period_leaves_the_due_list_and_is_shown_as_passed(client, register, eviction_caseworker):
    passed = _served(register, days_ago(45))
    running = _served(register, days_ago(19))
    client.force_login(eviction_caseworker)
    due = client.get(DUE)
    assert [row.deadline.case for row in due.context["rows"]] == [running.file.case]
    assert [row.file for row in due.context["passed"]] == [passed.file]
    page = due.content.decode()
    assert "Återvinningsfristen har gått ut" in page and "Registrera om skulden betalades eller stäng ärendet" in page
    assert "Försenad" not in page
    assert "Återvinningsfristen har gått ut: 1 ärende att registrera" in client.get(START).content.decode()

    file_page = client.get(reverse("evictions:file_detail", args=[passed.file.case_id])).content.decode()
    assert "Återvinningsfristen gick ut" in file_page and "Har gått ut" in file_page
    assert "Försenad" not in file_page and "Skulden ska vara betald senast" not in file_page
    assert "Registrera om skulden betalades eller stäng ärendet" in file_page


@pytest.mark.dates
def test_a_recovery_period_marked_met_or_a_closed_file_is_not_listed_as_passed(client, register, eviction_caseworker):
    met, closed = _served(register, days_ago(45)), _served(register, days_ago(50))
    case_services.deadline_mark_met(deadline=met.recovery_deadline, acting_user=eviction_caseworker)
    services.file_close(file=closed.file, ground="debt_paid", outcome="stayed", acting_user=eviction_caseworker)
    policy = selectors.AccessPolicy(eviction_caseworker)
    assert selectors.passed_recovery_periods(policy, today=timezone.localdate()) == ([], 0)
    assert selectors.passed_recovery_count(policy, timezone.localdate()) == 0


@pytest.mark.today("2026-12-02")
def test_a_visit_booked_on_a_saturday_is_shown_on_that_saturday(client, register, eviction_caseworker, clock):
    file = register(children_in_household=True).file
    saturday = datetime(2026, 12, 5, 10, 0, tzinfo=timezone.get_current_timezone())
    letter = services.letter_create(
        file=file,
        data=LetterInput(kind=LetterKind.VISIT, booked_at=saturday, visit_place="Stationsgatan 12"),
        acting_user=eviction_caseworker,
    )
    client.force_login(eviction_caseworker)
    response = client.get(DUE)
    assert [row.letter for row in response.context["visits"]] == [letter]
    page = response.content.decode()
    assert "Bokat besök lör 5 dec 10:00" in page
    assert "2026-12-07" not in page  # not moved to Monday as a statutory period would be
    assert all(row.deadline.label != "Bokat besök" for row in response.context["rows"])
    assert "Bokade besök: 1 besök" in client.get(START).content.decode()
    assert "2026-12-05 10:00" in client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()

    # On Monday nobody has recorded how it went: the visit asks for its outcome.
    clock.move_to(datetime(2026, 12, 7, 10, 0, tzinfo=timezone.get_current_timezone()))
    client.force_login(eviction_caseworker)  # a new day, a new session
    page = client.get(DUE).content.decode()
    assert "Utfall ej registrerat" in page
    assert reverse("evictions:letter_outcome", args=[file.case_id, letter.pk]) in page
    services.letter_record_visit_outcome(letter=letter, outcome="attended", acting_user=eviction_caseworker)
    assert client.get(DUE).context["visits"] == []


@pytest.mark.dates
def test_a_booked_visit_within_five_working_days_is_listed_and_a_later_one_is_not(register, eviction_caseworker):
    today = timezone.localdate()
    soon, later = register(children_in_household=True).file, register(children_in_household=True).file
    for file, day in ((soon, due_horizon(today)), (later, working_days_ahead(today, 6))):
        booked = timezone.make_aware(datetime.combine(day, time(14, 0)))
        services.letter_create(
            file=file, data=LetterInput(kind=LetterKind.VISIT, booked_at=booked), acting_user=eviction_caseworker
        )
    visits, total = selectors.booked_visits(selectors.AccessPolicy(eviction_caseworker), today=today)
    assert [row.file for row in visits] == [soon] and total == 1


@pytest.mark.dates
def test_the_file_page_puts_a_running_recovery_period_before_a_passed_one(client, register, eviction_caseworker):
    anna = tenant()
    running = _served(register, days_ago(19), tenants=(anna,))
    repeat = register(notice_input(tenants=(anna,), served_on=days_ago(45), received_on=days_ago(1)))
    assert repeat.file == running.file and repeat.recovery_deadline.due_on < timezone.localdate()
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:file_detail", args=[running.file.case_id])).content.decode()
    assert "Skulden ska vara betald senast" in page and "Har gått ut" in page and "Försenad" not in page
