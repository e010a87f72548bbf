"""Offers of flats to queued applicants: make, accept, decline.

`offer_make` locks the flat, then the application: two handlers offering the same flat at once cannot both
succeed (the second finds it offered), and an applicant has at most one open offer (checked here, and held by a
database constraint). The queue as it stood is stored with the offer; skipping someone ahead in the queue needs a
written reason, and so does taking a flat from an empty pool.
"""

from dataclasses import replace
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import CaseParty
from cases.services.common import record_event, save
from housing import queue
from housing.events import HousingAction
from housing.models import DeclineReason, Flat, HousingApplication, Offer
from housing.services.applications import _move
from housing.services.contracts import ContractTerms, check_start, contract_start
from housing.services.stock import flat_let, flat_transition, pool_take, pool_year
from housing.workflow import OFFER, ApplicationStatus
from kompotten.models import User
from kompotten.workflow import locked_state, who_is


def _require_reason(field: str, text: str, message: str) -> None:
    if not text.strip():
        raise ValidationError({field: message})


@transaction.atomic
def offer_make(
    *,
    flat: Flat,
    application: HousingApplication,
    answer_by: date,
    acting_user: User,
    offered_on: date | None = None,
    out_of_order_reason: str = "",
    pool_override_reason: str = "",
    today: date | None = None,
) -> Offer:
    today = today or timezone.localdate()
    offered_on = offered_on or today
    if offered_on > today:
        raise ValidationError({"offered_on": _("”Erbjudet” kan inte ligga i framtiden.")})
    flat = Flat.objects.select_for_update(of=("self",)).select_related("pool").get(pk=flat.pk)
    application = (
        HousingApplication.objects.select_for_update(of=("self",)).select_related("case").get(pk=application.pk)
    )
    if flat.status != Flat.Status.AVAILABLE:
        raise ValidationError(
            _("Lägenheten är inte ledig: den är %(status)s.") % {"status": flat.get_status_display().lower()}
        )  # noqa: E501
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("Bara sökande som står i kön kan få erbjudanden."))
    if answer_by < offered_on:
        raise ValidationError({"answer_by": _("Sista svarsdag kan inte ligga före erbjudandet.")})
    if application.decided_on and offered_on < application.decided_on:
        raise ValidationError(
            {
                "offered_on": _("Erbjudandet kan inte ligga före beslutet om bostad (%(date)s).")
                % {"date": application.decided_on.isoformat()}
            }
        )
    if queue.for_no_applicant(flat):
        raise ValidationError(str(queue.LET_TO_THE_SHELTER))
    if not queue.serves_from_pool(flat, application):
        raise ValidationError(
            _(
                "Lägenheten hör till reservationspotten ”%(pool)s”, som bara är för sökande som lämnats över från en "
                "förflyttningsförfrågan från en samverkanskommun. Den här ansökan kom genom remissformuläret."
            )
            % {"pool": flat.pool.name}
        )
    if queue.avoids(application, flat):
        raise ValidationError(_("Lägenheten ligger i ett område som sökande ska undvika. Den kan inte erbjudas."))
    flat_match = queue.match_flat(flat, HousingApplication.objects.all())
    match = next((m for m in flat_match.matches if m.application.pk == application.pk), None)
    if match is None or not match.fits:
        fails = match.fails if match else [_("Sökande står inte i kön.")]
        raise ValidationError(_("Lägenheten passar inte: %(fails)s") % {"fails": " ".join(fails)})
    first = flat_match.proposals[0]
    out_of_order = first.application.pk != application.pk
    if out_of_order:
        _require_reason(
            "out_of_order_reason",
            out_of_order_reason,
            _("Sökande på plats %(first)d går före i kön. Skriv varför lägenheten erbjuds plats %(this)d i stället.")
            % {"first": first.position, "this": match.position},
        )
    if flat.pool_id and pool_year(flat.pool, offered_on.year).left <= 0:
        _require_reason(
            "pool_override_reason",
            pool_override_reason,
            _("Potten ”%(pool)s” har inga lägenheter kvar %(year)d. Skriv skälet att ändå ta lägenheten ur potten.")
            % {"pool": flat.pool.name, "year": offered_on.year},
        )
    offer = save(
        Offer(
            application=application,
            flat=flat,
            offered_on=offered_on,
            answer_by=answer_by,
            position=match.position,
            out_of_order_reason=out_of_order_reason.strip() if out_of_order else "",
            pool_override_reason=pool_override_reason.strip(),
            queue_snapshot=queue.snapshot(flat_match, application, offered_on),
            made_by=acting_user,
        ),
        acting_user,
    )
    flat_transition(flat=flat, to_status=Flat.Status.OFFERED, acting_user=acting_user)
    detail = _("Plats %(n)d i kön") % {"n": match.position} + (_(", utanför turordning") if out_of_order else "")
    record_event(application.case, HousingAction.OFFER_MADE, acting_user, detail)
    return offer


@transaction.atomic
def offer_transition(*, offer: Offer, to_status: str, acting_user: User, **fields) -> Offer:
    """The one service that moves an offer's status, along an edge of `housing.workflow.OFFER`, saving `fields`
    (the answer) with it. The offer's history keeps who and when."""
    OFFER.check(locked_state(offer), to_status, who_is(acting_user))
    offer.status = to_status
    for name, value in fields.items():
        setattr(offer, name, value)
    return save(offer, acting_user, update_fields=["status", *fields])


def _locked_open(offer: Offer) -> Offer:
    offer = (
        Offer.objects.select_for_update(of=("self",)).select_related("application__case", "flat__pool").get(pk=offer.pk)
    )
    if offer.status != Offer.Status.OPEN:
        raise ValidationError(_("Erbjudandet är redan besvarat."))
    return offer


def _locked_application(offer: Offer) -> HousingApplication:
    application = HousingApplication.objects.select_for_update().get(pk=offer.application_id)
    application.case = offer.application.case
    return application


def _answered_on(offer: Offer, answered_on: date | None, today: date) -> date:
    answered_on = answered_on or today
    if answered_on < offer.offered_on or answered_on > today:
        raise ValidationError({"answered_on": _("Svarsdatumet ska ligga mellan erbjudandet och i dag.")})
    return answered_on


@transaction.atomic
def offer_accept(
    *,
    offer: Offer,
    acting_user: User,
    answered_on: date | None = None,
    terms: ContractTerms | None = None,
    today: date | None = None,
) -> Offer:
    """The applicant takes the flat: their other offers are withdrawn, the flat is let to them and counted
    against its pool, the application is housed and the social contract starts (`terms`, by default a sublet
    from the answer date with an 18-month trial). The contract's start is the move-in: reported to whoever
    referred the applicant now if it is today or earlier, else on that day (`contracts_report_move_ins`)."""
    today = today or timezone.localdate()
    offer = _locked_open(offer)
    answered_on = _answered_on(offer, answered_on, today)
    terms = terms or ContractTerms()
    if terms.starts_on is None:
        terms = replace(terms, starts_on=answered_on)
    check_start(starts_on=terms.starts_on, offered_on=offer.offered_on, answered_on=answered_on)
    application = _locked_application(offer)
    flat = offer.flat
    others = Offer.objects.select_for_update().filter(status=Offer.Status.OPEN).exclude(pk=offer.pk)
    for other in others.filter(application=application) | others.filter(flat=flat):
        offer_transition(
            offer=other, to_status=Offer.Status.WITHDRAWN, acting_user=acting_user, answered_on=answered_on
        )
    offer_transition(offer=offer, to_status=Offer.Status.ACCEPTED, acting_user=acting_user, answered_on=answered_on)
    tenant = application.case.parties.get(role=CaseParty.Role.APPLICANT).person
    flat_let(flat=flat, tenant=tenant, acting_user=acting_user)
    if flat.pool_id:
        pool_take(
            pool=flat.pool,
            flat=flat,
            used_on=answered_on,
            acting_user=acting_user,
            override_reason=offer.pool_override_reason,
        )
    _move(application, ApplicationStatus.HOUSED, acting_user)
    record_event(application.case, HousingAction.OFFER_ANSWERED, acting_user, Offer.Status.ACCEPTED.label)
    contract_start(
        application=application,
        flat=flat,
        terms=terms,
        offered_on=offer.offered_on,
        answered_on=answered_on,
        acting_user=acting_user,
        today=today,
    )
    return offer


@transaction.atomic
def offer_decline(
    *,
    offer: Offer,
    reason: DeclineReason,
    acting_user: User,
    note: str = "",
    paused_until: date | None = None,
    answered_on: date | None = None,
) -> Offer:
    """A no: the flat is free again, and the reason's consequence follows — none (the applicant keeps the place),
    a pause in the queue until a date, or back to investigation."""
    today = timezone.localdate()
    offer = _locked_open(offer)
    answered_on = _answered_on(offer, answered_on, today)
    application = _locked_application(offer)
    if reason.consequence == DeclineReason.Consequence.PAUSE:
        paused_until = paused_until or answered_on + timedelta(days=reason.pause_days)
        if paused_until <= today:
            raise ValidationError({"paused_until": _("Pausen måste sluta efter i dag.")})
    else:
        paused_until = None
    offer_transition(
        offer=offer,
        to_status=Offer.Status.DECLINED,
        acting_user=acting_user,
        answered_on=answered_on,
        decline_reason=reason,
        answer_note=note.strip(),
        paused_until=paused_until,
    )
    flat = Flat.objects.select_for_update().get(pk=offer.flat_id)
    flat_transition(flat=flat, to_status=Flat.Status.AVAILABLE, acting_user=acting_user)
    if application.status == ApplicationStatus.APPROVED:
        if reason.consequence == DeclineReason.Consequence.PAUSE:
            _move(application, ApplicationStatus.PAUSED, acting_user, reason.label)
            application.paused_until = paused_until
            save(application, acting_user, update_fields=["paused_until"])
        elif reason.consequence == DeclineReason.Consequence.BACK_TO_INVESTIGATION:
            _move(application, ApplicationStatus.INVESTIGATING, acting_user, reason.label)
    record_event(application.case, HousingAction.OFFER_ANSWERED, acting_user, reason.get_who_display())
    return offer
