"""Closing a file by its ground with the outcome, children affected and attendance; minor warnings answered with
only a contact letter are listed as ready to close after about a month."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.access import AccessPolicy
from cases.models import Deadline
from evictions import selectors, services
from evictions.models import Closure, EvictionFile, Notice
from evictions.services import LetterInput
from evictions.workflow import FileStatus
from tests.evictions.conftest import days_ago, notice_input

TODAY = timezone.localdate()
Ground, Outcome = Closure.Ground, Closure.Outcome


def _warning(register, received_days_ago, reason=Notice.Reason.DISTURBANCE):
    return register(
        notice_input(
            kind=Notice.Kind.WARNING, reasons=(reason,), served_on=None, received_on=days_ago(received_days_ago)
        )
    ).file


def test_a_paid_rent_debt_closes_the_file_and_its_deadlines(client, register, eviction_caseworker):
    file = register().file
    client.force_login(eviction_caseworker)
    response = client.post(
        reverse("evictions:file_close", args=[file.case_id]),
        {"ground": "debt_paid", "outcome": "stayed", "closed_on": TODAY.isoformat(), "children_affected": "0"},
    )
    assert response.status_code == 302
    file = EvictionFile.objects.select_related("case").get(pk=file.pk)
    assert file.status == FileStatus.CLOSED and file.case.closed_on == TODAY
    assert not file.case.deadlines.exclude(status=Deadline.Status.MET).exists()
    closure = Closure.objects.get()
    assert (closure.ground, closure.outcome, closure.closed_by) == (
        Ground.DEBT_PAID,
        Outcome.STAYED,
        eviction_caseworker,
    )
    assert (
        "Hyresskulden är betald – Bor kvar"
        in client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    )


@pytest.mark.parametrize(
    ("notice", "fields", "field"),
    [
        ({}, {"ground": Ground.DEBT_PAID, "outcome": Outcome.EVICTED}, "outcome"),
        ({}, {"ground": Ground.CLEANED, "outcome": Outcome.STAYED}, "ground"),
        ({}, {"ground": Ground.EVICTION_EXECUTED, "outcome": Outcome.EVICTED}, "ground"),
        ({}, {"ground": Ground.OTHER, "outcome": Outcome.MOVED}, "note"),
        ({"children_in_household": True}, {"ground": Ground.DEBT_PAID, "outcome": Outcome.STAYED}, "children_affected"),
        (
            {"kind": Notice.Kind.EVICTION, "served_on": None, "eviction_date": TODAY + timedelta(days=9)},
            {"ground": Ground.EVICTION_EXECUTED, "outcome": Outcome.STAYED},
            "outcome",
        ),
        (
            {"kind": Notice.Kind.EVICTION, "served_on": None, "eviction_date": TODAY + timedelta(days=9)},
            {"ground": Ground.EVICTION_EXECUTED, "outcome": Outcome.EVICTED},
            "social_services_attended",
        ),
    ],
)
def test_a_ground_whose_rule_does_not_hold_is_refused(register, eviction_caseworker, notice, fields, field):
    file = register(notice_input(**notice)).file
    with pytest.raises(ValidationError) as error:
        services.file_close(file=file, acting_user=eviction_caseworker, **fields)
    assert field in error.value.message_dict
    assert EvictionFile.objects.get(pk=file.pk).status == FileStatus.OPEN


def test_an_executed_eviction_records_the_children_and_attendance(register, eviction_caseworker):
    file = register(
        notice_input(
            kind=Notice.Kind.EVICTION,
            served_on=None,
            eviction_date=TODAY + timedelta(days=9),
            children_in_household=True,
        )
    ).file
    closure = services.file_close(
        file=file,
        ground=Ground.EVICTION_EXECUTED,
        outcome=Outcome.EVICTED,
        children_affected=2,
        social_services_attended=True,
        acting_user=eviction_caseworker,
    )
    assert (closure.children_affected, closure.social_services_attended) == (2, True)


def test_disturbance_closes_only_after_a_quiet_period(register, eviction_caseworker):
    recent = _warning(register, 30)
    with pytest.raises(ValidationError, match="lugn period"):
        services.file_close(file=recent, ground=Ground.QUIET, outcome=Outcome.STAYED, acting_user=eviction_caseworker)
    quiet = _warning(register, 100)
    services.file_close(file=quiet, ground=Ground.QUIET, outcome=Outcome.STAYED, acting_user=eviction_caseworker)


def test_a_minor_warning_with_only_a_contact_letter_is_ready_to_close_after_about_a_month(
    client, register, eviction_caseworker
):
    def contacted(file):
        services.letter_create(file=file, data=LetterInput(kind="contact"), acting_user=eviction_caseworker)
        return file

    old = contacted(_warning(register, 35))
    young = contacted(_warning(register, 10))
    called = contacted(_warning(register, 40))
    services.contact_log(file=called, kind="call", happened_on=TODAY, acting_user=eviction_caseworker)
    no_letter = _warning(register, 50)
    contacted(register(notice_input(received_on=days_ago(60), served_on=days_ago(61))).file)  # not a warning
    client.force_login(eviction_caseworker)
    page, rows = selectors.ready_to_close(AccessPolicy(eviction_caseworker))
    assert [row.file for row in rows] == [old]
    html = client.get(reverse("evictions:ready_to_close")).content.decode()
    assert old.case.number in html and young.case.number not in html and no_letter.case.number not in html
    with pytest.raises(ValidationError, match="ungefär en månad"):
        services.file_close(
            file=young, ground=Ground.MINOR_WARNING, outcome=Outcome.STAYED, acting_user=eviction_caseworker
        )
    services.file_close(file=old, ground=Ground.MINOR_WARNING, outcome=Outcome.STAYED, acting_user=eviction_caseworker)
    assert old.case.number not in client.get(reverse("evictions:ready_to_close")).content.decode()


@pytest.mark.dates
def test_a_closed_file_is_no_longer_due(client, register, eviction_caseworker):
    file = register(notice_input(served_on=days_ago(20), received_on=days_ago(19))).file
    client.force_login(eviction_caseworker)
    assert file.case.number in client.get(reverse("evictions:due_list")).content.decode()
    services.file_close(file=file, ground=Ground.DEBT_PAID, outcome=Outcome.STAYED, acting_user=eviction_caseworker)
    assert file.case.number not in client.get(reverse("evictions:due_list")).content.decode()
