"""The notice as the law's form (issue 21, item 4): the landlord's message under 12 kap. 44 § jordabalken on
formulär 3 (förordning 1978:314) is captured field by field, from the form and from a CSV, with Swedish messages
naming the field; the amount to pay to keep the flat and the last day to pay are shown on the file page and in the
letter exactly as the landlord stated them, in kronor and öre (a wrong amount can void a termination: RH 1995:34)."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

import pytest

from cases import services as case_services
from evictions.models import Letter, Notice
from kompotten.models import Unit, User
from tests.evictions.conftest import notice_input, pdf_text, tenant
from tests.evictions.test_import import HEADER, csv_bytes, preview, row, run
from tests.evictions.test_pages import FORM
from tests.factories import TEST_REASON, PersonFactory

pytestmark = pytest.mark.today("2026-11-18")  # a Wednesday: the dates below are around it

FORM_3 = FORM | {
    "served_on": "2026-11-16",
    "received_on": "2026-11-17",
    "service_method": "in_person",
    "amount_to_pay": "13 350,50",
    "last_day_to_pay": "2026-12-07",
    "rooms": "2",
    "floor_area": "54,5",
    "monthly_rent": "8 450",
}


def test_every_field_of_formular_3_is_saved_from_the_form_and_shown_on_the_file(client, districts, eviction_caseworker):
    client.force_login(eviction_caseworker)
    response = client.post(reverse("evictions:notice_add"), FORM_3, follow=True)
    notice = Notice.objects.get()
    assert (notice.served_on, notice.service_method, notice.received_on) == (
        date(2026, 11, 16),
        Notice.ServiceMethod.IN_PERSON,
        date(2026, 11, 17),
    )
    assert (notice.amount_to_pay, notice.last_day_to_pay) == (Decimal("13350.50"), date(2026, 12, 7))
    assert (notice.rooms, notice.floor_area, notice.monthly_rent) == (2, Decimal("54.5"), Decimal("8450.00"))
    page = " ".join(response.content.decode().split())
    assert "13 350,50 kr" in page and "2026-12-07" in page
    assert "2026-11-16, personligen" in page and "2 rum, 54,5 m², månadshyra 8 450,00 kr" in page
    assert "kontrollera med hyresvärden" not in page  # the landlord's day is the recovery period's last day


def test_the_receipt_repeats_the_amount_and_last_day_we_registered_for_the_landlord_to_check(
    client, districts, eviction_caseworker
):
    client.force_login(eviction_caseworker)
    client.post(reverse("evictions:notice_add"), FORM_3)
    notice = Notice.objects.get()
    pdf = client.get(reverse("evictions:receipt_pdf", args=[notice.file.case_id, notice.pk]))
    text = " ".join(pdf_text(pdf.content).split())
    assert "Uppsägningen delgiven 2026-11-16, personligen" in text
    assert "Att betala för att få bo kvar 13 350,50 kr" in text and "Sista dag att betala 2026-12-07" in text
    assert "Hör av er till oss om de inte stämmer" in text


def test_a_notice_without_the_form_s_fields_still_registers_and_shows_as_before(client, register, eviction_caseworker):
    notice = register()
    assert (notice.amount_to_pay, notice.service_method, notice.rooms) == (None, "", None)
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    assert 'data-testid="amount-to-pay"' not in page and "Återvinningsfrist" in page


def test_a_landlord_s_last_day_other_than_the_recovery_period_s_is_shown_to_check(
    client, districts, eviction_caseworker
):
    client.force_login(eviction_caseworker)
    page = client.post(reverse("evictions:notice_add"), FORM_3 | {"last_day_to_pay": "2026-12-10"}, follow=True)
    text = " ".join(page.content.decode().split())
    assert "2026-12-10" in text and "Återvinningsfristen går ut 2026-12-07: kontrollera med hyresvärden" in text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount_to_pay": "-100"}, "amount_to_pay", "Beloppet att betala kan inte vara mindre än 0 kr."),
        ({"amount_to_pay": "13 350,505"}, "amount_to_pay", "Beloppet att betala får ha högst två decimaler"),
        ({"amount_to_pay": "tretton tusen"}, "amount_to_pay", "Skriv beloppet i kronor"),
        ({"monthly_rent": "8450,125"}, "monthly_rent", "Månadshyran får ha högst två decimaler"),
        ({"rooms": "0"}, "rooms", "Ange antal rum med siffror, från 1 till 20."),
        ({"floor_area": "54,55"}, "floor_area", "Boarean ska vara mellan 1 och 999 m², med högst en decimal."),
        ({"received_on": "2026-11-19"}, "received_on", "Mottagningsdagen kan inte ligga i framtiden."),
        ({"last_day_to_pay": "2026-11-10"}, "last_day_to_pay", "Sista dag att betala kan inte ligga före dagen"),
        (
            {"kind": "warning", "reasons": ["disturbance"], "served_on": ""},
            "served_on",
            "Ange dagen då uppsägningen delgavs, när delgivningssättet är angivet.",
        ),
    ],
)
def test_a_wrong_field_of_formular_3_is_named_and_the_form_keeps_what_was_typed(
    client, districts, eviction_caseworker, change, field, message
):
    client.force_login(eviction_caseworker)
    response = client.post(reverse("evictions:notice_add"), FORM_3 | change)
    assert response.status_code == 400 and not Notice.objects.exists()
    assert any(message in error for error in response.context["form"].errors[field])
    page = response.content.decode()
    assert message in page and 'value="Sara"' in page


def test_a_message_that_reaches_us_before_the_termination_is_served_is_taken(client, districts, eviction_caseworker):
    """The landlord writes to the committee when terminating; särskild delgivning can complete weeks later."""
    client.force_login(eviction_caseworker)
    client.post(reverse("evictions:notice_add"), FORM_3 | {"received_on": "2026-11-15"})
    assert Notice.objects.get().received_on == date(2026, 11, 15)


@pytest.fixture
def unit(districts):
    return Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)


def test_the_form_s_date_rules_are_named_on_the_first_submit_with_the_other_errors(
    client, districts, eviction_caseworker
):
    client.force_login(eviction_caseworker)
    change = {"tenant_given_name": "", "received_on": "2026-11-19", "last_day_to_pay": "2026-11-10"}
    errors = client.post(reverse("evictions:notice_add"), FORM_3 | change).context["form"].errors
    assert set(errors) == {"tenant_given_name", "received_on", "last_day_to_pay"}


def test_formular_3_s_columns_are_imported_and_a_wrong_one_is_named_on_its_row(
    unit, eviction_caseworker, django_capture_on_commit_callbacks
):
    header = [*HEADER, "delgivningssatt", "att_betala", "sista_betalningsdag", "rum", "boarea", "manadshyra"]
    form_3 = {
        "delgiven": "2026-11-16",
        "mottagen": "2026-11-17",
        "delgivningssatt": "särskild delgivning",
        "att_betala": "13350,50",
        "sista_betalningsdag": "2026-12-07",
        "rum": "3",
        "boarea": "72",
        "manadshyra": "9 875,50",
    }
    bad = [
        row(**form_3 | {"att_betala": "13350,505"}),
        row(**form_3 | {"att_betala": "-1"}),
        row(**form_3 | {"sista_betalningsdag": "2026-11-01"}),
        row(**form_3 | {"delgivningssatt": "brevduva"}),
        row(**form_3 | {"rum": "tre"}),
    ]
    batch = preview(csv_bytes([row(**form_3), *bad, row()], header=header), unit, eviction_caseworker)
    assert (batch.rows_ok, batch.rows_bad) == (2, 5)
    reasons = {line["line"]: " ".join(line["errors"]) for line in batch.report if line["status"] == "bad"}
    assert "Beloppet att betala får ha högst två decimaler" in reasons[3]
    assert "Beloppet i kolumnen att_betala är negativt" in reasons[4]
    assert "Sista dag att betala kan inte ligga före dagen då uppsägningen delgavs" in reasons[5]
    assert "Okänt värde ”brevduva” i kolumnen delgivningssatt" in reasons[6]
    assert "Värdet tre i kolumnen rum är inte ett heltal" in reasons[7]
    run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    stated, without = Notice.objects.order_by("pk")
    assert (stated.service_method, stated.amount_to_pay, stated.last_day_to_pay) == (
        Notice.ServiceMethod.SPECIAL,
        Decimal("13350.50"),
        date(2026, 12, 7),
    )
    assert (stated.rooms, stated.floor_area, stated.monthly_rent) == (3, Decimal("72"), Decimal("9875.50"))
    assert (without.amount_to_pay, without.service_method, without.rooms) == (None, "", None)  # optional columns


def _letter_text(client, notice, user, **form) -> str:
    client.force_login(user)
    url = reverse("evictions:letter_add", args=[notice.file.case_id])
    assert client.post(url, {"kind": "contact", **form}).status_code == 302
    letter = Letter.objects.get(file=notice.file)
    pdf = client.get(reverse("evictions:letter_pdf", args=[notice.file.case_id, letter.pk])).content
    return " ".join(pdf_text(pdf).split())


def test_the_letter_gives_the_amount_in_kronor_and_ore_and_the_landlord_s_last_day(
    client, register, eviction_caseworker
):
    notice = register(
        notice_input(
            served_on=date(2026, 11, 16),
            received_on=date(2026, 11, 17),
            amount_to_pay=Decimal("12500"),
            last_day_to_pay=date(2026, 12, 8),
        )
    )
    text = _letter_text(client, notice, eviction_caseworker)
    assert "betala 12 500,00 kr senast tisdag 8 december 2026" in text
    assert "13 350,50" not in text  # the amount to pay, not the debt of the notice's other fields


def test_the_letter_to_a_protected_tenant_gives_the_amount_and_no_protected_address(
    client, register, eviction_caseworker, no_protected_address_in_any_pdf
):
    hidden = PersonFactory(protected=True, given_name="Hemlig", family_name="Hyresgäst")
    case_services.person_set_protected_address(
        person=hidden, street_address="Gömda vägen 9", postal_code="75645", acting_user=eviction_caseworker
    )
    notice = register(
        notice_input(
            tenants=(tenant(identity_number=hidden.identity_number),),
            street_address="Lönnvägen 4",
            amount_to_pay=Decimal("9876.54"),
            last_day_to_pay=date(2026, 12, 8),
        )
    )
    team_lead = User.objects.get(email="gruppledare.vrakning@uppsala.example")
    case_services.case_assign_handler(
        case=notice.file.case, user=eviction_caseworker, acting_user=team_lead, reason=TEST_REASON
    )
    text = _letter_text(client, notice, eviction_caseworker, chosen_address="Box 123\n751 05 Uppsala")
    assert "9 876,54 kr" in text and "tisdag 8 december 2026" in text
    assert "Lönnvägen" not in text and "Gömda" not in text and hidden.identity_number not in text
    assert no_protected_address_in_any_pdf  # the guard read this PDF too
