"""Consent (medgivande, Bilaga 3): partners covered, signed, printable with names and personal identity numbers,
revocable; after a revocation the file shows it and the services refuse contacts with partners no longer covered."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from evictions import services
from evictions.models import Consent, Contact, ContactKind, LandlordAnswer, Partner, RepaymentPlan
from tests.evictions.conftest import notice_input, pdf_text, tenant

TODAY = timezone.localdate()


@pytest.fixture
def file(register):
    return register(
        notice_input(tenants=(tenant(given_name="Sara", family_name="Lind", identity_number="19900101-9802"),))
    ).file


def _signed(file, user, partners=(Partner.LANDLORD, Partner.PSYCHIATRY)) -> Consent:
    consent = services.consent_create(file=file, partners=list(partners), acting_user=user)
    return services.consent_sign(consent=consent, signed_on=TODAY, acting_user=user)


def test_without_a_signed_consent_the_landlord_is_not_contacted(file, eviction_caseworker):
    with pytest.raises(ValidationError) as error:
        services.contact_log(file=file, kind=ContactKind.LANDLORD, happened_on=TODAY, acting_user=eviction_caseworker)
    assert "hyresvärden eller inkassobolaget" in error.value.message_dict["partner"][0]
    services.consent_create(file=file, partners=[Partner.LANDLORD], acting_user=eviction_caseworker)  # not signed
    assert not services.consent_covers(file, Partner.LANDLORD)
    with pytest.raises(ValidationError):
        services.contact_log(file=file, kind=ContactKind.LANDLORD, happened_on=TODAY, acting_user=eviction_caseworker)
    assert not Contact.objects.exists()


def test_a_signed_consent_covers_its_partners_and_only_those(file, eviction_caseworker):
    _signed(file, eviction_caseworker)
    assert services.consent_covers(file, Partner.LANDLORD) and services.consent_covers(file, Partner.PSYCHIATRY)
    assert not services.consent_covers(file, Partner.RELATIVES)
    services.contact_log(file=file, kind=ContactKind.LANDLORD, happened_on=TODAY, acting_user=eviction_caseworker)
    with pytest.raises(ValidationError):
        services.contact_log(
            file=file,
            kind=ContactKind.CALL,
            partner=Partner.RELATIVES,
            happened_on=TODAY,
            acting_user=eviction_caseworker,
        )
    assert Contact.objects.get().partner == Partner.LANDLORD


def test_after_revocation_the_file_shows_it_and_no_landlord_contact_is_logged(client, file, eviction_caseworker):
    consent = _signed(file, eviction_caseworker)
    client.force_login(eviction_caseworker)
    response = client.post(
        reverse("evictions:consent_revoke", args=[file.case_id, consent.pk]),
        {"revoked_on": TODAY.isoformat(), "note": "Ringde och återkallade"},
    )
    assert response.status_code == 302
    page = client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    assert f"Återkallat {TODAY:%Y-%m-%d}" in page and "Ringde och återkallade" in page
    refused = client.post(
        reverse("evictions:contact_add", args=[file.case_id]), {"kind": "landlord", "happened_on": TODAY.isoformat()}
    )
    assert refused.status_code == 400 and "återkallat" in refused.content.decode()
    with pytest.raises(ValidationError):
        services.file_set_landlord_answer(
            file=file, answer=LandlordAnswer.MAY_STAY, on=TODAY, acting_user=eviction_caseworker
        )
    with pytest.raises(ValidationError):
        services.repayment_plan_add(
            file=file,
            agreed_on=TODAY,
            debt=Decimal(9000),
            monthly_amount=Decimal(1000),
            acting_user=eviction_caseworker,
        )
    assert not Contact.objects.exists() and not RepaymentPlan.objects.exists()


def test_a_new_consent_after_a_revocation_covers_again(file, eviction_caseworker):
    services.consent_revoke(consent=_signed(file, eviction_caseworker), acting_user=eviction_caseworker)
    assert not services.consent_covers(file, Partner.LANDLORD)
    _signed(file, eviction_caseworker, partners=[Partner.LANDLORD])
    assert services.consent_covers(file, Partner.LANDLORD)


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda c, u: services.consent_revoke(consent=c, acting_user=u), "inte är undertecknat"),
        (
            lambda c, u: services.consent_sign(consent=c, signed_on=TODAY + timedelta(days=1), acting_user=u),
            "framtiden",
        ),
    ],
)
def test_an_unsigned_consent_cannot_be_revoked_nor_signed_in_the_future(file, eviction_caseworker, action, message):
    consent = services.consent_create(file=file, partners=[Partner.CARE], acting_user=eviction_caseworker)
    with pytest.raises(ValidationError, match=message):
        action(consent, eviction_caseworker)


def test_another_partner_must_be_named(file, eviction_caseworker):
    with pytest.raises(ValidationError) as error:
        services.consent_create(file=file, partners=[Partner.OTHER], acting_user=eviction_caseworker)
    assert "other_named" in error.value.message_dict
    consent = services.consent_create(
        file=file,
        partners=[Partner.OTHER],
        other_named="Budget- och skuldrådgivningen",
        acting_user=eviction_caseworker,
    )
    assert consent.partner_labels() == ["Budget- och skuldrådgivningen"]


def test_the_consent_form_prints_the_names_numbers_and_chosen_partners(client, file, eviction_caseworker):
    client.force_login(eviction_caseworker)
    response = client.post(
        reverse("evictions:consent_add", args=[file.case_id]),
        {"partners": ["landlord", "other"], "other_named": "Stadsmissionen"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    text = pdf_text(client.get(reverse("evictions:consent_pdf", args=[file.case_id, consent.pk])).content)
    assert "Medgivande" in text and "när som helst upphäva" in text
    assert "Sara Lind, 19900101-9802" in text and "Övriga: Stadsmissionen" in text
    assert "X Hyresvärden eller inkassobolaget" in text.replace("\n", " ")
