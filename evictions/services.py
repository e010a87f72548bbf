"""Every write of eviction prevention: `<entity>_<verb>(*, ..., acting_user)`, atomic, validating, with history
(the acting user) and the case timeline. Deadlines go through the case core (`cases.services.deadline_set`) on
the one calendar of lag (1930:173)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from cases import services as case_services
from cases.access import AccessPolicy
from cases.identity_numbers import parse_identity_number
from cases.models import Case, CaseEvent, CaseParty, Deadline, Person
from cases.services.common import record_event, save
from evictions import closing, letters, workflow
from evictions.models import (
    Closure,
    Consent,
    Contact,
    ContactKind,
    EvictionFile,
    FinancialAid,
    ImportBatch,
    Landlord,
    Letter,
    LetterKind,
    LetterTemplate,
    Notice,
    NoticeTenant,
    OtherUnitContact,
    Partner,
    ProcessGoal,
    RegisterCheck,
    RegisteredChild,
    RepaymentPlan,
)
from evictions.register import RegisterFacts
from evictions.routing import Route, locality_for, route_for
from kompotten.models import Unit, User
from kompotten.roles import roles_of

# Deadline labels are stored, so they are the Swedish terms themselves (as the caseworkers search for them).
RECOVERY_PERIOD_LABEL = "Återvinningsfrist"
EVICTION_DATE_LABEL = "Avhysning (Kronofogden)"
RECOVERY_PERIOD_WEEKS = 3  # 12 kap. 44 § jordabalken
LINKING_PERIOD = relativedelta(years=2)  # a household the team had contact with in the last two years


@dataclass(frozen=True)
class TenantInput:
    given_name: str
    family_name: str
    identity_number: str


@dataclass(frozen=True)
class NoticeInput:
    """What a notice says, as the form or an import row gives it."""

    received_on: date
    channel: str
    sender_kind: str
    kind: str
    street_address: str
    postal_code: str
    landlord_name: str
    landlord_kind: str
    tenants: tuple[TenantInput, ...]
    reasons: tuple[str, ...] = ()
    sender_name: str = ""
    sender_reference: str = ""
    receipt_requested: bool = False
    rent_debt_capital: Decimal | None = None
    rent_debt_costs: Decimal | None = None
    served_on: date | None = None
    eviction_date: date | None = None
    apartment_number: str = ""
    children_in_household: bool = False


def validate_notice(data: NoticeInput) -> None:
    """The rules every notice must meet, from the form or an import row; raises a ValidationError per field."""
    errors = {}
    today = timezone.localdate()
    if data.received_on > today:
        errors["received_on"] = _("Mottagningsdagen kan inte ligga i framtiden.")
    if data.kind in (Notice.Kind.TERMINATION, Notice.Kind.WARNING) and not data.reasons:
        errors["reasons"] = _("Ange minst ett skäl till uppsägningen eller varningen.")
    if Notice.Reason.RENT_DEBT in data.reasons and data.rent_debt_capital is None:
        errors["rent_debt_capital"] = _("Ange hyresskuldens kapitalbelopp i kronor, som det står i underrättelsen.")
    if data.kind == Notice.Kind.TERMINATION and data.served_on is None:
        errors["served_on"] = _("Ange dagen då uppsägningen delgavs: återvinningsfristen räknas från den.")
    if data.served_on and data.served_on > today:
        errors["served_on"] = _("Delgivningsdagen kan inte ligga i framtiden.")
    if data.kind == Notice.Kind.EVICTION and data.eviction_date is None:
        errors["eviction_date"] = _("Ange datum för avhysningen från Kronofogden.")
    elif data.eviction_date and data.eviction_date <= data.received_on:
        errors["eviction_date"] = _("Avhysningsdatumet måste ligga efter mottagningsdagen.")
    if not data.tenants:
        errors["tenants"] = _("Ange minst en hyresgäst.")
    if errors:
        raise ValidationError(errors)


def _landlord(name: str, kind: str, acting_user: User) -> Landlord:
    name = " ".join(name.split())
    landlord = Landlord.objects.filter(name__iexact=name).first()
    if landlord is None and kind not in Landlord.Kind.values:
        raise ValidationError({"landlord_kind": _("Hyresvärden är ny: ange typ av hyresvärd.")})
    return landlord or save(Landlord(name=name, kind=kind), acting_user)


def _person(tenant: TenantInput, data: NoticeInput, acting_user: User) -> Person:
    """The registered person with this identity number, or a new one at the notice's address."""
    number = parse_identity_number(tenant.identity_number).normalised
    person = Person.objects.filter(identity_number=number).first()
    return person or case_services.person_register(
        given_name=tenant.given_name,
        family_name=tenant.family_name,
        identity_number=number,
        street_address=data.street_address,
        postal_code=data.postal_code,
        acting_user=acting_user,
    )


def household_file(persons: list[Person], received_on: date) -> EvictionFile | None:
    """The household's file the team had contact with in the last two years (open, or closed since then)."""
    since = received_on - LINKING_PERIOD
    files = EvictionFile.objects.filter(case__parties__person__in=persons).filter(
        Q(case__closed_on__isnull=True) | Q(case__closed_on__gte=since)
    )
    found = files.order_by("-case__opened_on", "-pk").values_list("pk", flat=True).first()
    return EvictionFile.objects.select_for_update().select_related("case").get(pk=found) if found else None


def _reopen(file: EvictionFile, acting_user: User) -> None:
    file.status = workflow.FileStatus.OPEN
    save(file, acting_user, update_fields=["status"])
    file.case.closed_on = None
    save(file.case, acting_user, update_fields=["closed_on"])
    record_event(file.case, CaseEvent.Action.REOPENED, acting_user, str(workflow.TRANSITIONS[("closed", "open")][0]))


def _escalate(file: EvictionFile, acting_user: User, on: date) -> None:
    count = file.notices.count()
    file.escalated, file.escalated_on = True, on
    file.escalation_reason = f"Upprepade underrättelser ({count} st)"
    save(file, acting_user, update_fields=["escalated", "escalated_on", "escalation_reason"])
    record_event(file.case, CaseEvent.Action.ESCALATED, acting_user, file.escalation_reason)


def _new_file(unit: Unit, route: Route, acting_user: User, opened_on: date, *, assign: bool) -> EvictionFile:
    case = case_services.case_open(kind=Case.Kind.EVICTION, unit=unit, acting_user=acting_user, opened_on=opened_on)
    if assign:
        case_services.case_assign_handler(case=case, user=acting_user, acting_user=acting_user)
    return save(EvictionFile(case=case, district=route.district), acting_user)


def _add_parties(file: EvictionFile, persons: list[Person], acting_user: User) -> None:
    present = set(file.case.parties.values_list("person_id", flat=True))
    for index, person in enumerate(persons):
        if person.pk not in present:
            role = CaseParty.Role.TENANT if index == 0 and not present else CaseParty.Role.CO_TENANT
            case_services.case_add_person(case=file.case, person=person, role=role, acting_user=acting_user)
            present.add(person.pk)


def _set_deadlines(notice: Notice, acting_user: User) -> None:
    case = notice.file.case
    if notice.kind == Notice.Kind.TERMINATION and Notice.Reason.RENT_DEBT in notice.reasons:
        notice.recovery_deadline = case_services.deadline_set(
            case=case,
            label=RECOVERY_PERIOD_LABEL,
            starts_on=notice.served_on,
            weeks=RECOVERY_PERIOD_WEEKS,
            acting_user=acting_user,
        )
    if notice.eviction_date:
        notice.eviction_deadline = case_services.deadline_set(
            case=case,
            label=EVICTION_DATE_LABEL,
            starts_on=notice.received_on,
            days=(notice.eviction_date - notice.received_on).days,
            acting_user=acting_user,
        )
    save(notice, acting_user, update_fields=["recovery_deadline", "eviction_deadline"])


def _notice(data: NoticeInput, unit: Unit, route: Route, acting_user: User) -> Notice:
    return Notice(
        unit=unit,
        received_on=data.received_on,
        channel=data.channel,
        sender_kind=data.sender_kind,
        sender_name=data.sender_name.strip(),
        sender_reference=data.sender_reference.strip(),
        receipt_requested=data.receipt_requested or data.sender_kind == Notice.Sender.KRONOFOGDEN,
        kind=data.kind,
        reasons=list(dict.fromkeys(data.reasons)),
        rent_debt_capital=data.rent_debt_capital,
        rent_debt_costs=data.rent_debt_costs,
        served_on=data.served_on,
        eviction_date=data.eviction_date,
        street_address=data.street_address.strip(),
        postal_code="".join(data.postal_code.split()),
        locality=locality_for(data.postal_code),
        apartment_number=data.apartment_number.strip(),
        landlord=_landlord(data.landlord_name, data.landlord_kind, acting_user),
        district=route.district,
        registered_by=acting_user,
    )


def _save_tenants(notice: Notice, data: NoticeInput, persons: list[Person | None], acting_user: User) -> None:
    for tenant, person in zip(data.tenants, persons, strict=True):
        number = parse_identity_number(tenant.identity_number).normalised
        save(
            NoticeTenant(
                notice=notice,
                person=person,
                given_name=tenant.given_name.strip(),
                family_name=tenant.family_name.strip(),
                identity_number=number,
            ),
            acting_user,
        )


@transaction.atomic
def notice_register(*, data: NoticeInput, unit: Unit, acting_user: User, import_key: str = "") -> Notice:
    """Registers a notice. An address the team does not handle is routed to its district or municipality (with a
    record of where and when); otherwise the notice joins the household's file of the last two years or opens a new
    one, a repeated notice flags the file for the team lead, and the recovery period and eviction date are set."""
    validate_notice(data)
    route = route_for(data.postal_code)
    notice = _notice(data, unit, route, acting_user)
    notice.import_key = import_key
    if not route.handled_here:
        return _route(notice, data, route, acting_user)
    persons = [_person(tenant, data, acting_user) for tenant in data.tenants]
    protected = _protected_from(acting_user, persons)
    file = household_file(persons, data.received_on)
    joined = file is not None
    if file is None:
        file = _new_file(unit, route, acting_user, data.received_on, assign=not protected)
    elif file.status == workflow.FileStatus.CLOSED:
        _reopen(file, acting_user)
    notice.file = file
    save(notice, acting_user)
    _save_tenants(notice, data, persons, acting_user)
    _add_parties(file, persons, acting_user)
    if data.children_in_household and not file.has_children:
        file.has_children = True
        save(file, acting_user, update_fields=["has_children"])
    record_event(file.case, CaseEvent.Action.NOTICE_REGISTERED, acting_user, notice.get_kind_display())
    _set_deadlines(notice, acting_user)
    if protected:
        _flag_for_assignment(file, acting_user, data.received_on)
    elif joined:
        _escalate(file, acting_user, data.received_on)
    return notice


def _protected_from(acting_user: User, persons: list[Person]) -> bool:
    """Does the notice name a registered person whose protected identity the registering caseworker may not see?
    Handling the file would grant them that identity (the protected address included), so they don't become its
    handler: the team lead gives the file to a caseworker who may know it."""
    policy = AccessPolicy(acting_user)
    return any(person.is_protected and not policy.identity_visible(person) for person in persons)


def _flag_for_assignment(file: EvictionFile, acting_user: User, on: date) -> None:
    file.escalated, file.escalated_on = True, on
    file.escalation_reason = "Skyddade personuppgifter: teamledaren fördelar ärendet till en behörig handläggare"
    save(file, acting_user, update_fields=["escalated", "escalated_on", "escalation_reason"])
    record_event(file.case, CaseEvent.Action.ESCALATED, acting_user, file.escalation_reason)


def _route(notice: Notice, data: NoticeInput, route: Route, acting_user: User) -> Notice:
    notice.routing = Notice.Routing.MUNICIPALITY if route.municipality else Notice.Routing.DISTRICT
    notice.routed_to_municipality = route.municipality
    notice.routed_at, notice.routed_by = timezone.now(), acting_user
    save(notice, acting_user)
    _save_tenants(notice, data, [None] * len(data.tenants), acting_user)
    return notice


@transaction.atomic
def file_escalation_clear(*, file: EvictionFile, acting_user: User) -> EvictionFile:
    """The team lead has seen the flag and planned what to do; the notices stay on the file."""
    file = EvictionFile.objects.select_for_update().select_related("case").get(pk=file.pk)
    if not file.escalated:
        raise ValidationError(_("Ärendet är inte flaggat."))
    file.escalated = False
    save(file, acting_user, update_fields=["escalated"])
    record_event(file.case, CaseEvent.Action.ESCALATED, acting_user, "Flaggan hanterad av teamledaren")
    return file


@transaction.atomic
def file_transition(*, file: EvictionFile, target: str, acting_user: User, on: date | None = None) -> EvictionFile:
    """Moves a file along the workflow table, if the table allows the move for the user's role; `on` dates a
    closure (today by default)."""
    file = EvictionFile.objects.select_for_update().select_related("case").get(pk=file.pk)
    if not workflow.allowed(file.status, target, roles_of(acting_user)):
        raise ValidationError(
            _("Ärendet kan inte gå från %(current)s till %(target)s.")
            % {"current": file.get_status_display(), "target": workflow.FileStatus(target).label}
        )
    if target == workflow.FileStatus.CLOSED:
        case_services.case_close(case=file.case, acting_user=acting_user, closed_on=on)
    elif file.status == workflow.FileStatus.CLOSED:
        _reopen(file, acting_user)
        return file
    file.status = target
    save(file, acting_user, update_fields=["status"])
    return file


# --- the register check and the other units to inform ------------------------------------------------------------
@transaction.atomic
def register_check_record(*, file: EvictionFile, facts: RegisterFacts, acting_user: User) -> RegisterCheck:
    """Records what the population register says; the file counts as a family with children when children live
    there permanently, alternately or visit (Kronofogden counts all three as children affected)."""
    if facts.checked_on > timezone.localdate():
        raise ValidationError({"checked_on": _("Kontrolldagen kan inte ligga i framtiden.")})
    if any(not 0 <= child.age <= 17 for child in facts.children):
        raise ValidationError(_("Ett barn är mellan 0 och 17 år."))
    check = save(
        RegisterCheck(
            file=file,
            checked_on=facts.checked_on,
            source=facts.source,
            registered_at_address=facts.registered_at_address,
            note=facts.note.strip(),
            checked_by=acting_user,
        ),
        acting_user,
    )
    for child in facts.children:
        save(RegisteredChild(register_check=check, age=child.age, living=child.living), acting_user)
    file.has_children = bool(facts.children)
    save(file, acting_user, update_fields=["has_children"])
    record_event(file.case, CaseEvent.Action.REGISTER_CHECKED, acting_user, check.get_source_display())
    return check


@transaction.atomic
def other_unit_add(*, file: EvictionFile, unit: str, caseworker: str, acting_user: User) -> OtherUnitContact:
    caseworker = " ".join(caseworker.split())
    if OtherUnitContact.objects.filter(file=file, unit=unit, caseworker__iexact=caseworker).exists():
        raise ValidationError({"caseworker": _("Handläggaren finns redan i listan.")})
    return save(OtherUnitContact(file=file, unit=unit, caseworker=caseworker, added_by=acting_user), acting_user)


@transaction.atomic
def other_unit_mark_informed(*, contact: OtherUnitContact, acting_user: User, on: date | None = None):
    contact = OtherUnitContact.objects.select_for_update(of=("self",)).select_related("file__case").get(pk=contact.pk)
    if contact.informed_on:
        raise ValidationError(_("Handläggaren är redan informerad."))
    contact.informed_on = on or timezone.localdate()
    save(contact, acting_user, update_fields=["informed_on"])
    record_event(contact.file.case, CaseEvent.Action.OTHERS_INFORMED, acting_user, contact.get_unit_display())
    return contact


# --- letters and receipt confirmations --------------------------------------------------------------------------
VISIT_LABELS = {LetterKind.VISIT: "Bokat besök", LetterKind.HOME_VISIT: "Bokat hembesök"}


@dataclass(frozen=True)
class LetterInput:
    kind: str
    booked_at: datetime | None = None
    visit_place: str = ""
    override_reason: str = ""
    chosen_address: str = ""


def _letter_address(file: EvictionFile, chosen: str) -> tuple[str, bool]:
    chosen = "\n".join(line.strip() for line in chosen.strip().splitlines() if line.strip())
    if not letters.has_protected_tenant(file):
        return (chosen, True) if chosen else (letters.recipient_address(file), False)
    if not chosen:
        raise ValidationError(
            {"chosen_address": _("Hushållet har skyddade personuppgifter. Ange adressen brevet ska skickas till.")}
        )
    flat = " ".join(chosen.lower().split())
    if any(street in flat for street in letters.protected_streets(file)):
        raise ValidationError(
            {
                "chosen_address": _(
                    "Adressen är den skyddade bostadsadressen. Ange en annan adress, till exempel en box."
                )
            }
        )
    return chosen, True


def _validate_letter(data: LetterInput, proposal: letters.Proposal) -> None:
    errors = {}
    if data.kind != proposal.kind and not data.override_reason.strip():
        errors["override_reason"] = _("Ange varför du väljer ett annat brev än det föreslagna.")
    if LetterKind(data.kind).needs_booked_time:
        if data.booked_at is None:
            errors["booked_at"] = _("Ett besöksbrev behöver en bokad tid.")
        elif timezone.localtime(data.booked_at).date() <= timezone.localdate():
            errors["booked_at"] = _("Boka en tid från och med i morgon: brevet ska hinna fram.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def letter_create(*, file: EvictionFile, data: LetterInput, acting_user: User) -> Letter:
    """A letter from the administrator's template, with the rule's proposal recorded beside the caseworker's choice;
    a booked visit is also a deadline on the file."""
    proposal = letters.proposal_for(file)
    _validate_letter(data, proposal)
    template = LetterTemplate.objects.filter(kind=data.kind).first()
    if template is None:
        raise ValidationError(_("Det finns ingen brevmall för den brevtypen. Be administratören lägga in en."))
    address, chosen = _letter_address(file, data.chosen_address)
    booked_at = data.booked_at if LetterKind(data.kind).needs_booked_time else None
    fields = letters.letter_fields(
        file, booked_at=booked_at, visit_place=data.visit_place.strip(), caseworker=acting_user,
        municipality=file.case.unit.municipality.name,
    )  # fmt: skip
    letter = Letter(
        file=file, kind=data.kind, proposed_kind=proposal.kind, proposal_rule=proposal.rule,
        override_reason=data.override_reason.strip() if data.kind != proposal.kind else "",
        booked_at=booked_at, visit_place=data.visit_place.strip(), recipient=fields["mottagare"],
        address_lines=address, address_chosen_by_caseworker=chosen, subject=letters.fill(template.subject, fields),
        body=letters.fill(template.body, fields), created_by=acting_user,
    )  # fmt: skip
    if booked_at:
        today = timezone.localdate()
        letter.visit_deadline = case_services.deadline_set(
            case=file.case, label=VISIT_LABELS[LetterKind(data.kind)], starts_on=today,
            days=(timezone.localtime(booked_at).date() - today).days, acting_user=acting_user,
        )  # fmt: skip
    save(letter, acting_user)
    record_event(file.case, CaseEvent.Action.LETTER_CREATED, acting_user, letter.get_kind_display())
    return letter


@transaction.atomic
def letter_record_visit_outcome(*, letter: Letter, outcome: str, acting_user: User, note: str = "") -> Letter:
    """How the booked visit went; a home visit with nobody home records the note left at the door."""
    letter = (
        Letter.objects.select_for_update(of=("self",)).select_related("file__case", "visit_deadline").get(pk=letter.pk)
    )
    if letter.kind == LetterKind.CONTACT:
        raise ValidationError(_("Ett kontaktbrev har ingen bokad tid."))
    if letter.visit_outcome:
        raise ValidationError(_("Utfallet av besöket är redan registrerat."))
    if outcome == Letter.VisitOutcome.NOBODY_HOME and not note.strip():
        raise ValidationError({"note": _("Skriv vad lappen som lämnades sa, till exempel en ny tid.")})
    letter.visit_outcome, letter.visit_outcome_note = outcome, note.strip()
    save(letter, acting_user, update_fields=["visit_outcome", "visit_outcome_note"])
    deadline = letter.visit_deadline
    if deadline is not None and deadline.status != deadline.Status.MET:
        case_services.deadline_mark_met(deadline=deadline, acting_user=acting_user)
    record_event(letter.file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, letter.get_visit_outcome_display())
    return letter


@transaction.atomic
def notice_receipt_record(*, notice: Notice, sent_to: str, acting_user: User, on: date | None = None) -> Notice:
    """The receipt confirmation was sent to the sender (always to Kronofogden, to others when they asked)."""
    notice = Notice.objects.select_for_update(of=("self",)).select_related("file__case").get(pk=notice.pk)
    if notice.receipt_sent_on:
        raise ValidationError(_("Mottagningsbekräftelsen är redan skickad."))
    if not sent_to.strip():
        raise ValidationError({"sent_to": _("Ange vart bekräftelsen skickades, till exempel Kronofogdens e-post.")})
    notice.receipt_sent_on, notice.receipt_sent_by = on or timezone.localdate(), acting_user
    notice.receipt_sent_to = sent_to.strip()
    save(notice, acting_user, update_fields=["receipt_sent_on", "receipt_sent_by", "receipt_sent_to"])
    record_event(notice.file.case, CaseEvent.Action.RECEIPT_SENT, acting_user, notice.get_sender_kind_display())
    return notice


# --- consent (medgivande) -------------------------------------------------------------------------------------------
def consent_covers(file: EvictionFile, partner: str) -> bool:
    """Whether a signed consent in force lets the team exchange information with this partner."""
    return file.consents.filter(signed_on__isnull=False, revoked_on__isnull=True, partners__contains=[partner]).exists()


@transaction.atomic
def consent_create(*, file: EvictionFile, partners: list[str], acting_user: User, other_named: str = "") -> Consent:
    """A consent to print for signing: the partners the household is asked to let the team talk to."""
    partners = list(dict.fromkeys(partners))
    if not partners:
        raise ValidationError({"partners": _("Välj minst en part som medgivandet gäller.")})
    if Partner.OTHER in partners and not other_named.strip():
        raise ValidationError({"other_named": _("Skriv vem den andra parten är.")})
    other_named = other_named.strip() if Partner.OTHER in partners else ""
    return save(Consent(file=file, partners=partners, other_named=other_named, created_by=acting_user), acting_user)


@transaction.atomic
def consent_sign(*, consent: Consent, signed_on: date, acting_user: User) -> Consent:
    consent = Consent.objects.select_for_update().select_related("file__case").get(pk=consent.pk)
    if consent.signed_on:
        raise ValidationError(_("Medgivandet är redan registrerat som undertecknat."))
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("Datumet kan inte ligga i framtiden.")})
    consent.signed_on = signed_on
    save(consent, acting_user, update_fields=["signed_on"])
    record_event(consent.file.case, CaseEvent.Action.CONSENT_SIGNED, acting_user)
    return consent


@transaction.atomic
def consent_revoke(*, consent: Consent, acting_user: User, revoked_on: date | None = None, note: str = "") -> Consent:
    """The household withdraws its consent (at any time, in any way); from then on the partners it named are no
    longer contacted on the strength of it."""
    consent = Consent.objects.select_for_update().select_related("file__case").get(pk=consent.pk)
    if not consent.signed_on:
        raise ValidationError(_("Ett medgivande som inte är undertecknat kan inte återkallas."))
    if consent.revoked_on:
        raise ValidationError(_("Medgivandet är redan återkallat."))
    revoked_on = revoked_on or timezone.localdate()
    if revoked_on > timezone.localdate() or revoked_on < consent.signed_on:
        raise ValidationError({"revoked_on": _("Återkallelsen ska vara daterad mellan undertecknandet och i dag.")})
    consent.revoked_on, consent.revocation_note = revoked_on, note.strip()
    save(consent, acting_user, update_fields=["revoked_on", "revocation_note"])
    record_event(consent.file.case, CaseEvent.Action.CONSENT_REVOKED, acting_user)
    return consent


# --- the contact ladder and its results ---------------------------------------------------------------------------
# A contact of these kinds exchanges information with this partner, so it needs the household's consent.
CONSENT_NEEDED = {ContactKind.LANDLORD: Partner.LANDLORD}


def _require_consent(file: EvictionFile, partner: str, field: str = "partner") -> None:
    if partner and not consent_covers(file, partner):
        raise ValidationError(
            {
                field: _(
                    "Inget medgivande i kraft omfattar %(partner)s (saknas eller är återkallat). "
                    "Kontakten får inte ske och registreras inte."
                )
                % {"partner": Partner(partner).label.lower()}
            }
        )


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Datumet kan inte ligga i framtiden.")})


@transaction.atomic
def contact_log(
    *, file: EvictionFile, kind: str, happened_on: date, acting_user: User, reached: bool = False,
    partner: str = "", note: str = "",
) -> Contact:  # fmt: skip
    """One step on the contact ladder. Talking with a partner (the landlord always) needs a consent in force."""
    _not_future(happened_on, "happened_on")
    partner = partner or CONSENT_NEEDED.get(kind, "")
    _require_consent(file, partner)
    contact = Contact(
        file=file, kind=kind, happened_on=happened_on, reached=reached, partner=partner, note=note.strip(),
        created_by=acting_user,
    )  # fmt: skip
    save(contact, acting_user)
    record_event(file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, contact.get_kind_display())
    return contact


@transaction.atomic
def file_set_landlord_answer(*, file: EvictionFile, answer: str, on: date, acting_user: User) -> EvictionFile:
    """The landlord's answer on whether the household may stay: it comes from talking with the landlord."""
    _not_future(on, "on")
    _require_consent(file, Partner.LANDLORD, "answer")
    file.landlord_answer, file.landlord_answer_on = answer, on
    save(file, acting_user, update_fields=["landlord_answer", "landlord_answer_on"])
    record_event(file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, file.get_landlord_answer_display())
    return file


@transaction.atomic
def repayment_plan_add(
    *, file: EvictionFile, agreed_on: date, debt: Decimal, monthly_amount: Decimal, acting_user: User
) -> RepaymentPlan:
    _not_future(agreed_on, "agreed_on")
    _require_consent(file, Partner.LANDLORD, "agreed_on")
    if debt <= 0 or monthly_amount <= 0:
        raise ValidationError(_("Skulden och beloppet per månad måste vara större än noll."))
    if monthly_amount > debt:
        raise ValidationError({"monthly_amount": _("Beloppet per månad kan inte vara större än skulden.")})
    plan = save(
        RepaymentPlan(file=file, agreed_on=agreed_on, debt=debt, monthly_amount=monthly_amount, created_by=acting_user),
        acting_user,
    )
    record_event(file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, str(RepaymentPlan._meta.verbose_name))
    return plan


@transaction.atomic
def repayment_plan_set_status(*, plan: RepaymentPlan, status: str, on: date, acting_user: User) -> RepaymentPlan:
    plan = RepaymentPlan.objects.select_for_update().select_related("file__case").get(pk=plan.pk)
    if plan.status != RepaymentPlan.Status.ACTIVE:
        raise ValidationError(_("Planen är redan avslutad."))
    if status == RepaymentPlan.Status.ACTIVE:
        raise ValidationError({"status": _("Välj om skulden är betald eller om planen bröts.")})
    _not_future(on, "on")
    plan.status, plan.status_on = status, on
    save(plan, acting_user, update_fields=["status", "status_on"])
    record_event(plan.file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, plan.get_status_display())
    return plan


@transaction.atomic
def financial_aid_apply(
    *, file: EvictionFile, applied_on: date, capital: Decimal, acting_user: User, costs: Decimal = Decimal(0)
) -> FinancialAid:
    """The debt passed to financial aid, split as the notice split it: capital, and costs and interest."""
    _not_future(applied_on, "applied_on")
    if capital <= 0 or costs < 0:
        raise ValidationError({"capital": _("Ange skulden i kronor: kapitalet större än noll.")})
    aid = save(
        FinancialAid(file=file, applied_on=applied_on, capital=capital, costs=costs, created_by=acting_user),
        acting_user,
    )
    record_event(file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, str(FinancialAid._meta.verbose_name))
    return aid


@transaction.atomic
def financial_aid_decide(
    *, aid: FinancialAid, decision: str, decided_on: date, acting_user: User, granted_amount: Decimal | None = None
) -> FinancialAid:
    aid = FinancialAid.objects.select_for_update().select_related("file__case").get(pk=aid.pk)
    if aid.decision:
        raise ValidationError(_("Beslutet är redan registrerat."))
    _not_future(decided_on, "decided_on")
    if decided_on < aid.applied_on:
        raise ValidationError({"decided_on": _("Beslutet kan inte komma före ansökan.")})
    if decision == FinancialAid.Decision.REFUSED:
        granted_amount = Decimal(0)
    elif granted_amount is None or granted_amount <= 0:
        raise ValidationError({"granted_amount": _("Ange det beviljade beloppet.")})
    aid.decision, aid.decided_on, aid.granted_amount = decision, decided_on, granted_amount
    save(aid, acting_user, update_fields=["decision", "decided_on", "granted_amount"])
    record_event(aid.file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, aid.get_decision_display())
    return aid


@transaction.atomic
def process_goal_set(*, unit: Unit, target: str, steps: list[str], acting_user: User) -> ProcessGoal:
    """The team's process goal: which ladder steps every household of the target group is offered."""
    steps = [step for step in ContactKind.values if step in steps]
    if not steps:
        raise ValidationError({"steps": _("Välj minst ett steg.")})
    goal = ProcessGoal.objects.select_for_update().filter(unit=unit).first() or ProcessGoal(unit=unit)
    goal.target, goal.steps, goal.updated_by = target, steps, acting_user
    return save(goal, acting_user)


@transaction.atomic
def file_decide_investigation(*, file: EvictionFile, decision: str, reason: str, acting_user: User) -> EvictionFile:
    """The decision whether to open an investigation (utredning), with its reasons."""
    if not reason.strip():
        raise ValidationError({"reason": _("Motivera beslutet.")})
    file.investigation, file.investigation_on = decision, timezone.localdate()
    file.investigation_reason = reason.strip()
    save(file, acting_user, update_fields=["investigation", "investigation_on", "investigation_reason"])
    record_event(file.case, CaseEvent.Action.CONTACT_LOGGED, acting_user, file.get_investigation_display())
    return file


# --- closure ------------------------------------------------------------------------------------------------------
@transaction.atomic
def file_close(
    *, file: EvictionFile, ground: str, outcome: str, acting_user: User, closed_on: date | None = None,
    children_affected: int = 0, social_services_attended: bool | None = None, note: str = "",
) -> Closure:  # fmt: skip
    """Closes the file on a ground with its outcome; the ground's rule must hold (`evictions.closing`). Running
    deadlines are marked met: nothing is due on a closed file."""
    file = EvictionFile.objects.select_for_update().select_related("case").get(pk=file.pk)
    closed_on = closed_on or timezone.localdate()
    _not_future(closed_on, "closed_on")
    if file.has_children and not children_affected:
        raise ValidationError({"children_affected": _("Hushållet har barn: ange hur många som berörs.")})
    closing.check(
        file, ground=ground, outcome=outcome, closed_on=closed_on, note=note, attended=social_services_attended
    )
    closure = save(
        Closure(
            file=file, closed_on=closed_on, ground=ground, outcome=outcome, children_affected=children_affected,
            social_services_attended=social_services_attended, note=note.strip(), closed_by=acting_user,
        ),
        acting_user,
    )  # fmt: skip
    for deadline in file.case.deadlines.exclude(status=Deadline.Status.MET):
        case_services.deadline_mark_met(deadline=deadline, acting_user=acting_user, on=closed_on)
    file_transition(file=file, target=workflow.FileStatus.CLOSED, acting_user=acting_user, on=closed_on)
    return closure


# --- bulk intake (CSV) ------------------------------------------------------------------------------------------------
def _report_line(row) -> dict:
    status = "bad" if row.errors else "duplicate" if row.duplicate else "ok"
    summary = ""
    if row.data is not None:
        tenant = row.data.tenants[0]
        summary = f"{tenant.given_name} {tenant.family_name}, {row.data.street_address}, {row.data.received_on}"
    return {"line": row.line, "status": status, "errors": row.errors, "summary": summary}


@transaction.atomic
def import_batch_preview(*, raw: bytes, filename: str, unit: Unit, acting_user: User) -> ImportBatch:
    """Reads and validates a CSV file row by row and keeps the report for the preview; saves no notice."""
    from evictions import importing  # noqa: PLC0415 - importing builds on this module's NoticeInput

    parsed = importing.parse(raw)
    report = [_report_line(row) for row in parsed.rows]
    count = {status: sum(1 for line in report if line["status"] == status) for status in ("ok", "bad", "duplicate")}
    batch = ImportBatch(
        unit=unit, filename=filename[:200], encoding=parsed.encoding, content=importing.decode(raw)[0],
        report=report, rows_ok=count["ok"], rows_bad=count["bad"], rows_duplicate=count["duplicate"],
        uploaded_by=acting_user,
    )  # fmt: skip
    batch.save()
    return batch


@transaction.atomic
def import_batch_queue(*, batch: ImportBatch, acting_user: User) -> ImportBatch:
    """The caseworker confirms the preview: the good rows are imported by a background task."""
    from evictions import tasks  # noqa: PLC0415 - tasks call back into the services

    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError(_("Filen är redan importerad eller håller på att importeras."))
    if not batch.rows_ok:
        raise ValidationError(_("Filen har inga rader att importera."))
    batch.status = ImportBatch.Status.QUEUED
    batch.save(update_fields=["status"])
    transaction.on_commit(lambda: tasks.import_batch_run.delay(batch.pk, acting_user.pk))
    return batch


def import_batch_run(*, batch: ImportBatch, acting_user: User) -> ImportBatch:
    """Imports every good row in one transaction, or none: a failure leaves nothing half-imported and says why.
    Running it again after it finished does nothing."""
    from evictions import importing  # noqa: PLC0415

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.QUEUED:
            return batch
        try:
            with transaction.atomic():
                rows = [row for row in importing.parse(batch.content.encode()).rows if row.ok]
                for row in rows:
                    notice_register(data=row.data, unit=batch.unit, acting_user=acting_user, import_key=row.key)
        except (ValidationError, IntegrityError) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            batch.status, batch.error = ImportBatch.Status.FAILED, message[:500]
            batch.save(update_fields=["status", "error"])
            return batch
        batch.status, batch.imported_count, batch.imported_at = ImportBatch.Status.IMPORTED, len(rows), timezone.now()
        batch.content = ""  # personal data kept no longer than needed: the notices hold what was imported
        batch.save(update_fields=["status", "imported_count", "imported_at", "content"])
        return batch
