"""E-mail without personal data (issue 20, item 6): the housing unit's shared address hears of a new referral, and
Nexus of the decision on its referral; the case number and a link, nothing else, each sent once."""

from django.core import mail

from housing.models import ReferralKind
from kompotten.models import Unit
from tests.housing.conftest import approve, investigate, refer

BASE = "https://kompotten.uppsala.example"


def test_a_referral_from_nexus_is_told_once_to_the_units_shared_address(
    nexus_caseworker, protected_applicant, run_tasks, settings
):
    settings.BASE_URL = BASE
    with run_tasks():
        application = refer(nexus_caseworker, person=protected_applicant, background="Hemlig bor på Gömda vägen 9")
    (message,) = mail.outbox
    number = application.case.number
    assert message.to == ["bostadsenheten@uppsala.example"]
    assert message.subject == f"Kompotten: ny remiss till bostadsenheten {number}"
    assert f"{BASE}/bostad/ansokningar/{application.pk}/" in message.body
    text = message.subject + message.body
    assert "Hemlig" not in text and "Skyddadsson" not in text and "Gömda" not in text


def test_without_a_shared_address_the_team_lead_is_told(nexus_caseworker, housing_team_lead, run_tasks):
    Unit.objects.filter(kind=Unit.Kind.HOUSING).update(email="")
    with run_tasks():
        refer(nexus_caseworker)
    assert [message.to for message in mail.outbox] == [[housing_team_lead.email]]


def test_the_housing_units_own_registration_sends_nothing(housing_handler, run_tasks):
    with run_tasks():
        application = refer(housing_handler, referral_kind=ReferralKind.DIRECT, handler=housing_handler)
        approve(application, housing_handler)
    assert mail.outbox == []


def test_a_decision_is_told_once_to_the_referrer_without_the_reasons(
    nexus_caseworker, housing_handler, protected_applicant, run_tasks, settings
):
    settings.BASE_URL = BASE
    application = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    with run_tasks():
        investigate(application, housing_handler)
        approve(application, housing_handler, reasons="Hemlig behöver bo nära skolan.")
    (message,) = mail.outbox
    number = application.case.number
    assert message.to == [nexus_caseworker.email]  # the Nexus unit keeps no shared address in the demo
    assert message.subject == f"Kompotten: beslut i ärende {number}"
    assert f"{BASE}/bostad/remisser/" in message.body
    assert "Hemlig" not in message.body and "skolan" not in message.body and "Bifall" not in message.body


def test_a_decision_goes_to_the_referring_units_shared_address_when_it_has_one(
    nexus_caseworker, housing_handler, run_tasks
):
    Unit.objects.filter(kind=Unit.Kind.NEXUS).update(email="nexus.enheten@uppsala.example")
    application = refer(nexus_caseworker, handler=housing_handler)
    with run_tasks():
        approve(application, housing_handler)
    assert [message.to for message in mail.outbox] == [["nexus.enheten@uppsala.example"]]
