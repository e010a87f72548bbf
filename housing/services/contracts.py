"""Social contracts: start (on an accepted offer), follow up, and at the end of the trial pass to the tenant,
extend the trial, or end — with reasons. The trial's end is a deadline on the case (the one calendar), so it is
listed and shown like every other deadline.

The contract's start is the move-in: it is reported to whoever referred the applicant (`housing.handovers`) on the
start date — at the acceptance when the contract starts then or earlier, otherwise by the daily task
(`housing.tasks.report_move_ins`) — once."""

import logging
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from cases import services as case_services
from cases.services.common import record_event, save
from housing.events import HousingAction
from housing.handovers import report_move_in
from housing.models import (
    DEFAULT_TRIAL_MONTHS,
    MAX_TRIAL_MONTHS,
    MIN_TRIAL_MONTHS,
    Flat,
    FollowUp,
    HousingApplication,
    SocialContract,
    TrialChange,
)
from housing.workflow import CONTRACT
from kompotten.models import User
from kompotten.workflow import locked_state, who_is

TRIAL_LABEL = "Prövotiden slutar"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContractTerms:
    form: str = SocialContract.Form.SUBLET
    starts_on: date | None = None
    trial_months: int = DEFAULT_TRIAL_MONTHS
    guarantee_amount: int | None = None
    guarantee_from: date | None = None
    guarantee_until: date | None = None


def check_start(*, starts_on: date, offered_on: date, answered_on: date) -> None:
    """The contract starts on or after the offer, and not before the applicant said yes."""
    if starts_on < offered_on:
        raise ValidationError(
            {
                "starts_on": _("Kontraktet kan inte börja före erbjudandet (%(date)s).")
                % {"date": offered_on.isoformat()}
            }
        )
    if starts_on < answered_on:
        raise ValidationError(
            {
                "starts_on": _("Kontraktet kan inte börja före svarsdatumet (%(date)s).")
                % {"date": answered_on.isoformat()}
            }
        )


def _check_terms(terms: ContractTerms) -> None:
    if not MIN_TRIAL_MONTHS <= terms.trial_months <= MAX_TRIAL_MONTHS:
        raise ValidationError({"trial_months": _("Prövotiden är mellan 12 och 24 månader.")})
    if terms.form == SocialContract.Form.GUARANTEE:
        if not (terms.guarantee_amount and terms.guarantee_from and terms.guarantee_until):
            raise ValidationError(
                {"guarantee_amount": _("Ange hyresgarantins belopp och period när hyresgästen har kontraktet.")}
            )
        if terms.guarantee_until < terms.guarantee_from:
            raise ValidationError({"guarantee_until": _("Garantins slutdatum kan inte ligga före startdatumet.")})


@transaction.atomic
def contract_start(
    *,
    application: HousingApplication,
    flat: Flat,
    terms: ContractTerms,
    offered_on: date,
    answered_on: date,
    acting_user: User,
    today: date | None = None,
) -> SocialContract:
    """Called when an offer is accepted (`offered_on`, `answered_on`): the contract starts on `terms.starts_on`
    (by default the answer date), the trial runs from that start and its end becomes a deadline on the case. A
    contract that starts today or earlier is the move-in, reported now; a later one is reported on its start date."""
    _check_terms(terms)
    starts_on = terms.starts_on or answered_on
    check_start(starts_on=starts_on, offered_on=offered_on, answered_on=answered_on)
    guarantee = terms.form == SocialContract.Form.GUARANTEE
    contract = SocialContract(
        application=application,
        flat=flat,
        form=terms.form,
        starts_on=starts_on,
        trial_months=terms.trial_months,
        trial_ends_on=starts_on + relativedelta(months=terms.trial_months),
        guarantee_amount=terms.guarantee_amount if guarantee else None,
        guarantee_from=terms.guarantee_from if guarantee else None,
        guarantee_until=terms.guarantee_until if guarantee else None,
        created_by=acting_user,
    )
    contract.trial_deadline = case_services.deadline_set(
        case=application.case,
        label=TRIAL_LABEL,
        starts_on=starts_on,
        months=terms.trial_months,
        acting_user=acting_user,
    )
    contract.trial_ends_on = contract.trial_deadline.due_on
    save(contract, acting_user)
    record_event(application.case, HousingAction.CONTRACT_CHANGED, acting_user, contract.get_form_display())
    if starts_on <= (today or timezone.localdate()):
        _report_move_in(contract, acting_user)
    return contract


def _report_move_in(contract: SocialContract, acting_user: User) -> None:
    report_move_in(housing_case=contract.application.case, acting_user=acting_user, on=contract.starts_on)
    contract.move_in_reported_on = contract.starts_on
    save(contract, acting_user, update_fields=["move_in_reported_on"])


def contracts_report_move_ins(*, today: date) -> list[SocialContract]:
    """The daily task's work: every contract that has started by `today` and whose move-in is not yet reported is
    reported now, dated its start, each in its own transaction, in the name of the handler who registered it.
    Safe to run again: a reported contract is not reported twice; one a listener refuses is logged (by id) and
    tried again the next day. A contract ended before its start was never moved into and is not reported."""
    reported = []
    due = SocialContract.objects.filter(
        move_in_reported_on__isnull=True, starts_on__lte=today, status=SocialContract.Status.TRIAL
    )
    for pk in due.order_by("id").values_list("pk", flat=True):
        try:
            with transaction.atomic():
                contract = (
                    SocialContract.objects.select_for_update(of=("self",))
                    .select_related("application__case", "created_by")
                    .get(pk=pk)
                )
                if contract.move_in_reported_on is None:
                    _report_move_in(contract, contract.created_by)
                    reported.append(contract)
        except ValidationError:
            logger.warning("move-in of contract %s refused by a listener; tried again tomorrow", pk)
    return reported


def _locked(contract: SocialContract) -> SocialContract:
    contract = (
        SocialContract.objects.select_for_update(of=("self",))
        .select_related("application__case", "trial_deadline")
        .get(pk=contract.pk)
    )
    if contract.status != SocialContract.Status.TRIAL:
        raise ValidationError(_("Kontraktet är inte längre på prövotid."))
    return contract


@transaction.atomic
def follow_up_add(
    *,
    contract: SocialContract,
    happened_on: date,
    kind: str,
    acting_user: User,
    payment_remark: bool = False,
    disturbance_remark: bool = False,
    care_remark: bool = False,
    note: str = "",
) -> FollowUp:
    if happened_on > timezone.localdate() or happened_on < contract.starts_on:
        raise ValidationError({"happened_on": _("Datumet ska ligga mellan kontraktets start och i dag.")})
    if (payment_remark or disturbance_remark or care_remark) and not note.strip():
        raise ValidationError({"note": _("Beskriv anmärkningen.")})
    follow_up = save(
        FollowUp(
            contract=contract,
            happened_on=happened_on,
            kind=kind,
            payment_remark=payment_remark,
            disturbance_remark=disturbance_remark,
            care_remark=care_remark,
            note=note.strip(),
            by=acting_user,
        ),
        acting_user,
    )
    record_event(contract.application.case, HousingAction.CONTRACT_CHANGED, acting_user, follow_up.get_kind_display())
    return follow_up


@transaction.atomic
def contract_transition(*, contract: SocialContract, to_status: str, acting_user: User, reason: str = "", **fields):
    """The one service that moves a social contract's status, along an edge of `housing.workflow.CONTRACT`, saving
    `fields` (the closing date) with it; the reason is the contract's `closing_reason`, its history keeps who."""
    CONTRACT.check(locked_state(contract), to_status, who_is(acting_user), reason=reason)
    contract.status, contract.closing_reason = to_status, reason.strip()
    for name, value in fields.items():
        setattr(contract, name, value)
    return save(contract, acting_user, update_fields=["status", "closing_reason", *fields])


def _close(contract: SocialContract, status: str, on: date, reason: str, acting_user: User) -> SocialContract:
    contract_transition(contract=contract, to_status=status, acting_user=acting_user, reason=reason, closed_on=on)
    deadline = contract.trial_deadline
    if deadline and deadline.status != deadline.Status.MET:
        case_services.deadline_mark_met(deadline=deadline, acting_user=acting_user, on=on)
    case = contract.application.case
    record_event(case, HousingAction.CONTRACT_CHANGED, acting_user, contract.get_status_display())
    if case.closed_on is None:
        case_services.case_close(case=case, acting_user=acting_user, closed_on=on)
    return contract


@transaction.atomic
def contract_pass_to_tenant(
    *, contract: SocialContract, acting_user: User, on: date | None = None, reason: str = ""
) -> SocialContract:
    """The trial is over: the tenant takes over the first-hand contract. With remarks during the trial, only with
    a written reason."""
    contract = _locked(contract)
    on = on or timezone.localdate()
    if on < contract.trial_ends_on:
        raise ValidationError(
            _("Prövotiden slutar %(date)s. Kontraktet kan övergå först då, eller förläng eller avsluta det.")
            % {"date": contract.trial_ends_on.isoformat()}
        )
    remarks = [f for f in contract.follow_ups.all() if f.has_remarks]
    if remarks and not reason.strip():
        raise ValidationError(
            {"reason": _("Det finns anmärkningar under prövotiden. Skriv varför kontraktet ändå övergår.")}
        )
    return _close(contract, SocialContract.Status.PASSED, on, reason, acting_user)


@transaction.atomic
def contract_extend_trial(*, contract: SocialContract, months: int, reason: str, acting_user: User) -> SocialContract:
    contract = _locked(contract)
    if not reason.strip():
        raise ValidationError({"reason": _("Ange skälet till att prövotiden förlängs.")})
    total = contract.trial_months + months
    if months < 1 or total > MAX_TRIAL_MONTHS:
        raise ValidationError(
            {"months": _("Prövotiden kan förlängas till högst %(max)d månader sammanlagt.") % {"max": MAX_TRIAL_MONTHS}}
        )
    TrialChange.objects.create(
        contract=contract,
        months_before=contract.trial_months,
        months_after=total,
        reason=reason.strip(),
        by=acting_user,
    )
    new_end = contract.starts_on + relativedelta(months=total)
    if contract.trial_deadline:
        deadline = case_services.deadline_extend(
            deadline=contract.trial_deadline, new_due_on=new_end, reason=reason, acting_user=acting_user
        )
        new_end = deadline.due_on
    contract.trial_months, contract.trial_ends_on = total, new_end
    save(contract, acting_user, update_fields=["trial_months", "trial_ends_on"])
    return contract


@transaction.atomic
def contract_end(*, contract: SocialContract, reason: str, acting_user: User, on: date | None = None) -> SocialContract:
    contract = _locked(contract)
    if not reason.strip():
        raise ValidationError({"reason": _("Ange skälet till att kontraktet avslutas.")})
    return _close(contract, SocialContract.Status.ENDED, on or timezone.localdate(), reason, acting_user)
