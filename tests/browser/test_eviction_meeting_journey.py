"""The monthly joint meeting with a landlord (samverkansmöte, issue 21 item 3) in the browser: every page of it passes
axe (the list of every meeting too), and the team lead's journey of the Done-when: December's meeting planned, its
agenda printed (a family with children marked, a revoked consent not on it), and what was agreed for two files and
who attended recorded."""

from datetime import date, datetime, time
from pathlib import Path

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from cases import registers
from cases.models import District, DistrictPostalArea, Landlord
from evictions import meetings, services
from evictions.models import Partner
from kompotten.models import Unit, User
from tests.clock import STOCKHOLM
from tests.evictions.conftest import notice_input, pdf_text, tenant

DECEMBER_MEETING = date(2026, 12, 9)  # a Wednesday, three weeks after the suite date
TEAM_LEAD = "gruppledare.vrakning@uppsala.example"
CASEWORKER = "vrakning@uppsala.example"


def _file_with_consent(caseworker: User, given_name: str, **overrides):
    """A file of an Uppsalahem tenant whose signed consent lets the team talk with the landlord."""
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    data = notice_input(tenants=(tenant(given_name=given_name, family_name="Hyresgäst"),), **overrides)
    file = services.notice_register(data=data, unit=unit, acting_user=caseworker).file
    consent = services.consent_create(file=file, partners=[Partner.LANDLORD], acting_user=caseworker)
    services.consent_sign(consent=consent, signed_on=data.received_on, acting_user=caseworker)
    return file


def _centrum():
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")


@pytest.mark.today("2026-11-18")  # a Wednesday in November: December's meeting (the 9th) lies ahead
def test_every_page_of_the_joint_meeting_passes_axe(page, log_in, assert_accessible):
    _centrum()
    caseworker, team_lead = User.objects.get(email=CASEWORKER), User.objects.get(email=TEAM_LEAD)
    _file_with_consent(caseworker, "Nadia", children_in_household=True)
    landlord = Landlord.objects.get(name="Uppsalahem")
    contact = registers.landlord_contact_save(landlord=landlord, name="Kim Kundvård", acting_user=team_lead)
    meeting = meetings.meeting_plan(
        landlord=landlord,
        meets_on=DECEMBER_MEETING,
        place="Uppsalahems kontor",
        acting_user=team_lead,
        today=timezone.localdate(),
    )

    log_in(TEAM_LEAD)
    for url in (
        f"/vrakning/samverkansmote/?hyresvard={landlord.pk}",
        "/vrakning/samverkansmote/planera/",
        f"/vrakning/samverkansmote/moten/{meeting.pk}/",
        f"/vrakning/samverkansmote/moten/{meeting.pk}/sen-betalare/",
        "/vrakning/samverkansmote/moten/",  # every joint meeting: the upcoming ones, the past ones, one landlord's
        "/vrakning/samverkansmote/moten/?visa=tidigare",
        f"/vrakning/samverkansmote/moten/?hyresvard={landlord.pk}",
        f"/hyresvardar/{landlord.pk}/kontakter/ny/",
        f"/hyresvardar/{landlord.pk}/kontakter/{contact.pk}/",
    ):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
    # The forms with their errors, sent empty.
    for url in ("/vrakning/samverkansmote/planera/", f"/vrakning/samverkansmote/moten/{meeting.pk}/sen-betalare/"):
        page.goto(url)
        page.get_by_role("button", name="Spara", exact=True).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_accessible(page)


@pytest.mark.today("2026-11-18")  # a Wednesday in November: December's meeting (the 9th) lies ahead
def test_the_team_lead_plans_december_s_meeting_prints_the_agenda_and_records_what_was_agreed(
    page, log_in, assert_accessible, clock
):
    _centrum()
    caseworker, team_lead = User.objects.get(email=CASEWORKER), User.objects.get(email=TEAM_LEAD)
    family = _file_with_consent(caseworker, "Familjen", children_in_household=True)
    single = _file_with_consent(caseworker, "Ensam")
    revoked = _file_with_consent(caseworker, "Återkallad")
    services.consent_revoke(consent=revoked.consents.get(), acting_user=caseworker)
    landlord = Landlord.objects.get(name="Uppsalahem")

    # November: the team lead adds the landlord's contact person and plans December's meeting.
    log_in(TEAM_LEAD)
    page.goto("/vrakning/samverkansmote/")
    page.get_by_label("Hyresvärd", exact=True).select_option(label="Uppsalahem")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Ny kontaktperson").click()
    page.get_by_label("Namn").fill("Kim Kundvård")
    page.get_by_label("Roll").fill("Kundansvarig")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.get_by_text("Kim Kundvård (Kundansvarig)")).to_be_visible()
    page.get_by_role("link", name="Planera samverkansmöte").click()
    expect(page.get_by_label("Hyresvärd", exact=True)).to_have_value(str(landlord.pk))
    page.get_by_label("Mötesdag").fill(DECEMBER_MEETING.isoformat())
    page.get_by_label("Plats").fill("Uppsalahems kontor")
    page.get_by_role("button", name="Spara", exact=True).click()

    # The agenda: the files whose consent covers the landlord, the family marked; the revoked one is not on it.
    agenda = page.get_by_test_id("agenda-table")
    expect(page.locator("h1")).to_have_text("Samverkansmöte med Uppsalahem")
    expect(agenda.get_by_test_id("agenda-row")).to_have_count(2)
    expect(agenda.get_by_role("row").filter(has_text=family.case.number)).to_contain_text("Barnfamilj")
    expect(agenda).not_to_contain_text(revoked.case.number)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Skriv ut dagordningen (PDF)").click()
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert "Samverkansmöte – Uppsalahem, 2026-12-09" in text
    assert family.case.number in text and single.case.number in text and "Barnfamilj" in text
    assert revoked.case.number not in text and "Återkallad" not in text

    # December: the meeting is held; the team lead records who attended and what was agreed for both files.
    clock.move_to(datetime.combine(DECEMBER_MEETING, time(15, 0), tzinfo=STOCKHOLM))
    meeting_url = page.url
    log_in(TEAM_LEAD)
    page.goto(meeting_url)
    expect(page.get_by_label("Mötet hölls")).to_have_value(DECEMBER_MEETING.isoformat())
    page.get_by_label(str(caseworker)).check()
    page.get_by_label("Kim Kundvård").check()
    page.get_by_label(f"Överenskommelse för ärende {family.case.number}").select_option(label="Avbetalningsplan")
    page.get_by_label(f"Anteckning för ärende {family.case.number}").fill("500 kr i månaden")
    page.get_by_label(f"Överenskommelse för ärende {single.case.number}").select_option(label="Besök hos hushållet")
    page.get_by_role("button", name="Spara protokollet").click()
    minutes = page.get_by_test_id("minutes")
    expect(minutes).to_contain_text("2026-12-09")
    expect(minutes).to_contain_text(str(team_lead))
    expect(minutes).to_contain_text(str(caseworker))
    expect(minutes).to_contain_text("Kim Kundvård")
    expect(agenda.get_by_role("row").filter(has_text=family.case.number)).to_contain_text(
        "Avbetalningsplan: 500 kr i månaden"
    )
    expect(agenda.get_by_role("row").filter(has_text=single.case.number)).to_contain_text("Besök hos hushållet")
    assert_accessible(page)

    # Each agreement is a step on the file's ladder: a talk with the landlord on the meeting day.
    page.get_by_role("link", name=family.case.number).click()
    expect(page.get_by_test_id("contacts")).to_contain_text("Samverkansmöte 2026-12-09: Avbetalningsplan.")
