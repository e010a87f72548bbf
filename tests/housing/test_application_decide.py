from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from cases.models import Deadline
from housing import services
from housing.events import HousingAction
from housing.models import ChecklistItem, Decision
from housing.workflow import ApplicationStatus
from tests.housing.conftest import approve, investigate, refer

# Built relative to today: the rules must hold on every day of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates


def test_an_approval_queues_from_the_decision_date_and_meets_the_deadline(nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker, referred_on=timezone.localdate() - timedelta(days=30))
    decided_on = timezone.localdate() - timedelta(days=2)
    decision = approve(application, housing_handler, decided_on=decided_on)
    application.refresh_from_db()
    assert decision.outcome == Decision.Outcome.APPROVED
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_on == decided_on
    deadline = Deadline.objects.get(pk=application.decision_deadline_id)
    assert (deadline.status, deadline.met_on) == (Deadline.Status.MET, decided_on)
    assert application.case.events.filter(action=HousingAction.DECISION_MADE, detail="Bifall").exists()


def test_a_rejection_is_recorded_with_its_reasons(nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker)
    investigate(application, housing_handler)
    services.application_decide(
        application=application, outcome="rejected", reasons="Sökande har redan en bostad.", acting_user=housing_handler
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decisions.get().reasons == "Sökande har redan en bostad."


def test_no_decision_before_the_whole_checklist_is_done(nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker)
    first, *rest = ChecklistItem.objects.filter(active=True)
    services.checklist_save(application=application, done={first: "Klart"}, acting_user=housing_handler)
    with pytest.raises(ValidationError, match=rest[0].label):
        services.application_decide(
            application=application, outcome="approved", reasons="Styrkt behov.", acting_user=housing_handler
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INVESTIGATING
    assert not application.decisions.exists()


def test_a_decision_needs_reasons_and_a_sensible_date(nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker, referred_on=timezone.localdate() - timedelta(days=5))
    investigate(application, housing_handler)
    for kwargs in (
        {"reasons": " "},
        {"reasons": "Ok", "decided_on": timezone.localdate() + timedelta(days=1)},
        {"reasons": "Ok", "decided_on": timezone.localdate() - timedelta(days=6)},
        {"reasons": "Ok", "outcome": "maybe"},
    ):
        with pytest.raises(ValidationError):
            services.application_decide(
                application=application, acting_user=housing_handler, **{"outcome": "approved", **kwargs}
            )
    assert not application.decisions.exists()


def test_a_nexus_caseworker_cannot_decide(nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker)
    investigate(application, housing_handler)
    with pytest.raises(ValidationError, match="Din roll"):
        services.application_decide(
            application=application, outcome="approved", reasons="Styrkt behov.", acting_user=nexus_caseworker
        )


def test_the_checklist_starts_the_investigation_and_keeps_comments(nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker)
    item = ChecklistItem.objects.filter(active=True).first()
    services.checklist_save(application=application, done={item: "Kreditupplysning tagen"}, acting_user=housing_handler)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INVESTIGATING
    assert application.checks.get().note == "Kreditupplysning tagen"
    services.checklist_save(application=application, done={}, acting_user=housing_handler)
    assert not application.checks.exists()


def test_a_withdrawal_needs_a_reason_and_closes_the_decision_deadline(nexus_caseworker):
    application = refer(nexus_caseworker)
    with pytest.raises(ValidationError):
        services.application_transition(application=application, to_status="withdrawn", acting_user=nexus_caseworker)
    services.application_transition(
        application=application,
        to_status="withdrawn",
        reason="Personen har ordnat eget boende.",
        acting_user=nexus_caseworker,
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert Deadline.objects.get(pk=application.decision_deadline_id).status == Deadline.Status.MET
