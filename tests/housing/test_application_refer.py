from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from cases.calendar import statutory_due_date
from cases.models import Case, CaseParty, Deadline
from housing import services
from housing.events import HousingAction
from housing.models import DecisionDeadlineRule, ReferralKind
from housing.workflow import ApplicationStatus
from kompotten.models import Municipality, Unit
from tests.factories import PersonFactory
from tests.housing.conftest import refer

# Built relative to today: the rules must hold on every day of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates


def test_a_nexus_referral_opens_a_housing_case_in_the_housing_unit(nexus_caseworker, districts):
    person = PersonFactory()
    application = refer(
        nexus_caseworker,
        person=person,
        adults=1,
        rooms=3,
        accessibility="elevator",
        children=[services.ChildInput("Nora", 2018), services.ChildInput("Adam", 2021)],
        avoid_districts=[districts["Gottsunda"]],
        wishes="Nära skolan",
    )
    case = application.case
    assert case.kind == Case.Kind.HOUSING
    assert case.unit.kind == Unit.Kind.HOUSING
    assert case.parties.get().person == person
    assert case.parties.get().role == CaseParty.Role.APPLICANT
    assert application.status == ApplicationStatus.REFERRED
    assert application.referring_unit.kind == Unit.Kind.NEXUS
    assert application.children == 2
    assert sorted(person.household.values_list("birth_year", flat=True)) == [2018, 2021]
    assert list(application.avoid_districts.all()) == [districts["Gottsunda"]]
    assert case.events.filter(action=HousingAction.REFERRED).exists()
    assert not case.partners.exists()


def test_the_decision_deadline_is_three_months_from_the_referral_on_the_one_calendar(nexus_caseworker):
    referred_on = date(2026, 3, 21)  # + 3 months = Sunday 21 June 2026 -> Monday 22 June
    application = refer(nexus_caseworker, referred_on=referred_on)
    deadline = application.decision_deadline
    assert deadline.case == application.case
    assert deadline.starts_on == referred_on
    assert deadline.due_on == statutory_due_date(referred_on, months=3) == date(2026, 6, 22)
    assert deadline.status == Deadline.Status.RUNNING


def test_the_decision_deadline_follows_the_rule_of_its_referral_kind(nexus_caseworker):
    DecisionDeadlineRule.objects.filter(referral_kind=ReferralKind.RELOCATION).update(months=2)
    referred_on = date(2026, 9, 1)
    relocation = refer(nexus_caseworker, referral_kind=ReferralKind.RELOCATION, referred_on=referred_on)
    chain = refer(nexus_caseworker, referred_on=referred_on)
    assert relocation.decision_deadline.due_on == date(2026, 11, 2)  # 1 Nov is a Sunday
    assert chain.decision_deadline.due_on == date(2026, 12, 1)


def test_a_relocation_request_may_name_the_referring_municipality(nexus_caseworker):
    vasteras = Municipality.objects.get(code="1980")
    application = refer(nexus_caseworker, referral_kind=ReferralKind.RELOCATION, referring_municipality=vasteras)
    assert application.referrer_name == "Västerås"
    assert not application.case.partners.exists()  # the partner sees nothing of the investigation


def test_the_housing_unit_registers_directly_and_becomes_handler(housing_handler):
    application = refer(housing_handler, referral_kind=ReferralKind.DIRECT, handler=housing_handler)
    assert application.case.assignments.get().user == housing_handler


@pytest.mark.parametrize(
    ("kind", "unit_kind"),
    [(ReferralKind.HOUSING_CHAIN, Unit.Kind.HOUSING), (ReferralKind.DIRECT, Unit.Kind.NEXUS)],
)
def test_a_referral_kind_needs_its_own_referrer(nexus_caseworker, kind, unit_kind):
    with pytest.raises(ValidationError):
        refer(nexus_caseworker, referral_kind=kind, referring_unit=Unit.objects.get(kind=unit_kind))
    assert not Case.objects.exists()


def test_a_person_has_one_open_application_at_a_time(nexus_caseworker):
    person = PersonFactory()
    refer(nexus_caseworker, person=person)
    with pytest.raises(ValidationError, match="redan en pågående ansökan"):
        refer(nexus_caseworker, person=person)
    assert Case.objects.count() == 1


def test_a_referral_without_background_or_from_the_future_is_refused(nexus_caseworker):
    with pytest.raises(ValidationError):
        refer(nexus_caseworker, background="  ")
    with pytest.raises(ValidationError):
        refer(nexus_caseworker, referred_on=timezone.localdate() + timedelta(days=1))
    assert not Case.objects.exists()
