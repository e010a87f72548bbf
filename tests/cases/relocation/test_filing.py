"""The partner's own way in: a contact person files a formal request to us, with the person, household, criteria,
consent and documents. It lands "received" at Nexus with its two weeks; Nexus is told by e-mail (number and link);
and nothing the partner sees depends on whether the person is already registered, or protected, here (that, and the
person the filing is tied to, in test_relocation_filing_person.py)."""

from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.models import Document
from cases.relocation import filing as relocation_filing
from cases.relocation import notifications
from cases.relocation import services as relocation
from cases.relocation.models import MemberContact, PartnerFiling, RelocationRequest
from cases.relocation.workflow import Actor, State
from kompotten.models import Municipality, User
from tests.factories import PersonFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FRESH_NUMBER = "19811218-9876"


def form_data(networks, **overrides):
    today = timezone.localdate()
    data = {
        "network": networks.kompotten.pk,
        "given_name": "Nadia",
        "family_name": "Inflyttarsson",
        "identity_number": FRESH_NUMBER,
        "protection_level": "skyddad_folkbokforing",
        "adults": "1",
        "children_ages": "4, 9",
        "rooms_needed": "3",
        "accessibility_needs": "",
        "avoid_areas": "Gottsunda",
        "serious_violence": "Grov kvinnofridskränkning, polisanmäld.",
        "home_options_tried": "Skyddat boende prövat.",
        "risk_assessed_by": "police",
        "risk_assessed_on": (today - timedelta(days=10)).isoformat(),
        "cannot_arrange_housing": "Saknar egna kontakter.",
        "consent_given_on": today.isoformat(),
        "share_household": "on",
        "share_risk_assessment": "on",
    }
    return data | overrides


def pdf(name="riskbedomning.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def file_request(client, networks, **overrides):
    data = form_data(networks, **overrides)
    data.setdefault("risk_assessment_file", pdf())
    return client.post(reverse("cases:relocation_file"), data)


@pytest.fixture
def filed(client, networks, partner_vasteras):
    client.force_login(partner_vasteras)
    response = file_request(client, networks)
    assert response.status_code == 302, response.content.decode()[:2000]
    return RelocationRequest.objects.get()


def test_a_partner_files_a_request_that_lands_received_at_nexus_with_its_two_weeks(
    client, filed, partner_vasteras, nexus_caseworker
):
    assert filed.state == State.RECEIVED and filed.direction == "incoming"
    assert filed.municipality == partner_vasteras.partner_municipality
    assert filed.received_on == timezone.localdate() and filed.case.unit == nexus_caseworker.unit
    (deadline,) = filed.case.deadlines.all()
    assert deadline.label == relocation.NEXUS_ASSESSMENT and deadline.max_extensions == 1
    assert filed.criteria_recorded and filed.rooms_needed == 3 and filed.avoid_areas == "Gottsunda"
    assert filed.partner_contact.user == partner_vasteras
    filing = filed.filing
    assert (filing.identity_number, filing.children_ages, filing.protection_level) == (
        FRESH_NUMBER,
        [4, 9],
        "skyddad_folkbokforing",
    )
    consent = filed.consents.get()
    assert consent.share_household and consent.share_risk_assessment and not consent.share_identity
    (document,) = filed.case.documents.all()
    assert document.type == Document.Type.RISK_ASSESSMENT and document.shared_with_partners
    person = filing.person  # a new registration, in the partner's words at the filed level, and the applicant
    assert (person.full_name, person.identity_number, person.protection_level) == (
        "Nadia Inflyttarsson",
        FRESH_NUMBER,
        "skyddad_folkbokforing",
    )
    assert [party.person for party in filed.case.parties.all()] == [person]
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Uppgifter ni lämnade" in page and "Nadia Inflyttarsson" in page and "Skyddsbedömning (Nexus)" in page


def test_nexus_is_told_by_email_with_the_case_number_and_a_link_only(client, networks, partner_vasteras, run_tasks):
    mail.outbox.clear()
    client.force_login(partner_vasteras)
    with run_tasks():
        file_request(client, networks)
    request = RelocationRequest.objects.get()
    sent = [m for m in mail.outbox if "ny förfrågan" in m.subject]
    nexus_staff = set(User.objects.filter(unit=request.case.unit).values_list("email", flat=True))
    assert {address for m in sent for address in m.to} == nexus_staff  # nobody assigned yet: the Nexus unit
    for message in sent:
        assert request.case.number in message.body and f"/arenden/{request.case.pk}/forfragan/" in message.body
        for secret in ("Nadia", "Inflyttarsson", FRESH_NUMBER, "Gottsunda", "Västerås"):
            assert secret not in message.subject + message.body


def designate(networks, user: User, administrator: User) -> None:
    """Makes one of our Nexus users a designated contact person of ours in Kompotten."""
    membership = networks.kompotten.memberships.get(municipality__code="0380")
    relocation.contact_add(
        membership=membership,
        role=MemberContact.Role.CONTACT_PERSON,
        name=user.get_full_name(),
        email=user.email,
        valid_from=membership.joined_on,
        user=user,
        acting_user=administrator,
    )


def test_our_designated_contact_person_becomes_handler_and_is_the_one_told(
    client, networks, partner_vasteras, nexus_colleague, administrator, run_tasks
):
    designate(networks, nexus_colleague, administrator)
    mail.outbox.clear()
    client.force_login(partner_vasteras)
    with run_tasks():
        file_request(client, networks)
    request = RelocationRequest.objects.get()
    assert list(request.case.handlers.all()) == [nexus_colleague]
    assert [m.to for m in mail.outbox if "ny förfrågan" in m.subject] == [[nexus_colleague.email]]


def test_bad_input_is_explained_in_swedish_kept_and_nothing_is_saved(client, networks, partner_vasteras):
    client.force_login(partner_vasteras)
    response = file_request(
        client,
        networks,
        identity_number="19811218-9875",
        children_ages="4, tjugo",
        serious_violence="",
        risk_assessment_file=SimpleUploadedFile("risk.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Skriv barnens åldrar som tal" in page and "Inflyttarsson" in page and "Gottsunda" in page
    assert not RelocationRequest.objects.exists() and not Document.objects.exists()
    response = file_request(
        client, networks, risk_assessment_file=SimpleUploadedFile("risk.pdf", b"MZ\x90\x00 exe", "application/pdf")
    )
    assert response.status_code == 400 and "Filtypen stöds inte" in response.content.decode()
    assert not RelocationRequest.objects.exists() and not Document.objects.exists()
    assert not PartnerFiling.objects.exists()


def test_a_network_we_are_not_in_cannot_be_chosen(client, networks, partner_vasteras, administrator):
    other = relocation.network_create(name="Mälardalsnätverket", kind="regional", acting_user=administrator)
    relocation.membership_add(
        network=other,
        municipality=networks.vasteras,
        joined_on=networks.kompotten.memberships.first().joined_on,
        acting_user=administrator,
    )
    client.force_login(partner_vasteras)
    response = file_request(client, networks, network=other.pk)
    assert response.status_code == 400 and not RelocationRequest.objects.exists()


def test_staff_and_other_municipalities_cannot_file_from_the_partner_page(client, networks, nexus_caseworker):
    client.force_login(nexus_caseworker)
    assert client.get(reverse("cases:relocation_file")).status_code == 403
    assert file_request(client, networks).status_code == 403
    assert not RelocationRequest.objects.exists()


def test_nexus_confirms_the_person_and_takes_in_the_filed_children_once(
    client, filed, nexus_caseworker, nexus_team_lead
):
    url = reverse("cases:relocation_take_in", args=[filed.case.pk])
    client.force_login(nexus_caseworker)  # not a handler: sees the filed person masked, and cannot confirm them
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Skyddad identitet" in page and "Bekräfta personen i förfrågan" not in page
    response = client.post(url)
    assert response.status_code == 400 and "som du inte har behörighet till" in response.content.decode()
    services.case_assign_handler(
        case=filed.case, user=nexus_caseworker, acting_user=nexus_team_lead, reason="Nora tar bedömningen."
    )
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Bekräfta personen i förfrågan" in page
    response = client.post(url, follow=True)
    assert "Personen är bekräftad och 2 barn är tillagda i hushållet." in response.content.decode()
    person = filed.filing.person
    assert "Västerås" in person.protection_source and person.protection_noted_on == timezone.localdate()
    assert sorted(m.birth_year for m in person.household.all()) == [
        timezone.localdate().year - 9,
        timezone.localdate().year - 4,
    ]
    assert list(filed.case.parties.values_list("person", flat=True)) == [person.pk]
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Identiteten bekräftad" in page and "Bekräfta personen i förfrågan" not in page
    with pytest.raises(Exception, match="inga nya uppgifter"):
        relocation_filing.filing_take_in_person(request=filed, acting_user=nexus_caseworker)


def test_a_known_household_is_kept_when_nexus_confirms_the_person(client, networks, partner_vasteras, nexus_caseworker):
    known = PersonFactory(acting_user=nexus_caseworker)
    services.household_member_add(
        person=known, relation="child", given_name="Lo", birth_year=2019, acting_user=nexus_caseworker
    )
    client.force_login(partner_vasteras)
    file_request(client, networks, identity_number=known.identity_number, protection_level="none")
    taken = relocation_filing.filing_take_in_person(
        request=RelocationRequest.objects.get(), acting_user=nexus_caseworker
    )
    assert taken.person == known and taken.children_added == 0
    assert [m.given_name for m in known.household.all()] == ["Lo"]


def test_a_person_protected_here_is_confirmed_only_by_someone_who_may_see_them(
    client, networks, partner_vasteras, nexus_caseworker, nexus_colleague
):
    protected = PersonFactory(protected=True, acting_user=nexus_colleague)  # granted to the colleague only
    client.force_login(partner_vasteras)
    file_request(client, networks, identity_number=protected.identity_number, protection_level="none")
    request = RelocationRequest.objects.get()
    client.force_login(nexus_caseworker)
    response = client.post(reverse("cases:relocation_take_in", args=[request.case.pk]))
    assert response.status_code == 400 and "skyddade personuppgifter som du inte har behörighet" in (
        response.content.decode()
    )
    request.filing.refresh_from_db()
    assert request.filing.taken_in_on is None
    taken = relocation_filing.filing_take_in_person(request=request, acting_user=nexus_colleague)
    assert taken.person == protected


def test_a_protected_filing_is_masked_from_nexus_staff_who_are_not_handlers(filed, client, nexus_caseworker, manager):
    client.force_login(nexus_caseworker)  # sees the Nexus unit's case, but holds no grant on it
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Inflyttarsson" not in page and FRESH_NUMBER not in page and "Skyddad identitet" in page
    services.case_assign_handler(
        case=filed.case, user=nexus_caseworker, acting_user=manager, reason="Nora tar över bedömningen."
    )
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Nadia Inflyttarsson" in page and FRESH_NUMBER in page


def test_the_partner_adds_a_document_both_sides_read_and_ours_stay_internal(
    client, filed, partner_vasteras, nexus_caseworker, nexus_team_lead, settings
):
    services.document_add(
        case=filed.case,
        uploaded_file=SimpleUploadedFile("intern.txt", b"intern bedomning", "text/plain"),
        title="Intern bedömning",
        type=Document.Type.OTHER,
        document_date=timezone.localdate(),
        acting_user=nexus_caseworker,
    )
    url = reverse("cases:relocation_document_add", args=[filed.case.pk])
    response = client.post(url, {"file": pdf("brev.pdf"), "title": "Förfrågan, brev", "type": "request"})
    assert response.status_code == 302
    letter = filed.case.documents.get(title="Förfrågan, brev")
    assert letter.shared_with_partners
    internal = filed.case.documents.get(title="Intern bedömning")
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Förfrågan, brev" in page and "Intern bedömning" not in page
    assert client.get(reverse("cases:document_download", args=[filed.case.pk, internal.pk])).status_code == 404
    assert client.get(reverse("cases:document_download", args=[filed.case.pk, letter.pk])).status_code == 200
    # The filing names a protected person, so our documents are read by the handler the team lead assigns.
    client.force_login(nexus_caseworker)
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Förfrågan, brev" not in page and "Intern bedömning" not in page
    services.case_assign_handler(
        case=filed.case, user=nexus_caseworker, reason="Fördelad av gruppledaren", acting_user=nexus_team_lead
    )
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Förfrågan, brev" in page and "Intern bedömning" in page and "Intern</strong>" in page


def test_a_partner_upload_is_size_limited_by_the_setting_and_type_checked(client, filed, settings):
    settings.MAX_UPLOAD_MB = 1
    url = reverse("cases:relocation_document_add", args=[filed.case.pk])
    big = SimpleUploadedFile("stor.txt", b"a" * (1024 * 1024 + 1), "text/plain")
    response = client.post(url, {"file": big, "title": "Stor", "type": "other"})
    assert response.status_code == 400 and "högst 1 MB" in response.content.decode().replace("&nbsp;", " ")
    renamed = SimpleUploadedFile("program.pdf", b"MZ\x90\x00\x03", "application/pdf")
    response = client.post(url, {"file": renamed, "title": "Program", "type": "other"})
    assert response.status_code == 400 and "Filtypen stöds inte" in response.content.decode()
    assert filed.case.documents.count() == 1


def test_the_pause_reason_is_shown_to_the_partner(client, filed, nexus_caseworker):
    deadline = filed.case.deadlines.get()
    services.deadline_pause(
        deadline=deadline, reason="Väntar på riskbedömningen från Västerås", acting_user=nexus_caseworker
    )
    page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert "Väntar på riskbedömningen från Västerås" in page and "Pausad" in page


def test_another_municipality_does_not_see_the_filed_request(client, filed, partner_enkoping):
    client.force_login(partner_enkoping)
    assert client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).status_code == 404
    assert Municipality.objects.get(code="0381") != filed.municipality


def test_a_shared_document_is_announced_to_the_other_side_by_number_and_link_only(
    client, filed, partner_vasteras, nexus_caseworker, run_tasks
):
    mail.outbox.clear()
    url = reverse("cases:relocation_document_add", args=[filed.case.pk])
    with run_tasks():
        assert (
            client.post(url, {"file": pdf("brev.pdf"), "title": "Riskbedömning", "type": "request"}).status_code == 302
        )
    to_us = mail.outbox  # one e-mail to each of our contact persons
    assert sorted(m.to[0] for m in to_us) == notifications.recipients(filed, Actor.NEXUS) != []
    for message in to_us:
        assert message.subject == f"Kompotten: nytt dokument i förfrågan {filed.case.number}"
        assert f"/arenden/{filed.case.pk}/forfragan/" in message.body and "Riskbedömning" not in message.body
    mail.outbox.clear()
    with run_tasks():
        for shared in (False, True):
            relocation_filing.request_document_add(
                request=filed,
                uploaded_file=SimpleUploadedFile("svar.txt", b"svar", "text/plain"),
                title="Svar",
                type=Document.Type.OTHER,
                acting_user=nexus_caseworker,
                shared_with_partners=shared,
            )
    (to_partner,) = mail.outbox  # the internal document announces nothing
    assert to_partner.to == [partner_vasteras.email] and "nytt dokument" in to_partner.subject
