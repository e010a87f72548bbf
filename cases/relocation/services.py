"""Every write of the relocation requests: networks and their members, telephone inquiries, formal requests, their
workflow (`cases.relocation.workflow`), consent and the deadlines the workflow sets on the one calendar."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseEvent, CasePartner, CaseParty, Deadline, District
from cases.outbound import Channel, check_outbound_text
from cases.relocation import notifications, tasks
from cases.relocation.consent import consent_covers
from cases.relocation.contacts import active_membership
from cases.relocation.events import RelocationAction
from cases.relocation.models import (
    Direction,
    MemberContact,
    Network,
    NetworkMembership,
    PartnerFiling,
    RelocationConsent,
    RelocationMessage,
    RelocationRequest,
    RelocationTransition,
    TelephoneInquiry,
)
from cases.relocation.workflow import INITIAL, Actor, State, is_open, resumable, workflow_for
from cases.services.cases import case_add_partner, case_add_person, case_assign_handler, case_close, case_open
from cases.services.common import record_event, save
from cases.services.deadlines import deadline_mark_met, deadline_pause, deadline_resume, deadline_set
from housing.models import ReferralKind
from housing.services.applications import application_add_avoid_areas, application_refer, application_transition
from housing.services.support import support_case_applicant
from housing.workflow import OPEN, ApplicationStatus
from kompotten.capabilities import Capability
from kompotten.models import Municipality, Unit, User
from kompotten.workflow import TransitionRefused

NEXUS_ASSESSMENT = "Skyddsbedömning (Nexus)"  # two weeks from receipt
CONSENT_HOLD = "Nytt samtycke eller avslut (Nexus)"  # two weeks from a revocation that put the request on hold
PARTNER_ANSWER = "Svar från samverkanskommunen"  # the network's weeks (two by default) from sending a request
PAUSED_ON_HOLD = (NEXUS_ASSESSMENT, PARTNER_ANSWER)  # nobody can act on a request resting on revoked consent
DETAIL_FIELDS = (
    "partner_contact",
    "serious_violence",
    "home_options_tried",
    "risk_assessed_by",
    "risk_assessed_on",
    "cannot_arrange_housing",
    "rooms_needed",
    "accessibility_needs",
    "avoid_areas",
)


# --- networks ------------------------------------------------------------------------------------------------------
@transaction.atomic
def network_create(
    *, name: str, kind: str, acting_user: User, county=None, coordinator=None, description=""
) -> Network:
    if Network.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("Det finns redan ett nätverk med det namnet.")})
    network = Network(name=name.strip(), kind=kind, county=county, coordinator=coordinator, description=description)
    return save(network, acting_user)


@transaction.atomic
def membership_add(
    *, network: Network, municipality: Municipality, joined_on: date, acting_user: User
) -> NetworkMembership:
    if active_membership(network, municipality, joined_on):
        raise ValidationError(
            _("%(municipality)s är redan medlem i %(network)s.") % {"municipality": municipality, "network": network}
        )
    return save(NetworkMembership(network=network, municipality=municipality, joined_on=joined_on), acting_user)


@transaction.atomic
def membership_end(*, membership: NetworkMembership, left_on: date, acting_user: User) -> NetworkMembership:
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": _("Slutdatumet kan inte ligga före startdatumet.")})
    membership.left_on = left_on
    return save(membership, acting_user, update_fields=["left_on"])


@transaction.atomic
def contact_add(
    *,
    membership: NetworkMembership,
    role: str,
    name: str,
    valid_from: date,
    acting_user: User,
    unit: str = "",
    phone: str = "",
    email: str = "",
    user: User | None = None,
) -> MemberContact:
    contact = MemberContact(
        membership=membership,
        role=role,
        name=name,
        unit=unit,
        phone=phone,
        email=email,
        valid_from=valid_from,
        user=user,
    )
    return save(contact, acting_user)


@transaction.atomic
def contacts_from_partner_users(*, acting_user: User, on: date | None = None) -> int:
    """Every active partner user becomes a contact person of each current membership of their municipality."""
    on = on or timezone.localdate()
    created = 0
    partners = User.objects.filter(is_active=True, partner_municipality__isnull=False)
    for user in partners.select_related("partner_municipality"):
        memberships = NetworkMembership.objects.filter(municipality=user.partner_municipality, joined_on__lte=on)
        for membership in memberships.exclude(left_on__lt=on):
            if not membership.contacts.filter(user=user).exists():
                contact_add(
                    membership=membership,
                    role=MemberContact.Role.CONTACT_PERSON,
                    name=user.get_full_name(),
                    unit=user.title,
                    phone=user.phone,
                    email=user.email,
                    valid_from=on,
                    user=user,
                    acting_user=acting_user,
                )
                created += 1
    return created


# --- telephone inquiries -------------------------------------------------------------------------------------------
@transaction.atomic
def inquiry_record(
    *,
    occurred_on: date,
    direction: str,
    network: Network,
    municipality: Municipality,
    topic: str,
    stop_reason: str,
    acting_user: User,
) -> TelephoneInquiry:
    """A telephone inquiry that did not become formal: counted, with no personal data."""
    _check_partner(network, municipality, occurred_on)
    inquiry = TelephoneInquiry(
        occurred_on=occurred_on,
        direction=direction,
        network=network,
        municipality=municipality,
        topic=topic,
        stop_reason=stop_reason,
        recorded_by=acting_user,
    )
    return save(inquiry, acting_user)


def _check_partner(network: Network, municipality: Municipality, on: date) -> None:
    if on > timezone.localdate():
        raise ValidationError({"occurred_on": _("Datumet kan inte ligga i framtiden.")})
    if municipality.code == settings.HOST_MUNICIPALITY_CODE:
        raise ValidationError({"municipality": _("Välj den andra kommunen, inte vår egen.")})
    if not active_membership(network, municipality, on):
        raise ValidationError(
            {
                "municipality": _("%(municipality)s var inte medlem i %(network)s det datumet.")
                % {"municipality": municipality, "network": network}
            }
        )


# --- formal requests -----------------------------------------------------------------------------------------------
@transaction.atomic
def request_open(
    *,
    direction: str,
    network: Network,
    municipality: Municipality,
    on: date,
    acting_user: User,
    partner_contact: MemberContact | None = None,
    client_case: Case | None = None,
    **details,
) -> RelocationRequest:
    """Registers an incoming request (received `on`, the Nexus assessment deadline starts) or prepares an outgoing
    one. The registering Nexus caseworker becomes its handler; the partner municipality takes part in the case. An
    outgoing request started from Nexus's client case (`client_case`) hangs on it, with her client as its person."""
    if client_case is not None and (direction != Direction.OUTGOING or client_case.kind != Case.Kind.SUPPORT):
        raise ValidationError(_("Bara en utgående förfrågan kan göras från ett stödärende."))
    _check_partner(network, municipality, on)
    if partner_contact is not None and partner_contact.membership.municipality_id != municipality.pk:
        raise ValidationError({"partner_contact": _("Kontaktpersonen hör inte till den valda kommunen.")})
    unit = acting_user.unit
    if unit is None or unit.kind != Unit.Kind.NEXUS:
        raise ValidationError(_("Förfrågningar registreras av Nexus."))
    request = register(
        direction=direction,
        network=network,
        municipality=municipality,
        on=on,
        unit=unit,
        partner_contact=partner_contact,
        acting_user=acting_user,
        **details,
    )
    case_assign_handler(case=request.case, user=acting_user, acting_user=acting_user)
    if client_case is not None:
        request.client_case = client_case
        save(request, acting_user, update_fields=["client_case"])
        client = support_case_applicant(client_case)
        case_add_person(case=request.case, person=client, role=CaseParty.Role.APPLICANT, acting_user=acting_user)
    return request


def register(
    *,
    direction: str,
    network: Network,
    municipality: Municipality,
    on: date,
    unit: Unit,
    acting_user: User,
    partner_contact: MemberContact | None = None,
    **details,
) -> RelocationRequest:
    """The case and the request in their first state, the partner taking part and, for an incoming request, the
    Nexus assessment's two weeks (one extension allowed). Callers check who registers and assign handlers."""
    case = case_open(kind=Case.Kind.RELOCATION, unit=unit, acting_user=acting_user, opened_on=on)
    case_add_partner(case=case, municipality=municipality, acting_user=acting_user)
    incoming = direction == Direction.INCOMING
    request = RelocationRequest(
        case=case,
        direction=direction,
        state=INITIAL[direction],
        network=network,
        municipality=municipality,
        partner_contact=partner_contact,
        received_on=on if incoming else None,
        **_details(details),
    )
    save(request, acting_user)
    RelocationTransition.objects.create(request=request, to_state=request.state, by=acting_user, at=timezone.now())
    if incoming:
        deadline_set(
            case=case, label=NEXUS_ASSESSMENT, starts_on=on, weeks=2, max_extensions=1, acting_user=acting_user
        )
    return request


def _details(details: dict) -> dict:
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"Not details of a relocation request: {sorted(unknown)}")
    return details


@transaction.atomic
def request_update_details(*, request: RelocationRequest, acting_user: User, **details) -> RelocationRequest:
    """The criteria with their evidence, the housing needs and the partner's contact person."""
    request = RelocationRequest.objects.select_for_update().get(pk=request.pk)
    if not is_open(request.direction, request.state):
        raise ValidationError(_("Förfrågan är avslutad och kan inte ändras."))
    texts = {field: value for field, value in _details(details).items() if isinstance(value, str)}
    check_outbound_text(case=request.case, fields=texts, channel=Channel.PARTNER_READS)
    for field, value in details.items():
        setattr(request, field, value)
    save(request, acting_user, update_fields=list(details))
    record_event(request.case, CaseEvent.Action.DETAILS_CHANGED, acting_user, _("Kriterier och behov"))
    return request


@transaction.atomic
def request_map_avoid_areas(
    *,
    request: RelocationRequest,
    districts: list[District],
    municipalities: list[Municipality],
    none_of_ours: bool = False,
    acting_user: User,
    on: date | None = None,
) -> RelocationRequest:
    """Nexus says what the areas to avoid mean here: districts of our municipality and other municipalities, or
    explicitly that none of what the partner wrote is ours. The partner's words stay as written; the mapping is
    what the hand-over carries to the housing application, and a mapping made after it is added there too."""
    request = RelocationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    if actor_of(acting_user, request) != Actor.NEXUS:
        raise ValidationError(_("Områdena att undvika kartläggs av Nexus."))
    if not is_open(request.direction, request.state):
        raise ValidationError(_("Förfrågan är avslutad och kan inte ändras."))
    districts, municipalities = list(districts), list(municipalities)
    if any(m.code == settings.HOST_MUNICIPALITY_CODE for m in municipalities):
        raise ValidationError(
            {"avoid_municipalities": _("Vår egen kommun kan inte undvikas. Välj stadsdelarna i stället.")}
        )
    if none_of_ours and (districts or municipalities):
        raise ValidationError(
            {
                "avoid_none_of_ours": _(
                    "Välj antingen stadsdelar och kommuner eller att inget av områdena är våra, inte båda."
                )
            }
        )
    if not (districts or municipalities or none_of_ours):  # "nothing" is an explicit choice, never an empty form
        if request.avoid_areas.strip():
            message = _(
                "Välj de stadsdelar eller kommuner som samverkanskommunen menar, eller bekräfta att inget av "
                "områdena är våra."
            )
        else:
            message = _("Välj stadsdelar eller kommuner, eller bekräfta att personen inte behöver undvika något.")
        raise ValidationError({"avoid_districts": message})
    request.avoid_districts.set(districts)
    request.avoid_municipalities.set(municipalities)
    request.avoid_none_of_ours = none_of_ours
    request.avoid_areas_mapped = request.avoid_areas.strip()
    request.avoid_areas_mapped_on = on or timezone.localdate()
    request.avoid_areas_mapped_by = acting_user
    fields = ["avoid_none_of_ours", "avoid_areas_mapped", "avoid_areas_mapped_on", "avoid_areas_mapped_by"]
    save(request, acting_user, update_fields=fields)
    if request.avoid_none_of_ours:
        detail = _("Inget av områdena är våra") if request.avoid_areas_mapped else _("Inget att undvika")
    else:
        detail = _("Stadsdelar: %(districts)d, kommuner: %(municipalities)d") % {
            "districts": len(districts),
            "municipalities": len(municipalities),
        }
    record_event(request.case, RelocationAction.AVOID_AREAS_MAPPED, acting_user, detail)
    application = getattr(request.housing_case, "housing_application", None) if request.housing_case else None
    if application is not None:
        application_add_avoid_areas(
            application=application, districts=districts, municipalities=municipalities, acting_user=acting_user
        )
    return request


def actor_of(user: User, request: RelocationRequest) -> str | None:
    """Which side of the workflow this user acts for on this request, if any."""
    if user.partner_municipality_id is not None:
        return Actor.PARTNER if user.partner_municipality_id == request.municipality_id else None
    if user.has_perm(Capability.WORK_RELOCATION):
        return Actor.NEXUS
    if user.has_perm(Capability.WORK_HOUSING):
        return Actor.HOUSING
    return None


@transaction.atomic
def request_transition(
    *, request: RelocationRequest, to_state: str, acting_user: User, reason: str = "", on: date | None = None
) -> RelocationRequest:
    """The one place a request changes state: the table says whether the move exists and who may make it."""
    request = RelocationRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    workflow = workflow_for(request.direction)
    side = actor_of(acting_user, request)
    if request.state == State.ON_HOLD and not workflow.may(request.state, to_state, {side}):
        raise TransitionRefused(
            _("Personen har återkallat sitt samtycke. Förfrågan vilar tills Nexus har registrerat ett nytt samtycke.")
        )
    workflow.check(request.state, to_state, {side}, reason=reason)
    reason = reason.strip()
    if side != Actor.PARTNER:  # the partner reads the request's history
        check_outbound_text(case=request.case, fields={"reason": reason}, channel=Channel.PARTNER_READS)
    on = on or timezone.localdate()
    resuming = request.state == State.ON_HOLD and to_state in resumable(request.direction)
    if resuming:
        _check_resume(request, to_state)
    else:
        _GUARDS.get(to_state, lambda *args: None)(request, on, acting_user, reason)
    previous, request.state = request.state, to_state
    handed_over = ["housing_case"] if to_state == State.HANDED_OVER and not resuming else []  # the guard set it
    stamped = [] if resuming else _stamp(request, to_state, on)  # back where it rested: its dates stand
    save(request, acting_user, update_fields=["state", *stamped, *handed_over])
    RelocationTransition.objects.create(
        request=request, from_state=previous, to_state=to_state, by=acting_user, reason=reason
    )
    record_event(request.case, CaseEvent.Action.STATUS_CHANGED, acting_user, str(State(to_state).label))
    if not resuming:
        _partner_answer_deadline(request, to_state, acting_user, on)
    tasks.notify_other_side(request, notifications.STATUS, actor_of(acting_user, request))
    if not is_open(request.direction, to_state) and request.case.is_open:
        _close_running_deadlines(request.case, acting_user, on)
        case_close(case=request.case, acting_user=acting_user, closed_on=on)
    return request


def _stamp(request: RelocationRequest, to_state: str, on: date) -> list[str]:
    """Dates the move on the request; returns the fields it set."""
    field = {
        State.HANDED_OVER: "handed_over_on",
        State.SENT: "sent_on",
        State.ACCEPTED: "answered_on",
        State.REJECTED_BY_PARTNER: "answered_on",
        State.HOUSED: "housed_on",
    }.get(to_state)
    if field:
        setattr(request, field, on)
    if to_state in (State.ENDED, State.WITHDRAWN, State.DECLINED_BY_PERSON, State.REJECTED_BY_NEXUS):
        request.ended_on, field = on, "ended_on"
    return [field] if field else []


def _running(case: Case, label: str) -> Deadline | None:
    return case.deadlines.filter(label=label).exclude(status=Deadline.Status.MET).first()


def _close_running_deadlines(case: Case, acting_user: User, on: date) -> None:
    for deadline in case.deadlines.exclude(status=Deadline.Status.MET):
        deadline_mark_met(deadline=deadline, acting_user=acting_user, on=on)


def _partner_answer_deadline(request: RelocationRequest, to_state: str, acting_user: User, on: date) -> None:
    """A sent request gives the partner the network's weeks to answer; the answer meets the deadline."""
    if to_state == State.SENT:
        weeks = request.network.answer_weeks
        deadline_set(case=request.case, label=PARTNER_ANSWER, starts_on=on, weeks=weeks, acting_user=acting_user)
    elif to_state in (State.ACCEPTED, State.REJECTED_BY_PARTNER):
        answer = _running(request.case, PARTNER_ANSWER)
        if answer is not None:
            deadline_mark_met(deadline=answer, acting_user=acting_user, on=on)


def _guard_send(request: RelocationRequest, on: date, acting_user: User, reason: str) -> None:
    if not request.consents.filter(revoked_on__isnull=True).exists():
        raise ValidationError(_("Förfrågan kan inte skickas utan personens samtycke. Registrera samtycket först."))
    if not request.criteria_recorded:
        raise ValidationError(_("Fyll i de fyra kriterierna med underlag innan förfrågan skickas."))
    if not request.case.parties.exists():
        raise ValidationError(_("Lägg till personen som förfrågan gäller innan den skickas."))


def _check_resume(request: RelocationRequest, to_state: str) -> None:
    """Back from the hold only with new consent, and only to the state the request rested in."""
    if not request.consents.filter(revoked_on__isnull=True).exists():
        raise ValidationError(_("Förfrågan kan inte återupptas utan nytt samtycke. Registrera samtycket först."))
    rested_in = state_before_hold(request)
    if rested_in and to_state != rested_in:
        raise ValidationError(
            _("Förfrågan återupptas där den vilade: ”%(state)s”.") % {"state": State(rested_in).label}
        )


def state_before_hold(request: RelocationRequest) -> str | None:
    """The state a request on hold rested in (the latest move into the hold)."""
    hold = request.transitions.filter(to_state=State.ON_HOLD).order_by("-at", "-id").first()
    return hold.from_state if hold else None


def _guard_hand_over(request: RelocationRequest, on: date, acting_user: User, reason: str) -> None:
    """Nexus's assessment is done (its deadline is met) and the housing unit's investigation begins: the request
    asks the housing unit's one referral service to open the application, whose decision deadline (three months)
    lives there; the request links it and shows it."""
    if request.avoid_areas_unmapped:
        raise ValidationError(
            {
                "avoid_districts": _(
                    "Ange vilka stadsdelar eller kommuner personen måste undvika (”Områden att undvika”: "
                    "”%(areas)s”) innan överlämningen, eller bekräfta att inget av dem är våra."
                )
                % {"areas": request.avoid_areas.strip()}
            }
        )
    party = request.case.parties.select_related("person").order_by("id").first()
    if party is None:
        raise ValidationError(_("Lägg till personen som förfrågan gäller innan den lämnas till bostadsenheten."))
    assessed = request.assessments.first()
    if assessed is None:
        raise ValidationError(_("Registrera Nexus skyddsbedömning innan förfrågan lämnas till bostadsenheten."))
    if not assessed.confirmed:
        raise ValidationError(
            _("Skyddsbedömningen bekräftade inget skyddsbehov. Avvisa förfrågan eller registrera en ny bedömning.")
        )
    assessment = _running(request.case, NEXUS_ASSESSMENT)
    if assessment is not None:
        deadline_mark_met(deadline=assessment, acting_user=acting_user, on=on)
    # The receiving app's one referral service opens the application, as the architecture asks.
    filing = PartnerFiling.objects.filter(request=request).first()
    # The areas to avoid travel as structured restrictions (matching reads them); the partner's own words are kept
    # beside them for the housing unit's information only.
    needs = [
        _("Samverkanskommunen skrev om områden att undvika: %(areas)s") % {"areas": request.avoid_areas}
        if request.avoid_areas
        else "",
        _("Tillgänglighet: %(needs)s") % {"needs": request.accessibility_needs} if request.accessibility_needs else "",
    ]
    application = application_refer(
        referral_kind=ReferralKind.RELOCATION,
        person=party.person,
        referring_municipality=request.municipality,
        background=" ".join(
            [
                _(
                    "Förflyttningsförfrågan %(number)s från %(municipality)s inom %(network)s, lämnad efter Nexus "
                    "skyddsbedömning."
                )
                % {"number": request.case.number, "municipality": request.municipality, "network": request.network},
                _("Skyddsbedömning %(date)s: %(result)s, hotbild: %(threat)s.")
                % {
                    "date": assessed.assessed_on.isoformat(),
                    "result": assessed.get_result_display(),
                    "threat": assessed.get_threat_level_display(),
                },
            ]
        ),
        rooms=request.rooms_needed or 1,
        wishes=" ".join(filter(None, needs)),
        avoid_districts=list(request.avoid_districts.all()),
        avoid_municipalities=list(request.avoid_municipalities.all()),
        referred_on=on,
        acting_user=acting_user,
        adults=filing.adults if filing else 1,
    )
    request.housing_case = application.case


def _guard_reject(request: RelocationRequest, on: date, acting_user: User, reason: str) -> None:
    if not request.assessments.exists():
        raise ValidationError(_("Registrera Nexus skyddsbedömning innan förfrågan avvisas."))


def _guard_end(request: RelocationRequest, on: date, acting_user: User, reason: str) -> None:
    """A request that ends after the hand-over withdraws its housing application while that is still being
    investigated; a decided one is the housing unit's to withdraw, so the request waits for it."""
    application = getattr(request.housing_case, "housing_application", None) if request.housing_case else None
    if application is None:
        return
    if application.status not in OPEN:
        return
    if application.status not in (ApplicationStatus.REFERRED, ApplicationStatus.INVESTIGATING):
        raise ValidationError(
            _("Bostadsansökan %(number)s är redan beslutad. Be bostadsenheten återkalla den innan förfrågan avslutas.")
            % {"number": request.housing_case.number}
        )
    application_transition(
        application=application, to_status=ApplicationStatus.WITHDRAWN, acting_user=acting_user, reason=reason
    )


@transaction.atomic
def housing_moved_in(*, housing_case: Case, acting_user: User, on: date | None = None) -> RelocationRequest | None:
    """The housing unit reports that the applicant of a relocation referral has moved in `on` the start of her
    social contract (at the acceptance of the offer, or on the start date when the contract starts later)."""
    states = (State.HANDED_OVER, State.ON_HOLD)  # a request resting on revoked consent hears of the move-in too
    request = RelocationRequest.objects.filter(housing_case=housing_case, state__in=states).first()
    if request is None:
        return None
    return request_transition(request=request, to_state=State.HOUSED, acting_user=acting_user, on=on)


_GUARDS = {
    State.SENT: _guard_send,
    State.HANDED_OVER: _guard_hand_over,
    State.REJECTED_BY_NEXUS: _guard_reject,
    **dict.fromkeys((State.WITHDRAWN, State.DECLINED_BY_PERSON, State.ENDED), _guard_end),
}


# --- consent -------------------------------------------------------------------------------------------------------
@transaction.atomic
def consent_record(
    *,
    request: RelocationRequest,
    given_on: date,
    acting_user: User,
    share_identity: bool = False,
    share_household: bool = False,
    share_risk_assessment: bool = False,
    share_contact_details: bool = False,
) -> RelocationConsent:
    """The person's consent to the request and to what the partner may see; what is shared follows its scope. A
    request on hold since the last consent was revoked returns to the state it rested in, and Nexus's deadline to
    obtain new consent is met."""
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Datumet kan inte ligga i framtiden.")})
    if request.consents.filter(revoked_on__isnull=True).exists():
        raise ValidationError(_("Det finns redan ett gällande samtycke. Återkalla det först om det ska ändras."))
    consent = RelocationConsent(
        request=request,
        given_on=given_on,
        share_identity=share_identity,
        share_household=share_household,
        share_risk_assessment=share_risk_assessment,
        share_contact_details=share_contact_details,
        recorded_by=acting_user,
    )
    save(consent, acting_user)
    _share_identity(request, acting_user)
    record_event(request.case, CaseEvent.Action.CONSENT_RECORDED, acting_user)
    request = RelocationRequest.objects.get(pk=request.pk)
    if request.state == State.ON_HOLD:
        rested_in = state_before_hold(request)
        if rested_in in resumable(request.direction):
            request_transition(
                request=request, to_state=rested_in, acting_user=acting_user, reason=_("Nytt samtycke registrerat.")
            )
            hold = _running(request.case, CONSENT_HOLD)
            if hold is not None:
                deadline_mark_met(deadline=hold, acting_user=acting_user)
            for deadline in request.case.deadlines.filter(label__in=PAUSED_ON_HOLD, status=Deadline.Status.PAUSED):
                deadline_resume(deadline=deadline, acting_user=acting_user, reason=_("Nytt samtycke registrerat."))
    return consent


@transaction.atomic
def consent_revoke(*, consent: RelocationConsent, acting_user: User, on: date | None = None) -> RelocationConsent:
    """Takes effect at once: the partner no longer sees what the consent shared (`consent_covers`), and the timeline
    shows it. A request the partner or we would act on next rests (on hold) until new consent or its end, and
    Nexus has two weeks to obtain new consent or end it."""
    consent = RelocationConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_on is not None:
        raise ValidationError(_("Samtycket är redan återkallat."))
    on = on or timezone.localdate()
    consent.revoked_on, consent.revoked_by = on, acting_user
    save(consent, acting_user, update_fields=["revoked_on", "revoked_by"])
    request = consent.request
    _share_identity(request, acting_user)
    record_event(request.case, CaseEvent.Action.CONSENT_REVOKED, acting_user)
    if workflow_for(request.direction).allowed(request.state, State.ON_HOLD):
        request_transition(
            request=request,
            to_state=State.ON_HOLD,
            acting_user=acting_user,
            reason=_("Personens samtycke är återkallat."),
            on=on,
        )
        deadline_set(case=request.case, label=CONSENT_HOLD, starts_on=on, weeks=2, acting_user=acting_user)
        for deadline in request.case.deadlines.filter(label__in=PAUSED_ON_HOLD, status=Deadline.Status.RUNNING):
            deadline_pause(
                deadline=deadline, reason=_("Personens samtycke är återkallat."), acting_user=acting_user, on=on
            )
    return consent


def _share_identity(request: RelocationRequest, acting_user: User) -> None:
    """The consent's "identity" shares our record of the person with the partner while it covers it. Not on a
    request the partner filed itself: it reads what it filed, and our record must not tell it whether the person
    was known or protected here (see `PartnerFiling`)."""
    shared = consent_covers(request, "identity")
    if PartnerFiling.objects.filter(request=request).exists():
        shared = False
    partner = CasePartner.objects.get(case=request.case, municipality=request.municipality)
    if partner.identity_shared != shared:
        partner.identity_shared = shared
        save(partner, acting_user, update_fields=["identity_shared"])


# --- messages ------------------------------------------------------------------------------------------------------
@transaction.atomic
def message_post(*, request: RelocationRequest, body: str, acting_user: User) -> RelocationMessage:
    """A message in the request's thread, from our Nexus or the partner's contact person; the other side is told
    by e-mail (the case number and a link only)."""
    side = actor_of(acting_user, request)
    if side not in (Actor.NEXUS, Actor.PARTNER):
        raise ValidationError(_("Bara Nexus och samverkanskommunens kontaktperson skriver i förfrågans meddelanden."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Skriv ett meddelande.")})
    if len(body) > RelocationMessage.MAX_LENGTH:
        raise ValidationError(
            {"body": _("Meddelandet får vara högst %(max)d tecken.") % {"max": RelocationMessage.MAX_LENGTH}}
        )
    if side == Actor.NEXUS:  # ours leaves the unit; the partner's own words are checked by nobody here (no probing)
        check_outbound_text(case=request.case, fields={"body": body}, channel=Channel.MESSAGE)
    message = RelocationMessage.objects.create(request=request, author=acting_user, body=body)
    tasks.notify_other_side(request, notifications.MESSAGE, side)
    return message
