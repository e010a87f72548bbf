"""The monthly joint meeting with a landlord (samverkansmöte, issue 21 item 3) in the browser: every page of it passes
axe."""

from datetime import date

from django.utils import timezone

from playwright.sync_api import expect

from evictions import meetings, services
from evictions.models import District, DistrictPostalArea, Landlord, Partner
from kompotten.models import Unit, User
from tests.evictions.conftest import notice_input, tenant

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


def test_every_page_of_the_joint_meeting_passes_axe(page, log_in, assert_accessible):
    _centrum()
    caseworker, team_lead = User.objects.get(email=CASEWORKER), User.objects.get(email=TEAM_LEAD)
    _file_with_consent(caseworker, "Nadia", children_in_household=True)
    landlord = Landlord.objects.get(name="Uppsalahem")
    contact = meetings.landlord_contact_save(landlord=landlord, name="Kim Kundvård", acting_user=team_lead)
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
        f"/vrakning/samverkansmote/{landlord.pk}/kontaktpersoner/ny/",
        f"/vrakning/samverkansmote/{landlord.pk}/kontaktpersoner/{contact.pk}/",
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
