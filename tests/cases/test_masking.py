"""Lists, search, autocomplete and case pages never give away a protected person to a user without a grant."""

from django.urls import reverse

import pytest


def secrets(world):
    p = world.protected
    return [
        p.given_name,
        p.family_name,
        p.identity_number,
        p.identity_number.replace("-", "")[2:],
        "Gömda vägen",
        "Hemliga Bageriet",
        "Lilla",
        "Hemliga skolan",
        "Provgatan",
        "Skyddad folkbokföring",
    ]


def pages(world):
    """(url, what the user typed): a search page shows the query back, which gives nothing away."""
    p, case = world.protected, world.nexus_case
    return [
        (reverse("cases:case_list"), ""),
        (reverse("cases:case_list") + "?status=all", ""),
        (reverse("cases:case_list") + f"?q={p.family_name}", p.family_name),
        (reverse("cases:case_list") + f"?q={p.identity_number}", p.identity_number),
        (reverse("cases:case_detail", args=[case.pk]), ""),
        (reverse("cases:person_search") + f"?q={p.family_name}", p.family_name),
        (reverse("cases:person_search") + f"?q={p.identity_number}", p.identity_number),
        (reverse("cases:person_autocomplete") + f"?q={p.given_name[:3]}", p.given_name[:3]),
        (reverse("cases:person_autocomplete") + f"?q={p.identity_number}", p.identity_number),
        (reverse("cases:nexus_start"), ""),
        (reverse("cases:partner_start"), ""),
        (reverse("home"), ""),
    ]


@pytest.mark.parametrize("persona", ["manager", "nexus_colleague", "partner_vasteras"])
def test_no_page_reveals_a_protected_person_to_a_user_without_a_grant(client, request, world, persona):
    client.force_login(request.getfixturevalue(persona))
    for url, typed in pages(world):
        response = client.get(url, follow=True)
        content = response.content.decode()
        if typed:
            content = content.replace(typed, "")  # echoed in the search box and the language form's return path
            assert world.nexus_case.number not in content, (persona, url)
        for secret in secrets(world):
            assert secret not in content, (persona, url, secret)


def test_the_placeholder_stands_where_the_name_would_be(client, world, manager):
    client.force_login(manager)  # a manager's placeholder is the neutral one, whoever the person is
    content = client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()
    assert "Identitet visas inte" in content and "Skyddad identitet" not in content
    assert world.nexus_case.number in content


def test_the_assigned_caseworker_sees_everything_the_others_may_not(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    content = client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()
    for secret in ["Hemlig", "Skyddadsson", world.protected.identity_number, "Hemliga Bageriet", "Hemliga skolan"]:
        assert secret in content
    person_page = client.get(reverse("cases:person_detail", args=[world.protected.pk])).content.decode()
    assert "Gömda vägen 9" in person_page
    found = client.get(reverse("cases:person_autocomplete"), {"q": world.protected.identity_number}).json()
    assert [r["name"] for r in found["results"]] == ["Hemlig Skyddadsson"]


def test_search_finds_unprotected_people_in_visible_cases_only(client, world, nexus_caseworker, eviction_caseworker):
    client.force_login(nexus_caseworker)
    assert client.get(reverse("cases:person_autocomplete"), {"q": "Öppen"}).json()["results"] == []
    client.force_login(eviction_caseworker)
    names = [r["name"] for r in client.get(reverse("cases:person_autocomplete"), {"q": "Öppen"}).json()["results"]]
    assert names == ["Öppen Person"]


def test_a_partner_searching_by_name_gets_no_masked_hits_and_no_error(client, world, partner_enkoping):
    """Outside its request a partner sees no identity, so search lists nothing rather than a link to nowhere."""
    client.force_login(partner_enkoping)
    response = client.get(reverse("cases:person_search"), {"q": "Identitet"})
    assert response.status_code == 200
    assert "Delad" not in response.content.decode()
    autocomplete = client.get(reverse("cases:person_autocomplete"), {"q": "Identitet"})
    assert autocomplete.json() == {"results": []}
