from datetime import date

from django.core.exceptions import ValidationError

import pytest

from cases import services
from cases.models import DeadlineChange
from tests.factories import open_case


@pytest.fixture
def case(organisation, nexus_caseworker):
    return open_case(handlers=[nexus_caseworker])


def test_a_two_week_deadline_ending_on_midsummer_eve_moves_to_monday(case, nexus_caseworker):
    deadline = services.deadline_set(
        case=case, label="Bedömning", starts_on=date(2026, 6, 5), weeks=2, acting_user=nexus_caseworker
    )
    assert deadline.due_on == date(2026, 6, 22)


def test_pausing_keeps_the_days_left_and_resuming_moves_past_the_weekend(case, nexus_caseworker):
    deadline = services.deadline_set(
        case=case, label="Utredning", starts_on=date(2026, 3, 2), weeks=2, acting_user=nexus_caseworker
    )
    assert deadline.due_on == date(2026, 3, 16)
    services.deadline_pause(
        deadline=deadline, reason="Väntar på polisen", on=date(2026, 3, 10), acting_user=nexus_caseworker
    )
    resumed = services.deadline_resume(deadline=deadline, on=date(2026, 3, 15), acting_user=nexus_caseworker)
    # Five paused days: 16 March + 5 = Saturday 21 March, so Monday 23 March.
    assert resumed.due_on == date(2026, 3, 23)
    actions = list(DeadlineChange.objects.filter(deadline=deadline).values_list("action", "reason"))
    assert actions == [("paused", "Väntar på polisen"), ("resumed", "")]


def test_an_extension_needs_a_reason_and_a_later_working_day(case, nexus_caseworker):
    deadline = services.deadline_set(
        case=case, label="Beslut", starts_on=date(2026, 9, 1), months=3, acting_user=nexus_caseworker
    )
    assert deadline.due_on == date(2026, 12, 1)
    with pytest.raises(ValidationError):
        services.deadline_extend(
            deadline=deadline, new_due_on=date(2026, 12, 24), reason=" ", acting_user=nexus_caseworker
        )
    with pytest.raises(ValidationError):
        services.deadline_extend(
            deadline=deadline, new_due_on=date(2026, 11, 1), reason="x", acting_user=nexus_caseworker
        )
    extended = services.deadline_extend(
        deadline=deadline, new_due_on=date(2026, 12, 24), reason="Komplettering", acting_user=nexus_caseworker
    )
    assert extended.due_on == date(2026, 12, 28)  # Christmas eve, Christmas and Boxing day, then the weekend
    assert extended.original_due_on == date(2026, 12, 1)


def test_a_met_deadline_cannot_be_paused_or_extended(case, nexus_caseworker):
    deadline = services.deadline_set(
        case=case, label="Frist", starts_on=date(2026, 4, 1), days=21, acting_user=nexus_caseworker
    )
    services.deadline_mark_met(deadline=deadline, acting_user=nexus_caseworker)
    with pytest.raises(ValidationError):
        services.deadline_pause(deadline=deadline, reason="x", acting_user=nexus_caseworker)
    with pytest.raises(ValidationError):
        services.deadline_extend(
            deadline=deadline, new_due_on=date(2026, 6, 1), reason="x", acting_user=nexus_caseworker
        )


def test_the_pause_form_requires_a_reason(client, case, nexus_caseworker):
    deadline = services.deadline_set(
        case=case, label="Frist", starts_on=date(2026, 4, 1), days=21, acting_user=nexus_caseworker
    )
    client.force_login(nexus_caseworker)
    url = f"/arenden/{case.pk}/tidsfrister/{deadline.pk}/pausa/"
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Sjukdom"}).status_code == 302
    deadline.refresh_from_db()
    assert deadline.status == "paused"
