"""Deadlines on the lag (1930:173) calendar: set, pause (with reason), resume, extend (with reason), mark met."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.calendar import next_working_day, statutory_due_date, working_days_ahead
from cases.models import Case, CaseEvent, Deadline, DeadlineChange
from cases.outbound import Channel, check_outbound_text
from cases.services.common import record_event, save
from kompotten.models import User


def _locked(deadline: Deadline) -> Deadline:
    """The deadline locked, with its case (for the timeline line) read in the same query but not locked."""
    return Deadline.objects.select_for_update(of=("self",)).select_related("case").get(pk=deadline.pk)


def _change(deadline: Deadline, action, reason: str, before: date, acting_user: User) -> None:
    DeadlineChange.objects.create(
        deadline=deadline,
        action=action,
        reason=reason,
        due_on_before=before,
        due_on_after=deadline.due_on,
        changed_by=acting_user,
    )


def _require_reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": _("Ange ett skäl. Det sparas i ärendets historik.")})
    return reason.strip()


@transaction.atomic
def deadline_set(
    *,
    case: Case,
    label: str,
    starts_on: date,
    acting_user: User,
    days: int = 0,
    weeks: int = 0,
    months: int = 0,
    max_extensions: int | None = None,
) -> Deadline:
    """A deadline `days/weeks/months` after `starts_on`, moved to the next working day as lag (1930:173) says;
    `max_extensions` caps how often it may be extended (None: no cap)."""
    deadline = deadline_new(
        case=case,
        label=label,
        starts_on=starts_on,
        days=days,
        weeks=weeks,
        months=months,
        max_extensions=max_extensions,
    )
    save(deadline, acting_user)
    record_event(case, CaseEvent.Action.DEADLINE_SET, acting_user, deadline_set_detail(deadline))
    return deadline


def deadline_new(
    *,
    case: Case,
    label: str,
    starts_on: date,
    days: int = 0,
    weeks: int = 0,
    months: int = 0,
    working_days: int = 0,
    max_extensions: int | None = None,
) -> Deadline:
    """The deadline `deadline_set` saves, not yet saved (for services that write many rows at once). `working_days`:
    the so-many-th working day after `starts_on` instead (a reminder, not a statutory period)."""
    if not (days or weeks or months or working_days):
        raise ValidationError(_("Ange fristens längd."))
    if working_days:
        due_on = working_days_ahead(starts_on, working_days)
    else:
        due_on = statutory_due_date(starts_on, days=days, weeks=weeks, months=months)
    return Deadline(
        case=case,
        label=label,
        starts_on=starts_on,
        due_on=due_on,
        original_due_on=due_on,
        max_extensions=max_extensions,
    )


def deadline_set_detail(deadline: Deadline) -> str:
    """The timeline's line for a new deadline."""
    return f"{deadline.label}: {deadline.due_on.isoformat()}"


@transaction.atomic
def deadline_pause(*, deadline: Deadline, reason: str, acting_user: User, on: date | None = None) -> Deadline:
    deadline = _locked(deadline)
    if deadline.status != Deadline.Status.RUNNING:
        raise ValidationError(_("Bara en löpande frist kan pausas."))
    reason = _require_reason(reason)
    if deadline.case.partners.exists() and not acting_user.is_partner:  # the partner reads why it waits
        check_outbound_text(case=deadline.case, fields={"reason": reason}, channel=Channel.PARTNER_READS)
    deadline.status, deadline.paused_on = Deadline.Status.PAUSED, on or timezone.localdate()
    save(deadline, acting_user, update_fields=["status", "paused_on"])
    _change(deadline, DeadlineChange.Action.PAUSED, reason, deadline.due_on, acting_user)
    record_event(deadline.case, CaseEvent.Action.DEADLINE_PAUSED, acting_user, deadline.label)
    return deadline


@transaction.atomic
def deadline_resume(*, deadline: Deadline, acting_user: User, reason: str = "", on: date | None = None) -> Deadline:
    """The paused days are added to the deadline, which then moves to a working day if it must."""
    deadline = _locked(deadline)
    if deadline.status != Deadline.Status.PAUSED:
        raise ValidationError(_("Fristen är inte pausad."))
    on = on or timezone.localdate()
    before = deadline.due_on
    paused_days = max((on - deadline.paused_on).days, 0)
    deadline.due_on = next_working_day(before + timedelta(days=paused_days))
    deadline.status, deadline.paused_on = Deadline.Status.RUNNING, None
    save(deadline, acting_user, update_fields=["status", "paused_on", "due_on"])
    _change(deadline, DeadlineChange.Action.RESUMED, reason.strip(), before, acting_user)
    record_event(deadline.case, CaseEvent.Action.DEADLINE_RESUMED, acting_user, f"{deadline.label}: {deadline.due_on}")
    return deadline


def extensions_used(deadline: Deadline) -> int:
    return deadline.changes.filter(action=DeadlineChange.Action.EXTENDED).count()


@transaction.atomic
def deadline_extend(*, deadline: Deadline, new_due_on: date, reason: str, acting_user: User) -> Deadline:
    deadline = _locked(deadline)
    if deadline.status == Deadline.Status.MET:
        raise ValidationError(_("En klar frist kan inte förlängas."))
    if deadline.max_extensions is not None and extensions_used(deadline) >= deadline.max_extensions:
        raise ValidationError(
            _("Fristen är redan förlängd och får inte förlängas igen. Pausa den i stället om ni väntar på något.")
        )
    reason = _require_reason(reason)
    new_due_on = next_working_day(new_due_on)
    if new_due_on <= deadline.due_on:
        raise ValidationError({"new_due_on": _("Det nya datumet måste vara senare än nuvarande sista dag.")})
    before, deadline.due_on = deadline.due_on, new_due_on
    save(deadline, acting_user, update_fields=["due_on"])
    _change(deadline, DeadlineChange.Action.EXTENDED, reason, before, acting_user)
    record_event(deadline.case, CaseEvent.Action.DEADLINE_EXTENDED, acting_user, f"{deadline.label}: {new_due_on}")
    return deadline


@transaction.atomic
def deadline_mark_met(*, deadline: Deadline, acting_user: User, on: date | None = None) -> Deadline:
    deadline = _locked(deadline)
    if deadline.status == Deadline.Status.MET:
        raise ValidationError(_("Fristen är redan klar."))
    _mark_met(deadline, acting_user, on or timezone.localdate())
    return deadline


@transaction.atomic
def deadlines_mark_met(*, deadlines: QuerySet[Deadline], acting_user: User, on: date | None = None) -> list[Deadline]:
    """`deadline_mark_met` for each deadline of `deadlines` not met yet, locked in one query (a closing file marks
    all its running deadlines met, a contact with the household its follow-up reminders)."""
    on = on or timezone.localdate()
    running = list(deadlines.exclude(status=Deadline.Status.MET).select_for_update(of=("self",)).select_related("case"))
    for deadline in running:
        _mark_met(deadline, acting_user, on)
    return running


def _mark_met(deadline: Deadline, acting_user: User, on: date) -> None:
    deadline.status, deadline.met_on, deadline.paused_on = Deadline.Status.MET, on, None
    save(deadline, acting_user, update_fields=["status", "met_on", "paused_on"])
    _change(deadline, DeadlineChange.Action.MET, "", deadline.due_on, acting_user)
    record_event(deadline.case, CaseEvent.Action.DEADLINE_MET, acting_user, deadline.label)
