"""Documents are as protected as the people on their case: whoever sees "Skyddad identitet" on a case reads none of
its documents, and every download is logged naming the protected person."""

from django.urls import reverse

from cases.models import AccessLogEntry


def download_url(world):
    document = world.nexus_case.documents.get()
    return reverse("cases:document_download", args=[world.nexus_case.pk, document.pk])


def test_a_colleague_who_sees_the_protected_person_masked_cannot_download_the_cases_documents(
    client, world, nexus_colleague
):
    client.force_login(nexus_colleague)
    page = client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()
    assert "Skyddad identitet" in page and download_url(world) not in page
    assert client.get(download_url(world)).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_manager_without_a_grant_cannot_download_them_either(client, world, manager):
    client.force_login(manager)
    assert client.get(download_url(world)).status_code == 404


def test_the_handler_downloads_and_the_log_names_the_protected_person(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    response = client.get(download_url(world))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"riskbedomning"
    download = AccessLogEntry.objects.get(action=AccessLogEntry.Action.DOWNLOAD_DOCUMENT)
    assert (download.user, download.person, download.case) == (nexus_caseworker, world.protected, world.nexus_case)


def test_an_emergency_access_to_the_person_opens_the_documents_too(client, world, nexus_colleague):
    from cases import services

    services.emergency_access_open(
        party=world.nexus_case.parties.get(), reason="Akut hotbild, polisen ringer", acting_user=nexus_colleague
    )
    client.force_login(nexus_colleague)
    assert client.get(download_url(world)).status_code == 200
