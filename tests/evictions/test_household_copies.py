"""Issue 18, every personal datum belongs to a Person: what was written down about a household beside its persons — a
letter as it was sent (the names, the address and a home visit's place), another party a consent names (often a
relative), Kronofogden's case number on a notice — is shown only to those who see every person of the household, and
masked with them otherwise: from the moment a person is protected, on the file page, the due list, the change
history and the PDFs."""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.models import ProtectionLevel
from evictions import services
from evictions.models import LetterKind, Notice, Partner
from evictions.services import LetterInput
from tests.evictions.conftest import (
    PLACEHOLDER,
    as_tenant,
    assert_masked,
    grant,
    notice_input,
    pdf_text,
    tenant,
    views_of,
)

FLAT = "Svartbäcksgatan 10"


def _home_visit(file, caseworker):
    booked = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=2), time(10, 0)))
    data = LetterInput(
        kind=LetterKind.HOME_VISIT,
        booked_at=booked,
        visit_place=f"Hemma hos er, {FLAT}",
        override_reason="Hushållet vill träffas hemma",
    )
    return services.letter_create(file=file, data=data, acting_user=caseworker)


def _protect(person, acting_user):
    case_services.person_update(
        person=person,
        acting_user=acting_user,
        phone="",
        workplace="",
        street_address="Box 1",
        postal_code="75320",
        protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        protection_noted_on=timezone.localdate(),
        protection_source="Skatteverket",
    )


def _pages(client, case_pk) -> dict[str, str]:
    urls = {
        "file": reverse("evictions:file_detail", args=[case_pk]),
        "due list": reverse("evictions:due_list"),
        "history": reverse("cases:case_history", args=[case_pk]),
    }
    return {name: client.get(url).content.decode() for name, url in urls.items()}


def test_a_letter_as_sent_is_masked_from_the_moment_its_household_is_protected(
    client, register, eviction_caseworker, eviction_team_lead, nexus_caseworker
):
    notice = register(notice_input(tenants=(tenant(given_name="Maja", family_name="Sten"),), street_address=FLAT))
    file, person = notice.file, notice.tenants.get().person
    letter = _home_visit(file, eviction_caseworker)
    pdf_url = reverse("evictions:letter_pdf", args=[file.case_id, letter.pk])

    client.force_login(eviction_team_lead)  # a colleague of the unit, no grant on anyone
    pages = _pages(client, file.case_id)
    assert "Maja Sten" in pages["file"] and FLAT in pages["file"]  # who the letter went to, and where
    assert f"Hemma hos er, {FLAT}" in pages["due list"]
    assert "Maja Sten" in pdf_text(client.get(pdf_url).content)

    _protect(person, nexus_caseworker)
    pages = _pages(client, file.case_id)
    for name in ("file", "due list"):
        assert_masked(pages[name], person, FLAT, "Maja Sten")
    for text in ("Maja", "Sten", FLAT):
        assert text not in pages["history"], text
    assert client.get(pdf_url).status_code == 404  # the letter as sent names her: as protected as she is
    assert not views_of(person, eviction_team_lead)

    # The handler holds the file, and so the person: she still reads the letter as it was sent, and the view is logged.
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    assert "Maja Sten" in page and FLAT in page and PLACEHOLDER not in page
    assert len(views_of(person, eviction_caseworker)) == 1


def test_another_party_a_consent_names_is_shown_only_to_those_who_see_the_household(
    client, register, leila, eviction_caseworker, administrator
):
    file = register(notice_input(tenants=(as_tenant(leila),))).file
    consent = services.consent_create(
        file=file,
        partners=[Partner.LANDLORD, Partner.OTHER],
        other_named="Sara Karimi (syster)",
        acting_user=eviction_caseworker,
    )
    url = reverse("evictions:file_detail", args=[file.case_id])
    client.force_login(eviction_caseworker)
    page = client.get(url).content.decode()
    assert_masked(page, leila, "Sara Karimi")
    assert f"Hyresvärden eller inkassobolaget, {PLACEHOLDER}" in page  # which partners is no secret
    pdf = client.get(reverse("evictions:consent_pdf", args=[file.case_id, consent.pk]))
    assert pdf.status_code == 403 and b"Sara Karimi" not in pdf.content
    assert not views_of(leila, eviction_caseworker)

    grant(leila, eviction_caseworker, administrator)
    assert "Hyresvärden eller inkassobolaget, Sara Karimi (syster)" in client.get(url).content.decode()
    assert len(views_of(leila, eviction_caseworker)) == 1


def test_an_unprotected_households_consent_names_the_other_party_to_the_team(
    client, register, eviction_caseworker, eviction_team_lead
):
    file = register().file
    other = "Budget- och skuldrådgivningen"
    services.consent_create(file=file, partners=[Partner.OTHER], other_named=other, acting_user=eviction_caseworker)
    client.force_login(eviction_team_lead)
    page = client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    assert other in page and PLACEHOLDER not in page


@pytest.fixture
def from_kronofogden(register, leila):
    return register(
        notice_input(
            tenants=(as_tenant(leila),),
            sender_kind=Notice.Sender.KRONOFOGDEN,
            sender_name="Kronofogden",
            sender_reference="Mål 12-345678-26",
            kind=Notice.Kind.EVICTION,
            reasons=(),
            served_on=None,
            eviction_date=timezone.localdate() + timedelta(days=30),
        )
    )


def test_kronofogdens_case_number_is_masked_with_the_tenants_on_the_file_and_the_receipt(
    client, from_kronofogden, leila, eviction_caseworker, administrator
):
    notice = from_kronofogden
    url = reverse("evictions:file_detail", args=[notice.file.case_id])
    receipt_url = reverse("evictions:receipt_pdf", args=[notice.file.case_id, notice.pk])
    client.force_login(eviction_caseworker)
    page = client.get(url).content.decode()
    assert_masked(page, leila, "12-345678-26")
    assert f"Referens: {PLACEHOLDER}" in page
    receipt = pdf_text(client.get(receipt_url).content)
    assert "Kronofogden" in receipt and notice.file.case.number in receipt and "12-345678-26" not in receipt

    grant(leila, eviction_caseworker, administrator)
    assert "Referens: Mål 12-345678-26" in client.get(url).content.decode()
    assert "Mål 12-345678-26" in pdf_text(client.get(receipt_url).content)  # the sender's own reference, back to it


def test_the_reference_of_an_unprotected_households_notice_is_shown_to_the_team(client, register, eviction_team_lead):
    notice = register(sender_kind=Notice.Sender.KRONOFOGDEN, sender_reference="Mål 12-999999-26")
    client.force_login(eviction_team_lead)
    page = client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    assert "Referens: Mål 12-999999-26" in page
