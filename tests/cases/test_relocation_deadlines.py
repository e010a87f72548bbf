"""The workflow sets its deadlines on the one calendar (lag 1930:173): two weeks for Nexus from receipt, three months
for the housing unit from hand-over, moved past weekends, holidays and the eves."""

from datetime import date

import pytest

from cases.models import Direction
from cases.relocation_workflow import State
from cases.services import relocation
from tests.cases.relocation_world import open_request


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
    relocation.request_transition(
        request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker, on=handed_over_on
    )
    request.refresh_from_db()
    assert request.housing_case.housing_application.decision_deadline.due_on == due_on


def test_an_outgoing_request_has_no_nexus_assessment_deadline(networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker, direction=Direction.OUTGOING)
    assert not request.case.deadlines.exists()
