"""The workflow sets its deadlines on the one calendar (lag 1930:173): two weeks for Nexus from receipt, three months
for the housing unit from hand-over, moved past weekends, holidays and the eves; a pause adds its days, and the
Nexus assessment may be extended once."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from cases import services
from cases.relocation import services as relocation
from cases.relocation.models import Direction
from cases.relocation.workflow import State
from tests.cases.relocation.world import assess, open_request


@pytest.mark.parametrize(
    ("received_on", "due_on"),
    [
        (date(2025, 3, 1), date(2025, 3, 17)),  # lands on a Saturday: Monday
        (date(2025, 4, 4), date(2025, 4, 22)),  # Good Friday, Easter weekend and Easter Monday
        (date(2025, 6, 6), date(2025, 6, 23)),  # midsummer eve, midsummer day, Sunday
        (date(2025, 12, 10), date(2025, 12, 29)),  # Christmas eve, Christmas, Boxing day, weekend
        (date(2025, 12, 17), date(2026, 1, 2)),  # New Year's eve and New Year's day
        (date(2025, 9, 3), date(2025, 9, 17)),  # an ordinary Wednesday
    ],
)
def test_the_nexus_assessment_is_due_two_weeks_after_receipt_on_a_working_day(
    networks, nexus_caseworker, received_on, due_on
):
    request = open_request(networks, nexus_caseworker, on=received_on)
    (deadline,) = request.case.deadlines.all()
    assert (deadline.label, deadline.starts_on, deadline.due_on) == (relocation.NEXUS_ASSESSMENT, received_on, due_on)


@pytest.mark.parametrize(
    ("handed_over_on", "due_on"),
    [
        (date(2025, 9, 24), date(2025, 12, 29)),  # three months is Christmas eve
        (date(2025, 11, 30), date(2026, 3, 2)),  # 28 February is a Saturday
        (date(2025, 3, 21), date(2025, 6, 23)),  # 21 June is midsummer day
    ],
)
def test_the_housing_decision_is_due_three_months_after_hand_over(networks, nexus_caseworker, handed_over_on, due_on):
    request = open_request(networks, nexus_caseworker, on=handed_over_on)
    assess(request, nexus_caseworker, on=handed_over_on)
    relocation.request_transition(
        request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker, on=handed_over_on
    )
    request.refresh_from_db()
    assert request.housing_case.housing_application.decision_deadline.due_on == due_on


def test_an_outgoing_request_has_no_nexus_assessment_deadline(networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker, direction=Direction.OUTGOING)
    assert not request.case.deadlines.exists()


@pytest.mark.parametrize(
    ("paused_on", "resumed_on", "due_on"),
    [
        # Received Wed 18 March 2026, due Wed 1 April; paused 5 days: Mon 6 April is Easter Monday, so Tue 7 April.
        (date(2026, 3, 25), date(2026, 3, 30), date(2026, 4, 7)),
        # Received Fri 5 June 2026, due Mon 22 June (midsummer eve moved it); paused 4 days: Fri 26 June.
        (date(2026, 6, 10), date(2026, 6, 14), date(2026, 6, 26)),
    ],
)
def test_a_pause_adds_its_days_and_resuming_moves_past_holidays(
    networks, nexus_caseworker, paused_on, resumed_on, due_on
):
    received_on = date(2026, 3, 18) if paused_on.month == 3 else date(2026, 6, 5)
    request = open_request(networks, nexus_caseworker, on=received_on)
    deadline = request.case.deadlines.get()
    services.deadline_pause(
        deadline=deadline, reason="Väntar på riskbedömningen från Västerås", on=paused_on, acting_user=nexus_caseworker
    )
    deadline.refresh_from_db()
    assert deadline.status == "paused" and deadline.paused_on == paused_on
    resumed = services.deadline_resume(deadline=deadline, on=resumed_on, acting_user=nexus_caseworker)
    assert resumed.status == "running" and resumed.due_on == due_on


def test_the_nexus_assessment_may_be_extended_once_and_a_second_extension_is_refused(networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker, on=date(2025, 12, 10))
    deadline = request.case.deadlines.get()
    assert deadline.due_on == date(2025, 12, 29)
    extended = services.deadline_extend(
        deadline=deadline,
        new_due_on=date(2025, 12, 31),
        reason="Polisens riskbedömning kompletteras",
        acting_user=nexus_caseworker,
    )
    assert extended.due_on == date(2026, 1, 2)  # New Year's eve and New Year's day are not working days
    with pytest.raises(ValidationError, match="redan förlängd"):
        services.deadline_extend(
            deadline=deadline, new_due_on=date(2026, 1, 9), reason="En gång till", acting_user=nexus_caseworker
        )
    deadline.refresh_from_db()
    assert deadline.due_on == date(2026, 1, 2)
    assert deadline.changes.filter(action="extended").count() == 1


def test_the_extension_form_explains_that_a_second_extension_is_not_allowed(client, networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker)
    deadline = request.case.deadlines.get()
    client.force_login(nexus_caseworker)
    url = reverse("cases:deadline_change", args=[request.case.pk, deadline.pk, "forlang"])
    later = (deadline.due_on + timedelta(days=14)).isoformat()
    assert client.post(url, {"new_due_on": later, "reason": "Komplettering"}).status_code == 302
    even_later = (deadline.due_on + timedelta(days=30)).isoformat()
    response = client.post(url, {"new_due_on": even_later, "reason": "Igen"})
    assert response.status_code == 400
    assert "redan förlängd och får inte förlängas igen" in response.content.decode()
    assert even_later in response.content.decode()  # the user's input is kept


def test_deadlines_set_without_a_cap_may_be_extended_again(networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker)
    deadline = services.deadline_set(
        case=request.case, label="Egen frist", starts_on=date(2026, 3, 2), weeks=1, acting_user=nexus_caseworker
    )
    for day in (20, 27):
        deadline = services.deadline_extend(
            deadline=deadline, new_due_on=date(2026, 3, day), reason="Komplettering", acting_user=nexus_caseworker
        )
    assert deadline.due_on == date(2026, 3, 27)


def test_a_deadline_changed_from_the_request_page_goes_back_to_the_request_page(client, networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker)
    deadline = request.case.deadlines.get()
    client.force_login(nexus_caseworker)
    page = client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    url = reverse("cases:deadline_change", args=[request.case.pk, deadline.pk, "pausa"]) + "?fran=forfragan"
    assert f'href="{url}"' in page
    form = client.get(url).content.decode()
    request_page = reverse("cases:relocation_detail", args=[request.case.pk])
    assert f'href="{request_page}"' in form and "Tillbaka till förfrågan" in form
    response = client.post(url, {"reason": "Väntar på komplettering"})
    assert response.status_code == 302 and response.url == request_page
    # Opened from the case page, the same form goes back to the case page.
    resume = reverse("cases:deadline_change", args=[request.case.pk, deadline.pk, "ateruppta"])
    assert client.post(resume, {"reason": "Kompletteringen kom"}).url == reverse(
        "cases:case_detail", args=[request.case.pk]
    )
