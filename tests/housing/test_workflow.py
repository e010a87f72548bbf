"""Walks every edge of the application workflow: each allowed move by each role that may make it, and every other
move and role refused with the status unchanged."""

import itertools

from django.core.exceptions import ValidationError

import pytest

from cases.services.common import save
from housing import services, workflow
from housing.workflow import ApplicationStatus as S
from kompotten.roles import Role, roles_of
from tests.housing.conftest import refer

H, N = Role.HOUSING_HANDLER, Role.NEXUS_CASEWORKER
# The specification, written out once more on purpose: a change to the table must change this too.
EXPECTED = {
    (S.REFERRED, S.INVESTIGATING): {H},
    (S.REFERRED, S.WITHDRAWN): {H, N},
    (S.INVESTIGATING, S.APPROVED): {H},
    (S.INVESTIGATING, S.REJECTED): {H},
    (S.INVESTIGATING, S.WITHDRAWN): {H, N},
    (S.APPROVED, S.PAUSED): {H},
    (S.PAUSED, S.APPROVED): {H},
    (S.APPROVED, S.INVESTIGATING): {H},
    (S.PAUSED, S.INVESTIGATING): {H},
    (S.APPROVED, S.HOUSED): {H},
    (S.APPROVED, S.WITHDRAWN): {H},
    (S.PAUSED, S.WITHDRAWN): {H},
}
PERSONAS = [
    "housing_handler",
    "nexus_caseworker",
    "eviction_caseworker",
    "manager",
    "partner_vasteras",
    "administrator",
]
ALL_PAIRS = [(a, b) for a, b in itertools.product(S.values, S.values) if a != b]


def test_the_table_is_the_specification():
    assert {pair: set(edge.who) for pair, edge in workflow.APPLICATION.edges.items()} == EXPECTED


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_every_move_is_allowed_exactly_to_the_roles_in_the_table(from_status, to_status):
    for role in Role:
        allowed = role in EXPECTED.get((from_status, to_status), set())
        assert workflow.APPLICATION.may(from_status, to_status, {role}) == allowed


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_the_service_makes_each_manual_move_and_refuses_every_other(request, nexus_caseworker, from_status, to_status):
    application = refer(nexus_caseworker)
    for persona in PERSONAS:
        user = request.getfixturevalue(persona)
        application.status = from_status
        save(application, nexus_caseworker, update_fields=["status"])
        edge = workflow.APPLICATION.edge(from_status, to_status)
        allowed = edge and edge.manual and workflow.APPLICATION.may(from_status, to_status, roles_of(user))
        if allowed:
            services.application_transition(
                application=application, to_status=to_status, reason="Skäl", acting_user=user
            )
            application.refresh_from_db()
            assert application.status == to_status, persona
            assert application.transitions.last().by == user
        else:
            count = application.transitions.count()
            with pytest.raises(ValidationError):
                services.application_transition(
                    application=application, to_status=to_status, reason="Skäl", acting_user=user
                )
            application.refresh_from_db()
            assert application.status == from_status, persona
            assert application.transitions.count() == count
