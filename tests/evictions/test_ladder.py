"""The contact ladder against the team's process goal, the landlord's answer, the repayment plan, financial aid,
and the prompt to consider an investigation when a family with children was never reached."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from evictions import services
from evictions.ladder import DEFAULT_STEPS, ladder_for
from evictions.models import ContactKind, FinancialAid, LetterKind, Partner, RepaymentPlan
from evictions.services import LetterInput
from kompotten.models import Unit
from tests.evictions.conftest import days_ago

TODAY = timezone.localdate()


def test_the_default_goal_is_letter_phone_and_home_visit_for_families(register, eviction_caseworker):
    file = register(children_in_household=True).file
    ladder = ladder_for(file)
    assert [step.kind for step in ladder.steps] == DEFAULT_STEPS
    assert ladder.goal_applies and ladder.done_count == 0
    assert not ladder_for(register().file).goal_applies


def test_steps_are_done_by_letters_contacts_and_visit_outcomes(register, eviction_caseworker):
    file = register(children_in_household=True).file
    booked = timezone.make_aware(datetime.combine(TODAY + timedelta(days=3), time(9)))
    letter = services.letter_create(
        file=file,
        data=LetterInput(kind=LetterKind.HOME_VISIT, booked_at=booked, override_reason="Hembesök direkt"),
        acting_user=eviction_caseworker,
    )
    services.contact_log(file=file, kind=ContactKind.CALL, happened_on=TODAY, acting_user=eviction_caseworker)
    ladder = ladder_for(file)
    assert ladder.done_count == 2 and not ladder.prompt_investigation
    services.letter_record_visit_outcome(
        letter=letter, outcome="nobody_home", note="Lapp med telefonnummer", acting_user=eviction_caseworker
    )
    ladder = ladder_for(file)
    assert ladder.done_count == 3 and not ladder.reached
    assert ladder.prompt_investigation


def test_the_prompt_goes_when_the_family_is_reached_or_the_decision_is_made(client, register, eviction_caseworker):
    file = register(children_in_household=True).file
    for kind in DEFAULT_STEPS:
        services.contact_log(file=file, kind=kind, happened_on=TODAY, acting_user=eviction_caseworker)
    assert ladder_for(file).prompt_investigation
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    assert "Ta ställning till om en utredning ska inledas" in page
    response = client.post(
        reverse("evictions:investigation_decide", args=[file.case_id]),
        {"decision": "opened", "reason": "Ingen kontakt trots tre försök, två barn i hushållet."},
    )
    assert response.status_code == 302
    file.refresh_from_db()
    assert not ladder_for(file).prompt_investigation
    assert "Utredning inleds" in client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    other = register(children_in_household=True).file
    for kind in DEFAULT_STEPS:
        services.contact_log(
            file=other, kind=kind, happened_on=TODAY, reached=kind == ContactKind.CALL, acting_user=eviction_caseworker
        )
    assert not ladder_for(other).prompt_investigation


def test_a_single_household_is_never_prompted(register, eviction_caseworker):
    file = register().file
    for kind in DEFAULT_STEPS:
        services.contact_log(file=file, kind=kind, happened_on=TODAY, acting_user=eviction_caseworker)
    assert not ladder_for(file).prompt_investigation


def test_the_team_sets_its_process_goal_and_files_follow_it(client, register, eviction_caseworker):
    client.force_login(eviction_caseworker)
    assert client.get(reverse("evictions:process_goal")).status_code == 200
    assert client.post(reverse("evictions:process_goal"), {"target": "all", "steps": []}).status_code == 400
    response = client.post(reverse("evictions:process_goal"), {"target": "all", "steps": ["sms", "letter", "visit"]})
    assert response.status_code == 302
    ladder = ladder_for(register().file)
    assert ladder.goal_applies
    assert [step.kind for step in ladder.steps] == ["letter", "sms", "visit"]


def test_landlord_answer_repayment_plan_and_debt_paid(register, eviction_caseworker):
    file = register().file
    consent = services.consent_create(file=file, partners=[Partner.LANDLORD], acting_user=eviction_caseworker)
    services.consent_sign(consent=consent, signed_on=TODAY, acting_user=eviction_caseworker)
    services.file_set_landlord_answer(file=file, answer="with_plan", on=TODAY, acting_user=eviction_caseworker)
    plan = services.repayment_plan_add(
        file=file,
        agreed_on=TODAY,
        debt=Decimal("13350.50"),
        monthly_amount=Decimal(2000),
        acting_user=eviction_caseworker,
    )
    with pytest.raises(ValidationError):
        services.repayment_plan_set_status(plan=plan, status="active", on=TODAY, acting_user=eviction_caseworker)
    services.repayment_plan_set_status(plan=plan, status="paid", on=TODAY, acting_user=eviction_caseworker)
    assert RepaymentPlan.objects.get().status == RepaymentPlan.Status.PAID
    with pytest.raises(ValidationError):
        services.repayment_plan_set_status(plan=plan, status="broken", on=TODAY, acting_user=eviction_caseworker)


def test_financial_aid_gets_the_debt_split_from_the_notice(client, register, eviction_caseworker):
    file = register().file
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:financial_aid_add", args=[file.case_id])).content.decode()
    assert 'value="12500.00"' in page and 'value="850.50"' in page
    client.post(
        reverse("evictions:financial_aid_add", args=[file.case_id]),
        {"applied_on": days_ago(3).isoformat(), "capital": "12 500", "costs": "850,50"},
    )
    aid = FinancialAid.objects.get()
    assert (aid.capital, aid.costs) == (Decimal("12500.00"), Decimal("850.50"))
    url = reverse("evictions:financial_aid_decide", args=[file.case_id, aid.pk])
    missing = client.post(url, {"decision": "granted", "decided_on": TODAY.isoformat()})
    assert missing.status_code == 400 and "beviljade beloppet" in missing.content.decode()
    client.post(url, {"decision": "granted", "decided_on": TODAY.isoformat(), "granted_amount": "13 350,50"})
    aid.refresh_from_db()
    assert aid.decision == "granted" and aid.granted_amount == Decimal("13350.50")


def test_a_contact_cannot_be_dated_in_the_future(register, eviction_caseworker):
    with pytest.raises(ValidationError):
        services.contact_log(
            file=register().file, kind="call", happened_on=TODAY + timedelta(days=1), acting_user=eviction_caseworker
        )


def test_only_the_eviction_team_sets_the_process_goal(client, organisation, housing_handler):
    client.force_login(housing_handler)
    assert client.get(reverse("evictions:process_goal")).status_code == 403
    assert Unit.objects.filter(kind=Unit.Kind.EVICTION_PREVENTION).exists()
