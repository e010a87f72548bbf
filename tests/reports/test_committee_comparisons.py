"""What the committee compares, from known data made through the real services (2025, every figure printed:
threshold 0): seed 000's Table 1 once for Kompotten and once for Länskompotten with persons and households,
Kronofogden's breakdowns of the evictions executed (social services on the day, the children by how they live
there), the process goal's reach, and the manager's commentary kept with the run and printed in the PDF."""

from dataclasses import replace
from datetime import date

from django.urls import reverse

import pytest

from cases import services as case_services
from cases.models import CaseParty
from cases.relocation import services as relocation
from cases.relocation.models import Direction, TelephoneInquiry
from cases.relocation.workflow import State
from evictions import services as eviction_services
from evictions.models import Closure, ContactKind, Notice, ProcessGoal, RegisterCheck, RegisteredChild
from evictions.register import ChildFacts, RegisterFacts
from kompotten.models import Unit
from reports import committee, services
from reports.models import ReportKind, ReportRun, RunState
from tests.cases.relocation.world import CRITERIA
from tests.evictions.conftest import districts, notice_input, register, tenant  # noqa: F401 - fixtures
from tests.factories import PersonFactory, fresh_identity_number
from tests.reports.report_files import assert_no_leaks, file_text, normalised

START, END = date(2025, 1, 1), date(2025, 12, 31)


@pytest.fixture(autouse=True)
def _every_figure_printed(settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 0  # counting, not hiding


# --- Table 1 per network ---------------------------------------------------------------------------------------
def _request(networks, nexus, *, county, direction=Direction.INCOMING, on=date(2025, 4, 1), persons=1):
    request = relocation.request_open(
        direction=direction,
        network=networks.lanskompotten if county else networks.kompotten,
        municipality=networks.enkoping if county else networks.vasteras,
        on=on,
        acting_user=nexus,
        **CRITERIA,
    )
    roles = [CaseParty.Role.APPLICANT, CaseParty.Role.CO_APPLICANT, CaseParty.Role.CHILD, CaseParty.Role.CHILD]
    for role in roles[:persons]:
        person = PersonFactory(acting_user=nexus)
        case_services.case_add_person(case=request.case, person=person, role=role, acting_user=nexus)
    return request


def _housed_elsewhere(networks, nexus, partner, *, county, persons):
    request = _request(
        networks, nexus, county=county, direction=Direction.OUTGOING, on=date(2025, 2, 1), persons=persons
    )
    relocation.consent_record(request=request, given_on=date(2025, 2, 1), acting_user=nexus)
    for state, user, on in (
        (State.SENT, nexus, date(2025, 2, 3)),
        (State.ACCEPTED, partner, date(2025, 2, 20)),
        (State.HOUSED, nexus, date(2025, 6, 1)),
    ):
        relocation.request_transition(request=request, to_state=state, acting_user=user, on=on, reason="Skäl")


def _inquiry(networks, nexus, *, county, direction=Direction.INCOMING):
    relocation.inquiry_record(
        occurred_on=date(2025, 5, 5),
        direction=direction,
        acting_user=nexus,
        network=networks.lanskompotten if county else networks.kompotten,
        municipality=networks.enkoping if county else networks.vasteras,
        topic=TelephoneInquiry.Topic.HOUSING_SITUATION,
        stop_reason=TelephoneInquiry.StopReason.NO_FLATS,
    )


@pytest.fixture
def two_networks(networks, nexus_caseworker, partner_vasteras, partner_enkoping):
    """Kompotten: three formal requests and two calls from Västerås; one household of three persons housed there.
    Länskompotten: one formal request from Enköping; two households housed there (two persons and one), one call
    to Enköping."""
    nexus = nexus_caseworker
    for _ in range(3):
        _request(networks, nexus, county=False)
    for _ in range(2):
        _inquiry(networks, nexus, county=False)
    _housed_elsewhere(networks, nexus, partner_vasteras, county=False, persons=3)
    _request(networks, nexus, county=True)
    _housed_elsewhere(networks, nexus, partner_enkoping, county=True, persons=2)
    _housed_elsewhere(networks, nexus, partner_enkoping, county=True, persons=1)
    _inquiry(networks, nexus, county=True, direction=Direction.OUTGOING)


def _annual_report(manager, run_tasks, commentary="") -> ReportRun:
    with run_tasks():
        run = services.report_run_request(
            kind=ReportKind.ANNUAL, period_start=START, period_end=END, acting_user=manager, commentary=commentary
        )
    run.refresh_from_db()
    assert run.state == RunState.READY, run.failure_reason
    return run


def test_table_1_is_laid_out_once_for_kompotten_and_once_for_lanskompotten(two_networks, manager, run_tasks):
    text = normalised(file_text(_annual_report(manager, run_tasks)))
    kompotten = text.index("Tabell 1. Ärenden inom Kompotten som hanteras av Nexus 2025")
    lans = text.index("Tabell 1. Ärenden inom Länskompotten Uppsala län som hanteras av Nexus 2025")
    first, second = (
        (text[kompotten:lans], text[lans:]) if kompotten < lans else (text[kompotten:], text[lans:kompotten])
    )
    assert "Antal personer som fått lägenhet i Uppsala kommun 0 personer (0 hushåll)" in first
    assert "Förfrågningar från andra kommuner 3 formella förfrågningar 2 information via telefon" in first
    assert "Antal personer som fått lägenhet i annan kommun 3 personer (1 hushåll)" in first
    assert "Förfrågningar till andra kommuner 1 formella förfrågningar 0 information via telefon" in first
    assert "Förfrågningar från andra kommuner 1 formella förfrågningar 0 information via telefon" in second
    assert "Antal personer som fått lägenhet i annan kommun 3 personer (2 hushåll)" in second
    assert "Förfrågningar till andra kommuner 2 formella förfrågningar 1 information via telefon" in second
    # The summary counts households where households are counted, over both networks.
    assert "3 hushåll fick lägenhet i annan kommun" in text


# --- Kronofogden's breakdowns and the process goal --------------------------------------------------------------
def _eviction(register_notice, number, *, attended, children=(), earlier_children=()):
    """A Kronofogden eviction notice, the register checked (an earlier check superseded by a later one), the eviction
    executed on 1 August with social services there or not."""
    notice = register_notice(
        notice_input(
            received_on=date(2025, 6, 2),
            served_on=None,
            kind=Notice.Kind.EVICTION,
            sender_kind=Notice.Sender.KRONOFOGDEN,
            eviction_date=date(2025, 8, 1),
            reasons=(),
            tenants=(tenant(),),
            street_address=f"Kungsgatan {number}",
        )
    )
    file, user = notice.file, notice.registered_by
    for on, kids in ((date(2025, 6, 3), earlier_children), (date(2025, 6, 10), children)):
        facts = RegisterFacts(
            checked_on=on,
            registered_at_address=True,
            source=RegisterCheck.Source.MANUAL,
            children=tuple(ChildFacts(age, living) for age, living in kids),
        )
        eviction_services.register_check_record(file=file, facts=facts, acting_user=user)
    eviction_services.file_close(
        file=file,
        ground=Closure.Ground.EVICTION_EXECUTED,
        outcome=Closure.Outcome.EVICTED,
        children_affected=len(children),
        social_services_attended=attended,
        closed_on=date(2025, 8, 1),
        acting_user=user,
    )


def test_kronofogden_s_breakdowns_of_the_evictions_executed(register):  # noqa: F811
    living = RegisteredChild.Living
    _eviction(
        register,
        1,
        attended=True,
        children=((5, living.PERMANENT), (8, living.ALTERNATE)),
        earlier_children=((2, living.PERMANENT), (3, living.PERMANENT), (4, living.PERMANENT)),
    )
    _eviction(register, 2, attended=True, children=((10, living.VISITING), (12, living.PERMANENT)))
    _eviction(register, 3, attended=False)
    evictions = committee.sections(START, END).evictions
    attendance = {str(row.label): row.cells[0].text for row in evictions["attendance"]}
    assert attendance["Socialtjänsten var på plats"] == "2"
    assert attendance["Socialtjänsten var inte på plats"] == "1"
    # The latest register check of each evicted file: the earlier check's three children are not counted again.
    children = {str(row.label): row.cells[0].text for row in evictions["children_by_living"]}
    assert (children["Bor stadigvarande"], children["Bor växelvis"], children["Umgänge"]) == ("2", "1", "1")


def test_the_process_goal_s_reach_counts_the_steps_done_before_the_recovery_period_ended(
    register,  # noqa: F811
    eviction_caseworker,
):
    """Goal: a call and a home visit for every household. Served 10 March 2025, so the recovery period ends 31 March:
    one household had both in time, one only the call, one the visit in April; one whose period ended in 2024."""
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    user = eviction_caseworker
    steps = [ContactKind.CALL, ContactKind.HOME_VISIT]
    eviction_services.process_goal_set(unit=unit, target=ProcessGoal.Target.ALL, steps=steps, acting_user=user)
    base = notice_input(received_on=date(2025, 3, 11), served_on=date(2025, 3, 10))
    visits = {1: date(2025, 3, 20), 2: None, 3: date(2025, 4, 15)}
    for number, visit_on in visits.items():
        file = register(replace(base, tenants=(tenant(),), street_address=f"Dragarbrunnsgatan {number}")).file
        eviction_services.contact_log(file=file, kind=ContactKind.CALL, happened_on=date(2025, 3, 12), acting_user=user)
        if visit_on:
            eviction_services.contact_log(
                file=file, kind=ContactKind.HOME_VISIT, happened_on=visit_on, acting_user=user
            )
    register(
        replace(
            base,
            received_on=date(2024, 3, 11),
            served_on=date(2024, 3, 10),
            tenants=(tenant(),),
            street_address="Dragarbrunnsgatan 9",
        )
    )
    [row] = committee.sections(START, END).evictions["process_goal"]
    assert str(row.label) == "Alla hushåll"
    assert [cell.text for cell in row.cells[:2]] == ["3", "1"]
    assert row.cells[2].value == pytest.approx(1 / 3)


# --- the commentary ---------------------------------------------------------------------------------------------
COMMENTARY = "Fler hushåll nåddes i tid i år.\nNämnden bör följa upp kontakttrappan."


def test_the_commentary_is_kept_with_the_run_and_printed_in_the_pdf(client, manager, run_tasks):
    client.force_login(manager)
    with run_tasks():
        response = client.post(
            reverse("reports:run_create"),
            {"kind": "annual", "arsrapport-year": 2025, "arsrapport-commentary": COMMENTARY},
        )
    run = ReportRun.objects.get()
    assert response.url == reverse("reports:run_detail", args=[run.pk])
    assert run.commentary == COMMENTARY and run.state == RunState.READY, run.failure_reason
    text = normalised(file_text(run))
    section = text.index("Kommentar till nämnden")
    assert text.index("Sammanfattning") < section < text.index("Jämfört med föregående år")
    assert normalised(COMMENTARY) in text[section:]


def test_a_commentary_with_a_personal_identity_number_is_refused_at_the_form(client, manager):
    written = f"Hushållet med {fresh_identity_number()} avhystes trots allt."
    client.force_login(manager)
    response = client.post(
        reverse("reports:run_create"), {"kind": "annual", "arsrapport-year": 2025, "arsrapport-commentary": written}
    )
    assert response.status_code == 400 and not ReportRun.objects.exists()
    page = response.content.decode()
    assert "Kommentar till nämnden får inte innehålla personnummer" in page
    assert written in page  # the manager's text is kept to be corrected


def test_the_leak_check_over_report_files_reads_the_commentary(manager, nexus_caseworker, run_tasks):
    """A name written in the commentary is caught by the check every test's report files go through."""
    person = PersonFactory(acting_user=nexus_caseworker, given_name="Eskil", family_name="Blomqvistsson")
    run = _annual_report(manager, run_tasks, commentary=f"Tack till {person.given_name} {person.family_name}.")
    with pytest.raises(AssertionError):
        assert_no_leaks()
    run.delete()  # the test's own report leaves no leak behind for the check after it


# --- Nexus's protection assessments --------------------------------------------------------------------------------
def test_the_relocation_section_counts_nexus_assessments_by_result(networks, nexus_caseworker, settings):
    from tests.cases.relocation.world import assess, open_request

    for on, confirmed in ((date(2025, 3, 3), True), (date(2025, 5, 5), True), (date(2025, 6, 2), False)):
        assess(open_request(networks, nexus_caseworker, on=on), nexus_caseworker, confirmed=confirmed, on=on)
    reassessed = open_request(networks, nexus_caseworker, on=date(2025, 9, 1))
    assess(reassessed, nexus_caseworker, confirmed=False, on=date(2025, 9, 2))
    assess(reassessed, nexus_caseworker, on=date(2025, 9, 9))  # the latest assessment of a request counts
    assess(open_request(networks, nexus_caseworker, on=date(2024, 12, 2)), nexus_caseworker, on=date(2024, 12, 3))
    rows = committee.sections(START, END).relocation["assessments"]
    assert [(str(row.label), row.cells[0].text) for row in rows] == [
        ("Skyddsbehov bekräftat", "3"),
        ("Skyddsbehov inte bekräftat", "1"),
    ]
    settings.REPORTS_DISCLOSURE_THRESHOLD = 3  # as the report leaves the unit: both are small counts
    rows = committee.sections(START, END).relocation["assessments"]
    assert [row.cells[0].text for row in rows] == ["≤3", "≤3"]
