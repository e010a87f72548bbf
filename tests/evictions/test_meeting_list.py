"""The list of every joint meeting across landlords (samverkansmöten): the eviction team's and its lead's only (404
for anyone else), the upcoming meetings from today on and, filtered, the past ones, a page at a time, each with
the number of files on its agenda (upcoming) or agreed on (past) and of the landlord's late payers, in the same
number of queries however many meetings there are; linked from the team's start page and the landlord pages."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Landlord
from evictions import meetings, services
from evictions.models import LandlordMeeting, Partner
from evictions.selectors import MEETING_PAGE_SIZE
from tests.evictions.conftest import as_tenant, notice_input, tenant

LIST = reverse("evictions:meeting_list")


def _landlord(name: str) -> Landlord:
    return Landlord.objects.get_or_create(name=name, defaults={"kind": Landlord.Kind.PRIVATE})[0]


def _plan(landlord: Landlord, day: date, lead, place: str = "") -> LandlordMeeting:
    """A meeting planned through the service; one in the past was planned back then (the service refuses a day that
    has passed)."""
    return meetings.meeting_plan(
        landlord=landlord, meets_on=day, place=place, acting_user=lead, today=min(day, timezone.localdate())
    )


def _consented_file(register, user, landlord_name: str):
    file = register(notice_input(landlord_name=landlord_name, tenants=(tenant(),))).file
    consent = services.consent_create(file=file, partners=[Partner.LANDLORD], acting_user=user)
    services.consent_sign(consent=consent, signed_on=timezone.localdate(), acting_user=user)
    return file


def _rows(response) -> list[LandlordMeeting]:
    return list(response.context["page"].object_list)


@pytest.mark.parametrize("persona", ["eviction_caseworker", "eviction_team_lead"])
def test_the_eviction_team_and_its_lead_see_the_list(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Kommande samverkansmöten" in response.content.decode()
    assert client.get(LIST, {"visa": "tidigare"}).status_code == 200


@pytest.mark.parametrize(
    "persona",
    ["nexus_caseworker", "housing_handler", "housing_team_lead", "nexus_team_lead", "manager", "partner_vasteras",
     "partner_enkoping", "administrator"],
)  # fmt: skip
@pytest.mark.parametrize("method", ["get", "post"])
def test_anyone_else_gets_404(client, request, eviction_team_lead, persona, method):
    _plan(_landlord("Uppsalahem"), timezone.localdate() + timedelta(days=7), eviction_team_lead, "Kontoret")
    client.force_login(request.getfixturevalue(persona))
    response = getattr(client, method)(LIST)
    assert response.status_code == 404, persona
    assert "Kontoret" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, organisation):
    response = client.get(LIST)
    assert response.status_code == 302 and "/logga-in/" in response.url


@pytest.mark.today("2026-11-18")
def test_upcoming_from_today_nearest_first_and_past_latest_first(client, eviction_team_lead):
    uppsalahem, heimstaden = _landlord("Uppsalahem"), _landlord("Heimstaden")
    yesterday = _plan(uppsalahem, date(2026, 11, 17), eviction_team_lead)
    october = _plan(heimstaden, date(2026, 10, 14), eviction_team_lead)
    today = _plan(heimstaden, date(2026, 11, 18), eviction_team_lead, "Heimstadens kontor")
    december = _plan(uppsalahem, date(2026, 12, 9), eviction_team_lead)
    december_heimstaden = _plan(heimstaden, date(2026, 12, 9), eviction_team_lead)
    client.force_login(eviction_team_lead)

    upcoming = client.get(LIST)
    assert _rows(upcoming) == [today, december_heimstaden, december]  # on the same day: by landlord
    page = upcoming.content.decode()
    assert "I dag" in page and "Heimstadens kontor" in page and "3 möten" in page
    assert reverse("evictions:meeting_detail", args=[today.pk]) in page
    assert reverse("evictions:meeting_detail", args=[yesterday.pk]) not in page

    past = client.get(LIST, {"visa": "tidigare"})
    assert _rows(past) == [yesterday, october]
    assert "Tidigare samverkansmöten" in past.content.decode()

    assert _rows(client.get(LIST, {"hyresvard": uppsalahem.pk})) == [december]
    assert _rows(client.get(LIST, {"visa": "tidigare", "hyresvard": heimstaden.pk})) == [october]
    # A landlord or a choice that is not there: the whole list of upcoming meetings, not an error.
    assert _rows(client.get(LIST, {"hyresvard": "999999", "visa": "alla"})) == [today, december_heimstaden, december]


@pytest.mark.dates
def test_the_split_holds_on_every_day(client, eviction_team_lead):
    today = timezone.localdate()
    landlord = _landlord("Uppsalahem")
    before = _plan(landlord, today - timedelta(days=1), eviction_team_lead)
    on_the_day = _plan(landlord, today, eviction_team_lead)
    after = _plan(landlord, today + timedelta(days=1), eviction_team_lead)
    client.force_login(eviction_team_lead)
    assert _rows(client.get(LIST)) == [on_the_day, after]
    assert _rows(client.get(LIST, {"visa": "tidigare"})) == [before]


@pytest.mark.dates
def test_each_meeting_counts_its_agenda_its_agreements_and_its_late_payers(
    client, register, eviction_caseworker, eviction_team_lead
):
    today = timezone.localdate()
    on_agenda = _consented_file(register, eviction_caseworker, "Uppsalahem")
    _consented_file(register, eviction_caseworker, "Uppsalahem")
    revoked = _consented_file(register, eviction_caseworker, "Uppsalahem")
    services.consent_revoke(consent=revoked.consents.get(), acting_user=eviction_caseworker)
    register(notice_input(landlord_name="Uppsalahem"))  # no consent: not on the agenda
    _consented_file(register, eviction_caseworker, "Heimstaden")  # another landlord's
    uppsalahem = Landlord.objects.get(name="Uppsalahem")
    held = _plan(uppsalahem, today - timedelta(days=3), eviction_team_lead)
    meetings.meeting_record(
        meeting=held,
        held_on=held.meets_on,
        staff=[eviction_team_lead],
        landlord_contacts=[],
        agreements=[meetings.AgreementInput(on_agenda, "visit")],
        acting_user=eviction_team_lead,
    )
    next_one = _plan(uppsalahem, today + timedelta(days=7), eviction_team_lead)
    for days_late in (5, 12):
        meetings.late_payer_add(
            meeting=next_one,
            data=meetings.LatePayerInput(amount=Decimal(4000), days_late=days_late, consented=False),
            acting_user=eviction_caseworker,
        )
    client.force_login(eviction_caseworker)

    [row] = _rows(client.get(LIST, {"hyresvard": uppsalahem.pk}))
    assert (row, row.agenda_files, row.late_payer_count) == (next_one, 2, 2)
    [row] = _rows(client.get(LIST, {"visa": "tidigare"}))
    assert (row, row.recorded, row.agreed_files, row.late_payer_count) == (held, True, 1, 0)


@pytest.mark.dates
def test_the_list_is_paged_and_the_pages_keep_the_filter(client, eviction_team_lead):
    today = timezone.localdate()
    landlord = _landlord("Uppsalahem")
    for n in range(MEETING_PAGE_SIZE + 2):
        _plan(landlord, today + timedelta(days=n), eviction_team_lead)
        _plan(landlord, today - timedelta(days=n + 1), eviction_team_lead)
    client.force_login(eviction_team_lead)

    first = client.get(LIST)
    assert len(_rows(first)) == MEETING_PAGE_SIZE
    assert _rows(first)[0].meets_on == today
    assert "sida=2" in first.content.decode()
    second = client.get(LIST, {"sida": 2})
    assert [m.meets_on for m in _rows(second)] == [today + timedelta(days=25), today + timedelta(days=26)]

    past = client.get(LIST, {"visa": "tidigare", "hyresvard": landlord.pk})
    assert "visa=tidigare" in past.content.decode() and "sida=2" in past.content.decode()
    past_second = client.get(LIST, {"visa": "tidigare", "hyresvard": landlord.pk, "sida": 2})
    assert [m.meets_on for m in _rows(past_second)] == [today - timedelta(days=26), today - timedelta(days=27)]


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"visa": "tidigare"}, {"hyresvard": "first"}])
@pytest.mark.dates
def test_the_same_number_of_queries_for_two_meetings_as_for_twelve(
    client, register, eviction_caseworker, eviction_team_lead, params
):
    today = timezone.localdate()
    made = []

    def add_meetings(count):
        for _ in range(count):
            n = len(made)
            name = f"Hyresvärd {n % 3}"
            _consented_file(register, eviction_caseworker, name)
            landlord = Landlord.objects.get(name=name)
            for day in (today + timedelta(days=n + 1), today - timedelta(days=n + 1)):
                meeting = _plan(landlord, day, eviction_team_lead)
                meetings.late_payer_add(
                    meeting=meeting,
                    data=meetings.LatePayerInput(amount=Decimal(3000), days_late=9, consented=False),
                    acting_user=eviction_caseworker,
                )
            made.append(meeting)

    if params.get("hyresvard"):
        params = {"hyresvard": _landlord("Hyresvärd 0").pk}
    client.force_login(eviction_caseworker)
    add_meetings(1)
    few = _queries(client, params)
    add_meetings(5)
    assert len(_rows(client.get(LIST, params))) >= 2
    assert _queries(client, params) == few


def test_the_start_page_and_the_landlord_pages_link_to_the_list(client, register, eviction_team_lead):
    register()
    uppsalahem = Landlord.objects.get(name="Uppsalahem")
    client.force_login(eviction_team_lead)
    assert LIST in client.get(reverse("evictions:start")).content.decode()
    narrowed = f"{LIST}?hyresvard={uppsalahem.pk}"
    assert narrowed in client.get(reverse("evictions:meeting"), {"hyresvard": uppsalahem.pk}).content.decode()
    assert narrowed in client.get(reverse("registers:landlord_edit", args=[uppsalahem.pk])).content.decode()


def test_the_housing_team_lead_s_landlord_page_does_not_link_to_it(client, register, housing_team_lead):
    register()
    uppsalahem = Landlord.objects.get(name="Uppsalahem")
    client.force_login(housing_team_lead)
    page = client.get(reverse("registers:landlord_edit", args=[uppsalahem.pk]))
    assert page.status_code == 200
    assert LIST not in page.content.decode()


@pytest.mark.dates
def test_a_protected_tenant_s_file_is_counted_and_never_named(
    client, register, leila, eviction_caseworker, eviction_team_lead
):
    file = register(notice_input(tenants=(as_tenant(leila),), street_address="Hemliga gatan 7")).file
    consent = services.consent_create(file=file, partners=[Partner.LANDLORD], acting_user=eviction_caseworker)
    services.consent_sign(consent=consent, signed_on=timezone.localdate(), acting_user=eviction_caseworker)
    _plan(Landlord.objects.get(name="Uppsalahem"), timezone.localdate() + timedelta(days=7), eviction_team_lead)
    client.force_login(eviction_caseworker)
    response = client.get(LIST)
    [row] = _rows(response)
    assert row.agenda_files == 1
    page = response.content.decode()
    for text in (leila.given_name, leila.family_name, leila.identity_number, "Hemliga gatan", "Box 100"):
        assert text not in page, text
