"""The demo's main journeys, with every log line captured as production writes it: no line holds a demo person's
name, personal identity number, address, phone, workplace, child or school, whoever writes it."""

import json
import logging
from collections import Counter

from django.db import connection
from django.test import Client
from django.urls import reverse

from cases.access import AccessPolicy
from kompotten.models import User
from tests.leaks import find_leaks, sensitive_values

# The lines a page writes depend on its kind of case and on whether a protected identity is on it, not on which case
# it is: each user walks this many cases of each (kind, protected) pair, not all of them (the eviction team's 300
# demo files took four minutes of the suite).
CASES_PER_KIND = 8


def leaks_in(records, sensitive) -> list[tuple[str, list[str]]]:
    found = []
    for record in records:
        text = json.dumps(record, ensure_ascii=False)
        if hits := find_leaks(text, sensitive):
            found.append((text[:300], hits))
    return found


def walk_as(user: User, settings) -> None:
    """What this user does in a day: logs in, opens every case and person they may, searches, mistypes a form."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302, user.email
    client.get("/", follow=True)
    client.get(reverse("cases:case_list"))
    policy, seen = AccessPolicy(user), set()
    for case in cases_to_walk(policy):
        client.get(reverse("cases:case_detail", args=[case.pk]))
        client.get(reverse("cases:case_history", args=[case.pk]))
        # A note with a name in it and an impossible date: the form comes back, the log learns nothing.
        note = {"text": "Leila Karimi ringde från Rosenvägen 7", "happened_on": "2026-13-45"}
        client.post(reverse("cases:note_add", args=[case.pk]), note)
        # Each person once: a person in several cases would only repeat the same requests (and PDFs).
        for party in [party for party in case.parties.all() if party.person_id not in seen]:
            seen.add(party.person_id)
            client.get(reverse("cases:person_detail", args=[party.person.pk]))
            client.get(reverse("cases:person_search"), {"q": party.person.family_name})
            client.get(reverse("cases:person_search"), {"q": party.person.identity_number or "Karimi"})
            client.get(reverse("cases:log_extract_pdf", args=[party.person.pk]))
    client.post(reverse("logout"))


def cases_to_walk(policy: AccessPolicy) -> list:
    walked, taken = [], Counter()
    for case in policy.cases().prefetch_related("parties__person").order_by("pk"):
        kind = (case.kind, any(party.person.is_protected for party in case.parties.all()))
        if taken[kind] < CASES_PER_KIND:
            taken[kind] += 1
            walked.append(case)
    return walked


def test_the_demos_main_journeys_log_no_personal_data(demo_installation, organisation, settings, json_log):
    with connection.cursor() as cursor:
        sensitive = sensitive_values(cursor)
    for user in User.objects.filter(is_active=True).order_by("pk"):
        walk_as(user, settings)
    # A wrong password too: the lock-out machinery logs the attempt.
    Client().post(reverse("login"), {"username": "nexus@uppsala.example", "password": "Karimi 19920704-9827"})

    records = json_log()
    requests = [record for record in records if record["event"] == "request_finished"]
    assert len(requests) > 100, "the journeys should have made many requests"
    assert {record["status"] for record in requests} >= {200, 302, 404}
    assert leaks_in(records, sensitive) == []


def test_the_scan_finds_a_demo_name_in_a_log_line(demo_installation, organisation, json_log):
    """The check above can fail: a line carrying a demo person's name or number is caught."""
    with connection.cursor() as cursor:
        sensitive = sensitive_values(cursor)
    logging.getLogger("kompotten.test").warning("note_saved", extra={"text": "Möte med Sara Nyström på Kvarngatan"})
    logging.getLogger("kompotten.test").warning("lookup", extra={"number": "8503129812 is not identity-shaped here"})
    (found,) = leaks_in(json_log(), sensitive)
    assert found[1] == ["Nyström", "Sara Nyström"]
