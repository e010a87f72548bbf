"""Every URL that takes an id answers 404 to a user who may not see the object: exactly like a missing one."""

from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from cases.models import Deadline
from cases.relocation import services as relocation
from cases.relocation.models import RelocationRequest
from tests.cases.relocation.world import open_request


def id_url_names(resolver=None, namespace=""):
    """Every URL name in the project whose route takes an id, but the Django admin's (administrators only).

    Each app's own 404 test covers its namespace (`tests/<app>/test_not_found_without_access.py`) and asserts
    that it covers every id URL of it, so a new URL without a 404 test fails there.
    """
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if inner != "admin:":
                yield from id_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and "<int:" in str(pattern.pattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def case_urls(case, nexus_caseworker):
    note = case.notes.first()
    document = case.documents.first()
    deadline = Deadline.objects.filter(case=case).first()
    pk = case.pk
    return {
        "cases:case_detail": reverse("cases:case_detail", args=[pk]),
        "cases:case_history": reverse("cases:case_history", args=[pk]),
        "cases:note_add": reverse("cases:note_add", args=[pk]),
        "cases:note_edit": reverse("cases:note_edit", args=[pk, note.pk]),
        "cases:note_correct": reverse("cases:note_correct", args=[pk, note.pk]),
        "cases:document_add": reverse("cases:document_add", args=[pk]),
        "cases:document_download": reverse("cases:document_download", args=[pk, document.pk]),
        "cases:deadline_add": reverse("cases:deadline_add", args=[pk]),
        "cases:deadline_change": reverse("cases:deadline_change", args=[pk, deadline.pk, "pausa"]),
        "cases:handler_assign": reverse("cases:handler_assign", args=[pk]),
        "cases:handler_unassign": reverse("cases:handler_unassign", args=[pk, nexus_caseworker.pk]),
        "cases:person_add": reverse("cases:person_add", args=[pk]),
        "cases:access_request": reverse("cases:access_request", args=[pk]),
        "cases:emergency_access": reverse("cases:emergency_access", args=[pk, case.parties.first().pk]),
    }


def test_this_file_covers_every_url_that_takes_an_id(world, nexus_caseworker):
    covered = set(case_urls(world.nexus_case, nexus_caseworker)) | set(PERSON_URLS) | set(LOG_URLS)
    covered |= set(RELOCATION_URLS)
    assert {name for name in id_url_names() if name.startswith("cases:")} == covered


def test_every_namespace_with_id_urls_has_its_own_404_test():
    """An app that adds a URL with an id adds tests/<app>/test_not_found_without_access.py covering it."""
    namespaces = {name.split(":")[0] for name in id_url_names()}
    tests_dir = Path(__file__).resolve().parent.parent
    missing = [ns for ns in namespaces if not (tests_dir / ns / "test_not_found_without_access.py").exists()]
    assert not missing, missing


OUTSIDERS = ["housing_handler", "eviction_caseworker", "partner_enkoping", "administrator"]


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_users_who_cannot_see_a_case_get_404_for_all_its_urls(
    client, request, world, nexus_caseworker, persona, method
):
    client.force_login(request.getfixturevalue(persona))
    for name, url in case_urls(world.nexus_case, nexus_caseworker).items():
        response = getattr(client, method)(url)
        assert response.status_code == 404, (persona, name, method)


PERSON_URLS = [
    "cases:person_detail",
    "cases:person_edit",
    "cases:household_member_add",
    "cases:protected_address_set",
    "cases:former_identity_link_set",
]


@pytest.mark.parametrize(
    "persona",
    [
        "housing_handler",
        "eviction_caseworker",
        "partner_enkoping",
        "administrator",
        "manager",
        "nexus_colleague",
        "partner_vasteras",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_users_without_a_grant_get_404_for_every_page_of_a_protected_person(client, request, world, persona, method):
    client.force_login(request.getfixturevalue(persona))
    for name in PERSON_URLS:
        response = getattr(client, method)(reverse(name, args=[world.protected.pk]))
        assert response.status_code == 404, (persona, name, method)


LOG_URLS = {
    "cases:log_extract_pdf": lambda world, access: reverse("cases:log_extract_pdf", args=[world.protected.pk]),
    "cases:emergency_access_review": lambda world, access: reverse("cases:emergency_access_review", args=[access.pk]),
}


@pytest.mark.parametrize(
    "persona", ["nexus_caseworker", "housing_handler", "eviction_caseworker", "partner_vasteras", "administrator"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_managers_reach_the_access_log_by_id(client, request, world, nexus_colleague, persona, method):
    from cases import services

    access = services.emergency_access_open(
        party=world.nexus_case.parties.get(), reason="Akut hotbild, polisen ringer", acting_user=nexus_colleague
    )
    client.force_login(request.getfixturevalue(persona))
    for name, url in LOG_URLS.items():
        assert getattr(client, method)(url(world, access)).status_code == 404, (persona, name)
    assert client.get(reverse("cases:access_review")).status_code == 404
    assert client.get(reverse("cases:access_log")).status_code == 404
    assert client.get(reverse("cases:grant_events")).status_code == 404
    assert client.get(reverse("cases:retention_list")).status_code == 404
    assert client.post(reverse("cases:retention_list")).status_code == 404
    assert client.get(reverse("cases:culling_log")).status_code == 404
    assert client.post(reverse("cases:culling_log")).status_code == 404


def test_a_partner_reaches_only_the_request_pages_not_our_case_or_person_pages(
    client, world, partner_vasteras, partner_enkoping
):
    """A partner takes part in a case (Enköping with the identity shared), yet our case page, its history and the
    person pages do not exist for it: what it may know is on the request pages made for it."""
    for partner, case, person in (
        (partner_vasteras, world.nexus_case, world.protected),
        (partner_enkoping, world.enkoping_case, world.shared),
    ):
        client.force_login(partner)
        for url in (
            reverse("cases:case_detail", args=[case.pk]),
            reverse("cases:case_history", args=[case.pk]),
            reverse("cases:person_detail", args=[person.pk]),
            reverse("cases:person_edit", args=[person.pk]),
        ):
            assert client.get(url).status_code == 404, (partner, url)


def test_a_missing_case_and_a_forbidden_case_look_the_same(client, world, housing_handler):
    client.force_login(housing_handler)
    forbidden = client.get(reverse("cases:case_detail", args=[world.nexus_case.pk]))
    missing = client.get(reverse("cases:case_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_a_partner_gets_404_for_a_document_that_was_not_shared(client, world, partner_vasteras):
    client.force_login(partner_vasteras)
    document = world.nexus_case.documents.get()
    url = reverse("cases:document_download", args=[world.nexus_case.pk, document.pk])
    assert client.get(url).status_code == 404
    internal_note = world.nexus_case.notes.get(shared_with_partners=False)
    assert client.get(reverse("cases:note_correct", args=[world.nexus_case.pk, internal_note.pk])).status_code in (
        403,
        404,
    )


def test_the_assigned_caseworker_downloads_the_document(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    document = world.nexus_case.documents.get()
    response = client.get(reverse("cases:document_download", args=[world.nexus_case.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"riskbedomning"
    assert "attachment" in response.headers["Content-Disposition"]


RELOCATION_URLS = {
    "cases:relocation_detail": lambda pk, consent: reverse("cases:relocation_detail", args=[pk]),
    "cases:relocation_edit_details": lambda pk, consent: reverse("cases:relocation_edit_details", args=[pk]),
    "cases:relocation_transition": lambda pk, consent: reverse("cases:relocation_transition", args=[pk, "withdrawn"]),
    "cases:relocation_consent_add": lambda pk, consent: reverse("cases:relocation_consent_add", args=[pk]),
    "cases:relocation_message": lambda pk, consent: reverse("cases:relocation_message", args=[pk]),
    "cases:relocation_document_add": lambda pk, consent: reverse("cases:relocation_document_add", args=[pk]),
    "cases:relocation_take_in": lambda pk, consent: reverse("cases:relocation_take_in", args=[pk]),
    "cases:relocation_avoid_areas": lambda pk, consent: reverse("cases:relocation_avoid_areas", args=[pk]),
    "cases:relocation_assessment_add": lambda pk, consent: reverse("cases:relocation_assessment_add", args=[pk]),
    "cases:relocation_consent_revoke": lambda pk, consent: reverse(
        "cases:relocation_consent_revoke", args=[pk, consent.pk]
    ),
}


@pytest.mark.parametrize("persona", ["housing_handler", "eviction_caseworker", "partner_enkoping", "administrator"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_and_other_municipalities_get_404_for_every_url_of_a_relocation_request(
    client, request, networks, nexus_caseworker, persona, method
):
    relocation_request = open_request(networks, nexus_caseworker)
    consent = relocation.consent_record(
        request=relocation_request, given_on=relocation_request.received_on, acting_user=nexus_caseworker
    )
    client.force_login(request.getfixturevalue(persona))
    for name, url in RELOCATION_URLS.items():
        response = getattr(client, method)(url(relocation_request.case.pk, consent), {"reason": "x", "body": "x"})
        assert response.status_code == 404, (persona, name, method)
    relocation_request.refresh_from_db()
    assert relocation_request.state == "received" and not relocation_request.messages.exists()
    assert not relocation_request.case.documents.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_municipality_gets_404_for_every_url_of_a_request_a_partner_filed(
    client, networks, partner_vasteras, partner_enkoping, nexus_caseworker, method
):
    from tests.cases.relocation.test_filing import file_request

    client.force_login(partner_vasteras)
    assert file_request(client, networks).status_code == 302
    filed = RelocationRequest.objects.get()
    consent = filed.consents.get()
    document = filed.case.documents.get()
    client.force_login(partner_enkoping)
    urls = {name: url(filed.case.pk, consent) for name, url in RELOCATION_URLS.items()}
    urls["cases:case_detail"] = reverse("cases:case_detail", args=[filed.case.pk])
    urls["cases:document_download"] = reverse("cases:document_download", args=[filed.case.pk, document.pk])
    for name, url in urls.items():
        response = getattr(client, method)(url, {"reason": "x", "body": "x"})
        assert response.status_code == 404, (name, method)
    filed.refresh_from_db()
    assert filed.state == "received" and not filed.messages.exists() and filed.case.documents.count() == 1
