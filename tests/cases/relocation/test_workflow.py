"""Every allowed and every refused move of both workflow tables, with who may make it."""

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from cases.models import Deadline
from cases.relocation import services as relocation
from cases.relocation.models import Direction, RelocationTransition
from cases.relocation.workflow import WORKFLOWS, Actor, State, resumable
from tests.cases.relocation.world import assess, request_in_state

ACTOR_PERSONA = {Actor.NEXUS: "nexus", Actor.PARTNER: "partner", Actor.HOUSING: "housing"}
STARTS = {  # states a test can reach, per direction
    Direction.INCOMING: [State.RECEIVED, State.HANDED_OVER],
    Direction.OUTGOING: [State.PREPARED, State.SENT, State.ACCEPTED, State.HOUSED],
}


@pytest.fixture
def users(nexus_caseworker, partner_vasteras, housing_handler, partner_enkoping, eviction_caseworker):
    return {
        "nexus": nexus_caseworker,
        "partner": partner_vasteras,
        "housing": housing_handler,
        "other_partner": partner_enkoping,
        "eviction": eviction_caseworker,
    }


TRANSITIONS = {
    (direction, start, end): rule
    for direction, workflow in WORKFLOWS.items()
    for (start, end), rule in workflow.edges.items()
}
ALLOWED = [(direction, start, end, rule) for (direction, start, end), rule in TRANSITIONS.items()]
# Back from the hold on revoked consent: only new consent makes the move, to the state the request rested in.
RESUMES = {(direction, State.ON_HOLD, state) for direction in WORKFLOWS for state in resumable(direction)}


@pytest.mark.parametrize(
    ("direction", "start", "end", "rule"), ALLOWED, ids=[f"{d}:{s}->{e}" for d, s, e, _ in ALLOWED]
)
def test_every_allowed_move_is_made_by_its_owner_and_recorded(networks, users, direction, start, end, rule):
    if (direction, start, end) in RESUMES:
        request = request_in_state(networks, start, direction, users, rested_in=end)
        relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=users["nexus"])
        last = RelocationTransition.objects.filter(request=request).last()
        assert (last.from_state, last.to_state, last.by) == (start, end, users["nexus"])
        assert last.reason == "Nytt samtycke registrerat."
        return
    for actor in sorted(rule.who):
        request = request_in_state(networks, start, direction, users)
        if end == State.SENT:
            relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=users["nexus"])
        if end in (State.HANDED_OVER, State.REJECTED_BY_NEXUS):  # the assessment both require
            assess(request, users["nexus"], confirmed=end == State.HANDED_OVER)
        reason = "Personen har hittat eget boende." if rule.needs_reason else ""
        user = users[ACTOR_PERSONA[actor]]
        moved = relocation.request_transition(request=request, to_state=end, acting_user=user, reason=reason)
        assert moved.state == end
        last = RelocationTransition.objects.filter(request=request).last()
        assert (last.from_state, last.to_state, last.by, last.reason) == (start, end, user, reason)


@pytest.mark.parametrize(("direction", "start", "end", "rule"), ALLOWED)
def test_every_allowed_move_is_refused_to_the_other_sides_and_changes_nothing(
    networks, users, direction, start, end, rule
):
    request = request_in_state(networks, start, direction, users)
    outsiders = [persona for actor, persona in ACTOR_PERSONA.items() if actor not in rule.who]
    for persona in [*outsiders, "other_partner", "eviction"]:
        with pytest.raises(ValidationError):
            relocation.request_transition(request=request, to_state=end, acting_user=users[persona], reason="Skäl")
        request.refresh_from_db()
        assert request.state == start


REFUSED = [
    (direction, start, end)
    for direction, starts in STARTS.items()
    for start in starts
    for end in State
    if (direction, start, end) not in TRANSITIONS
]


@pytest.mark.parametrize(("direction", "start", "end"), REFUSED, ids=[f"{d}:{s}->{e}" for d, s, e in REFUSED])
def test_a_move_not_in_the_table_is_refused_with_a_message_and_changes_nothing(networks, users, direction, start, end):
    request = request_in_state(networks, start, direction, users)
    transitions = request.transitions.count()
    with pytest.raises(ValidationError, match="kan inte bli"):
        relocation.request_transition(request=request, to_state=end, acting_user=users["nexus"], reason="Skäl")
    request.refresh_from_db()
    assert request.state == start and request.transitions.count() == transitions


def test_a_move_that_needs_a_reason_is_refused_without_one(networks, users):
    request = request_in_state(networks, State.RECEIVED, Direction.INCOMING, users)
    with pytest.raises(ValidationError, match="Ange ett skäl"):
        relocation.request_transition(request=request, to_state=State.REJECTED_BY_NEXUS, acting_user=users["nexus"])


def test_an_outgoing_request_cannot_be_sent_without_consent_and_can_after(networks, users):
    request = request_in_state(networks, State.PREPARED, Direction.OUTGOING, users)
    with pytest.raises(ValidationError, match="samtycke"):
        relocation.request_transition(request=request, to_state=State.SENT, acting_user=users["nexus"])
    consent = relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=users["nexus"])
    relocation.consent_revoke(consent=consent, acting_user=users["nexus"])
    with pytest.raises(ValidationError, match="samtycke"):
        relocation.request_transition(request=request, to_state=State.SENT, acting_user=users["nexus"])
    relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=users["nexus"])
    sent = relocation.request_transition(request=request, to_state=State.SENT, acting_user=users["nexus"])
    assert sent.state == State.SENT and sent.sent_on == timezone.localdate()


def test_handing_over_meets_the_nexus_deadline_and_opens_a_housing_application_with_its_three_months(networks, users):
    request = request_in_state(networks, State.RECEIVED, Direction.INCOMING, users)
    assess(request, users["nexus"], on=timezone.localdate())
    handed = relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=users["nexus"])
    assert Deadline.objects.get(case=request.case).status == Deadline.Status.MET
    application = handed.housing_case.housing_application
    assert application.referral_kind == "relocation" and application.referring_municipality == networks.vasteras
    assert application.case.parties.get().person == request.case.parties.get().person
    decision = application.decision_deadline
    assert decision.status == Deadline.Status.RUNNING and decision.starts_on == timezone.localdate()


def test_a_request_ended_after_hand_over_withdraws_the_application_still_being_investigated(networks, users):
    request = request_in_state(networks, State.HANDED_OVER, Direction.INCOMING, users)
    relocation.request_transition(
        request=request, to_state=State.DECLINED_BY_PERSON, acting_user=users["nexus"], reason="Vill stanna."
    )
    request.refresh_from_db()
    assert request.housing_case.housing_application.status == "withdrawn"


def test_the_applicant_moving_in_through_the_housing_unit_houses_the_request(networks, users):
    request = request_in_state(networks, State.HANDED_OVER, Direction.INCOMING, users)
    relocation.housing_moved_in(housing_case=request.housing_case, acting_user=users["housing"])
    request.refresh_from_db()
    assert request.state == State.HOUSED and request.housed_on == timezone.localdate()
    assert request.case.closed_on == timezone.localdate()


def test_a_final_state_closes_the_case_and_its_deadlines(networks, users):
    request = request_in_state(networks, State.RECEIVED, Direction.INCOMING, users)
    relocation.request_transition(
        request=request, to_state=State.WITHDRAWN, acting_user=users["partner"], reason="Personen har flyttat själv."
    )
    request.case.refresh_from_db()
    assert request.case.closed_on == timezone.localdate()
    assert not request.case.deadlines.exclude(status=Deadline.Status.MET).exists()
