"""A caseworker asks for a protected person's register extract, is refused delivery to the registered address, waits
for the worker to make it, reads it, marks it checked and releases it; every page passes axe."""

import time
from io import BytesIO

from django.urls import reverse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from kompotten.models import User
from tests.factories import PersonFactory, open_case

pytestmark = pytest.mark.worker


def test_a_caseworker_orders_checks_and_releases_a_protected_persons_register_extract(
    page, log_in, assert_accessible, celery_worker_over_redis
):
    nora = User.objects.get(email="nexus@uppsala.example")
    person = PersonFactory(protected=True, given_name="Vera", family_name="Utdragsdotter")
    case = open_case(persons=[person], handlers=[nora])

    log_in("nexus@uppsala.example")
    page.goto(reverse("cases:person_detail", args=[person.pk]))
    page.get_by_test_id("person-actions").get_by_role("link", name="Registerutdrag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registerutdrag")
    assert_accessible(page)

    page.get_by_label("Skickas till personens folkbokföringsadress").check()
    page.get_by_role("button", name="Beställ registerutdrag").click()
    expect(page.get_by_role("alert")).to_contain_text("utdraget skickas inte till folkbokföringsadressen")
    assert_accessible(page)

    page.get_by_label("Lämnas över personligen").check()
    page.get_by_role("button", name="Beställ registerutdrag").click()
    expect(page.get_by_text("Registerutdraget är beställt.")).to_be_visible()
    pdf_link = page.get_by_test_id("extract-pdf")
    for _attempt in range(120):  # the worker makes it in a few seconds
        if pdf_link.count():
            break
        time.sleep(1)
        page.reload()
    expect(page.get_by_test_id("extract-status")).to_have_text("Väntar på kontroll")
    assert_accessible(page)

    page.get_by_role("button", name="Markera som kontrollerat").click()
    expect(page.get_by_text("Läs utdraget innan du markerar det som kontrollerat")).to_be_visible()
    with page.expect_download() as download:
        pdf_link.click()
    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(download.value.path().read_bytes())).pages)
    assert "Vera Utdragsdotter" in text and case.number in text

    page.get_by_role("button", name="Markera som kontrollerat").click()
    expect(page.get_by_test_id("extract-status")).to_have_text("Kontrollerat")
    page.get_by_role("button", name="Lämna ut").click()
    expect(page.get_by_test_id("extract-status")).to_have_text("Utlämnat")
    assert_accessible(page)
    page.get_by_role("link", name="Alla registerutdrag för personen").click()
    expect(page.get_by_test_id("extracts")).to_contain_text("Utlämnat")
    assert_accessible(page)
