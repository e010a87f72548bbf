from datetime import date

from django.core.exceptions import ValidationError

import pytest

from cases import services
from cases.models import Case, CaseEvent
from kompotten.models import Unit


def test_case_numbers_run_per_year_as_caseworkers_write_them(organisation, nexus_caseworker):
    unit = Unit.objects.get(kind=Unit.Kind.NEXUS)

    def open_(on):
        return services.case_open(kind=Case.Kind.RELOCATION, unit=unit, acting_user=nexus_caseworker, opened_on=on)

    assert open_(date(2026, 3, 1)).number == "2026-00001"
    assert open_(date(2026, 3, 2)).number == "2026-00002"
    assert open_(date(2027, 1, 2)).number == "2027-00001"


def test_opening_assigning_and_unassigning_are_on_the_timeline_and_in_history(
    organisation, nexus_caseworker, nexus_colleague, manager
):
    unit = Unit.objects.get(kind=Unit.Kind.NEXUS)
    case = services.case_open(kind=Case.Kind.RELOCATION, unit=unit, acting_user=nexus_caseworker)
    services.case_assign_handler(case=case, user=nexus_colleague, acting_user=manager)
    services.case_unassign_handler(case=case, user=nexus_colleague, acting_user=manager)
    actions = list(case.events.order_by("id").values_list("action", "actor__email"))
    assert actions == [
        (CaseEvent.Action.OPENED, "nexus@uppsala.example"),
        (CaseEvent.Action.HANDLER_ASSIGNED, "chef@uppsala.example"),
        (CaseEvent.Action.HANDLER_UNASSIGNED, "chef@uppsala.example"),
    ]
    assert case.history.first().history_user == nexus_caseworker
    assignment_history = case.assignments.model.history.filter(case_id=case.pk).order_by("history_id")
    assert [(h.history_type, h.history_user) for h in assignment_history] == [("+", manager), ("-", manager)]


def test_partners_cannot_be_handlers(organisation, nexus_caseworker, partner_vasteras):
    case = services.case_open(
        kind=Case.Kind.RELOCATION, unit=Unit.objects.get(kind=Unit.Kind.NEXUS), acting_user=nexus_caseworker
    )
    with pytest.raises(ValidationError):
        services.case_assign_handler(case=case, user=partner_vasteras, acting_user=nexus_caseworker)


def test_the_timeline_never_names_the_person_added(organisation, nexus_caseworker):
    from tests.factories import PersonFactory, open_case

    person = PersonFactory(protected=True, family_name="Gömdasson")
    case = open_case(persons=[person])
    assert not case.events.filter(detail__icontains="Gömdasson").exists()
