"""Letters that help (issue 21, item 5): the household's own debt and last day to pay, a phone number that answers,
a receipt the sender can read and sign off, and a reminder to follow up a contact letter."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from cases.models import Deadline
from evictions import services
from evictions.models import ContactKind, Letter, Notice, RepaymentPlan
from kompotten.models import Unit
from tests.evictions.conftest import notice_input, pdf_text, tenant


def _contact_letter_text(client, notice, user) -> str:
    client.force_login(user)
    response = client.post(reverse("evictions:letter_add", args=[notice.file.case_id]), {"kind": "contact"})
    assert response.status_code == 302
    letter = Letter.objects.get(file=notice.file)
    return pdf_text(client.get(reverse("evictions:letter_pdf", args=[notice.file.case_id, letter.pk])).content)


def test_a_contact_letter_gives_the_household_its_debt_and_last_day_to_pay(client, register, eviction_caseworker):
    # Served on Tuesday 17 November: the recovery period's last day is three weeks later.
    notice = register(notice_input(tenants=(tenant(given_name="Sara", family_name="Lind"),)))
    text = " ".join(_contact_letter_text(client, notice, eviction_caseworker).split())
    assert "hyresskulden 13 350,50 kr" in text
    assert "senast tisdag 8 december 2026" in text
    assert "inom tre veckor" not in text  # the general rule gives way to the household's own date


def test_a_caseworker_without_a_phone_gives_the_unit_s_number_never_an_empty_one(client, register, eviction_caseworker):
    assert not eviction_caseworker.phone
    text = " ".join(_contact_letter_text(client, register(), eviction_caseworker).split())
    assert "Telefon 018-727 40 00, e-post vrakning@uppsala.example" in text
    assert "Telefon ," not in text


def test_a_caseworker_s_own_phone_comes_first_and_no_phone_at_all_leaves_the_line_out(
    client, register, eviction_caseworker
):
    eviction_caseworker.phone = "018-727 41 23"
    eviction_caseworker.save(update_fields=["phone"])
    text = " ".join(_contact_letter_text(client, register(), eviction_caseworker).split())
    assert "Telefon 018-727 41 23, e-post vrakning@uppsala.example" in text and "727 40 00" not in text

    Letter.objects.all().delete()
    eviction_caseworker.phone = ""
    eviction_caseworker.save(update_fields=["phone"])
    Unit.objects.filter(kind=Unit.Kind.EVICTION_PREVENTION).update(phone="")
    second = register(notice_input(tenants=(tenant(),), street_address="Kungsgatan 3"))
    text = " ".join(_contact_letter_text(client, second, eviction_caseworker).split())
    assert "E-post vrakning@uppsala.example" in text and "Telefon" not in text


def test_a_warning_without_debt_keeps_the_general_rule(client, register, eviction_caseworker):
    notice = register(
        notice_input(
            kind=Notice.Kind.WARNING,
            reasons=(Notice.Reason.DISTURBANCE,),
            rent_debt_capital=None,
            rent_debt_costs=None,
        )
    )
    text = " ".join(_contact_letter_text(client, notice, eviction_caseworker).split())
    assert "inom tre veckor" in text and " kr" not in text


def test_a_debt_without_a_running_recovery_period_is_stated_without_a_date(client, register, eviction_caseworker):
    notice = register(notice_input(rent_debt_capital=Decimal("12500"), rent_debt_costs=None, kind=Notice.Kind.WARNING))
    text = " ".join(_contact_letter_text(client, notice, eviction_caseworker).split())
    assert "hyresskulden 12 500 kr." in text and "senast" not in text


def _receipt_text(client, notice, user) -> str:
    client.force_login(user)
    pdf = client.get(reverse("evictions:receipt_pdf", args=[notice.file.case_id, notice.pk]))
    return " ".join(pdf_text(pdf.content).split())


def test_the_receipt_names_the_sender_once_and_has_a_signature_line(client, register, eviction_caseworker):
    notice = register(
        notice_input(
            kind=Notice.Kind.EVICTION,
            sender_kind=Notice.Sender.KRONOFOGDEN,
            sender_name="Kronofogden",
            sender_reference="Mål 12-345678-26",
            served_on=None,
            eviction_date=timezone.localdate() + timedelta(days=40),
        )
    )
    text = _receipt_text(client, notice, eviction_caseworker)
    assert "Avsändare Kronofogden Er referens" in text and "Kronofogden, Kronofogden" not in text
    # The signature: name, title, unit and date, and a phone that answers.
    assert "Med vänlig hälsning Viktor Ekström Socialsekreterare Vräkningsförebyggande teamet, Uppsala" in text
    assert "Datum 2026-11-18" in text
    assert "Telefon 018-727 40 00, e-post vrakning@uppsala.example" in text


def test_a_landlord_s_receipt_names_kind_and_landlord(client, register, eviction_caseworker):
    notice = register(notice_input(sender_name="Uppsalahem AB", receipt_requested=True))
    assert "Avsändare Hyresvärd, Uppsalahem AB" in _receipt_text(client, notice, eviction_caseworker)


def _due_labels(client) -> list[tuple[str, date]]:
    return [
        (row.deadline.label, row.deadline.due_on) for row in client.get(reverse("evictions:due_list")).context["rows"]
    ]


def test_a_contact_letter_is_followed_up_ten_working_days_later_on_the_due_list(
    client, register, eviction_caseworker, clock
):
    # Wednesday 18 November: ten working days on is Wednesday 2 December.
    notice = register(notice_input(received_on=date(2026, 11, 18), served_on=date(2026, 11, 16)))
    _contact_letter_text(client, notice, eviction_caseworker)
    follow_up = Letter.objects.get().follow_up_deadline
    assert (follow_up.label, follow_up.due_on) == ("Följ upp kontaktbrevet", date(2026, 12, 2))
    page = client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    assert "Följ upp kontaktbrevet" in page and "2026-12-02" in page
    assert ("Följ upp kontaktbrevet", date(2026, 12, 2)) not in _due_labels(client)  # more than five working days

    # A week later it is on the due list; the landlord's news is no contact with the household, a call is.
    clock.move_to(datetime(2026, 11, 26, 10, 0, tzinfo=timezone.get_current_timezone()))
    client.force_login(eviction_caseworker)
    assert ("Följ upp kontaktbrevet", date(2026, 12, 2)) in _due_labels(client)
    assert "ons 2026-12-02" in client.get(reverse("evictions:due_list")).content.decode()
    services.contact_log(
        file=notice.file, kind=ContactKind.KRONOFOGDEN, happened_on=date(2026, 11, 26), acting_user=eviction_caseworker
    )
    assert ("Följ upp kontaktbrevet", date(2026, 12, 2)) in _due_labels(client)
    response = client.post(
        reverse("evictions:contact_add", args=[notice.file.case_id]),
        {"kind": ContactKind.CALL, "happened_on": "2026-11-26", "note": "Ringde, inget svar."},
    )
    assert response.status_code == 302
    assert ("Följ upp kontaktbrevet", date(2026, 12, 2)) not in _due_labels(client)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.met_on) == (Deadline.Status.MET, date(2026, 11, 26))


def test_a_visit_letter_sets_no_follow_up(register, eviction_caseworker):
    file = register(children_in_household=True).file
    booked = timezone.localtime() + timedelta(days=3)
    letter = services.letter_create(
        file=file,
        data=services.LetterInput(kind="visit", booked_at=booked, visit_place="Stationsgatan 12"),
        acting_user=eviction_caseworker,
    )
    assert letter.follow_up_deadline is None


def _page_text(client, url) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", client.get(url).content.decode()).split())


def test_a_repayment_plan_has_instalments_and_a_missed_one_prompts_a_contact(client, register, eviction_caseworker):
    notice = register()
    consent = services.consent_create(file=notice.file, partners=["landlord"], acting_user=eviction_caseworker)
    services.consent_sign(consent=consent, signed_on=date(2026, 11, 18), acting_user=eviction_caseworker)
    client.force_login(eviction_caseworker)
    url = reverse("evictions:repayment_plan_add", args=[notice.file.case_id])
    plan = {"agreed_on": "2026-10-01", "debt": "1200", "monthly_amount": "500"}
    response = client.post(url, plan | {"first_due_on": "2026-09-30"})
    assert response.status_code == 400 and "Första betalningen kan inte ligga före" in response.content.decode()
    assert client.post(url, plan | {"first_due_on": "2026-10-30"}).status_code == 302
    detail = reverse("evictions:file_detail", args=[notice.file.case_id])
    page = _page_text(client, detail)
    assert "1. senast 2026-10-30: 500,00 kr – Väntar" in page
    assert "2. senast 2026-11-30: 500,00 kr – Väntar" in page
    assert "3. senast 2026-12-30: 200,00 kr – Väntar" in page

    first, second, third = RepaymentPlan.objects.get().instalments.all()

    def record(instalment, status):
        url = reverse("evictions:instalment_record", args=[notice.file.case_id, instalment.pk])
        return client.post(url, {"status": status, "on": "2026-11-18"})

    response = record(third, "missed")
    assert response.status_code == 400 and "missad först från sin sista dag" in response.content.decode()
    assert record(second, "paid").status_code == 302  # paid early
    assert record(second, "missed").status_code == 400  # recorded once
    assert record(first, "missed").status_code == 302
    page = _page_text(client, detail)
    assert "1. senast 2026-10-30: 500,00 kr – Missad Kontakta hushållet" in page
    assert "2. senast 2026-11-30: 500,00 kr – Betald" in page
    # The missed instalment is on the due list (two working days on) until a contact with the household is logged.
    assert ("Kontakta hushållet: missad avbetalning", date(2026, 11, 20)) in _due_labels(client)
    client.post(
        reverse("evictions:contact_add", args=[notice.file.case_id]),
        {"kind": ContactKind.SMS, "happened_on": "2026-11-18", "reached": "on"},
    )
    assert ("Kontakta hushållet: missad avbetalning", date(2026, 11, 20)) not in _due_labels(client)
