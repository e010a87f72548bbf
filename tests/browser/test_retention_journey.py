"""A manager opens the year's retention list from the access-log review, reads it and approves it; the file is
culled and the page says so, and the culling log lists it by case number; every step accessible; a caseworker finds
neither page."""

from datetime import date, datetime, time

import pytest
import time_machine
from playwright.sync_api import expect

from cases import services
from cases.models import Case, CaseParty, RetentionList
from cases.services import retention
from kompotten.models import Unit, User
from tests.clock import STOCKHOLM

pytestmark = pytest.mark.today("2026-01-05")


def _old_file(user: User) -> Case:
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION, municipality=user.unit.municipality)
    with time_machine.travel(datetime.combine(date(2019, 3, 1), time(10), tzinfo=STOCKHOLM), tick=False):
        person = services.person_register(
            given_name="Gunvor", family_name="Gallringsson", reserve_number="R-2019-1", acting_user=user
        )
        case = services.case_open(kind=Case.Kind.EVICTION, unit=unit, acting_user=user, opened_on=date(2019, 3, 1))
        services.case_add_person(case=case, person=person, role=CaseParty.Role.TENANT, acting_user=user)
        services.note_add(case=case, text="Skulden betald.", acting_user=user)
        services.case_close(case=case, acting_user=user, closed_on=date(2019, 3, 1))
    return case


def test_a_manager_approves_the_retention_list_and_a_caseworker_cannot_reach_it(
    page, log_in, assert_accessible, celery_worker_over_redis
):
    case = _old_file(User.objects.get(email="vrakning@uppsala.example"))
    retention.retention_list_build(year=2026)

    log_in("chef@uppsala.example")
    page.goto("/arenden/atkomstlogg/granskning/")
    page.get_by_role("link", name="Årets gallringslista").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gallring")
    expect(page.get_by_test_id("retention-items")).to_contain_text(case.number)
    expect(page.get_by_test_id("retention-state")).to_contain_text("Väntar på godkännande")
    assert_accessible(page)
    page.get_by_role("button", name="Godkänn listan och gallra").click()
    expect(page.get_by_test_id("retention-state")).to_contain_text("Godkänd")
    for _ in range(100):  # the worker culls in the background; the page says so when it is done
        if RetentionList.objects.get(year=2026).state == RetentionList.State.CULLED:
            break
        page.wait_for_timeout(100)
    page.reload()
    expect(page.get_by_test_id("retention-state")).to_contain_text("Godkänd och gallrad")
    expect(page.get_by_test_id("retention-items")).to_contain_text("Gallrad")
    assert_accessible(page)
    page.get_by_role("link", name="Gallringslogg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gallringslogg")
    expect(page.get_by_test_id("culling-log")).to_contain_text(case.number)
    expect(page.get_by_test_id("culling-log")).not_to_contain_text("Gallringsson")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in("vrakning@uppsala.example")
    assert page.goto("/arenden/gallring/").status == 404
    assert page.goto("/arenden/gallring/logg/").status == 404
