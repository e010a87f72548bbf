"""The letter rules, letters as PDF (booked time present, never a protected address), visit outcomes, receipt
confirmations, and the administrator's templates with their preview."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.calendar import working_days_ahead
from evictions import letters, services
from evictions.letters import LetterFacts, propose
from evictions.models import Letter, LetterKind, LetterTemplate, Notice, OtherUnitContact
from evictions.services import LetterInput
from kompotten.devtools.demo.evictions import demo_identity_number
from kompotten.models import User
from tests.evictions.conftest import notice_input, pdf_text, tenant
from tests.factories import TEST_REASON, PersonFactory

# Built relative to today: the rules must hold on every day of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates


def visit_time() -> datetime:
    """A bookable visit time, taken when the test runs (on the matrix day), not when pytest collects."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=2), time(10, 0)))


@pytest.mark.parametrize(
    ("facts", "kind", "rule"),
    [
        (LetterFacts(neglect=True, has_children=True), LetterKind.HOME_VISIT, "Vanvård"),
        (LetterFacts(missed_visit=True, has_children=True), LetterKind.HOME_VISIT, "ny tid för hembesök"),
        (LetterFacts(missed_visit=True, known_to_team=True), LetterKind.CONTACT, "Uteblivet besök"),
        (LetterFacts(has_children=True), LetterKind.VISIT, "Familj med barn"),
        (LetterFacts(elderly=True), LetterKind.VISIT, "65 år eller äldre"),
        (LetterFacts(known_to_team=True), LetterKind.VISIT, "känt av teamet"),
        (LetterFacts(known_to_financial_aid=True), LetterKind.VISIT, "ekonomiskt bistånd"),
        (LetterFacts(), LetterKind.CONTACT, "Ensamhushåll"),
    ],
)
def test_the_rules_propose_a_letter_and_say_which_rule(facts, kind, rule):
    proposal = propose(facts)
    assert proposal.kind == kind
    assert rule in proposal.rule


def test_the_facts_come_from_the_file(register, eviction_caseworker):
    single = register().file
    assert letters.proposal_for(single).kind == LetterKind.CONTACT
    family = register(children_in_household=True).file
    assert letters.proposal_for(family).kind == LetterKind.VISIT
    neglect = register(notice_input(kind=Notice.Kind.WARNING, reasons=(Notice.Reason.NEGLECT,), served_on=None)).file
    assert letters.proposal_for(neglect).kind == LetterKind.HOME_VISIT
    born_1950 = demo_identity_number(1, born_from=date(1950, 1, 1))
    elderly = register(notice_input(tenants=(tenant(identity_number=born_1950),))).file
    assert "65 år" in letters.proposal_for(elderly).rule
    aid = register().file
    services.other_unit_add(
        file=aid, unit=OtherUnitContact.Unit.FINANCIAL_AID, caseworker="Kim", acting_user=eviction_caseworker
    )
    assert "ekonomiskt bistånd" in letters.proposal_for(aid).rule
    anna = tenant()
    register(notice_input(tenants=(anna,), served_on=timezone.localdate() - timedelta(days=30)))
    known = register(notice_input(tenants=(anna,))).file  # a second notice (the same one twice is one notice)
    assert "känt av teamet" in letters.proposal_for(known).rule


def test_a_missed_visit_proposes_a_new_home_visit_for_a_family_and_a_contact_letter_otherwise(
    register, eviction_caseworker
):
    for children, expected in ((True, LetterKind.HOME_VISIT), (False, LetterKind.CONTACT)):
        file = register(notice_input(children_in_household=children, tenants=(tenant(),))).file
        kind = letters.proposal_for(file).kind
        letter = (
            services.letter_create(
                file=file,
                data=LetterInput(kind=LetterKind.VISIT, booked_at=visit_time(), override_reason="Känd sedan"),
                acting_user=eviction_caseworker,
            )
            if kind == LetterKind.CONTACT
            else services.letter_create(
                file=file, data=LetterInput(kind=kind, booked_at=visit_time()), acting_user=eviction_caseworker
            )
        )
        services.letter_record_visit_outcome(
            letter=letter, outcome=Letter.VisitOutcome.MISSED, acting_user=eviction_caseworker
        )
        assert letters.proposal_for(file).kind == expected


def test_a_visit_letter_books_a_time_on_the_letter_and_sets_no_deadline(register, eviction_caseworker):
    file = register(children_in_household=True).file
    deadlines = set(file.case.deadlines.values_list("pk", flat=True))
    letter = services.letter_create(
        file=file,
        data=LetterInput(kind=LetterKind.VISIT, booked_at=visit_time(), visit_place="Stationsgatan 12"),
        acting_user=eviction_caseworker,
    )
    assert letter.proposed_kind == LetterKind.VISIT and "Familj med barn" in letter.proposal_rule
    assert letter.booked_at == visit_time()
    assert set(file.case.deadlines.values_list("pk", flat=True)) == deadlines  # a booked time is not a deadline
    assert "kl. 10.00" in letter.body and "Stationsgatan 12" in letter.body
    assert file.case.events.filter(detail__startswith="Bokat besök").exists()
    services.letter_record_visit_outcome(letter=letter, outcome="attended", acting_user=eviction_caseworker)
    assert Letter.objects.get(pk=letter.pk).visit_outcome == "attended"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (LetterInput(kind=LetterKind.CONTACT), "override_reason"),
        (LetterInput(kind=LetterKind.VISIT), "booked_at"),
        (LetterInput(kind=LetterKind.VISIT, booked_at=timezone.now()), "booked_at"),
    ],
)
def test_a_letter_needs_a_reason_to_override_and_a_future_booked_time(register, eviction_caseworker, data, field):
    file = register(children_in_household=True).file
    with pytest.raises(ValidationError) as error:
        services.letter_create(file=file, data=data, acting_user=eviction_caseworker)
    assert field in error.value.message_dict
    assert not Letter.objects.exists()


def test_the_caseworker_overrides_the_proposal_with_a_reason(register, eviction_caseworker):
    file = register(children_in_household=True).file
    letter = services.letter_create(
        file=file,
        data=LetterInput(kind=LetterKind.CONTACT, override_reason="Familjen har redan ringt oss"),
        acting_user=eviction_caseworker,
    )
    assert (letter.kind, letter.proposed_kind, letter.override_reason) == (
        LetterKind.CONTACT,
        LetterKind.VISIT,
        "Familjen har redan ringt oss",
    )
    assert letter.booked_at is None


def test_nobody_home_records_the_note_left(register, eviction_caseworker):
    file = register(notice_input(kind=Notice.Kind.WARNING, reasons=(Notice.Reason.NEGLECT,), served_on=None)).file
    letter = services.letter_create(
        file=file, data=LetterInput(kind=LetterKind.HOME_VISIT, booked_at=visit_time()), acting_user=eviction_caseworker
    )
    with pytest.raises(ValidationError):
        services.letter_record_visit_outcome(letter=letter, outcome="nobody_home", acting_user=eviction_caseworker)
    services.letter_record_visit_outcome(
        letter=letter, outcome="nobody_home", note="Lapp med ny tid fredag kl. 9", acting_user=eviction_caseworker
    )
    assert Letter.objects.get().visit_outcome_note == "Lapp med ny tid fredag kl. 9"


def test_the_letter_pdf_carries_the_booked_time_and_the_flat(client, register, eviction_caseworker):
    notice = register(
        notice_input(tenants=(tenant(given_name="Sara", family_name="Lind"),), children_in_household=True)
    )
    client.force_login(eviction_caseworker)
    response = client.post(
        reverse("evictions:letter_add", args=[notice.file.case_id]),
        {
            "kind": "visit",
            "booked_on": visit_time().date().isoformat(),
            "booked_time": "10:00",
            "visit_place": "Stationsgatan 12",
        },
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    pdf = client.get(reverse("evictions:letter_pdf", args=[notice.file.case_id, letter.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "kl. 10.00" in text and visit_time().strftime("%Y")[:4] in text
    assert "Sara Lind" in text and "Svartbäcksgatan 10" in text and "753 20 Uppsala" in text


def test_a_protected_household_s_letter_goes_to_the_address_the_caseworker_chooses(
    client, register, eviction_caseworker, no_protected_address_in_any_pdf
):
    hidden = PersonFactory(protected=True, given_name="Hemlig", family_name="Hyresgäst")
    case_services.person_set_protected_address(
        person=hidden, street_address="Gömda vägen 9", postal_code="75645", acting_user=eviction_caseworker
    )
    notice = register(
        notice_input(tenants=(tenant(identity_number=hidden.identity_number),), street_address="Lönnvägen 4")
    )
    # The team lead gives the flagged file to the caseworker, and so the protected identity.
    team_lead = User.objects.get(email="gruppledare.vrakning@uppsala.example")
    case_services.case_assign_handler(
        case=notice.file.case, user=eviction_caseworker, acting_user=team_lead, reason=TEST_REASON
    )
    client.force_login(eviction_caseworker)
    url = reverse("evictions:letter_add", args=[notice.file.case_id])
    form = {"kind": "contact"}
    missing = client.post(url, form)
    assert missing.status_code == 400 and "Ange adressen brevet ska skickas till" in missing.content.decode()
    for street in ("Lönnvägen 4, lgh 1101", "gömda  VÄGEN 9"):
        refused = client.post(url, form | {"chosen_address": street})
        assert refused.status_code == 400 and "skyddade bostadsadressen" in refused.content.decode()
    assert client.post(url, form | {"chosen_address": "Box 123\n751 05 Uppsala"}).status_code == 302
    letter = Letter.objects.get()
    assert letter.address_chosen_by_caseworker
    text = pdf_text(client.get(reverse("evictions:letter_pdf", args=[notice.file.case_id, letter.pk])).content)
    assert "Box 123" in text
    assert "Lönnvägen" not in text and "Gömda" not in text
    assert no_protected_address_in_any_pdf  # the guard read this PDF too


def test_a_letter_without_a_template_is_refused(register, eviction_caseworker):
    LetterTemplate.objects.filter(kind=LetterKind.CONTACT).delete()
    with pytest.raises(ValidationError, match="brevmall"):
        services.letter_create(file=register().file, data=LetterInput(kind="contact"), acting_user=eviction_caseworker)


def test_kronofogden_gets_a_receipt_confirmation_and_its_sending_is_recorded(client, register, eviction_caseworker):
    notice = register(
        notice_input(
            kind=Notice.Kind.EVICTION,
            sender_kind=Notice.Sender.KRONOFOGDEN,
            sender_reference="Mål 12-345678-26",
            served_on=None,
            eviction_date=timezone.localdate() + timedelta(days=40),
            tenants=(tenant(given_name="Sara", family_name="Lind"),),
        )
    )
    assert notice.receipt_requested
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    assert "Ska skickas" in page
    text = pdf_text(client.get(reverse("evictions:receipt_pdf", args=[notice.file.case_id, notice.pk])).content)
    assert "Mottagningsbekräftelse" in text and "Mål 12-345678-26" in text and "Sara Lind" in text
    url = reverse("evictions:receipt_sent", args=[notice.file.case_id, notice.pk])
    assert client.post(url, {"sent_to": ""}).status_code == 400
    assert client.post(url, {"sent_to": "Kronofogden, e-post"}).status_code == 302
    notice.refresh_from_db()
    assert notice.receipt_sent_on == timezone.localdate() and notice.receipt_sent_by == eviction_caseworker
    with pytest.raises(ValidationError):
        services.notice_receipt_record(notice=notice, sent_to="igen", acting_user=eviction_caseworker)


def test_a_receipt_for_a_protected_tenant_names_neither_them_nor_the_flat(client, register, eviction_caseworker):
    hidden = PersonFactory(protected=True, given_name="Hemlig", family_name="Hyresgäst")
    notice = register(
        notice_input(
            tenants=(tenant(identity_number=hidden.identity_number, given_name="Hemlig"),),
            receipt_requested=True,
            street_address="Lönnvägen 4",
        )
    )
    client.force_login(eviction_caseworker)
    text = pdf_text(client.get(reverse("evictions:receipt_pdf", args=[notice.file.case_id, notice.pk])).content)
    assert notice.file.case.number in text
    assert "Hemlig" not in text and "Lönnvägen" not in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Hej {namn}! Tid: {besökstid}", "Okända fält: {namn}"),
        ("Hej {mottagare.__class__}! {besökstid}", "Okända fält"),
        ("Hej {mottagare}!", "måste ha med den bokade tiden"),
        ("Hej {mottagare! {besökstid}", "ensam {"),
    ],
)
def test_the_administrator_s_template_may_use_only_the_known_fields(client, administrator, body, message):
    client.force_login(administrator)
    template = LetterTemplate.objects.get(kind=LetterKind.VISIT)
    url = reverse("admin:evictions_lettertemplate_change", args=[template.pk])
    response = client.post(url, {"kind": "visit", "subject": "Besök", "body": body})
    assert response.status_code == 200 and message in response.content.decode()
    assert LetterTemplate.objects.get(pk=template.pk).body != body


def test_the_administrator_previews_a_template_as_html_and_pdf(client, administrator):
    client.force_login(administrator)
    template = LetterTemplate.objects.get(kind=LetterKind.VISIT)
    page = client.get(reverse("admin:evictions_lettertemplate_change", args=[template.pk])).content.decode()
    assert "tisdag 1 december 2026 kl. 10.00" in page and "Anna Andersson" in page
    pdf = client.get(reverse("admin:evictions_lettertemplate_preview", args=[template.pk]))
    assert "kl. 10.00" in pdf_text(pdf.content)


@pytest.mark.dates
def test_a_letter_written_on_an_earlier_day_is_dated_and_followed_up_from_that_day(register, eviction_caseworker):
    today = timezone.localdate()
    day = today - timedelta(days=20)
    file = register(received_on=day - timedelta(days=2), served_on=day - timedelta(days=3)).file
    with CaptureQueriesContext(connection) as queries:
        letter = services.letter_create(
            file=file, data=LetterInput(kind=LetterKind.CONTACT), acting_user=eviction_caseworker, written_on=day
        )
    assert len(queries) <= 16  # the file's persons and notices read once for the proposal, address and fields
    assert timezone.localtime(letter.created_at) == timezone.make_aware(
        datetime.combine(day, services.LETTER_WRITTEN_EARLIER_AT)
    )
    assert letter.history.get().created_at == letter.created_at  # made on its day, not dated back afterwards
    follow_up = letter.follow_up_deadline
    assert (follow_up.starts_on, follow_up.due_on) == (day, working_days_ahead(day, letters.FOLLOW_UP_WORKING_DAYS))
    assert letter.recipients.count() == 1
    now = services.letter_create(file=file, data=LetterInput(kind=LetterKind.CONTACT), acting_user=eviction_caseworker)
    assert timezone.localtime(now.created_at).date() == today == now.follow_up_deadline.starts_on
    with pytest.raises(ValidationError) as refused:
        services.letter_create(
            file=file,
            data=LetterInput(kind=LetterKind.CONTACT),
            acting_user=eviction_caseworker,
            written_on=today + timedelta(days=1),
        )
    assert "written_on" in refused.value.message_dict
