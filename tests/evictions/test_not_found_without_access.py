"""Every URL of the evictions namespace that takes an id answers 404 to users who may not see the file."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from evictions import services
from tests.cases.test_not_found_without_access import id_url_names
from tests.factories import PersonFactory, open_case

FILE_URLS = [
    "evictions:file_detail",
    "evictions:escalation_clear",
    "evictions:register_check",
    "evictions:other_unit_add",
    "evictions:letter_add",
    "evictions:consent_add",
    "evictions:contact_add",
    "evictions:landlord_answer",
    "evictions:repayment_plan_add",
    "evictions:financial_aid_add",
    "evictions:investigation_decide",
    "evictions:file_close",
]
CONTACT_URLS = ["evictions:other_unit_informed"]
LETTER_URLS = ["evictions:letter_pdf", "evictions:letter_outcome"]
NOTICE_URLS = ["evictions:receipt_pdf", "evictions:receipt_sent"]
CONSENT_URLS = ["evictions:consent_pdf", "evictions:consent_sign", "evictions:consent_revoke"]
PLAN_URLS = ["evictions:repayment_plan_status"]
INSTALMENT_URLS = ["evictions:instalment_record"]
AID_URLS = ["evictions:financial_aid_decide"]
# Pages without an id that are the eviction team's only and answer 404 to anyone else, as if they did not exist
# (its other pages without an id answer 403: tests/evictions/test_pages.py). tests/evictions/test_meeting_list.py
# shows the team and its lead their 200.
HIDDEN_PAGES = ["evictions:meeting_list"]


def test_this_file_covers_every_url_of_the_namespace_that_takes_an_id():
    assert {name for name in id_url_names() if name.startswith("evictions:")} == {
        *FILE_URLS,
        *CONTACT_URLS,
        *LETTER_URLS,
        *NOTICE_URLS,
        *CONSENT_URLS,
        *PLAN_URLS,
        *INSTALMENT_URLS,
        *AID_URLS,
        "evictions:import_detail",  # tests/evictions/test_import.py
        "evictions:meeting_pdf",  # tests/evictions/test_meeting_and_statistics.py
        # tests/evictions/test_landlord_meeting.py
        "evictions:meeting_detail",
        "evictions:meeting_agenda_pdf",
        "evictions:late_payer_add",
    }


@pytest.mark.parametrize("persona", ["nexus_caseworker", "housing_handler", "partner_enkoping", "administrator"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_for_every_url_of_a_file(client, request, register, eviction_caseworker, persona, method):
    notice = register()
    client.force_login(request.getfixturevalue(persona))
    for name in FILE_URLS:
        response = getattr(client, method)(reverse(name, args=[notice.file.case_id]))
        assert response.status_code == 404, (persona, name, method)
    contact = services.other_unit_add(
        file=notice.file, unit="adults", caseworker="Lo Berg", acting_user=eviction_caseworker
    )
    letter = services.letter_create(
        file=notice.file,
        data=services.LetterInput(kind="visit", booked_at=timezone.now() + timedelta(days=3), override_reason="Test"),
        acting_user=eviction_caseworker,
    )
    for names, child in _children(notice.file, eviction_caseworker, contact=contact, letter=letter, notice=notice):
        for name in names:
            response = getattr(client, method)(reverse(name, args=[notice.file.case_id, child.pk]))
            assert response.status_code == 404, (persona, name, method)


@pytest.mark.parametrize(
    "persona",
    ["nexus_caseworker", "nexus_team_lead", "housing_handler", "housing_team_lead", "manager", "partner_enkoping",
     "administrator"],
)  # fmt: skip
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_for_the_team_s_hidden_pages(client, request, register, persona, method):
    register()
    client.force_login(request.getfixturevalue(persona))
    for name in HIDDEN_PAGES:
        assert getattr(client, method)(reverse(name)).status_code == 404, (persona, name, method)


def _children(file, user, **made):
    consent = services.consent_create(file=file, partners=["landlord"], acting_user=user)
    services.consent_sign(consent=consent, signed_on=timezone.localdate(), acting_user=user)
    plan = services.repayment_plan_add(
        file=file, agreed_on=timezone.localdate(), debt=Decimal(5000), monthly_amount=Decimal(500), acting_user=user
    )
    aid = services.financial_aid_apply(
        file=file, applied_on=timezone.localdate(), capital=Decimal(5000), acting_user=user
    )
    return (
        (CONTACT_URLS, made["contact"]),
        (LETTER_URLS, made["letter"]),
        (NOTICE_URLS, made["notice"]),
        (CONSENT_URLS, consent),
        (PLAN_URLS, plan),
        (INSTALMENT_URLS, plan.instalments.first()),
        (AID_URLS, aid),
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_letter_or_notice_of_another_file_is_not_found_through_this_one(
    client, register, eviction_caseworker, method
):
    mine, other = register(), register(receipt_requested=True)
    letter = services.letter_create(
        file=other.file, data=services.LetterInput(kind="contact"), acting_user=eviction_caseworker
    )
    client.force_login(eviction_caseworker)
    contact = services.other_unit_add(file=other.file, unit="adults", caseworker="Lo", acting_user=eviction_caseworker)
    for names, child in _children(other.file, eviction_caseworker, contact=contact, letter=letter, notice=other):
        for name in names:
            response = getattr(client, method)(reverse(name, args=[mine.file.case_id, child.pk]))
            assert response.status_code == 404, (name, method)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_case_of_another_kind_is_no_eviction_file(client, organisation, nexus_caseworker, method):
    relocation = open_case(persons=[PersonFactory()], handlers=[nexus_caseworker])
    client.force_login(nexus_caseworker)
    assert client.get(reverse("cases:case_detail", args=[relocation.pk])).status_code == 200
    for name in FILE_URLS:
        assert getattr(client, method)(reverse(name, args=[relocation.pk])).status_code == 404


def test_a_missing_file_and_a_forbidden_file_look_the_same(client, register, housing_handler):
    notice = register()
    client.force_login(housing_handler)
    forbidden = client.get(reverse("evictions:file_detail", args=[notice.file.case_id]))
    missing = client.get(reverse("evictions:file_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content
