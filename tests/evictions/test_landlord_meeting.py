"""The monthly joint meeting with a landlord (samverkansmöte, issue 21 item 3): planned by the team lead, its agenda
(files whose consent covers the landlord, priority groups, the landlord's late payers), recorded as held with each
agreement a step on the file's ladder, and a late payer joining the file of the notice that follows."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest
from personnummer import personnummer

from cases import registers
from cases.access import AccessPolicy
from cases.models import Landlord, LandlordContact
from evictions import agenda as agendas
from evictions import meetings, services
from evictions.models import ContactKind, LatePayer, MeetingAgreement, Partner
from tests.evictions.conftest import notice_input, pdf_text, tenant

TODAY = timezone.localdate()


def born(day: date, serial: int = 982) -> str:
    ten = f"{day:%y%m%d}{serial}"
    return f"{day:%Y%m%d}-{ten[6:]}{personnummer._luhn(ten)}"


def consent(file, user, partners=(Partner.LANDLORD,)):
    made = services.consent_create(file=file, partners=list(partners), acting_user=user)
    return services.consent_sign(consent=made, signed_on=TODAY, acting_user=user)


@pytest.fixture
def uppsalahem(register):
    register(notice_input(tenants=(tenant(given_name="Först"),)))
    return Landlord.objects.get(name="Uppsalahem")


@pytest.fixture
def meeting(uppsalahem, eviction_team_lead):
    return meetings.meeting_plan(
        landlord=uppsalahem,
        meets_on=TODAY + timedelta(days=6),
        place="Uppsalahems kontor",
        acting_user=eviction_team_lead,
        today=TODAY,
    )


def test_only_the_team_lead_plans_a_meeting_and_keeps_the_contacts(uppsalahem, eviction_caseworker, eviction_team_lead):
    with pytest.raises(ValidationError, match="gruppledaren"):
        meetings.meeting_plan(
            landlord=uppsalahem, meets_on=TODAY, place="", acting_user=eviction_caseworker, today=TODAY
        )
    with pytest.raises(ValidationError, match="gruppledarna"):
        registers.landlord_contact_save(landlord=uppsalahem, name="Kim", acting_user=eviction_caseworker)
    planned = meetings.meeting_plan(
        landlord=uppsalahem, meets_on=TODAY, place="Kontoret", acting_user=eviction_team_lead, today=TODAY
    )
    assert (planned.meets_on, planned.place) == (TODAY, "Kontoret")
    with pytest.raises(ValidationError) as twice:
        meetings.meeting_plan(
            landlord=uppsalahem, meets_on=TODAY, place="", acting_user=eviction_team_lead, today=TODAY
        )
    assert "meets_on" in twice.value.message_dict
    contact = registers.landlord_contact_save(
        landlord=uppsalahem, name="Kim Kundvård", role="Kundansvarig", acting_user=eviction_team_lead
    )
    registers.landlord_contact_save(
        landlord=uppsalahem, contact=contact, name="Kim Kundvård", phone="018-10 10 10", acting_user=eviction_team_lead
    )
    assert LandlordContact.objects.get().phone == "018-10 10 10"


def test_the_agenda_has_the_files_with_consent_marks_priority_groups_and_drops_a_revoked_consent(
    register, meeting, eviction_caseworker
):
    family = register(notice_input(children_in_household=True, tenants=(tenant(given_name="Familj"),))).file
    young = register(
        notice_input(tenants=(tenant(given_name="Ung", identity_number=born(TODAY.replace(year=TODAY.year - 20))),))
    ).file
    elderly = register(notice_input(tenants=(tenant(given_name="Äldre", identity_number=born(date(1950, 3, 3))),))).file
    revoked = register(notice_input(tenants=(tenant(given_name="Återkallad"),))).file
    for file in (family, young, elderly):
        consent(file, eviction_caseworker)
    services.consent_revoke(consent=consent(revoked, eviction_caseworker), acting_user=eviction_caseworker)
    agenda = agendas.agenda_for(AccessPolicy(eviction_caseworker), meeting, TODAY)
    groups = {item.row.file.pk: item.groups for item in agenda.rows}
    assert groups == {family.pk: ["Barnfamilj"], young.pk: ["Ung 18–25 år"], elderly.pk: ["65 år eller äldre"]}
    assert revoked.pk not in groups


def test_late_payers_are_named_only_with_consent_and_join_the_file_of_the_notice_that_follows(
    register, meeting, eviction_caseworker
):
    number = born(date(1980, 5, 5))
    named = meetings.late_payer_add(
        meeting=meeting,
        data=meetings.LatePayerInput(
            amount=Decimal("8400"),
            days_late=19,
            consented=True,
            identity_number=number,
            given_name="Sara",
            family_name="Sen",
        ),
        acting_user=eviction_caseworker,
    )
    unnamed = meetings.late_payer_add(
        meeting=meeting,
        data=meetings.LatePayerInput(amount=Decimal("5100"), days_late=7, consented=False),
        acting_user=eviction_caseworker,
    )
    assert named.person.identity_number == number and unnamed.person is None
    with pytest.raises(ValidationError) as refused:
        meetings.late_payer_add(
            meeting=meeting,
            data=meetings.LatePayerInput(amount=Decimal("100"), days_late=3, consented=False, given_name="Utan"),
            acting_user=eviction_caseworker,
        )
    assert "identity_number" in refused.value.message_dict
    agenda = agendas.agenda_for(AccessPolicy(eviction_caseworker), meeting, TODAY)
    assert agenda.unnamed_late_payers == 1 and [row.person.name for row in agenda.late_payers if row.person] == [
        "Sara Sen"
    ]
    notice = register(notice_input(tenants=(tenant(identity_number=number, given_name="Sara", family_name="Sen"),)))
    named.refresh_from_db()
    assert named.file == notice.file
    assert LatePayer.objects.get(pk=unnamed.pk).file is None


def test_recording_the_meeting_makes_each_agreement_a_step_on_the_file_s_ladder(
    client, register, meeting, eviction_caseworker, eviction_team_lead
):
    first = register(notice_input(children_in_household=True, tenants=(tenant(given_name="Ett"),))).file
    second = register(notice_input(tenants=(tenant(given_name="Två"),))).file
    for file in (first, second):
        consent(file, eviction_caseworker)
    contact = registers.landlord_contact_save(
        landlord=meeting.landlord, name="Kim Kundvård", acting_user=eviction_team_lead
    )
    minutes = meetings.meeting_record(
        meeting=meeting,
        held_on=TODAY,
        staff=[eviction_team_lead, eviction_caseworker],
        landlord_contacts=[contact],
        agreements=[
            meetings.AgreementInput(first, MeetingAgreement.Outcome.REPAYMENT_PLAN, "500 kr i månaden"),
            meetings.AgreementInput(second, MeetingAgreement.Outcome.VISIT),
        ],
        acting_user=eviction_team_lead,
    )
    assert set(minutes.staff.all()) == {eviction_team_lead, eviction_caseworker}
    step = first.contacts.get()
    assert (step.kind, step.partner, step.happened_on) == (ContactKind.LANDLORD, Partner.LANDLORD, TODAY)
    assert "Avbetalningsplan" in step.note and "500 kr i månaden" in step.note
    assert second.contacts.get().meeting_agreement.outcome == MeetingAgreement.Outcome.VISIT
    with pytest.raises(ValidationError, match="redan protokollfört"):
        meetings.meeting_record(
            meeting=meeting,
            held_on=TODAY,
            staff=[eviction_caseworker],
            landlord_contacts=[],
            agreements=[],
            acting_user=eviction_caseworker,
        )
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Kim Kundvård" in page and "500 kr i månaden" in page


def test_the_team_lead_plans_and_records_through_the_pages_and_prints_the_agenda(
    client, register, uppsalahem, eviction_caseworker, eviction_team_lead
):
    family = register(notice_input(children_in_household=True, tenants=(tenant(given_name="Familj"),))).file
    consent(family, eviction_caseworker)
    client.force_login(eviction_caseworker)
    assert client.get(reverse("evictions:meeting_plan")).status_code == 403
    client.force_login(eviction_team_lead)
    empty = client.post(reverse("evictions:meeting_plan"), {"landlord": uppsalahem.pk, "place": "Kontoret"})
    assert empty.status_code == 400 and "Ange mötesdag." in empty.content.decode()
    response = client.post(
        reverse("evictions:meeting_plan"),
        {"landlord": uppsalahem.pk, "meets_on": TODAY.isoformat(), "place": "Kontoret"},
    )
    meeting = uppsalahem.meetings.get()
    assert response.url == reverse("evictions:meeting_detail", args=[meeting.pk])
    text = pdf_text(client.get(reverse("evictions:meeting_agenda_pdf", args=[meeting.pk])).content)
    assert family.case.number in text and "Barnfamilj" in text
    response = client.post(
        reverse("evictions:meeting_detail", args=[meeting.pk]),
        {"held_on": TODAY.isoformat(), "staff": [eviction_team_lead.pk], f"outcome_{family.pk}": "no_action"},
    )
    assert response.status_code == 302
    assert family.meeting_agreements.get().outcome == "no_action"


@pytest.mark.parametrize(
    "persona", ["nexus_caseworker", "housing_handler", "manager", "partner_vasteras", "administrator"]
)
def test_outsiders_get_404_for_every_meeting_url_with_an_id(client, request, meeting, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("evictions:meeting_detail", args=[meeting.pk]),
        reverse("evictions:meeting_agenda_pdf", args=[meeting.pk]),
        reverse("evictions:late_payer_add", args=[meeting.pk]),
    ):
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code == 404, (persona, url, method)
