"""The relocation pages as their users meet them: Nexus registers and moves requests, the partner sees only its own
and what the consent shares, telephone inquiries take no personal data, and the list costs the same at any size."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.access import AccessPolicy
from cases.relocation import selectors as relocation_selectors
from cases.relocation import services as relocation
from cases.relocation.models import Direction, RelocationRequest, TelephoneInquiry
from cases.relocation.workflow import State
from tests.cases.relocation.world import assess, open_request
from tests.factories import PersonFactory


def list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_request_list_costs_the_same_number_of_queries_for_2_and_12_requests(client, networks, nexus_caseworker):
    open_request(networks, nexus_caseworker)
    open_request(networks, nexus_caseworker, person=PersonFactory(protected=True, acting_user=nexus_caseworker))
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_list") + "?riktning=incoming&forsenade="
    list_queries(client, url)  # the first request after logging in also stores the session's clock
    few = list_queries(client, url)
    for _ in range(10):
        open_request(networks, nexus_caseworker, person=PersonFactory(protected=True, acting_user=nexus_caseworker))
    assert list_queries(client, url) == few


def test_nexus_registers_an_incoming_request_and_a_wrong_municipality_is_explained(client, networks, nexus_caseworker):
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_open", args=["inkommande"])
    today = timezone.localdate().isoformat()
    wrong = {"network": networks.lanskompotten.pk, "municipality": networks.vasteras.pk, "on": today}
    response = client.post(url, wrong)
    assert response.status_code == 400
    assert "var inte medlem i Länskompotten" in response.content.decode()
    assert not RelocationRequest.objects.exists()
    response = client.post(url, {"network": networks.kompotten.pk, "municipality": networks.vasteras.pk, "on": today})
    created = RelocationRequest.objects.get()
    assert response.url == reverse("cases:relocation_detail", args=[created.case.pk])
    assert created.state == State.RECEIVED and created.case.deadlines.count() == 1


def test_a_partner_sees_only_its_municipalitys_requests(client, networks, nexus_caseworker, partner_enkoping):
    open_request(networks, nexus_caseworker)  # with Västerås
    client.force_login(partner_enkoping)
    assert "Inga förfrågningar att visa" in client.get(reverse("cases:relocation_list")).content.decode()


def test_the_partner_answers_an_outgoing_request_but_cannot_touch_criteria_or_consent(
    client, networks, nexus_caseworker, partner_vasteras
):
    request = open_request(networks, nexus_caseworker, direction=Direction.OUTGOING)
    relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=nexus_caseworker)
    relocation.request_transition(request=request, to_state=State.SENT, acting_user=nexus_caseworker)
    client.force_login(partner_vasteras)
    page = client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    assert "Acceptera förfrågan" in page and "Ändra kriterier" not in page
    assert client.get(reverse("cases:relocation_edit_details", args=[request.case.pk])).status_code == 403
    assert client.post(reverse("cases:relocation_consent_add", args=[request.case.pk])).status_code == 403
    refused = client.post(reverse("cases:relocation_transition", args=[request.case.pk, State.REJECTED_BY_PARTNER]))
    assert refused.status_code == 400 and "Ange ett skäl" in refused.content.decode()
    client.post(reverse("cases:relocation_transition", args=[request.case.pk, State.ACCEPTED]), {"reason": ""})
    request.refresh_from_db()
    assert request.state == State.ACCEPTED and request.answered_on == timezone.localdate()


def test_a_revoked_consent_takes_the_shared_identity_away_from_the_partner(
    client, networks, nexus_caseworker, partner_vasteras
):
    person = PersonFactory(given_name="Samira", family_name="Delgivensson", acting_user=nexus_caseworker)
    request = open_request(networks, nexus_caseworker, person=person)
    client.force_login(nexus_caseworker)
    consent_url = reverse("cases:relocation_consent_add", args=[request.case.pk])
    client.post(consent_url, {"given_on": timezone.localdate().isoformat(), "share_identity": "on"})
    consent = request.consents.get()
    client.force_login(partner_vasteras)
    detail = reverse("cases:relocation_detail", args=[request.case.pk])
    assert "Samira Delgivensson" in client.get(detail).content.decode()
    client.force_login(nexus_caseworker)
    client.post(reverse("cases:relocation_consent_revoke", args=[request.case.pk, consent.pk]))
    client.force_login(partner_vasteras)
    page = client.get(detail).content.decode()
    assert "Samira" not in page and "Delgivensson" not in page
    client.force_login(nexus_caseworker)
    timeline = client.get(reverse("cases:case_detail", args=[request.case.pk])).content.decode()
    assert "Samtycke återkallades" in timeline


def test_a_telephone_inquiry_has_no_field_for_free_text_and_is_counted(client, networks, nexus_caseworker):
    client.force_login(nexus_caseworker)
    form = client.get(reverse("cases:inquiry_add")).context["form"]
    assert {type(field.widget).__name__ for field in form.fields.values()} <= {"DateInput", "RadioSelect", "Select"}
    assert "Skriv aldrig in namn" in client.get(reverse("cases:inquiry_add")).content.decode()
    data = {
        "occurred_on": timezone.localdate().isoformat(),
        "direction": "incoming",
        "network": networks.kompotten.pk,
        "municipality": networks.vasteras.pk,
        "topic": "housing_situation",
        "stop_reason": "no_flats",
    }
    assert client.post(reverse("cases:inquiry_add"), data).status_code == 302
    assert TelephoneInquiry.objects.get().municipality == networks.vasteras
    assert "Västerås" in client.get(reverse("cases:inquiry_list")).content.decode()


def test_the_directory_answers_who_to_call_in_vasteras(client, networks, nexus_caseworker, partner_vasteras):
    client.force_login(nexus_caseworker)
    page = client.get(reverse("cases:network_directory"), {"kommun": "Väst"}).content.decode()
    assert partner_vasteras.get_full_name() in page and "Enköping" not in page


def test_the_list_filters_by_state_direction_and_overdue_and_keeps_the_choice(client, networks, nexus_caseworker):
    old = open_request(networks, nexus_caseworker, on=timezone.localdate() - timedelta(days=30))
    new = open_request(networks, nexus_caseworker)
    outgoing = open_request(networks, nexus_caseworker, direction=Direction.OUTGOING)
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_list")
    overdue = client.get(url, {"forsenade": "1"}).content.decode()
    assert old.case.number in overdue and new.case.number not in overdue
    prepared = client.get(url, {"status": State.PREPARED}).content.decode()
    assert outgoing.case.number in prepared and new.case.number not in prepared
    assert f'<option value="{State.PREPARED}" selected>' in prepared
    incoming = client.get(url, {"riktning": "incoming"}).content.decode()
    assert new.case.number in incoming and outgoing.case.number not in incoming


def test_nexus_follows_the_housing_application_from_the_request_and_the_partner_does_not(
    client, networks, nexus_caseworker, partner_vasteras
):
    request = open_request(networks, nexus_caseworker)
    assess(request, nexus_caseworker)
    relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker)
    request.refresh_from_db()
    url = reverse("cases:relocation_detail", args=[request.case.pk])
    client.force_login(nexus_caseworker)
    page = client.get(url).content.decode()
    assert request.housing_case.number in page and "Remitterad" in page and "Beslut senast" in page
    client.force_login(partner_vasteras)
    page = client.get(url).content.decode()
    assert request.housing_case.number not in page and "Lämnad till bostadsenheten" in page


def test_paging_the_request_list_shows_every_request_once_in_order_at_the_same_cost(
    client, networks, nexus_caseworker, monkeypatch
):
    """The page's ids are read first and its rows second (kompotten/paging.py `exact_page`), sorted by number and by the
    next deadline."""
    monkeypatch.setattr(relocation_selectors, "PAGE_SIZE", 2)
    for _ in range(7):
        open_request(networks, nexus_caseworker)
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_list")
    list_queries(client, url)  # the first request after logging in also stores the session's clock
    for sort in ("nummer", "-frist"):
        pages = [client.get(f"{url}?sortera={sort}&sida={n}") for n in (1, 2, 3, 4)]
        shown = [row.request.pk for page in pages for row in page.context["rows"]]
        policy = AccessPolicy(nexus_caseworker)
        ordered = relocation_selectors._with_list_data(relocation_selectors.visible_requests(policy))
        assert shown == list(ordered.order_by(*relocation_selectors.SORTS[sort]).values_list("pk", flat=True))
        assert len(shown) == 7 == pages[0].context["page"].paginator.count
    assert list_queries(client, url) == list_queries(client, f"{url}?sida=4")


def test_a_manager_reads_a_request_but_is_offered_no_message_or_move_form(client, networks, nexus_caseworker, manager):
    request = open_request(networks, nexus_caseworker)
    client.force_login(manager)
    assert client.get(reverse("cases:relocation_detail", args=[request.case.pk])).status_code == 200
    for url in (
        reverse("cases:relocation_message", args=[request.case.pk]),
        reverse("cases:relocation_transition", args=[request.case.pk, "withdrawn"]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"body": "Hej", "reason": "Test"}).status_code == 403
    assert not request.case.relocation.messages.exists()


def test_a_network_that_is_no_id_is_shown_as_an_error_and_left_out(client, networks, nexus_caseworker):
    """`natverk=abc` gets the filter form's Swedish error above the panel, not a 500, and filters nothing."""
    client.force_login(nexus_caseworker)
    response = client.get(reverse("cases:relocation_list"), {"natverk": "abc", "forsenade": "1"})
    assert response.status_code == 200
    assert 'href="#filter-natverk"' in response.content.decode()
    assert response.context["filters"].network == "" and response.context["filters"].overdue is True


def test_an_empty_post_of_the_criteria_form_changes_nothing_and_says_why(client, networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker)
    before = RelocationRequest.objects.values().get(pk=request.pk)
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_edit_details", args=[request.case.pk])
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Formuläret var tomt, så inget har ändrats" in response.content.decode()
    assert RelocationRequest.objects.values().get(pk=request.pk) == before
    assert not request.case.events.filter(action="details_changed").exists()
    saved = client.post(url, {"serious_violence": "Ny uppgift.", "rooms_needed": "2"})
    assert saved.status_code == 302
    request.refresh_from_db()
    assert request.serious_violence == "Ny uppgift." and request.rooms_needed == 2
