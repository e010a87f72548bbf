"""A partner's filing is tied to the person it names from the first moment (issue 18): looked up by identity number on
our side, registered when unknown, the stricter protection kept. Our staff see the filing only as they may see that
person, and every download in the request names them; the partner reads back exactly what it filed, the same
whether the person was unknown, known or protected here; and linking grants nobody."""

import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.access import AccessPolicy
from cases.models import AccessLogEntry, GrantEvent, Person, PersonUserObjectPermission
from cases.relocation import filing as relocation_filing
from cases.relocation import services as relocation
from cases.relocation.models import RelocationRequest
from tests.cases.relocation.test_filing import designate, file_request, form_data, pdf
from tests.factories import TEST_REASON, PersonFactory, fresh_identity_number

FILED = {"given_name": "Anna", "family_name": "Annorlunda", "protection_level": "none"}  # the partner's words
OUR_RECORD = ("Hemlig", "Skyddadsson")


def _url(name: str, request: RelocationRequest, *more) -> str:
    return reverse(name, args=[request.case.pk, *more])


def _page(client, url: str) -> str:
    return client.get(url).content.decode()


def _row(page: str, number: str) -> str:
    """The table row of one case in a list page."""
    (row,) = [row for row in page.split("<tr") if number in row]
    return row[: row.index("</tr>")]


def _normalised(text: str, request: RelocationRequest) -> str:
    """What two filings differ in by nature taken out: the case number, the identity number, ids in links."""
    text = text.replace(request.case.number, "NUMMER").replace(request.filing.identity_number, "PERSONNUMMER")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'<meta name="kompotten-session[^>]*>', "", text)  # the seconds left of the session
    return re.sub(r"/\d+/", "/N/", text)


def _partner_sees(client, request: RelocationRequest) -> dict[str, str]:
    """Every page of the partner's where the request appears, normalised."""
    number = request.case.number
    pages = {
        "request": _page(client, _url("cases:relocation_detail", request)),
        "start": _row(_page(client, reverse("cases:partner_start")), number),
        "list": _row(_page(client, reverse("cases:relocation_list")), number),
    }
    return {name: _normalised(page, request) for name, page in pages.items()}


def _known(situation: str, registrar) -> str:
    """The identity number the partner files for: unknown here, a person registered here, or one protected here."""
    if situation == "unknown":
        return fresh_identity_number()
    given, family = OUR_RECORD
    person = PersonFactory(
        protected=situation == "protected", given_name=given, family_name=family, acting_user=registrar
    )
    return person.identity_number


def test_the_partner_sees_the_same_whether_the_person_is_unknown_known_or_protected_here(
    client, networks, partner_vasteras, nexus_caseworker, nexus_colleague, administrator
):
    # Our colleague is a designated contact person without a grant on the protected person, so she becomes the
    # handler of two requests and not of the third: the partner must not see that either.
    designate(networks, nexus_colleague, administrator)
    numbers = {situation: _known(situation, nexus_caseworker) for situation in ("unknown", "known", "protected")}
    client.force_login(partner_vasteras)
    answers, requests = {}, {}
    for situation, number in numbers.items():
        response = client.post(
            reverse("cases:relocation_file"),
            {**form_data(networks), "risk_assessment_file": pdf(), **FILED, "identity_number": number},
            follow=True,
        )
        requests[situation] = request = RelocationRequest.objects.get(filing__identity_number=number)
        answers[situation] = (response.status_code, _normalised(response.content.decode(), request))
    assert answers["unknown"] == answers["known"] == answers["protected"]
    assert answers["unknown"][0] == 200 and "Anna Annorlunda" in answers["unknown"][1]
    assert [list(requests[s].case.handlers.all()) for s in numbers] == [[nexus_colleague], [nexus_colleague], []]

    seen = {situation: _partner_sees(client, request) for situation, request in requests.items()}
    assert seen["unknown"] == seen["known"] == seen["protected"]
    for page in seen["protected"].values():
        assert "Skyddad" not in page and "Skyddadsson" not in page and nexus_colleague.get_full_name() not in page

    # Nexus confirms each person (the caseworker holds the protected one's grant): still nothing changes there.
    for request in requests.values():
        relocation_filing.filing_take_in_person(request=request, acting_user=nexus_caseworker)
    assert {situation: _partner_sees(client, request) for situation, request in requests.items()} == seen


def test_a_person_protected_here_is_masked_from_the_first_moment_and_a_download_names_them(
    client, networks, partner_vasteras, nexus_caseworker, nexus_colleague, nexus_team_lead
):
    given, family = OUR_RECORD
    protected = PersonFactory(protected=True, given_name=given, family_name=family)  # nobody holds a grant
    client.force_login(partner_vasteras)
    assert file_request(client, networks, **FILED, identity_number=protected.identity_number).status_code == 302
    request = RelocationRequest.objects.get()
    _page(client, _url("cases:relocation_detail", request))  # the page shows "sent" once
    partner_before = _normalised(_page(client, _url("cases:relocation_detail", request)), request)
    assert request.filing.person == protected
    protected.refresh_from_db()
    assert protected.protection_level == "skyddad_folkbokforing"  # the partner said none: never lowered

    # Our second Nexus caseworker, without a grant: the filing is masked as the person, and so are the documents.
    client.force_login(nexus_colleague)
    secrets = ["Annorlunda", family, protected.identity_number]
    for url in (_url("cases:relocation_detail", request), _url("cases:case_detail", request)):
        page = _page(client, url)
        assert "Skyddad identitet" in page and not [secret for secret in secrets if secret in page], url
    page = _page(client, reverse("cases:relocation_list"))
    assert not [secret for secret in secrets if secret in page]
    document = request.case.documents.get()
    assert client.get(_url("cases:document_download", request, document.pk)).status_code == 404
    assert not AccessLogEntry.objects.filter(user=nexus_colleague).exists()

    # The team lead gives the request to a handler, with a reason: she sees the person, and what she opens is logged.
    services.case_assign_handler(
        case=request.case, user=nexus_caseworker, acting_user=nexus_team_lead, reason=TEST_REASON
    )
    client.force_login(nexus_caseworker)
    page = _page(client, _url("cases:relocation_detail", request))
    assert "Anna Annorlunda" in page and f"{given} {family}" in page and "Skyddad folkbokföring" in page
    (view,) = AccessLogEntry.objects.filter(user=nexus_caseworker)
    assert (view.action, view.person) == (AccessLogEntry.Action.VIEW_IDENTITY, protected)
    response = client.get(_url("cases:document_download", request, document.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    download = AccessLogEntry.objects.filter(user=nexus_caseworker).latest("pk")
    assert (download.action, download.person, download.what) == (
        AccessLogEntry.Action.DOWNLOAD_DOCUMENT,
        protected,
        document.title,
    )

    # The partner reads exactly what it filed, as before.
    client.force_login(partner_vasteras)
    assert _normalised(_page(client, _url("cases:relocation_detail", request)), request) == partner_before
    assert "Anna Annorlunda" in partner_before and "Skyddad" not in partner_before and family not in partner_before


@pytest.mark.parametrize(
    ("registered", "filed", "kept"),
    [
        ("none", "skyddad_folkbokforing", "skyddad_folkbokforing"),
        ("sekretessmarkering", "fingerade_personuppgifter", "fingerade_personuppgifter"),
        ("fingerade_personuppgifter", "sekretessmarkering", "fingerade_personuppgifter"),
        ("skyddad_folkbokforing", "none", "skyddad_folkbokforing"),
    ],
)
def test_a_known_person_keeps_our_record_and_the_stricter_protection(
    client, networks, partner_vasteras, nexus_caseworker, nexus_team_lead, registered, filed, kept
):
    protection = {} if registered == "none" else {"protection_noted_on": timezone.localdate().replace(month=1)}
    if protection:
        protection["protection_source"] = "Skatteverket (SPAR)"
    known = PersonFactory(protection_level=registered, acting_user=nexus_caseworker, **protection)
    client.force_login(partner_vasteras)
    file_request(client, networks, **{**FILED, "protection_level": filed}, identity_number=known.identity_number)
    request = RelocationRequest.objects.get()
    (person,) = Person.objects.filter(identity_number=known.identity_number)
    assert request.filing.person == person and person.protection_level == kept
    assert person.full_name == known.full_name  # a record, not a copy of the partner's words
    if registered == "none":
        assert "Västerås" in person.protection_source and person.protection_noted_on == timezone.localdate()
    else:
        assert person.protection_source == "Skatteverket (SPAR)"
    # The handler the team lead gives the request sees our record's level on it beside the partner's words.
    services.case_assign_handler(
        case=request.case, user=nexus_caseworker, acting_user=nexus_team_lead, reason=TEST_REASON
    )
    client.force_login(nexus_caseworker)
    page = _page(client, _url("cases:relocation_detail", request))
    assert person.get_protection_level_display() in page and "Anna Annorlunda" in page


def test_filing_grants_nobody_and_gives_a_person_protected_here_to_a_contact_who_may_see_them_only(
    client, networks, partner_vasteras, nexus_caseworker, nexus_colleague, administrator, manager
):
    for contact in (nexus_caseworker, nexus_colleague):
        designate(networks, contact, administrator)
    protected = PersonFactory(protected=True, acting_user=nexus_caseworker)  # the caseworker holds the grant
    last = GrantEvent.objects.order_by("pk").last().pk
    client.force_login(partner_vasteras)
    file_request(client, networks, **FILED, identity_number=protected.identity_number)
    file_request(client, networks, identity_number=fresh_identity_number())  # unknown, filed as protected
    to_protected, to_new = RelocationRequest.objects.order_by("pk")
    assert list(to_protected.case.handlers.all()) == [nexus_caseworker]
    assert sorted(to_new.case.handlers.all(), key=lambda user: user.pk) == sorted(
        [nexus_caseworker, nexus_colleague], key=lambda user: user.pk
    )
    # The only grants given are the three handlers' assignments: none on a person, none to the partner.
    given = GrantEvent.objects.filter(pk__gt=last)
    assert sorted(given.values_list("kind", "person", "user")) == sorted(
        [
            ("assigned", None, nexus_caseworker.pk),
            ("assigned", None, nexus_caseworker.pk),
            ("assigned", None, nexus_colleague.pk),
        ]
    )
    # Given by the designation, as grants on a protected person: the managers' review (protected only) lists them.
    assert set(given.values_list("protected", "reason")) == {(True, "Utsedd kontaktperson i Kompotten")}
    client.force_login(manager)
    review = client.get(reverse("cases:grant_events") + f"?manad={timezone.localdate():%Y-%m}").content.decode()
    assert to_new.case.number in review and "Utsedd kontaktperson i Kompotten" in review
    new = to_new.filing.person
    assert not PersonUserObjectPermission.objects.filter(content_object__in=[protected, new], user=partner_vasteras)
    assert not AccessPolicy(partner_vasteras).persons().filter(pk__in=[protected.pk, new.pk]).exists()
    assert AccessPolicy(nexus_colleague).identity_visible(new, to_new.case)  # through her assignment
    assert not AccessPolicy(nexus_colleague).identity_visible(protected, to_protected.case)


def test_a_message_to_the_partner_is_checked_against_the_person_protected_here(
    client, networks, partner_vasteras, nexus_caseworker
):
    protected = PersonFactory(protected=True, workplace="Hemliga Bageriet AB", acting_user=nexus_caseworker)
    client.force_login(partner_vasteras)
    file_request(client, networks, **FILED, identity_number=protected.identity_number)  # the partner said none
    request = RelocationRequest.objects.get()
    with pytest.raises(ValidationError, match="skyddad persons arbetsplats"):
        relocation.message_post(
            request=request, body="Hon arbetar på Hemliga Bageriet AB.", acting_user=nexus_caseworker
        )
    assert not request.messages.exists()
