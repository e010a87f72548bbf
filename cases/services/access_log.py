"""Emergency access (nödåtkomst) and the managers' review of the access log."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import access as grants
from cases.models import AccessLogEntry, AccessReview, CaseParty, EmergencyAccess
from cases.services.common import save
from kompotten.models import Municipality, User

MIN_REASON_LENGTH = 10


def emergency_access_duration() -> timedelta:
    return timedelta(minutes=getattr(settings, "EMERGENCY_ACCESS_MINUTES", 120))


@transaction.atomic
def emergency_access_open(
    *, party: CaseParty, reason: str, acting_user: User, ip_address: str | None = None
) -> EmergencyAccess:
    """Opens a masked person in a case for a caseworker on duty without a grant (or for a manager, who sees no
    identity without one): time-limited, logged with the reason, and shown to the managers until one marks it
    reviewed."""
    if acting_user.partner_municipality_id or not acting_user.unit_id:
        raise PermissionDenied
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Beskriv skälet till nödåtkomsten med minst %(count)d tecken.") % {"count": MIN_REASON_LENGTH}}
        )
    now = timezone.now()
    access = EmergencyAccess(
        user=acting_user,
        person=party.person,
        case=party.case,
        reason=reason,
        started_at=now,
        expires_at=now + emergency_access_duration(),
    )
    save(access, acting_user)
    grants.record_emergency_access(access)
    AccessLogEntry.objects.create(
        user=acting_user,
        person=party.person,
        case=party.case,
        action=AccessLogEntry.Action.EMERGENCY_ACCESS,
        what=party.case.number,
        grant=AccessLogEntry.Grant.EMERGENCY,
        ip_address=ip_address,
        reason=reason,
    )
    return access


@transaction.atomic
def emergency_access_mark_reviewed(*, access: EmergencyAccess, note: str, acting_user: User) -> EmergencyAccess:
    access = EmergencyAccess.objects.select_for_update().get(pk=access.pk)
    if access.reviewed_at:
        raise ValidationError(_("Nödåtkomsten är redan granskad."))
    access.reviewed_by, access.reviewed_at, access.review_note = acting_user, timezone.now(), note.strip()
    return save(access, acting_user, update_fields=["reviewed_by", "reviewed_at", "review_note"])


@transaction.atomic
def access_review_record(
    *, municipality: Municipality, period_start: date, period_end: date, findings: str, acting_user: User
) -> AccessReview:
    if period_end < period_start:
        raise ValidationError({"period_end": _("Periodens slut måste komma efter dess början.")})
    if not findings.strip():
        raise ValidationError({"findings": _("Skriv vad granskningen visade, även om inget avvikande hittades.")})
    review = AccessReview(
        reviewer=acting_user,
        municipality=municipality,
        period_start=period_start,
        period_end=period_end,
        findings=findings.strip(),
    )
    return save(review, acting_user)
