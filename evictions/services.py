"""Every write of eviction prevention: `<entity>_<verb>(*, ..., acting_user)`, atomic, validating, with history
(the acting user) and the case timeline. Deadlines go through the case core (`cases.services.deadline_set`) on
the one calendar of lag (1930:173)."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta
from simple_history.utils import bulk_create_with_history

from cases import access
from cases import services as case_services
from cases.models import CaseEvent, Deadline
from cases.outbound import Channel, check_outbound_text
from cases.services.common import record_event, save
from evictions import closing, importing, letters, registration, tasks, workflow
from evictions.events import EvictionAction
from evictions.import_batches import (  # noqa: F401 - the import's work, below the task that runs it
    import_batch_run,
    import_batch_transition,
    import_batches_purge,
)
from evictions.models import (
    Closure,
    Consent,
    Contact,
    ContactKind,
    EvictionFile,
    FinancialAid,
    ImportBatch,
    Instalment,
    Letter,
    LetterKind,
    LetterTemplate,
    Notice,
    OtherUnitContact,
    Partner,
    ProcessGoal,
    RegisterCheck,
    RegisteredChild,
    RepaymentPlan,
)
from evictions.register import RegisterFacts
from evictions.registration import (  # noqa: F401 - the notice's input and rules, for the form and the import
    EVICTION_DATE_LABEL,
    RECOVERY_PERIOD_LABEL,
    RECOVERY_PERIOD_WEEKS,
    NoticeInput,
    TenantInput,
    validate_notice,
)
from kompotten.models import Unit, User
from kompotten.workflow import TransitionRefused, who_is


def notice_register(*, data: NoticeInput, unit: Unit, acting_user: User, import_key: str = "") -> Notice:
    """Registers one notice: a batch of one of `registration.notices_register` (atomic), which the CSV import also
    uses."""
    return registration.notices_register(notices=[(data, import_key)], unit=unit, acting_user=acting_user)[0]


def _reopen(file: EvictionFile, acting_user: User) -> None:
    writes = registration.Writes(acting_user)
    registration.reopen(file, writes)
    writes.flush()


@transaction.atomic
def file_escalation_clear(*, file: EvictionFile, acting_user: User) -> EvictionFile:
    """The team lead has seen the flag and planned what to do; the notices stay on the file. Only the team lead of
    the file's unit clears it."""
    file = EvictionFile.objects.select_for_update().select_related("case__unit").get(pk=file.pk)
    if not access.leads_team_of(acting_user, file.case.unit):
        raise ValidationError(_("Bara gruppledaren markerar en flagga som hanterad."))
    if not file.escalated:
        raise ValidationError(_("Ärendet är inte flaggat."))
    file.escalated = False
    save(file, acting_user, update_fields=["escalated"])
    record_event(file.case, EvictionAction.ESCALATED, acting_user, "Flaggan hanterad av teamledaren")
    return file


@transaction.atomic
def file_transition(
    *, file: EvictionFile, target: str, acting_user: User, on: date | None = None, closure: Closure | None = None
) -> EvictionFile:
    """The one service that moves a file's status, along an edge of `evictions.workflow.FILE` for the user's role.
    A file closes only with its closure record, which `file_close` writes and passes here; `on` dates the closure
    (today by default). Reopening a closed file is what registering a new notice does (`registration.reopen`)."""
    file = EvictionFile.objects.select_for_update().select_related("case").get(pk=file.pk)
    workflow.FILE.check(file.status, target, who_is(acting_user))
    if target == workflow.FileStatus.CLOSED and (closure is None or closure.file_id != file.pk):
        raise TransitionRefused(_("Ett ärende avslutas med skäl och utfall: använd ”Avsluta ärendet”."))
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
    record_event(file.case, EvictionAction.REGISTER_CHECKED, acting_user, check.get_source_display())
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
    record_event(contact.file.case, EvictionAction.OTHERS_INFORMED, acting_user, contact.get_unit_display())
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


def _letter_address(file: EvictionFile, chosen: str, household: letters.Household) -> tuple[str, bool]:
    chosen = "\n".join(line.strip() for line in chosen.strip().splitlines() if line.strip())
    if not letters.has_protected_tenant(file, household):
        return (chosen, True) if chosen else (letters.recipient_address(file, household), False)
    if not chosen:
        raise ValidationError(
            {"chosen_address": _("Hushållet har skyddade personuppgifter. Ange adressen brevet ska skickas till.")}
        )
    flat = " ".join(chosen.lower().split())
    if any(street in flat for street in letters.protected_streets(file, household)):
        raise ValidationError(
            {
                "chosen_address": _(
                    "Adressen är den skyddade bostadsadressen. Ange en annan adress, till exempel en box."
                )
            }
        )
    return chosen, True


def _validate_letter(data: LetterInput, proposal: letters.Proposal, written_on: date) -> None:
    errors = {}
    if data.kind != proposal.kind and not data.override_reason.strip():
        errors["override_reason"] = _("Ange varför du väljer ett annat brev än det föreslagna.")
    if LetterKind(data.kind).needs_booked_time:
        if data.booked_at is None:
            errors["booked_at"] = _("Ett besöksbrev behöver en bokad tid.")
        elif timezone.localtime(data.booked_at).date() <= written_on:
            errors["booked_at"] = _("Boka en tid från och med i morgon: brevet ska hinna fram.")
    if errors:
        raise ValidationError(errors)


LETTER_WRITTEN_EARLIER_AT = time(9, 0)  # the hour a letter written on an earlier day is dated at


@transaction.atomic
def letter_create(
    *, file: EvictionFile, data: LetterInput, acting_user: User, written_on: date | None = None
) -> Letter:
    """A letter from the administrator's template, with the rule's proposal recorded beside the caseworker's choice.
    A booked visit is a time agreed with the household, kept on the letter: no statutory deadline (which would move
    a Saturday visit to Monday); the due list shows it on its own day (`selectors.booked_visits`).

    `written_on` (today by default, never in the future) is the letter's day: its date, the day the proposal's facts
    are read on, the start of a contact letter's follow-up reminder, and when it was made (at
    `LETTER_WRITTEN_EARLIER_AT` on an earlier day). The file's persons and notices are read once for all of it."""
    today = timezone.localdate()
    written_on = written_on or today
    _not_future(written_on, "written_on")
    household = letters.household_of(file)
    proposal = letters.proposal_for(file, written_on, household)
    _validate_letter(data, proposal, written_on)
    template = LetterTemplate.objects.filter(kind=data.kind).first()
    if template is None:
        raise ValidationError(_("Det finns ingen brevmall för den brevtypen. Be administratören lägga in en."))
    address, chosen = _letter_address(file, data.chosen_address, household)
    check_outbound_text(
        case=file.case,
        fields={"visit_place": data.visit_place, "chosen_address": data.chosen_address},
        channel=Channel.LETTER,
        addresses_expected=["visit_place", "chosen_address"],
        protected_addresses=letters.protected_streets(file, household),
    )
    booked_at = data.booked_at if LetterKind(data.kind).needs_booked_time else None
    fields = letters.letter_fields(
        file,
        booked_at=booked_at,
        visit_place=data.visit_place.strip(),
        caseworker=acting_user,
        municipality=file.case.unit.municipality.name,
        today=written_on,
        household=household,
    )
    letter = Letter(
        file=file,
        kind=data.kind,
        proposed_kind=proposal.kind,
        proposal_rule=proposal.rule,
        override_reason=data.override_reason.strip() if data.kind != proposal.kind else "",
        booked_at=booked_at,
        visit_place=data.visit_place.strip(),
        recipient=fields["mottagare"],
        address_lines=address,
        address_chosen_by_caseworker=chosen,
        subject=letters.fill(template.subject, fields),
        body=letters.fill(template.body, fields),
        created_by=acting_user,
    )
    if written_on != today:
        letter.created_at = timezone.make_aware(datetime.combine(written_on, LETTER_WRITTEN_EARLIER_AT))
    if data.kind == LetterKind.CONTACT:
        letter.follow_up_deadline = _follow_up(file, written_on, acting_user)
    save(letter, acting_user)
    letter.recipients.add(*household.persons)  # a new letter: nothing to replace
    detail = letter.get_kind_display()
    if booked_at:
        detail = f"{VISIT_LABELS[LetterKind(data.kind)]} {letters.swedish_datetime(booked_at)}"
    record_event(file.case, EvictionAction.LETTER_CREATED, acting_user, detail)
    return letter


def _follow_up(file: EvictionFile, today: date, acting_user: User) -> Deadline:
    """The reminder to follow up a contact letter: on the due list `FOLLOW_UP_WORKING_DAYS` working days on."""
    deadline = case_services.deadline_new(
        case=file.case,
        label=str(letters.FOLLOW_UP_LABEL),
        starts_on=today,
        working_days=letters.FOLLOW_UP_WORKING_DAYS,
    )
    save(deadline, acting_user)
    record_event(file.case, CaseEvent.Action.DEADLINE_SET, acting_user, case_services.deadline_set_detail(deadline))
    return deadline


def _follow_ups_met(file: EvictionFile, on: date, acting_user: User) -> None:
    """A contact with the household follows up every contact letter sent, and every instalment missed, up to that
    day."""
    prompts = Q(pk__in=file.letters.values("follow_up_deadline")) | Q(
        pk__in=Instalment.objects.filter(plan__file=file).values("contact_deadline")
    )
    running = Deadline.objects.filter(prompts, status=Deadline.Status.RUNNING, starts_on__lte=on)
    case_services.deadlines_mark_met(deadlines=running, acting_user=acting_user, on=on)


@transaction.atomic
def letter_record_visit_outcome(*, letter: Letter, outcome: str, acting_user: User, note: str = "") -> Letter:
    """How the booked visit went; a home visit with nobody home records the note left at the door."""
    letter = Letter.objects.select_for_update(of=("self",)).select_related("file__case").get(pk=letter.pk)
    if letter.kind == LetterKind.CONTACT:
        raise ValidationError(_("Ett kontaktbrev har ingen bokad tid."))
    if letter.visit_outcome:
        raise ValidationError(_("Utfallet av besöket är redan registrerat."))
    if outcome == Letter.VisitOutcome.NOBODY_HOME and not note.strip():
        raise ValidationError({"note": _("Skriv vad lappen som lämnades sa, till exempel en ny tid.")})
    letter.visit_outcome, letter.visit_outcome_note = outcome, note.strip()
    save(letter, acting_user, update_fields=["visit_outcome", "visit_outcome_note"])
    record_event(letter.file.case, EvictionAction.CONTACT_LOGGED, acting_user, letter.get_visit_outcome_display())
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
    record_event(notice.file.case, EvictionAction.RECEIPT_SENT, acting_user, notice.get_sender_kind_display())
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
    record_event(consent.file.case, EvictionAction.CONSENT_SIGNED, acting_user)
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
# The ladder's steps that reach for the household itself: each follows up the contact letters sent before it.
HOUSEHOLD_CONTACTS = frozenset(
    {
        ContactKind.LETTER,
        ContactKind.CALL,
        ContactKind.SMS,
        ContactKind.VISIT,
        ContactKind.HOME_VISIT,
        ContactKind.NETWORK_MEETING,
    }
)


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
    *,
    file: EvictionFile,
    kind: str,
    happened_on: date,
    acting_user: User,
    reached: bool = False,
    partner: str = "",
    note: str = "",
) -> Contact:
    """One step on the contact ladder. Talking with a partner (the landlord always) needs a consent in force."""
    _not_future(happened_on, "happened_on")
    partner = partner or CONSENT_NEEDED.get(kind, "")
    _require_consent(file, partner)
    contact = Contact(
        file=file,
        kind=kind,
        happened_on=happened_on,
        reached=reached,
        partner=partner,
        note=note.strip(),
        created_by=acting_user,
    )
    save(contact, acting_user)
    record_event(file.case, EvictionAction.CONTACT_LOGGED, acting_user, contact.get_kind_display())
    if kind in HOUSEHOLD_CONTACTS:
        _follow_ups_met(file, happened_on, acting_user)
    return contact


@transaction.atomic
def file_set_landlord_answer(*, file: EvictionFile, answer: str, on: date, acting_user: User) -> EvictionFile:
    """The landlord's answer on whether the household may stay: it comes from talking with the landlord."""
    _not_future(on, "on")
    _require_consent(file, Partner.LANDLORD, "answer")
    file.landlord_answer, file.landlord_answer_on = answer, on
    save(file, acting_user, update_fields=["landlord_answer", "landlord_answer_on"])
    record_event(file.case, EvictionAction.CONTACT_LOGGED, acting_user, file.get_landlord_answer_display())
    return file


def instalment_schedule(debt: Decimal, monthly_amount: Decimal, first_due_on: date) -> list[tuple[date, Decimal]]:
    """(due date, amount) of each instalment: the monthly amount on the same day of each month, the rest last."""
    schedule, left, month = [], debt, 0
    while left > 0:
        amount = min(monthly_amount, left)
        schedule.append((first_due_on + relativedelta(months=month), amount))
        left, month = left - amount, month + 1
    return schedule


@transaction.atomic
def repayment_plan_add(
    *,
    file: EvictionFile,
    agreed_on: date,
    debt: Decimal,
    monthly_amount: Decimal,
    acting_user: User,
    first_due_on: date | None = None,
) -> RepaymentPlan:
    """A repayment plan the landlord agreed to, with its instalments: the monthly amount from `first_due_on` (a
    month after the agreement when not given) until the debt is paid."""
    _not_future(agreed_on, "agreed_on")
    first_due_on = first_due_on or agreed_on + relativedelta(months=1)
    if first_due_on < agreed_on:
        raise ValidationError({"first_due_on": _("Första betalningen kan inte ligga före överenskommelsen.")})
    _require_consent(file, Partner.LANDLORD, "agreed_on")
    if debt <= 0 or monthly_amount <= 0:
        raise ValidationError(_("Skulden och beloppet per månad måste vara större än noll."))
    if monthly_amount > debt:
        raise ValidationError({"monthly_amount": _("Beloppet per månad kan inte vara större än skulden.")})
    plan = save(
        RepaymentPlan(file=file, agreed_on=agreed_on, debt=debt, monthly_amount=monthly_amount, created_by=acting_user),
        acting_user,
    )
    instalments = [
        Instalment(plan=plan, number=number, due_on=due_on, amount=amount)
        for number, (due_on, amount) in enumerate(instalment_schedule(debt, monthly_amount, first_due_on), start=1)
    ]
    # Two inserts for the lot (a two-year plan has 24 rows), each row's history by the acting user as `save` writes it.
    bulk_create_with_history(instalments, Instalment, default_user=acting_user)
    record_event(file.case, EvictionAction.CONTACT_LOGGED, acting_user, str(RepaymentPlan._meta.verbose_name))
    return plan


@transaction.atomic
def repayment_plan_set_status(*, plan: RepaymentPlan, status: str, on: date, acting_user: User) -> RepaymentPlan:
    """The one service that moves a plan's status, along an edge of `evictions.workflow.REPAYMENT_PLAN`; the plan's
    history keeps who and when."""
    plan = RepaymentPlan.objects.select_for_update().select_related("file__case").get(pk=plan.pk)
    if plan.status != RepaymentPlan.Status.ACTIVE:  # refusals of the table, in the words of the plan's page
        raise TransitionRefused(_("Planen är redan avslutad."))
    if status == RepaymentPlan.Status.ACTIVE:
        raise TransitionRefused({"status": _("Välj om skulden är betald eller om planen bröts.")})
    _not_future(on, "on")
    workflow.REPAYMENT_PLAN.check(plan.status, status, who_is(acting_user))
    plan.status, plan.status_on = status, on
    save(plan, acting_user, update_fields=["status", "status_on"])
    record_event(plan.file.case, EvictionAction.CONTACT_LOGGED, acting_user, plan.get_status_display())
    return plan


MISSED_INSTALMENT_CONTACT_WORKING_DAYS = 2  # a missed instalment: contact the household within two working days
MISSED_INSTALMENT_LABEL = _("Kontakta hushållet: missad avbetalning")


@transaction.atomic
def instalment_record(*, instalment: Instalment, status: str, on: date, acting_user: User) -> Instalment:
    """An instalment paid or missed, along an edge of `evictions.workflow.INSTALMENT`. A missed one prompts a
    contact: a deadline on the due list, met when a contact with the household is logged (`contact_log`)."""
    instalment = (
        Instalment.objects.select_for_update(of=("self",)).select_related("plan__file__case").get(pk=instalment.pk)
    )
    if instalment.status != Instalment.Status.EXPECTED:
        raise TransitionRefused(_("Avbetalningen är redan registrerad."))
    if status == Instalment.Status.EXPECTED:
        raise TransitionRefused({"status": _("Välj om avbetalningen är betald eller missad.")})
    _not_future(on, "on")
    if status == Instalment.Status.MISSED and on < instalment.due_on:
        raise ValidationError(
            {"on": _("En avbetalning är missad först från sin sista dag, %(date)s.") % {"date": instalment.due_on}}
        )
    workflow.INSTALMENT.check(instalment.status, status, who_is(acting_user))
    instalment.status, instalment.status_on = status, on
    file = instalment.plan.file
    if status == Instalment.Status.MISSED:
        deadline = case_services.deadline_new(
            case=file.case,
            label=str(MISSED_INSTALMENT_LABEL),
            starts_on=on,
            working_days=MISSED_INSTALMENT_CONTACT_WORKING_DAYS,
        )
        save(deadline, acting_user)
        record_event(file.case, CaseEvent.Action.DEADLINE_SET, acting_user, case_services.deadline_set_detail(deadline))
        instalment.contact_deadline = deadline
    save(instalment, acting_user, update_fields=["status", "status_on", "contact_deadline"])
    detail = f"{Instalment._meta.verbose_name} {instalment.number}: {instalment.get_status_display()}"
    record_event(file.case, EvictionAction.CONTACT_LOGGED, acting_user, detail)
    return instalment


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
    record_event(file.case, EvictionAction.CONTACT_LOGGED, acting_user, str(FinancialAid._meta.verbose_name))
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
    record_event(aid.file.case, EvictionAction.CONTACT_LOGGED, acting_user, aid.get_decision_display())
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
    record_event(file.case, EvictionAction.CONTACT_LOGGED, acting_user, file.get_investigation_display())
    return file


# --- closure ------------------------------------------------------------------------------------------------------
@transaction.atomic
def file_close(
    *,
    file: EvictionFile,
    ground: str,
    outcome: str,
    acting_user: User,
    closed_on: date | None = None,
    children_affected: int = 0,
    social_services_attended: bool | None = None,
    note: str = "",
) -> Closure:
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
            file=file,
            closed_on=closed_on,
            ground=ground,
            outcome=outcome,
            children_affected=children_affected,
            social_services_attended=social_services_attended,
            note=note.strip(),
            closed_by=acting_user,
        ),
        acting_user,
    )
    case_services.deadlines_mark_met(deadlines=file.case.deadlines.all(), acting_user=acting_user, on=closed_on)
    file_transition(
        file=file, target=workflow.FileStatus.CLOSED, acting_user=acting_user, on=closed_on, closure=closure
    )
    return closure


# --- bulk intake (CSV) ------------------------------------------------------------------------------------------------
# The preview and the confirmation; the confirmed import's run and beat's sweep are `import_batches`' (the task runs
# them, so they sit below the task this module enqueues).


def _report_line(row) -> dict:
    """What the report keeps of a row: its line and why it is not imported. Never a name or an address (the preview
    page reads who a row names from the file, through the access policy, while the file is kept)."""
    if row.registered is not None:  # the file of the notice registered before, for the preview's link
        return {
            "line": row.line,
            "status": "registered",
            "errors": [],
            "case": row.registered.file and row.registered.file.case_id,
        }
    status = "bad" if row.errors else "duplicate" if row.duplicate else "ok"
    return {"line": row.line, "status": status, "errors": row.errors}


@transaction.atomic
def import_batch_preview(*, raw: bytes, filename: str, unit: Unit, acting_user: User) -> ImportBatch:
    """Reads and validates a CSV file row by row and keeps the report for the preview; saves no notice."""
    parsed = importing.parse(raw)
    report = [_report_line(row) for row in parsed.rows]
    statuses = ("ok", "bad", "duplicate", "registered")
    count = {status: sum(1 for line in report if line["status"] == status) for status in statuses}
    batch = ImportBatch(
        unit=unit,
        filename=filename[:200],
        encoding=parsed.encoding,
        content=importing.decode(raw)[0],
        report=report,
        rows_ok=count["ok"],
        rows_bad=count["bad"],
        rows_duplicate=count["duplicate"],
        rows_registered=count["registered"],
        uploaded_by=acting_user,
    )
    batch.save()
    return batch


@transaction.atomic
def import_batch_queue(*, batch: ImportBatch, acting_user: User) -> ImportBatch:
    """The caseworker confirms the preview: the good rows are imported by a background task."""
    batch = ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
    if batch is None:
        raise ValidationError(_("Förhandsgranskningen är raderad eftersom den inte bekräftades inom ett dygn."))
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError(_("Filen är redan importerad eller håller på att importeras."))
    if not batch.rows_ok:
        raise ValidationError(_("Filen har inga rader att importera."))
    import_batch_transition(batch=batch, to_status=ImportBatch.Status.QUEUED, acting_user=acting_user)
    transaction.on_commit(lambda: tasks.import_batch_run.delay(batch.pk, acting_user.pk))
    return batch
