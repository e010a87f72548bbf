"""notices_register: a batch (the CSV import) leaves exactly the database that registering the same notices one by
one leaves: files, notices, flags, persons, grants, deadlines, history rows and timeline events."""

from dataclasses import replace

from django.db import models, transaction
from django.utils import timezone

import pytest

from cases.models import (
    Case,
    CaseAssignment,
    CaseParty,
    CaseUserObjectPermission,
    Deadline,
    Landlord,
    PendingPartyAccess,
    Person,
)
from evictions import registration, services
from evictions.events import EvictionAction
from evictions.models import EvictionFile, Notice, NoticeTenant
from evictions.workflow import FileStatus
from kompotten.models import Unit
from tests.evictions.conftest import close, days_ago, notice_input, tenant
from tests.factories import PersonFactory


class _Undo(Exception):
    pass


def _case_number(case_id) -> str:
    return Case.objects.get(pk=case_id).number


NATURAL_KEYS = {
    Case: lambda row: row.number,
    EvictionFile: lambda row: _case_number(row.case_id),
    Notice: lambda row: row.import_key,
    NoticeTenant: lambda row: (row.notice.import_key, row.person.identity_number),
    CaseParty: lambda row: (_case_number(row.case_id), row.person.identity_number),
    CaseAssignment: lambda row: (_case_number(row.case_id), row.user.email),
    Deadline: lambda row: (_case_number(row.case_id), row.label),
    Person: lambda row: row.identity_number,
    Landlord: lambda row: row.name,
    PendingPartyAccess: lambda row: (_case_number(row.party.case_id), row.party.person.identity_number, row.user.email),
}


def _state(model, row) -> tuple:
    """A row's values without ids and timestamps (they differ between two runs): a link counts as set or not."""
    values = []
    for field in model._meta.concrete_fields:
        if field.primary_key or isinstance(field, models.DateTimeField):
            continue
        value = getattr(row, field.attname)
        values.append((field.name, value is not None if field.is_relation else value))
    return tuple(values)


def _notice(notice: Notice) -> tuple:
    deadlines = [d and d.label for d in (notice.recovery_deadline, notice.eviction_deadline)]
    tenants = [(t.person.identity_number, t.given_name, t.family_name) for t in notice.tenants.all()]
    return notice.import_key, notice.file and notice.file.case.number, notice.landlord.name, deadlines, tenants


def fingerprint() -> dict:
    """Everything a registration writes, keyed by what stays the same between two runs (case numbers, identity
    numbers, import keys)."""
    result = {}
    for model, key in NATURAL_KEYS.items():
        rows = {key(row): row for row in model.objects.all()}
        result[model.__name__] = sorted((k, _state(model, row)) for k, row in rows.items())
        histories = []
        for k, row in rows.items() if hasattr(model, "history") else ():
            history = row.history.order_by("history_date", "history_id")
            histories.append((k, [(h.history_type, h.history_user_id, _state(model, h)) for h in history]))
        result[f"{model.__name__} history"] = sorted(histories)
    result["notices"] = sorted(_notice(notice) for notice in Notice.objects.all())
    result["events"] = sorted(
        (case.number, [(e.action, e.detail, e.actor_id) for e in case.events.order_by("id")])
        for case in Case.objects.all()
    )
    result["grants"] = sorted(
        (g.user_id, g.content_object.number) for g in CaseUserObjectPermission.objects.select_related("content_object")
    )
    return result


@pytest.fixture
def batch_inputs(register, eviction_caseworker):
    """Notices as an import file would hold them, around a household registered before and a protected person."""
    known, closed, new, co_tenant = tenant(given_name="Känd"), tenant(given_name="Stängd"), tenant(), tenant()
    register(notice_input(tenants=(known,), received_on=days_ago(30), served_on=days_ago(31)))
    reopened = register(notice_input(tenants=(closed,), received_on=days_ago(400), served_on=days_ago(401)))
    close(reopened.file, eviction_caseworker)
    hidden = PersonFactory(protected=True)
    protected = tenant(identity_number=hidden.identity_number, given_name="Skyddad")
    inputs = [
        notice_input(tenants=(new,), children_in_household=True),
        notice_input(tenants=(known,), landlord_name="Ny Hyresvärd AB", landlord_kind=Landlord.Kind.PRIVATE),
        notice_input(tenants=(new, co_tenant), kind=Notice.Kind.EVICTION, reasons=(), eviction_date=days_ago(-20)),
        notice_input(tenants=(closed,), landlord_name="  ny hyresvärd ab "),
        notice_input(tenants=(known, protected)),  # joins a file the caseworker handles: she waits for the team lead
        notice_input(tenants=(protected,), kind=Notice.Kind.WARNING, reasons=(Notice.Reason.DISTURBANCE,)),
        notice_input(tenants=(tenant(identity_number=PersonFactory(protected=True).identity_number),)),
        notice_input(tenants=(tenant(),), postal_code="756 45"),  # routed to another district
        notice_input(tenants=(tenant(),), postal_code="72212"),  # routed to another municipality
        notice_input(tenants=(co_tenant,), received_on=timezone.localdate(), served_on=days_ago(3)),
    ]
    return [(data, f"rad-{n}") for n, data in enumerate(inputs)]


def _registered(batch_inputs, eviction_caseworker, *, one_by_one: bool) -> dict:
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    try:
        with transaction.atomic():
            if one_by_one:
                for data, key in batch_inputs:
                    services.notice_register(data=data, unit=unit, acting_user=eviction_caseworker, import_key=key)
            else:
                registration.notices_register(notices=batch_inputs, unit=unit, acting_user=eviction_caseworker)
            result = fingerprint()
            raise _Undo
    except _Undo:
        return result


def test_a_batch_leaves_the_same_database_as_registering_the_notices_one_by_one(batch_inputs, eviction_caseworker):
    batch = _registered(batch_inputs, eviction_caseworker, one_by_one=False)
    assert batch == _registered(batch_inputs, eviction_caseworker, one_by_one=True)
    files = [dict(state) for _number, state in batch["EvictionFile"]]
    assert len(files) == 4 and len(batch["Landlord"]) == 2  # known, closed, new, the second protected person's
    assert all(file["escalated"] and file["status"] == FileStatus.OPEN for file in files)
    reasons = sorted(file["escalation_reason"] for file in files)
    # The first protected person joined the known household's file, which the caseworker handles: her access to
    # them waits for the team lead, also after the notice naming them alone; the second opened a file of their own.
    assert reasons == [
        registration.PENDING_FLAG_REASON,
        registration.PROTECTED_FLAG_REASON,
        "Upprepade underrättelser (2 st)",
        "Upprepade underrättelser (3 st)",
    ]
    assert [handler for (_number, _person, handler), _row in batch["PendingPartyAccess"]] == [eviction_caseworker.email]


def test_a_notice_repeated_within_the_batch_joins_the_file_the_batch_opened(register, eviction_caseworker):
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    first = notice_input()
    notices = registration.notices_register(
        notices=[(first, "a"), (replace(first, received_on=days_ago(0), served_on=days_ago(2)), "b")],
        unit=unit,
        acting_user=eviction_caseworker,
    )
    assert notices[0].file == notices[1].file
    file = EvictionFile.objects.get()
    assert file.escalated and "(2 st)" in file.escalation_reason
    assert file.case.events.filter(action=EvictionAction.ESCALATED).count() == 1
