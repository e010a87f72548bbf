"""Nexus's protection assessment as a record: required before the hand-over to the housing unit or a rejection,
shown to our staff and the housing unit (never the reason to the partner), counted for the reports; the assessment
deadline rests while the request waits for new consent; an outgoing request gives the partner the network's weeks
to answer."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.calendar import next_working_day
from cases.models import Deadline
from cases.relocation import services as relocation
from cases.relocation.assessment import assessments_by_result
from cases.relocation.models import Direction, ProtectionAssessment
from cases.relocation.services import NEXUS_ASSESSMENT, PARTNER_ANSWER
from cases.relocation.workflow import State
from tests.cases.relocation.world import assess, open_request, request_in_state


@pytest.fixture
def users(nexus_caseworker, partner_vasteras, housing_handler):
    return {"nexus": nexus_caseworker, "partner": partner_vasteras, "housing": housing_handler}


REASON = "Polisens riskbedömning visar en allvarlig hotbild mot henne."


def page_of(client, user, request) -> str:
    client.force_login(user)
    return client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()


def test_hand_over_and_rejection_are_refused_until_nexus_has_assessed(networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker)
    with pytest.raises(ValidationError, match="Registrera Nexus skyddsbedömning innan förfrågan lämnas"):
        relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker)
    with pytest.raises(ValidationError, match="Registrera Nexus skyddsbedömning innan förfrågan avvisas"):
        relocation.request_transition(
            request=request, to_state=State.REJECTED_BY_NEXUS, reason="Inget skyddsbehov.", acting_user=nexus_caseworker
        )
    request.refresh_from_db()
    assert request.state == State.RECEIVED and request.housing_case is None


def test_a_need_not_confirmed_may_be_rejected_but_not_handed_over(networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker)
    assess(request, nexus_caseworker, confirmed=False)
    with pytest.raises(ValidationError, match="bekräftade inget skyddsbehov"):
        relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker)
    rejected = relocation.request_transition(
        request=request, to_state=State.REJECTED_BY_NEXUS, reason="Inget skyddsbehov.", acting_user=nexus_caseworker
    )
    assert rejected.state == State.REJECTED_BY_NEXUS


def test_nexus_records_the_assessment_on_the_request_page_and_the_housing_unit_reads_it(
    client, networks, nexus_caseworker, partner_vasteras
):
    request = open_request(networks, nexus_caseworker)
    assert "Registrera skyddsbedömning" in page_of(client, nexus_caseworker, request)
    url = reverse("cases:relocation_assessment_add", args=[request.case.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {"assessed_on": tomorrow, "result": "confirmed", "threat_level": "serious_threats", "reason": REASON}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Datumet kan inte ligga i framtiden." in refused.content.decode()
    assert REASON in refused.content.decode()  # the form keeps what she wrote
    assert client.post(url, {**data, "reason": ""}).content.decode().count("Ange en motivering") >= 1
    response = client.post(url, {**data, "assessed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    deadline = request.case.deadlines.get(label=NEXUS_ASSESSMENT)
    assert deadline.status == Deadline.Status.MET and deadline.met_on == timezone.localdate()

    ours = page_of(client, nexus_caseworker, request)
    assert 'data-testid="assessment"' in ours and "Skyddsbehov bekräftat" in ours and "Allvarliga hot" in ours
    assert REASON in ours
    partner = page_of(client, partner_vasteras, request)
    assert 'data-testid="assessment"' not in partner and REASON not in partner and "Allvarliga hot" not in partner

    handed = relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker)
    background = handed.housing_case.housing_application.background
    assert "Skyddsbehov bekräftat, hotbild: Allvarliga hot" in background and REASON not in background


def test_only_nexus_assesses(client, networks, nexus_caseworker, partner_vasteras):
    request = open_request(networks, nexus_caseworker)
    client.force_login(partner_vasteras)
    assert client.get(reverse("cases:relocation_assessment_add", args=[request.case.pk])).status_code in (403, 404)
    assert not ProtectionAssessment.objects.exists()


def test_the_reports_count_assessments_by_result_in_a_period(networks, nexus_caseworker):
    first = open_request(networks, nexus_caseworker, on=date(2026, 3, 2))
    assess(first, nexus_caseworker, confirmed=False, on=date(2026, 3, 5))
    assess(first, nexus_caseworker, on=date(2026, 3, 9))  # reassessed: the latest counts
    second = open_request(networks, nexus_caseworker, on=date(2026, 4, 1))
    assess(second, nexus_caseworker, confirmed=False, on=date(2026, 4, 3))
    outside = open_request(networks, nexus_caseworker, on=date(2026, 6, 1))
    assess(outside, nexus_caseworker, on=date(2026, 6, 2))
    assert assessments_by_result(date(2026, 1, 1), date(2026, 5, 31)) == {"confirmed": 1, "not_confirmed": 1}


@pytest.mark.dates  # deadlines counted from today move off weekends and holidays
def test_the_assessment_deadline_rests_while_consent_is_revoked_and_resumes_with_the_days_left(
    networks, nexus_caseworker
):
    today = timezone.localdate()
    request = open_request(networks, nexus_caseworker, on=today - timedelta(days=8))
    deadline = request.case.deadlines.get(label=NEXUS_ASSESSMENT)
    due_before = deadline.due_on
    consent = relocation.consent_record(
        request=request, given_on=today - timedelta(days=8), acting_user=nexus_caseworker
    )
    relocation.consent_revoke(consent=consent, acting_user=nexus_caseworker, on=today - timedelta(days=6))
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.PAUSED and deadline.paused_on == today - timedelta(days=6)

    relocation.consent_record(request=request, given_on=today, acting_user=nexus_caseworker)
    deadline.refresh_from_db()
    request.refresh_from_db()
    assert request.state == State.RECEIVED
    assert deadline.status == Deadline.Status.RUNNING
    assert deadline.due_on == next_working_day(due_before + timedelta(days=6))


@pytest.mark.dates  # deadlines counted from today move off weekends and holidays
def test_an_outgoing_request_gives_the_partner_the_networks_weeks_to_answer(client, networks, users, nexus_caseworker):
    networks.kompotten.answer_weeks = 3
    networks.kompotten.save()
    sent = request_in_state(networks, State.SENT, Direction.OUTGOING, users)
    answer = sent.case.deadlines.get(label=PARTNER_ANSWER)
    assert answer.status == Deadline.Status.RUNNING
    assert answer.due_on == next_working_day(sent.sent_on + timedelta(weeks=3))
    page = page_of(client, nexus_caseworker, sent)
    assert f"{PARTNER_ANSWER}: {answer.due_on.isoformat()}" in page

    accepted = relocation.request_transition(request=sent, to_state=State.ACCEPTED, acting_user=users["partner"])
    answer.refresh_from_db()
    assert answer.status == Deadline.Status.MET and answer.met_on == accepted.answered_on


def test_the_partners_answer_deadline_rests_while_consent_is_revoked(networks, users):
    on_hold = request_in_state(networks, State.ON_HOLD, Direction.OUTGOING, users)
    answer = on_hold.case.deadlines.get(label=PARTNER_ANSWER)
    assert answer.status == Deadline.Status.PAUSED
