"""Nexus's protection assessment (skyddsbedömning) of an incoming request as a record: recorded here, required by the
workflow before a hand-over to the housing unit or a rejection (`services._guard_hand_over`, `_guard_reject`), and
counted for the reports (`assessments_by_result`)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Deadline
from cases.relocation.events import RelocationAction
from cases.relocation.models import Direction, ProtectionAssessment, RelocationRequest
from cases.relocation.services import NEXUS_ASSESSMENT, actor_of
from cases.relocation.workflow import Actor, State
from cases.services.common import record_event, save
from cases.services.deadlines import deadline_mark_met
from kompotten.models import User


def latest_assessment(request: RelocationRequest) -> ProtectionAssessment | None:
    return request.assessments.select_related("assessed_by").first()


@transaction.atomic
def assessment_record(
    *,
    request: RelocationRequest,
    assessed_on: date,
    result: str,
    threat_level: str,
    reason: str,
    acting_user: User,
) -> ProtectionAssessment:
    """Records Nexus's assessment of a received request; its two-week deadline is met on the assessment's date."""
    request = RelocationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    if actor_of(acting_user, request) != Actor.NEXUS:
        raise ValidationError(_("Skyddsbedömningen görs av Nexus."))
    if request.direction != Direction.INCOMING or request.state != State.RECEIVED:
        raise ValidationError(_("Skyddsbedömningen görs på en mottagen förfrågan innan den lämnas över eller avvisas."))
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("Datumet kan inte ligga i framtiden.")})
    if request.received_on and assessed_on < request.received_on:
        raise ValidationError({"assessed_on": _("Bedömningen kan inte vara gjord innan förfrågan togs emot.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Ange en motivering till bedömningen.")})
    assessment = ProtectionAssessment(
        request=request,
        assessed_on=assessed_on,
        result=result,
        threat_level=threat_level,
        reason=reason.strip(),
        assessed_by=acting_user,
    )
    assessment.full_clean(exclude=["request", "assessed_by"])
    save(assessment, acting_user)
    record_event(request.case, RelocationAction.PROTECTION_ASSESSED, acting_user, assessment.get_result_display())
    deadline = request.case.deadlines.filter(label=NEXUS_ASSESSMENT).exclude(status=Deadline.Status.MET).first()
    if deadline is not None:
        deadline_mark_met(deadline=deadline, acting_user=acting_user, on=assessed_on)
    return assessment


def assessments_by_result(start: date, end: date) -> dict[str, int]:
    """How many requests Nexus assessed from `start` to `end` (both included), by result (the latest assessment of
    each request counts). No personal data: for the reports."""
    latest = {}
    rows = ProtectionAssessment.objects.filter(assessed_on__range=(start, end)).order_by(
        "request_id", "-assessed_on", "-id"
    )
    for request_id, result in rows.values_list("request_id", "result"):
        latest.setdefault(request_id, result)
    counts = dict.fromkeys(ProtectionAssessment.Result.values, 0)
    for result in latest.values():
        counts[result] += 1
    return counts
