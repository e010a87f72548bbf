"""Referral, investigation and decision of a housing application.

Every referrer calls `application_refer`: Nexus for the housing chain, a relocation request (handed over by
Nexus or named by the referring municipality), or the housing unit registering an applicant directly. It opens a
case of kind housing in the housing unit, sets the decision deadline on the one calendar (`cases.calendar`, via
`deadline_set`) and records the referral. Partner municipalities are never added to the case: they see nothing of
the investigation.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.models import Case, CaseEvent, CaseParty, District, HouseholdMember, Person
from cases.outbound import Channel, check_outbound_text
from cases.services.common import delete, record_event, save
from housing import notifications, workflow
from housing.events import HousingAction
from housing.models import (
    DEFAULT_DECISION_MONTHS,
    Accessibility,
    ApplicationTransition,
    ChecklistCheck,
    ChecklistItem,
    Decision,
    DecisionDeadlineRule,
    HousingApplication,
    ReferralKind,
)
from housing.workflow import ApplicationStatus
from kompotten.models import Municipality, Unit, User
from kompotten.organisations import host_municipality
from kompotten.workflow import who_is

DECISION_DEADLINE_LABEL = "Beslut om bostadssocialt kontrakt"


@dataclass(frozen=True)
class ChildInput:
    given_name: str
    birth_year: int


def housing_unit() -> Unit:
    return Unit.objects.get(municipality=host_municipality(), kind=Unit.Kind.HOUSING)


def decision_months(referral_kind: str) -> int:
    rule = DecisionDeadlineRule.objects.filter(referral_kind=referral_kind).first()
    return rule.months if rule else DEFAULT_DECISION_MONTHS


def _check_referrer(referral_kind: str, unit: Unit | None, municipality: Municipality | None) -> None:
    if (unit is None) == (municipality is None):
        raise ValidationError(_("Ange antingen remitterande enhet eller remitterande kommun."))
    if referral_kind == ReferralKind.HOUSING_CHAIN and (unit is None or unit.kind != Unit.Kind.NEXUS):
        raise ValidationError(_("Boendekedjan remitteras av Nexus."))
    if referral_kind == ReferralKind.DIRECT and (unit is None or unit.kind != Unit.Kind.HOUSING):
        raise ValidationError(_("Direkt registrering görs av bostadsenheten."))


def _check_no_open_application(person: Person) -> None:
    open_ = HousingApplication.objects.filter(case__parties__person=person, status__in=workflow.OPEN)
    if open_.exists():
        raise ValidationError(_("Personen har redan en pågående ansökan om bostadssocialt kontrakt."))


@transaction.atomic
def application_refer(
    *,
    referral_kind: str,
    person: Person,
    background: str,
    acting_user: User,
    referring_unit: Unit | None = None,
    referring_municipality: Municipality | None = None,
    adults: int = 1,
    children: Iterable[ChildInput] = (),
    rooms: int = 1,
    accessibility: str = Accessibility.NONE,
    avoid_districts: Iterable[District] = (),
    avoid_municipalities: Iterable[Municipality] = (),
    wishes: str = "",
    referred_on: date | None = None,
    handler: User | None = None,
    nexus_case: Case | None = None,
) -> HousingApplication:
    """Opens the housing application of `person`. The one way in, whoever refers."""
    if referral_kind not in ReferralKind.values:
        raise ValidationError(_("Okänd remissväg."))
    _check_referrer(referral_kind, referring_unit, referring_municipality)
    if nexus_case is not None and nexus_case.kind != Case.Kind.SUPPORT:
        raise ValidationError(_("Remissen kan bara höra till ett av Nexus stödärenden."))
    if not background.strip():
        raise ValidationError({"background": _("Beskriv bakgrunden och skälen för remissen.")})
    if adults < 1 or rooms < 1:
        raise ValidationError(_("Hushållet har minst en vuxen och behöver minst ett rum."))
    referred_on = referred_on or timezone.localdate()
    if referred_on > timezone.localdate():
        raise ValidationError({"referred_on": _("Remissdatumet kan inte ligga i framtiden.")})
    Person.objects.select_for_update().get(pk=person.pk)  # two referrals of one person wait for each other
    _check_no_open_application(person)

    case = case_services.case_open(
        kind=Case.Kind.HOUSING, unit=housing_unit(), acting_user=acting_user, opened_on=referred_on
    )
    case_services.case_add_person(case=case, person=person, role=CaseParty.Role.APPLICANT, acting_user=acting_user)
    for child in children:
        case_services.household_member_add(
            person=person,
            relation=HouseholdMember.Relation.CHILD,
            given_name=child.given_name,
            family_name=person.family_name,
            birth_year=child.birth_year,
            acting_user=acting_user,
        )
    application = HousingApplication(
        case=case,
        referral_kind=referral_kind,
        referred_on=referred_on,
        referred_by=acting_user,
        referring_unit=referring_unit,
        referring_municipality=referring_municipality,
        nexus_case=nexus_case,
        background=background.strip(),
        adults=adults,
        children=person.household.filter(relation=HouseholdMember.Relation.CHILD).count(),
        rooms=rooms,
        accessibility=accessibility,
        wishes=wishes.strip(),
    )
    application.full_clean(exclude=["case", "referred_by", "decision_deadline", "nexus_case"])
    save(application, acting_user)
    application.avoid_districts.set(list(avoid_districts))
    application.avoid_municipalities.set(list(avoid_municipalities))
    record_event(case, HousingAction.REFERRED, acting_user, ReferralKind(referral_kind).label)
    application.decision_deadline = case_services.deadline_set(
        case=case,
        label=DECISION_DEADLINE_LABEL,
        starts_on=referred_on,
        months=decision_months(referral_kind),
        acting_user=acting_user,
    )
    save(application, acting_user, update_fields=["decision_deadline"])
    if handler is not None:
        case_services.case_assign_handler(case=case, user=handler, acting_user=acting_user)
    notifications.notify(application, notifications.NEW)
    return application


@transaction.atomic
def application_add_avoid_areas(
    *,
    application: HousingApplication,
    districts: Iterable[District] = (),
    municipalities: Iterable[Municipality] = (),
    acting_user: User,
) -> HousingApplication:
    """Adds areas the applicant must avoid to an application already referred (a referrer learnt of them later).
    Only adds: a restriction is lifted by the housing unit, never by the referrer's later change."""
    application = _locked(application)
    if application.status not in workflow.OPEN:
        return application
    districts, municipalities = list(districts), list(municipalities)
    new_districts = [d for d in districts if not application.avoid_districts.filter(pk=d.pk).exists()]
    new_municipalities = [m for m in municipalities if not application.avoid_municipalities.filter(pk=m.pk).exists()]
    if not new_districts and not new_municipalities:
        return application
    application.avoid_districts.add(*new_districts)
    application.avoid_municipalities.add(*new_municipalities)
    record_event(application.case, CaseEvent.Action.DETAILS_CHANGED, acting_user, _("Områden som måste undvikas"))
    return application


def _locked(application: HousingApplication) -> HousingApplication:
    return HousingApplication.objects.select_for_update().select_related("case").get(pk=application.pk)


def _move(application: HousingApplication, to_status: str, acting_user: User, reason: str = "", manual=False) -> None:
    """Applies one edge of `housing.workflow.APPLICATION` to a locked application: checks it, records it, saves it."""
    before = application.status
    workflow.APPLICATION.check(before, to_status, who_is(acting_user), reason=reason, manual=manual)
    ApplicationTransition.objects.create(
        application=application, from_status=before, to_status=to_status, reason=reason.strip(), by=acting_user
    )
    application.status = to_status
    save(application, acting_user, update_fields=["status"])
    detail = f"{ApplicationStatus(before).label} → {ApplicationStatus(to_status).label}"
    record_event(application.case, CaseEvent.Action.STATUS_CHANGED, acting_user, detail)


@transaction.atomic
def application_transition(
    *, application: HousingApplication, to_status: str, acting_user: User, reason: str = "", manual: bool = True
) -> HousingApplication:
    """The one service that moves an application's status, along an edge of `housing.workflow.APPLICATION`;
    anything else is refused unchanged. By default only the moves offered on the page (`manual`): a decision
    (`application_decide`) and an answered offer make the others, through `_move` on the row they hold locked."""
    application = _locked(application)
    _move(application, to_status, acting_user, reason, manual=manual)
    if to_status == ApplicationStatus.WITHDRAWN:
        _close_decision_deadline(application, acting_user, timezone.localdate())
    return application


def _close_decision_deadline(application: HousingApplication, acting_user: User, on: date) -> None:
    deadline = application.decision_deadline
    if deadline is not None and deadline.status != deadline.Status.MET:
        case_services.deadline_mark_met(deadline=deadline, acting_user=acting_user, on=on)


@transaction.atomic
def checklist_save(
    *, application: HousingApplication, done: Mapping[ChecklistItem, str], acting_user: User
) -> HousingApplication:
    """Records which points of the investigation are done (`done`: item -> comment). Starts the investigation
    of a referred application; a decided one cannot change."""
    application = _locked(application)
    if application.status == ApplicationStatus.REFERRED:
        _move(application, ApplicationStatus.INVESTIGATING, acting_user)
    if application.status != ApplicationStatus.INVESTIGATING:
        raise ValidationError(_("Checklistan kan bara ändras medan ansökan utreds."))
    existing = {check.item_id: check for check in application.checks.all()}
    today = timezone.localdate()
    for item, note in done.items():
        check = existing.pop(item.pk, None)
        if check is None:
            save(
                ChecklistCheck(
                    application=application, item=item, note=note.strip(), checked_on=today, checked_by=acting_user
                ),
                acting_user,
            )
        elif check.note != note.strip():
            check.note = note.strip()
            save(check, acting_user, update_fields=["note"])
    for check in existing.values():
        delete(check, acting_user)
    record_event(application.case, HousingAction.CHECKLIST_UPDATED, acting_user)
    return application


def missing_checklist_items(application: HousingApplication) -> list[ChecklistItem]:
    checked = application.checks.values("item_id")
    return list(ChecklistItem.objects.filter(active=True).exclude(pk__in=checked))


@transaction.atomic
def application_decide(
    *, application: HousingApplication, outcome: str, reasons: str, acting_user: User, decided_on: date | None = None
) -> Decision:
    """Approves (bifall: the applicant is queued from the decision date) or rejects (avslag). Needs the whole
    investigation checklist and written reasons; meets the decision deadline."""
    application = _locked(application)
    check_outbound_text(case=application.case, fields={"reasons": reasons}, channel=Channel.DECISION)
    to_status = {
        Decision.Outcome.APPROVED: ApplicationStatus.APPROVED,
        Decision.Outcome.REJECTED: ApplicationStatus.REJECTED,
    }.get(outcome)  # noqa: E501
    if to_status is None:
        raise ValidationError({"outcome": _("Välj bifall eller avslag.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Skriv beslutets motivering. Den står i beslutsbrevet.")})
    decided_on = decided_on or timezone.localdate()
    if decided_on > timezone.localdate() or decided_on < application.referred_on:
        raise ValidationError({"decided_on": _("Beslutsdatumet ska ligga mellan remissdatumet och i dag.")})
    if application.status == ApplicationStatus.INVESTIGATING:
        missing = missing_checklist_items(application)
        if missing:
            raise ValidationError(
                _("Utredningen är inte klar. Kvar i checklistan: %(items)s.")
                % {"items": ", ".join(item.label for item in missing)}
            )
    _move(application, to_status, acting_user)
    decision = Decision(
        application=application,
        outcome=outcome,
        reasons=reasons.strip(),
        decided_on=decided_on,
        decided_by=acting_user,
    )
    save(decision, acting_user)
    application.decided_on = decided_on
    save(application, acting_user, update_fields=["decided_on"])
    _close_decision_deadline(application, acting_user, decided_on)
    record_event(application.case, HousingAction.DECISION_MADE, acting_user, Decision.Outcome(outcome).label)
    notifications.notify(application, notifications.DECISION)
    return decision
