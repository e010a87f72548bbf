"""The reciprocity balance per partner and year, counted from move-in dates, as Nexus sees it before answering."""

from datetime import date

from django.urls import reverse

from cases.relocation import selectors as relocation_selectors
from cases.relocation import services as relocation
from cases.relocation.models import Direction
from cases.relocation.workflow import State
from tests.cases.relocation.world import assess, open_request


def housed(networks, nexus, housing, partner, direction, on: date):
    request = open_request(networks, nexus, direction=direction, on=date(2025, 1, 10))
    if direction == Direction.INCOMING:
        assess(request, nexus, on=on)
        relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=nexus, on=on)
        relocation.request_transition(request=request, to_state=State.HOUSED, acting_user=housing, on=on)
    else:
        relocation.consent_record(request=request, given_on=date(2025, 1, 10), acting_user=nexus)
        relocation.request_transition(request=request, to_state=State.SENT, acting_user=nexus, on=on)
        relocation.request_transition(request=request, to_state=State.ACCEPTED, acting_user=partner, on=on)
        relocation.request_transition(request=request, to_state=State.HOUSED, acting_user=nexus, on=on)
    return request


def test_the_balance_counts_households_housed_each_way_per_partner_and_year(
    networks, nexus_caseworker, housing_handler, partner_vasteras
):
    args = (networks, nexus_caseworker, housing_handler, partner_vasteras)
    housed(*args, Direction.INCOMING, date(2025, 3, 1))
    housed(*args, Direction.OUTGOING, date(2025, 5, 1))
    housed(*args, Direction.OUTGOING, date(2025, 9, 1))
    housed(*args, Direction.OUTGOING, date(2026, 2, 1))
    open_request(networks, nexus_caseworker)  # not housed: not counted
    rows = {(row.municipality.short_name, row.year): row for row in relocation_selectors.reciprocity()}
    assert set(rows) == {("Västerås", 2025), ("Västerås", 2026)}
    year = rows[("Västerås", 2025)]
    assert (year.housed_here, year.housed_there, year.balance) == (1, 2, 1)
    assert [row.year for row in relocation_selectors.reciprocity(year=2026)] == [2026]


def test_nexus_sees_the_balance_on_the_request_and_managers_on_the_overview(
    client, networks, nexus_caseworker, housing_handler, partner_vasteras, manager, eviction_caseworker
):
    request = housed(
        networks, nexus_caseworker, housing_handler, partner_vasteras, Direction.OUTGOING, date(2025, 5, 1)
    )
    client.force_login(nexus_caseworker)
    page = client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    assert "Ömsesidighet med Västerås" in page and "+1" in page
    client.force_login(partner_vasteras)
    assert "Ömsesidighet" not in client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    client.force_login(manager)
    assert "Västerås" in client.get(reverse("cases:reciprocity"), {"ar": "2025"}).content.decode()
    client.force_login(eviction_caseworker)
    assert client.get(reverse("cases:reciprocity")).status_code == 403
