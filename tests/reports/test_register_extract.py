"""A person's register extract (GDPR article 15): asked for by a caseworker who may open the person, made by the
report runner in the background, read and checked by a caseworker, then released; never naming anyone else, never
sent to a protected person's registered address."""

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from cases import services as case_services
from cases.models import AccessLogEntry, CaseParty, HouseholdMember, ProtectionLevel
from kompotten.workflow import TransitionRefused
from reports import runner, services
from reports.models import Delivery, ExtractState, RegisterExtract, ReportKind, ReportRun, RunState
from tests.factories import PersonFactory
from tests.protected_identity_world import CHILD, PROTECTED_STREET, SCHOOL, WORKPLACE, build_world
from tests.reports.report_files import file_text, normalised
from tests.reports.test_annual_report_worker import wait_until_finished

CO_APPLICANT = ("Annika", "Medsökarmatris")
CO_APPLICANT_CHILD = ("Lillan", "Medsökarbarnsson")
CO_APPLICANT_SCHOOL = "Medsökarskolan"


def add_protected_co_applicant(world, nexus_caseworker):
    """A protected co-applicant on the person's relocation request, with a child at school of her own."""
    other = PersonFactory(
        given_name=CO_APPLICANT[0],
        family_name=CO_APPLICANT[1],
        protection_level=ProtectionLevel.CONFIDENTIALITY_MARKING,
        protection_noted_on=date(2026, 2, 1),
        protection_source="Skatteverket (SPAR)",
        street_address="Medsökargatan 9",
    )
    case_services.household_member_add(
        person=other,
        relation=HouseholdMember.Relation.CHILD,
        given_name=CO_APPLICANT_CHILD[0],
        family_name=CO_APPLICANT_CHILD[1],
        birth_year=2019,
        school=CO_APPLICANT_SCHOOL,
        acting_user=nexus_caseworker,
    )
    case_services.case_add_person(
        case=world.nexus_case, person=other, role=CaseParty.Role.CO_APPLICANT, acting_user=nexus_caseworker
    )
    return other


@pytest.mark.worker
@pytest.mark.today("2026-11-18")
def test_the_worker_makes_an_extract_holding_every_record_of_all_three_capabilities_and_no_one_else(
    client, networks, nexus_caseworker, nexus_colleague, celery_worker_over_redis
):
    world = build_world(ProtectionLevel.PROTECTED_REGISTRATION, networks)
    other = add_protected_co_applicant(world, nexus_caseworker)
    client.force_login(nexus_caseworker)
    person_url = reverse("reports:person_extracts", args=[world.person.pk])
    response = client.post(person_url, {"delivery": Delivery.IN_PERSON})
    extract = RegisterExtract.objects.exclude(pk=world.register_extract.pk).get()
    assert response.url == reverse("reports:extract_detail", args=[extract.pk])
    run = wait_until_finished(extract.run)
    assert run.state == RunState.READY, run.failure_reason
    assert run.kind == ReportKind.REGISTER_EXTRACT and run.content_type == "application/pdf"
    text = normalised(file_text(run))

    # Her own details; her protected address, phone and workplace are recorded but not printed.
    assert world.person.full_name in text and world.person.identity_number in text
    assert "Skyddad folkbokföring, noterat 2026-01-15 enligt Skatteverket (SPAR)" in text
    assert "Verklig adress Registrerad. Skrivs inte ut av säkerhetsskäl." in text
    assert "Barn, född 2017 (namn skrivs inte ut)" in text
    for hidden in (PROTECTED_STREET, WORKPLACE, CHILD[0], CHILD[1], SCHOOL, "Folkbokföringsgatan"):
        assert hidden not in text
    # Every case about her, in all three capabilities (and the request Västerås filed naming her).
    for case in (world.nexus_case, world.support_case, world.housing_case, world.eviction_case, world.filed_case):
        assert f"{case.get_kind_display()} {case.number}" in text
    # Relocation: the partner municipality, what her consent shares, the risk assessment by title and date.
    assert "Samverkanskommun Västerås" in text
    assert "Samtycke till att dela med Västerås" in text
    assert "Dokument: Riskbedömning (Riskbedömning)" in text
    assert "Förfrågan inlämnad av Västerås" in text
    # Nexus: the shelter, and the landlord asked for kundvård (to whom her data went).
    assert "Skyddat boende hos Tryggt Boende AB" in text
    assert "Begäran om kundvård till hyresvärden Bostadsbolaget" in text
    # Housing: the referral, the decision, the open offer.
    assert "Remiss om bostadssocialt kontrakt" in text
    assert "Beslut: Bifall" in text and "Erbjudande om lägenhet" in text
    # Evictions: the notice, the consent to talk to the landlord, the letter, the plan, the landlord meeting's list.
    assert "Underrättelse: Uppsägning" in text
    assert "Medgivande att tala med: Hyresvärden eller inkassobolaget" in text
    assert "Brev: " in text and "Avbetalningsplan" in text and "Ansökan om ekonomiskt bistånd" in text
    assert "Med på hyresvärdens lista över sena betalare" in text
    # Who handled it, and who looked: the colleague's emergency access with its reason.
    assert nexus_caseworker.get_full_name() in text
    assert f"Nödåtkomst – {world.nexus_case.number} – Polisen ringer, akut" in text
    assert nexus_colleague.get_full_name() in text
    # The protected co-applicant is "en annan person", never named nor described.
    assert "Medsökande: en annan person" in text
    for hidden in (*CO_APPLICANT, *CO_APPLICANT_CHILD, CO_APPLICANT_SCHOOL, "Medsökargatan", other.identity_number):
        assert hidden not in text


@pytest.mark.today("2026-11-18")
def test_release_is_refused_before_the_check_and_the_check_before_the_pdf_was_read(
    client, networks, nexus_caseworker, nexus_colleague, run_tasks
):
    world = build_world(ProtectionLevel.NONE, networks)
    with run_tasks():
        extract = services.register_extract_request(
            person=world.person,
            delivery=Delivery.GIVEN_ADDRESS,
            delivery_address="Box 7\n753 10 Uppsala",
            acting_user=nexus_caseworker,
        )
    extract.refresh_from_db()
    assert extract.run.state == RunState.READY and extract.state == ExtractState.AWAITING_CHECK

    client.force_login(nexus_colleague)  # another caseworker checks it
    detail = reverse("reports:extract_detail", args=[extract.pk])
    with pytest.raises(TransitionRefused):
        services.register_extract_release(extract=extract, acting_user=nexus_colleague)
    response = client.post(detail, {"action": "release"}, follow=True)
    assert "det lämnas ut först när det är kontrollerat" in response.content.decode()
    response = client.post(detail, {"action": "check"}, follow=True)
    assert "Läs utdraget innan du markerar det som kontrollerat" in response.content.decode()
    extract.refresh_from_db()
    assert extract.state == ExtractState.AWAITING_CHECK

    pdf = client.get(reverse("reports:extract_pdf", args=[extract.pk]))
    assert pdf["Content-Type"] == "application/pdf" and b"".join([pdf.content]).startswith(b"%PDF")
    logged = AccessLogEntry.objects.filter(user=nexus_colleague, person=world.person)
    assert logged.filter(action=AccessLogEntry.Action.DOWNLOAD_PDF, what=extract.log_label).count() == 1
    client.post(detail, {"action": "check"})
    client.post(detail, {"action": "release"})
    extract.refresh_from_db()
    assert extract.state == ExtractState.RELEASED
    assert extract.checked_by == nexus_colleague and extract.released_by == nexus_colleague
    assert extract.released_at >= extract.checked_at


@pytest.mark.today("2026-11-18")
def test_a_protected_persons_extract_is_never_sent_to_her_registered_address(client, networks, nexus_caseworker):
    world = build_world(ProtectionLevel.CONFIDENTIALITY_MARKING, networks)
    client.force_login(nexus_caseworker)
    url = reverse("reports:person_extracts", args=[world.person.pk])
    response = client.post(url, {"delivery": Delivery.REGISTERED_ADDRESS})
    assert response.status_code == 400
    assert "utdraget skickas inte till folkbokföringsadressen" in response.content.decode()
    response = client.post(url, {"delivery": Delivery.GIVEN_ADDRESS})
    assert response.status_code == 400 and "Skriv adressen" in response.content.decode()
    assert RegisterExtract.objects.get() == world.register_extract  # the world's own, and no new one
    assert ReportRun.objects.get() == world.register_extract.run


@pytest.mark.today("2026-11-18")
def test_release_to_the_registered_address_is_refused_when_she_became_protected_after_asking(
    networks, nexus_caseworker, run_tasks
):
    world = build_world(ProtectionLevel.NONE, networks)
    person = world.person
    with run_tasks():
        extract = services.register_extract_request(
            person=person, delivery=Delivery.REGISTERED_ADDRESS, acting_user=nexus_caseworker
        )
    extract.refresh_from_db()
    RegisterExtract.objects.filter(pk=extract.pk).update(state=ExtractState.CHECKED, checked_at=extract.run.finished_at)
    case_services.person_update(
        person=person,
        protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        protection_noted_on=date(2026, 11, 17),
        protection_source="Skatteverket (SPAR)",
        phone=person.phone,
        workplace=person.workplace,
        street_address=person.street_address,
        postal_code=person.postal_code,
        acting_user=nexus_caseworker,
    )
    extract.refresh_from_db()
    with pytest.raises(ValidationError, match="folkbokföringsadressen"):
        services.register_extract_release(extract=extract, acting_user=nexus_caseworker)
    # Handed over in person instead, it is still refused: made before she was protected, it prints her address.
    RegisterExtract.objects.filter(pk=extract.pk).update(delivery=Delivery.IN_PERSON)
    extract.refresh_from_db()
    with pytest.raises(ValidationError, match="Beställ ett nytt utdrag"):
        services.register_extract_release(extract=extract, acting_user=nexus_caseworker)
    extract.refresh_from_db()
    assert extract.state == ExtractState.CHECKED


@pytest.mark.today("2026-11-18")
@pytest.mark.parametrize("persona", ["nexus_colleague", "manager", "partner_vasteras", "eviction_team_lead"])
def test_users_without_access_to_the_protected_person_get_404_on_every_extract_page(
    client, request, networks, nexus_caseworker, run_tasks, persona
):
    world = build_world(ProtectionLevel.FICTITIOUS_IDENTITY, networks)
    with run_tasks():
        extract = services.register_extract_request(
            person=world.person, delivery=Delivery.IN_PERSON, acting_user=nexus_caseworker
        )
    client.force_login(request.getfixturevalue(persona))
    urls = [
        reverse("reports:person_extracts", args=[world.person.pk]),
        reverse("reports:extract_detail", args=[extract.pk]),
        reverse("reports:extract_pdf", args=[extract.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "check", "delivery": Delivery.IN_PERSON}).status_code == 404, url
    assert RegisterExtract.objects.count() == 2  # the world's and this test's


@pytest.mark.today("2026-11-18")
def test_an_extract_run_is_not_a_report_for_managers(client, networks, nexus_caseworker, manager, run_tasks):
    world = build_world(ProtectionLevel.NONE, networks)
    with run_tasks():
        extract = services.register_extract_request(
            person=world.person, delivery=Delivery.IN_PERSON, acting_user=nexus_caseworker
        )
    ReportRun.objects.filter(pk=extract.run_id).update(requested_by=None)  # not even as a "scheduled" one
    client.force_login(manager)
    assert client.get(reverse("reports:run_download", args=[extract.run_id])).status_code == 404
    assert client.get(reverse("reports:run_detail", args=[extract.run_id])).status_code == 404
    assert str(extract.run_id) not in client.get(reverse("reports:run_list")).content.decode()


def _failed_extract(world, nexus_caseworker) -> RegisterExtract:
    """An extract whose run failed (its task gave up): asked for, never made."""
    extract = services.register_extract_request(
        person=world.person, delivery=Delivery.IN_PERSON, acting_user=nexus_caseworker
    )
    runner.give_up(extract.run_id, "Rapporten kunde inte skapas på grund av ett tekniskt fel (test).")
    extract.refresh_from_db()
    assert extract.run.state == RunState.FAILED
    return extract


@pytest.mark.today("2026-11-18")
def test_a_caseworker_retries_a_failed_extract_from_its_page_and_the_retry_is_recorded_without_personal_data(
    client, networks, nexus_caseworker, nexus_colleague, run_tasks, caplog
):
    world = build_world(ProtectionLevel.NONE, networks)
    extract = _failed_extract(world, nexus_caseworker)
    client.force_login(nexus_colleague)  # another caseworker who may order one for her
    detail = reverse("reports:extract_detail", args=[extract.pk])
    retry = reverse("reports:extract_retry", args=[extract.pk])
    page = client.get(detail).content.decode()
    assert f'action="{retry}"' in page and "Försök igen" in page
    assert client.get(retry).status_code == 405  # POST only
    with caplog.at_level("INFO", logger="reports.services"), run_tasks():
        response = client.post(retry)
    assert response.url == detail
    extract.refresh_from_db()
    assert extract.run.state == RunState.READY and extract.run.failure_reason == ""
    assert extract.retries == 1 and extract.state == ExtractState.AWAITING_CHECK
    latest = extract.history.latest()
    assert (latest.history_user, latest.retries) == (nexus_colleague, 1)
    (record,) = [r for r in caplog.records if r.getMessage() == "register_extract_retried"]
    assert (record.extract_id, record.run_id, record.user_id) == (extract.pk, extract.run_id, nexus_colleague.pk)
    logged = " ".join(str(value) for value in record.__dict__.values())
    for personal in (world.person.given_name, world.person.family_name, world.person.identity_number):
        assert personal not in logged
    assert "Försök igen" not in client.get(detail).content.decode()  # made now: nothing to retry


@pytest.mark.today("2026-11-18")
def test_an_extract_that_has_not_failed_cannot_be_retried(client, networks, nexus_caseworker, run_tasks):
    world = build_world(ProtectionLevel.NONE, networks)
    queued = services.register_extract_request(
        person=world.person, delivery=Delivery.IN_PERSON, acting_user=nexus_caseworker
    )
    ready = world.register_extract
    assert (queued.run.state, ready.run.state) == (RunState.QUEUED, RunState.READY)
    client.force_login(nexus_caseworker)
    for extract in (queued, ready):
        with pytest.raises(ValidationError):
            services.register_extract_retry(extract=extract, acting_user=nexus_caseworker)
        response = client.post(reverse("reports:extract_retry", args=[extract.pk]), follow=True)
        assert "Bara ett utdrag som inte kunde skapas kan göras om." in response.content.decode()
        extract.refresh_from_db()
        assert extract.retries == 0
    assert (queued.run.state, ready.run.state) == (RunState.QUEUED, RunState.READY)


@pytest.mark.today("2026-11-18")
@pytest.mark.parametrize("persona", ["nexus_colleague", "manager", "partner_vasteras", "eviction_team_lead"])
def test_an_outsider_gets_404_for_the_retry_and_the_extract_stays_failed(
    client, request, networks, nexus_caseworker, persona
):
    world = build_world(ProtectionLevel.FICTITIOUS_IDENTITY, networks)
    extract = _failed_extract(world, nexus_caseworker)
    client.force_login(request.getfixturevalue(persona))
    url = reverse("reports:extract_retry", args=[extract.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 404
    extract.refresh_from_db()
    assert (extract.run.state, extract.retries) == (RunState.FAILED, 0)
