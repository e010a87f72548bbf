"""The access log: every look at a protected person is written down, and nothing can rewrite it."""

from datetime import timedelta

from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.models import AccessLogEntry, EmergencyAccess

Action, Grant = AccessLogEntry.Action, AccessLogEntry.Grant


def test_the_assigned_caseworker_viewing_a_protected_person_is_logged_once_per_page(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    client.get(reverse("cases:case_detail", args=[world.nexus_case.pk]), REMOTE_ADDR="10.1.2.3")
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.person, entry.case) == (nexus_caseworker, world.protected, world.nexus_case)
    assert (entry.action, entry.grant, entry.ip_address) == (Action.VIEW_IDENTITY, Grant.ASSIGNMENT, "10.1.2.3")
    assert entry.what == reverse("cases:case_detail", args=[world.nexus_case.pk])


def test_lists_and_person_pages_log_what_they_reveal(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    client.get(reverse("cases:case_list"))
    client.get(reverse("cases:person_detail", args=[world.protected.pk]))
    assert AccessLogEntry.objects.filter(person=world.protected).count() == 2


@pytest.mark.parametrize("name", ["cases:person_edit", "cases:household_member_add", "cases:protected_address_set"])
def test_a_form_that_names_or_prefills_a_protected_person_logs_the_reveal(client, world, nexus_caseworker, name):
    client.force_login(nexus_caseworker)
    page = client.get(reverse(name, args=[world.protected.pk]))
    assert page.status_code == 200 and "Skyddadsson" in page.content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.person, entry.action) == (nexus_caseworker, world.protected, Action.VIEW_IDENTITY)


def test_a_masked_person_is_not_logged_as_seen(client, world, manager, nexus_colleague):
    for user in (manager, nexus_colleague):
        client.force_login(user)
        client.get(reverse("cases:case_detail", args=[world.nexus_case.pk]))
    assert not AccessLogEntry.objects.exists()


def test_a_document_download_in_a_protected_persons_case_is_logged(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    document = world.nexus_case.documents.get()
    client.get(reverse("cases:document_download", args=[world.nexus_case.pk, document.pk]))
    entry = AccessLogEntry.objects.get(action=Action.DOWNLOAD_DOCUMENT)
    assert (entry.person, entry.what) == (world.protected, "Riskbedömning")


def test_the_application_cannot_change_the_log(world, nexus_caseworker):
    entry = AccessLogEntry.objects.create(
        user=nexus_caseworker, person=world.protected, action=Action.VIEW_IDENTITY, what="x", grant=Grant.ASSIGNMENT
    )
    entry.what = "changed"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


@pytest.mark.parametrize(
    "statement", ["UPDATE cases_accesslogentry SET what = 'x'", "DELETE FROM cases_accesslogentry"]
)
def test_postgresql_refuses_update_and_delete_on_the_log(world, nexus_caseworker, statement):
    AccessLogEntry.objects.create(
        user=nexus_caseworker, person=world.protected, action=Action.VIEW_IDENTITY, what="y", grant=Grant.ASSIGNMENT
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AccessLogEntry.objects.filter(what="y").count() == 1
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(what="y").update(what="z")


def open_emergency(world, user, reason="Akut hotbild, polisen behöver adressen nu"):
    return services.emergency_access_open(party=world.nexus_case.parties.get(), reason=reason, acting_user=user)


def test_emergency_access_needs_a_reason_and_is_logged_with_it(client, world, nexus_colleague):
    client.force_login(nexus_colleague)
    party = world.nexus_case.parties.get()
    url = reverse("cases:emergency_access", args=[world.nexus_case.pk, party.pk])
    response = client.post(url, {"reason": "kort"})
    assert response.status_code == 400
    assert "minst 10 tecken" in response.content.decode()
    client.post(url, {"reason": "Akut hotbild, polisen behöver adressen nu"}, REMOTE_ADDR="10.9.9.9")
    entry = AccessLogEntry.objects.get(action=Action.EMERGENCY_ACCESS)
    assert (entry.user, entry.person, entry.grant, entry.ip_address) == (
        nexus_colleague,
        world.protected,
        Grant.EMERGENCY,
        "10.9.9.9",
    )
    assert entry.reason == "Akut hotbild, polisen behöver adressen nu"
    page = client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()
    assert "Skyddadsson" in page
    assert AccessLogEntry.objects.filter(action=Action.VIEW_IDENTITY, grant=Grant.EMERGENCY).count() == 1


def test_emergency_access_expires(client, world, nexus_colleague):
    access = open_emergency(world, nexus_colleague)
    EmergencyAccess.objects.filter(pk=access.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(nexus_colleague)
    page = client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()
    assert "Skyddadsson" not in page and "Skyddad identitet" in page


def test_partners_cannot_use_emergency_access(client, world, partner_vasteras):
    url = reverse("cases:emergency_access", args=[world.nexus_case.pk, world.nexus_case.parties.get().pk])
    client.force_login(partner_vasteras)
    assert client.post(url, {"reason": "Akut hotbild, polisen behöver adressen"}).status_code == 403
    assert not EmergencyAccess.objects.exists()


def test_the_manager_reviews_emergency_access_and_records_the_review(client, world, nexus_colleague, manager):
    access = open_emergency(world, nexus_colleague)
    client.force_login(manager)
    review = client.get(reverse("cases:access_review"), {"manad": f"{timezone.localdate():%Y-%m}"})
    content = review.content.decode()
    assert "Akut hotbild, polisen behöver adressen nu" in content
    assert "Skyddadsson" not in content  # the manager has no grant: the person stays masked in the review
    client.post(reverse("cases:emergency_access_review", args=[access.pk]), {"note": "Godtagbart skäl."})
    access.refresh_from_db()
    assert (access.reviewed_by, access.review_note) == (manager, "Godtagbart skäl.")
    month = f"{timezone.localdate():%Y-%m}"
    data = {"manad": month, "period_start": f"{month}-01", "period_end": f"{month}-28"}
    response = client.post(reverse("cases:access_review") + f"?manad={month}", data | {"findings": "Godtagen."})
    assert response.status_code == 302
    assert "Godtagen." in client.get(response.url).content.decode()


def test_the_review_shows_accesses_by_users_who_are_not_assigned(
    client, world, nexus_caseworker, nexus_colleague, manager
):
    services.person_grant_access(person=world.protected, user=nexus_colleague, acting_user=nexus_caseworker)
    client.force_login(nexus_colleague)
    client.get(reverse("cases:person_detail", args=[world.protected.pk]))
    client.force_login(nexus_caseworker)
    client.get(reverse("cases:person_detail", args=[world.protected.pk]))
    client.force_login(manager)
    summary = client.get(reverse("cases:access_review"), {"manad": f"{timezone.localdate():%Y-%m}"}).context["summary"]
    assert [row.entry.user for row in summary.not_assigned] == [nexus_colleague]
    assert summary.identity_views == 2


def test_unusual_volumes_are_flagged(client, world, nexus_caseworker, manager):
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=nexus_caseworker, person=world.protected, action=Action.VIEW_IDENTITY, grant=Grant.ASSIGNMENT
        )
        for _ in range(25)
    )
    client.force_login(manager)
    summary = client.get(reverse("cases:access_review"), {"manad": f"{timezone.localdate():%Y-%m}"}).context["summary"]
    assert summary.unusual == [(nexus_caseworker, 25)]


def test_the_log_extract_is_a_pdf_and_its_download_is_logged(client, world, nexus_caseworker, manager):
    client.force_login(nexus_caseworker)
    client.get(reverse("cases:case_detail", args=[world.nexus_case.pk]))
    client.force_login(manager)
    listing = client.get(reverse("cases:access_log"), {"person": world.protected.pk}).content.decode()
    assert "Identitet visas inte" in listing and "Skyddadsson" not in listing
    response = client.get(reverse("cases:log_extract_pdf", args=[world.protected.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(user=manager, action=Action.DOWNLOAD_PDF, person=world.protected).exists()


def test_every_allowed_download_is_logged_also_without_protected_persons(client, world, eviction_caseworker):
    client.force_login(eviction_caseworker)
    document = world.eviction_case.documents.get()
    response = client.get(reverse("cases:document_download", args=[world.eviction_case.pk, document.pk]))
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(action=Action.DOWNLOAD_DOCUMENT)
    assert (entry.user, entry.case, entry.person, entry.what) == (
        eviction_caseworker,
        world.eviction_case,
        None,
        "Underrättelse",
    )


def test_uploaded_files_have_no_public_url(client, world, nexus_caseworker, settings):
    document = world.nexus_case.documents.get()
    relative = document.file.name
    client.force_login(nexus_caseworker)
    for url in (f"/{relative}", f"/media/{relative}", f"/static/{relative}", f"{settings.STATIC_URL}../{relative}"):
        assert client.get(url).status_code == 404, url
