"""The manager (enhetschef) sees case numbers, states, deadlines and figures, not identities, unless granted: a grant
on the person or case, or an emergency access, logged and reviewed. Told from the manager's side."""

from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.models import AccessLogEntry, EmergencyAccess, GrantEvent
from tests.cases.relocation_world import open_request
from tests.evictions.conftest import districts, notice_input, register, tenant  # noqa: F401 - fixtures
from tests.factories import PersonFactory, open_case
from tests.housing.conftest import refer

PLACEHOLDER = "Identitet visas inte"
VIOLENCE = "Polisanmälan om grov kvinnofridskränkning."


@pytest.fixture
def plain(nexus_caseworker):
    return PersonFactory(
        given_name="Vanlig", family_name="Oskyddadsson", street_address="Synliga gatan 4", workplace="Öppna Bageriet AB"
    )


def secrets(person) -> list[str]:
    return [person.given_name, person.family_name, person.identity_number, person.street_address, person.workplace]


def assert_masked(content: str, person, *also: str) -> None:
    for secret in [*secrets(person), *also]:
        if secret:
            assert secret not in content, secret


def test_the_manager_sees_the_case_but_not_who_is_in_it(client, plain, nexus_caseworker, manager):
    case = open_case(persons=[plain], handlers=[nexus_caseworker])
    services.note_add(case=case, text="Hon bor hos sin syster i Gränby", acting_user=nexus_caseworker)
    client.force_login(manager)
    listing = client.get(reverse("cases:case_list")).content.decode()
    assert case.number in listing
    assert_masked(listing, plain)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert case.number in page and PLACEHOLDER in page and "Skyddad identitet" not in page
    assert_masked(page, plain, "Gränby")
    assert not AccessLogEntry.objects.exists()


def test_the_manager_sees_a_request_without_the_person_or_the_violence(
    client, networks, plain, nexus_caseworker, manager
):
    request = open_request(networks, nexus_caseworker, person=plain)
    client.force_login(manager)
    page = client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    assert request.case.number in page and request.get_state_display() in page
    assert PLACEHOLDER in page and "Visas inte" in page
    assert_masked(page, plain, VIOLENCE)
    listing = client.get(reverse("cases:relocation_list")).content.decode()
    assert request.case.number in listing
    assert_masked(listing, plain)


def test_the_manager_sees_an_application_without_the_applicant_or_the_background(
    client, plain, nexus_caseworker, manager
):
    application = refer(nexus_caseworker, person=plain, background="Utsatt av f.d. sambo på Synliga gatan")
    client.force_login(manager)
    page = client.get(reverse("housing:application_detail", args=[application.pk])).content.decode()
    assert application.case.number in page and PLACEHOLDER in page
    assert_masked(page, plain, "f.d. sambo")
    for name in ("housing:application_list", "housing:placement_list"):
        response = client.get(reverse(name))
        if response.status_code == 200:
            assert_masked(response.content.decode(), plain)


def test_the_manager_sees_an_eviction_file_without_the_tenant_or_the_flat(client, register, manager):  # noqa: F811
    person = PersonFactory(given_name="Hyrande", family_name="Gäst")
    notice = register(
        notice_input(tenants=(tenant(identity_number=person.identity_number),), street_address="Öppna gatan 7")
    )
    client.force_login(manager)
    page = client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    assert notice.file.case.number in page and PLACEHOLDER in page
    assert_masked(page, person, "Öppna gatan 7")


def test_a_person_grant_shows_the_manager_the_name_and_a_protected_one_is_logged(
    client, plain, nexus_caseworker, manager
):
    protected = PersonFactory(protected=True, given_name="Hemlig", family_name="Skyddadsson")
    case = open_case(persons=[plain, protected], handlers=[nexus_caseworker])
    url = reverse("cases:case_detail", args=[case.pk])
    client.force_login(manager)
    services.person_grant_access(person=plain, user=manager, acting_user=nexus_caseworker, reason="Klagomål")
    page = client.get(url).content.decode()
    assert "Vanlig Oskyddadsson" in page and "Skyddadsson" not in page
    assert not AccessLogEntry.objects.exists()  # an unprotected person's reveal is not an access-log row
    services.person_grant_access(person=protected, user=manager, acting_user=nexus_caseworker, reason="Klagomål")
    assert "Hemlig Skyddadsson" in client.get(url).content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.person, entry.grant) == (manager, protected, AccessLogEntry.Grant.PERSON)
    search = client.get(reverse("cases:person_search"), {"q": plain.identity_number}).content.decode()
    assert "Vanlig Oskyddadsson" in search


def test_search_finds_no_one_for_a_manager_without_grants(client, plain, nexus_caseworker, manager):
    open_case(persons=[plain], handlers=[nexus_caseworker])
    client.force_login(manager)
    for q in (plain.identity_number, "Oskyddadsson"):
        content = client.get(reverse("cases:person_search"), {"q": q}).content.decode()
        assert_masked(content.replace(q, ""), plain)  # the query is echoed in the search box


def test_the_manager_opens_a_person_by_emergency_access_logged_and_in_the_review(
    client, plain, nexus_caseworker, manager
):
    case = open_case(persons=[plain], handlers=[nexus_caseworker])
    client.force_login(manager)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    url = reverse("cases:emergency_access", args=[case.pk, case.parties.get().pk])
    assert url in page
    response = client.post(url, {"reason": "Polisen behöver kontaktuppgifter nu"})
    assert response.status_code == 302
    access = EmergencyAccess.objects.get()
    assert (access.user, access.person) == (manager, plain)
    assert AccessLogEntry.objects.filter(
        user=manager, person=plain, action=AccessLogEntry.Action.EMERGENCY_ACCESS
    ).exists()
    assert GrantEvent.objects.filter(kind=GrantEvent.Kind.EMERGENCY, user=manager, person=plain).exists()
    assert "Vanlig Oskyddadsson" in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    review = client.get(reverse("cases:access_review"), {"manad": f"{timezone.localdate():%Y-%m}"})
    assert "Polisen behöver kontaktuppgifter nu" in review.content.decode()
