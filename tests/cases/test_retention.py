"""Retention (gallring) on a generated ten-year history: the year's list holds exactly the files due (five years
after the last entry, by the end of the following year), not those kept for research nor those whose person has
another record kept; approving it culls them: the personal data are gone from every table, the reports of the culled
years are what they were, the access log keeps the case number only, and only a manager can approve."""

import itertools
from datetime import date, datetime, time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from personnummer import personnummer

from cases import retention_views, services
from cases.models import (
    AccessLogEntry,
    Case,
    CaseParty,
    Culling,
    Document,
    JournalNote,
    Person,
    RetentionException,
    RetentionItem,
    RetentionList,
)
from cases.relocation.assessment import assessments_by_result
from cases.relocation.statistics import persons_housed, relocation_figures
from cases.services import retention
from evictions.statistics import eviction_figures
from housing.statistics import housing_figures
from kompotten.devtools import volume
from kompotten.models import Unit
from kompotten.workflow import TransitionRefused
from reports import committee
from tests.clock import STOCKHOLM

pytestmark = [pytest.mark.django_db, pytest.mark.today("2026-01-05")]

YEAR = 2026
CULLED_YEARS = range(2016, 2021)


def _at(day: date):
    return time_machine.travel(datetime.combine(day, time(10), tzinfo=STOCKHOLM), tick=False)


def _file(user, *, opened_on: date, closed_on: date, born_on: date | None = None, person=None, name="Zyxwert"):
    """An eviction file written on its own days through the services: a person, a note, a document, closed."""
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION, municipality=user.unit.municipality)
    with _at(opened_on):
        if person is None:
            number = _number_born(born_on)
            person = services.person_register(
                given_name=f"{name}ina",
                family_name=f"{name}sson",
                identity_number=number,
                street_address=f"{name}vägen 3",
                postal_code="75320",
                phone="070-111 22 33",
                acting_user=user,
            )
        case = services.case_open(kind=Case.Kind.EVICTION, unit=unit, acting_user=user, opened_on=opened_on)
        services.case_add_person(case=case, person=person, role=CaseParty.Role.TENANT, acting_user=user)
        services.note_add(case=case, text=f"Hembesök hos {name}ina, skulden betald.", acting_user=user)
        upload = SimpleUploadedFile(f"{name}.txt", f"Brev till {name}ina".encode(), content_type="text/plain")
        services.document_add(
            case=case,
            uploaded_file=upload,
            title=f"Brev {name}",
            type="letter",
            document_date=opened_on,
            acting_user=user,
        )
    with _at(closed_on):
        services.case_close(case=case, acting_user=user, closed_on=closed_on)
    return case, person


_serials = itertools.count()
ORDINARY_DAYS = [day for day in range(1, 29) if day not in (5, 15, 25)]


def _number_born(born: date | None) -> str:
    """A test personnummer born on `born`, or on a day no research exception keeps (birth number 980-999;
    born after the volume generator's persons, 1945-1994)."""
    n = next(_serials)
    born = born or date(2000, 1 + n // 500 % 12, ORDINARY_DAYS[n // 20 % len(ORDINARY_DAYS)])
    ten = f"{born:%y%m%d}{980 + n % 20}"
    return f"{born:%Y%m%d}-{ten[6:]}{personnummer._luhn(ten)}"


@pytest.fixture
def history(organisation, files):
    """Ten years of casework (the volume generator, small) around the files written for this test on known days."""
    volume.generate(volume.SCALES["ci"].times(0.3), seed=7, today=date(2026, 1, 5), log=lambda line: None)
    return files


@pytest.fixture
def files(organisation, eviction_caseworker):
    """Files on known days: due, due on the list's last day, kept for research, not yet due, and one kept because
    a younger file about the same person is kept."""
    user = eviction_caseworker
    files = {
        "due": _file(user, opened_on=date(2019, 3, 1), closed_on=date(2019, 6, 3), name="Qwdue"),
        "due_last_day": _file(user, opened_on=date(2020, 9, 1), closed_on=date(2020, 12, 30), name="Qwlast"),
        "research": _file(
            user, opened_on=date(2019, 3, 1), closed_on=date(2019, 6, 3), born_on=date(2000, 4, 15), name="Qwres"
        ),
        "not_yet": _file(user, opened_on=date(2020, 9, 1), closed_on=date(2021, 2, 1), name="Qwyet"),
    }
    old, person = _file(user, opened_on=date(2018, 3, 1), closed_on=date(2018, 6, 1), name="Qwkept")
    files["kept_by_other"] = (old, person)
    files["the_other"] = _file(user, opened_on=date(2024, 3, 1), closed_on=date(2024, 6, 1), person=person)
    return files


def _listed(retention_list) -> set[int]:
    return set(retention_list.items.values_list("case_id", flat=True))


def _figures(year: int):
    start, end = date(year, 1, 1), date(year, 12, 31)
    sections = committee.sections(start, end)
    return (
        relocation_figures(start, end),
        persons_housed(start, end),
        assessments_by_result(start, end),
        housing_figures(start, end),
        eviction_figures(start, end),
        repr(sections.relocation),
        repr(sections.housing),
        repr(sections.evictions),
    )


def _text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name FROM information_schema.columns
               WHERE table_schema = 'public' AND data_type IN ('character varying', 'text')"""
        )
        return cursor.fetchall()


def _tables_holding(needles: list[str]) -> list[str]:
    """Every table and column of the database where one of `needles` occurs (a whole-database search)."""
    found = []
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}" ILIKE ANY(%s)',  # noqa: S608 - names from the catalogue
                [[f"%{needle}%" for needle in needles]],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def test_ten_years_the_list_holds_exactly_the_files_due_and_approving_culls_them_with_the_reports_unchanged(
    client, history, manager, run_tasks
):
    retention_list = retention.retention_list_build(year=YEAR)
    listed = _listed(retention_list)

    assert history["due"][0].pk in listed
    assert history["due_last_day"][0].pk in listed  # last entry 2020-12-30: due 2025-12-30, culled by end of 2026
    assert history["research"][0].pk not in listed  # born on the 15th: kept for research
    assert history["not_yet"][0].pk not in listed  # due in 2026: on next year's list
    assert history["kept_by_other"][0].pk not in listed  # another file about the person is kept
    assert history["the_other"][0].pk not in listed

    items = list(retention_list.items.select_related("case"))
    assert len(items) > 5, "the generated history has old closed files"
    research_days = {5, 15, 25}
    for item in items:
        assert item.due_on <= date(YEAR - 1, 12, 31)
        assert item.cull_by <= date(YEAR, 12, 31)
        assert item.case.closed_on is not None
        persons = Person.objects.filter(parties__case=item.case)
        for person in persons:
            assert person.birth_date is None or person.birth_date.day not in research_days
            others = CaseParty.objects.filter(person=person).exclude(case__in=listed)
            assert not others.exists(), "a person with another record kept"
    # The generated history also has old files kept for research and files held back by a younger one.
    due_but_kept = retention.last_entries(Case.objects.filter(closed_on__lte=date(2019, 12, 31)))
    assert set(due_but_kept) - listed

    assert retention.retention_list_build(year=YEAR) == retention_list  # the yearly job may run twice
    assert _listed(retention_list) == listed

    # Approving culls them.
    case, person = history["due"]
    AccessLogEntry.objects.create(
        user=manager, person=person, case=case, action="view_identity", what=f"/arenden/{case.pk}/", grant="assignment"
    )
    culled_persons = list(Person.objects.filter(parties__case__in=_listed(retention_list)).distinct())
    numbers = [p.identity_number for p in culled_persons if p.identity_number]
    assert _tables_holding(["Qwdue", "Qwlast"]) != []
    before = {year: _figures(year) for year in CULLED_YEARS}
    files = [document.file.name for document in Document.objects.filter(case=case)]

    client.force_login(manager)
    with run_tasks():
        response = client.post(reverse("cases:retention_list"), follow=True)

    assert response.status_code == 200
    retention_list.refresh_from_db()
    assert retention_list.state == RetentionList.State.CULLED and retention_list.approved_by == manager
    items = retention_list.items.all()
    assert {item.outcome for item in items} == {RetentionItem.Outcome.CULLED}
    assert Culling.objects.filter(retention_list=retention_list, approved_by=manager).count() == len(items)
    # Personal data: the names, addresses, notes and documents written for the due files, and every culled
    # person's identity number, are nowhere in the database (history tables included).
    assert _tables_holding(["Qwdue", "Qwlast"]) == []
    assert _tables_holding(numbers[:200]) == []
    assert _tables_holding(["Qwres", "Qwkept", "Qwyet"]) != []  # the kept files are untouched
    assert not JournalNote.objects.filter(case=case).exists() and not Document.objects.filter(case=case).exists()
    assert not any(Document.file.field.storage.exists(name) for name in files)
    person.refresh_from_db()
    case.refresh_from_db()
    assert person.culled_at and case.culled_at and person.identity_number is None
    assert case.closed_on == date(2019, 6, 3) and case.kind == Case.Kind.EVICTION
    # The access log keeps the row and its case number, not the person.
    entry = AccessLogEntry.objects.get(case=case, user=manager)
    assert entry.person_id is None and entry.what == case.number
    # The reports of the culled years are the same.
    assert {year: _figures(year) for year in CULLED_YEARS} == before
    # A culled case shows "Gallrad".
    assert "Gallrad" in response.content.decode()


def test_an_exception_is_data_the_administrator_changes(files):
    RetentionException.objects.update(active=False)
    listed = _listed(retention.retention_list_build(year=YEAR))
    assert files["research"][0].pk in listed


def test_the_access_log_stays_append_only_outside_culling(files, manager):
    case, person = files["due"]
    entry = AccessLogEntry.objects.create(
        user=manager, person=person, case=case, action="view_identity", what="/", grant="assignment"
    )
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_accesslogentry SET person_id = NULL WHERE id = %s", [entry.pk])


@pytest.mark.parametrize(
    "persona", ["nexus_caseworker", "housing_handler", "eviction_caseworker", "partner_vasteras", "administrator"]
)
def test_only_a_manager_reaches_the_list_and_approves_it(client, request, organisation, persona):
    retention_list = retention.retention_list_build(year=YEAR)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("cases:retention_list")).status_code == 404
    assert client.post(reverse("cases:retention_list")).status_code == 404
    retention_list.refresh_from_db()
    assert retention_list.state == RetentionList.State.PENDING


def test_the_manager_sees_the_list_paged(client, files, manager, monkeypatch):
    monkeypatch.setattr(retention_views, "PER_PAGE", 1)
    retention.retention_list_build(year=YEAR)
    client.force_login(manager)
    first = client.get(reverse("cases:retention_list"), {"ar": YEAR})
    second = client.get(reverse("cases:retention_list"), {"ar": YEAR, "sida": 2})
    assert first.context["page"].paginator.count == 2
    assert files["due"][0].number in first.content.decode()
    assert files["due_last_day"][0].number in second.content.decode()
    assert "Qwdue" not in first.content.decode()  # the list names cases, never persons


def test_a_file_written_to_after_the_list_was_built_is_kept(files, manager, eviction_caseworker, run_tasks):
    retention_list = retention.retention_list_build(year=YEAR)
    case, _person = files["due"]
    services.note_add(case=case, text="Ny kontakt.", acting_user=eviction_caseworker)
    with run_tasks():
        retention.retention_list_approve(retention_list=retention_list, acting_user=manager)
    assert retention_list.items.get(case=case).outcome == RetentionItem.Outcome.KEPT
    case.refresh_from_db()
    assert case.culled_at is None


def test_the_yearly_task_builds_the_list(organisation):
    from cases.tasks import build_retention_list

    pk = build_retention_list.apply().get()
    assert RetentionList.objects.get(pk=pk).year == YEAR


def test_a_culled_file_and_its_person_show_gallrad(client, files, manager, eviction_caseworker, run_tasks):
    with run_tasks():
        retention.retention_list_approve(retention_list=retention.retention_list_build(year=YEAR), acting_user=manager)
    case, _person = files["due"]
    client.force_login(eviction_caseworker)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Gallrad" in page
    assert "Qwdue" not in page
    assert case.number in page


# --- the list's workflow table ----------------------------------------------------------------------------------
def test_the_lists_table_refuses_every_move_it_does_not_name(files, manager, eviction_caseworker, run_tasks):
    retention_list = retention.retention_list_build(year=YEAR)
    refused = [
        (RetentionList.State.APPROVED, eviction_caseworker),  # only a manager approves
        (RetentionList.State.APPROVED, None),  # nor does the system
        (RetentionList.State.CULLED, None),  # never culled before it is approved
        (RetentionList.State.CULLED, manager),
        (RetentionList.State.SUPERSEDED, manager),  # only the yearly job supersedes a list
        (RetentionList.State.PENDING, manager),
    ]
    for to_state, user in refused:
        with pytest.raises(TransitionRefused):
            retention.retention_list_transition(retention_list=retention_list, to_state=to_state, acting_user=user)
        assert RetentionList.objects.get(pk=retention_list.pk).state == RetentionList.State.PENDING, (to_state, user)
    with pytest.raises(TransitionRefused):
        retention.retention_list_approve(retention_list=retention_list, acting_user=eviction_caseworker)

    with run_tasks():
        retention.retention_list_approve(retention_list=retention_list, acting_user=manager)
    retention_list.refresh_from_db()
    assert retention_list.state == RetentionList.State.CULLED
    with pytest.raises(TransitionRefused):  # approved twice
        retention.retention_list_approve(retention_list=retention_list, acting_user=manager)
    for to_state in RetentionList.State.values:  # culled is the end
        with pytest.raises(TransitionRefused):
            retention.retention_list_transition(retention_list=retention_list, to_state=to_state, acting_user=None)
    assert retention.retention_list_cull(retention_list=retention_list) == 0  # the task run again does nothing


# --- a list nobody approved -------------------------------------------------------------------------------------
def test_a_list_not_approved_by_next_january_is_superseded_and_its_files_carried_over(
    client, files, manager, run_tasks
):
    from cases.tasks import build_retention_list

    old = RetentionList.objects.get(pk=build_retention_list.apply().get())
    assert old.year == 2026 and old.state == RetentionList.State.PENDING
    with _at(date(2027, 1, 5)):
        new = RetentionList.objects.get(pk=build_retention_list.apply().get())
        assert build_retention_list.apply().get() == new.pk  # the job runs every January morning

    old.refresh_from_db()
    assert new.year == 2027
    assert old.state == RetentionList.State.SUPERSEDED and old.superseded_by == new
    assert timezone.localdate(old.superseded_at) == date(2027, 1, 5)
    assert old.history.first().state == RetentionList.State.SUPERSEDED  # recorded in the list's history
    assert list(RetentionList.objects.filter(state=RetentionList.State.PENDING)) == [new]  # one list to approve
    assert _listed(old) <= _listed(new)  # every file of the old list is still due and on the new one
    assert files["not_yet"][0].pk in _listed(new)  # fell due in 2026

    with pytest.raises(TransitionRefused):  # the superseded list can no longer be approved
        retention.retention_list_approve(retention_list=old, acting_user=manager)
    client.force_login(manager)
    page = client.get(reverse("cases:retention_list"), {"ar": 2026}).content.decode()
    assert "Ersatt av en senare lista" in page and "Listan för 2027" in page
    assert "Godkänn listan och gallra" not in page

    with _at(date(2027, 1, 6)), run_tasks():
        retention.retention_list_approve(retention_list=new, acting_user=manager)
    case = files["due"][0]
    case.refresh_from_db()
    assert case.culled_at is not None
    assert Culling.objects.get(case=case).retention_list == new
    assert Culling.objects.filter(retention_list=old).count() == 0


# --- the culling log --------------------------------------------------------------------------------------------
def test_the_culling_log_pages_every_culling_and_names_no_person(client, files, manager, run_tasks, monkeypatch):
    with run_tasks():
        retention.retention_list_approve(retention_list=retention.retention_list_build(year=YEAR), acting_user=manager)
    monkeypatch.setattr(retention_views, "PER_PAGE", 1)
    client.force_login(manager)
    url = reverse("cases:culling_log")
    client.get(url)  # the process-wide caches warm

    def get(query):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        assert response.status_code == 200
        return response, len(captured)

    (first, first_queries), (second, second_queries) = get({}), get({"sida": 2})
    assert first.context["page"].paginator.count == 2
    rows = [*first.context["rows"], *second.context["rows"]]
    assert {culling.case_number for culling in rows} == {files["due"][0].number, files["due_last_day"][0].number}
    content = first.content.decode() + second.content.decode()
    for culling in rows:
        assert culling.case_number in content
    assert manager.get_full_name() in content and str(rows[0].get_record_kind_display()) in content
    assert "Qwdue" not in content and "Qwlast" not in content  # never whose file it was
    assert first_queries == second_queries <= 12  # a page costs the same queries, however deep
    assert get({"ar": YEAR})[0].context["page"].paginator.count == 2
    assert get({"ar": YEAR - 1})[0].context["page"].paginator.count == 0
    assert client.post(url).status_code == 405  # read-only


@pytest.mark.parametrize(
    "persona", ["nexus_caseworker", "housing_handler", "eviction_caseworker", "partner_vasteras", "administrator"]
)
def test_only_a_manager_reaches_the_culling_log(client, request, organisation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("cases:culling_log")).status_code == 404
    assert client.post(reverse("cases:culling_log")).status_code == 404
