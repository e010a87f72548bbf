"""Grants are given, not taken: a notice naming a protected tenant lands flagged and unassigned; the caseworker cannot
take it; the evictions team lead gives it to her with a reason; the manager's review lists that grant. Every new page
passes axe."""

from django.utils import timezone

from playwright.sync_api import expect

from cases.models import District, DistrictPostalArea, Landlord
from evictions import services
from evictions.models import Notice
from evictions.services import NoticeInput, TenantInput
from kompotten.models import Unit, User
from tests.factories import PersonFactory

REASON = "Viktor har haft kontakt med hushållet tidigare och bokar hembesök."


def _flagged_protected_file():
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    hidden = PersonFactory(protected=True, given_name="Sara", family_name="Gömd")
    today = timezone.localdate()
    notice = services.notice_register(
        data=NoticeInput(
            received_on=today,
            channel=Notice.Channel.POST,
            sender_kind=Notice.Sender.LANDLORD,
            kind=Notice.Kind.WARNING,
            reasons=(Notice.Reason.DISTURBANCE,),
            street_address="Svartbäcksgatan 10",
            postal_code="75320",
            landlord_name="Uppsalahem",
            landlord_kind=Landlord.Kind.MUNICIPAL,
            tenants=(TenantInput(given_name="Sara", family_name="Gömd", identity_number=hidden.identity_number),),
        ),
        unit=Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION),
        acting_user=User.objects.get(email="vrakning@uppsala.example"),
    )
    return notice.file


def test_the_team_lead_gives_a_flagged_protected_file_with_a_reason_and_the_manager_sees_the_grant(
    page, log_in, assert_accessible
):
    file = _flagged_protected_file()
    number = file.case.number

    # The caseworker sees the flagged file masked and cannot take it: she asks instead.
    log_in("vrakning@uppsala.example")
    page.goto(f"/arenden/{file.case_id}/")
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Skyddad identitet")
    expect(page.get_by_role("link", name="Tilldela handläggare")).to_have_count(0)
    page.get_by_role("link", name="Begär åtkomst").click()
    assert_accessible(page)
    page.get_by_label("Varför behöver du ärendet?").fill("Jag har jouren och hyresvärden har ringt om hushållet.")
    page.get_by_role("button", name="Skicka begäran").click()
    expect(page.get_by_test_id("access-requested")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    # The team lead sees the workload, the flagged file and the request, and assigns with a reason.
    log_in("gruppledare.vrakning@uppsala.example")
    page.get_by_test_id("main-navigation").get_by_role("link", name="Arbetsfördelning").click()
    expect(page.get_by_test_id("unassigned-cases")).to_contain_text(number)
    expect(page.get_by_test_id("access-requests")).to_contain_text("Viktor Ekström")
    expect(page.locator("body")).not_to_contain_text("Gömd")
    assert_accessible(page)
    page.goto("/vrakning/flaggade/")
    expect(page.get_by_test_id("escalation-table")).to_contain_text(number)
    page.get_by_test_id("escalation-table").get_by_role("link", name=f"Tilldela handläggare – {number}").click()
    assert_accessible(page)
    page.get_by_label("Handläggare").select_option(label="Viktor Ekström")
    page.get_by_role("button", name="Tilldela").click()
    expect(page.get_by_text("Ange skälet till tilldelningen.").first).to_be_visible()
    expect(page.get_by_label("Handläggare")).to_have_value(str(User.objects.get(email="vrakning@uppsala.example").pk))
    assert_accessible(page)
    page.get_by_label("Skäl till tilldelningen").fill(REASON)
    page.get_by_role("button", name="Tilldela").click()
    expect(page.get_by_text("Handläggaren är tilldelad.")).to_be_visible()
    expect(page.get_by_test_id("handlers")).to_contain_text("Viktor Ekström")
    page.goto("/vrakning/flaggade/")
    page.get_by_role("button", name=f"Markera som hanterad – {number}").click()
    expect(page.get_by_text(f"Flaggan på ärende {number} är hanterad.")).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    # The caseworker now holds the grant.
    log_in("vrakning@uppsala.example")
    page.goto(f"/arenden/{file.case_id}/")
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Sara Gömd")
    page.get_by_role("button", name="Logga ut").click()

    # The manager's review lists the grant: who gave it, to whom, on which case, why.
    log_in("chef@uppsala.example")
    page.get_by_test_id("main-navigation").get_by_role("link", name="Åtkomstlogg").click()
    page.get_by_label("Månad").fill(f"{timezone.localdate():%Y-%m}")
    page.get_by_role("button", name="Visa").click()
    grants = page.get_by_test_id("grant-table").first
    expect(grants).to_contain_text("Greta Vikström")
    expect(grants).to_contain_text("Viktor Ekström")
    expect(grants).to_contain_text(REASON)
    expect(grants).to_contain_text(number)
    expect(page.locator("body")).not_to_contain_text("Gömd")
    assert_accessible(page)
    page.get_by_role("link", name="Alla beviljade behörigheter under månaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beviljade behörigheter")
    expect(page.get_by_test_id("grant-row").filter(has_text=REASON)).to_have_count(1)
    assert_accessible(page)
