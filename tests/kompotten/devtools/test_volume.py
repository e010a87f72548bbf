"""`generate_volume` makes valid, deterministic data, and the benchmark at volume costs the same queries whatever
the volume. No timing is asserted: the figures live in docs/performance.md."""

from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

import pytest

from cases.calendar import next_working_day, statutory_due_date
from cases.identity_numbers import parse_identity_number
from cases.models import Case, CaseAssignment, CaseUserObjectPermission, Deadline, Person, PersonUserObjectPermission
from cases.relocation.models import RelocationRequest
from cases.relocation.services import NEXUS_ASSESSMENT
from cases.relocation.workflow import is_open, workflow_for
from evictions import closing
from evictions.models import EvictionFile
from evictions.services import RECOVERY_PERIOD_LABEL
from housing import workflow
from housing.models import HousingApplication
from housing.services.contracts import TRIAL_LABEL
from kompotten.devtools import volume
from kompotten.devtools.volume.fingerprint import fingerprint, marks

pytestmark = pytest.mark.django_db

# A page showing a protected identity reads the policy's three grant sets and writes one access-log insert; a page
# without one does neither. Which rows land on page 1 changes with the volume, so the counts may differ by that.
PROTECTED_ON_PAGE = 4
RULES = {NEXUS_ASSESSMENT: {"weeks": 2}, RECOVERY_PERIOD_LABEL: {"weeks": 3}, TRIAL_LABEL: {"months": 18}}


class Rollback(Exception):
    pass


def _generate(seed: int) -> None:
    volume.generate(volume.SCALES["ci"], seed=seed, today=timezone.localdate(), log=lambda line: None)


def _fingerprint_of(seed: int) -> dict[str, str]:
    try:
        with transaction.atomic():
            before = marks()
            _generate(seed)
            digest = fingerprint(before)
            raise Rollback
    except Rollback:
        return digest


def test_the_same_seed_gives_the_same_data(demo_installation, organisation):
    assert _fingerprint_of(3) == _fingerprint_of(3)


def test_the_generated_data_is_valid_and_the_benchmark_costs_the_same_queries_at_two_volumes(
    demo_installation, organisation
):
    """One generation for both checks: a ci volume takes a minute on the 2-core machine."""
    before = Case.objects.aggregate(last=Max("pk"))["last"]
    _generate(1)
    cases = Case.objects.filter(pk__gt=before)
    assert cases.count() > 500

    for deadline in Deadline.objects.filter(case__in=cases):
        assert deadline.due_on == next_working_day(deadline.due_on) >= deadline.starts_on
        if deadline.label in RULES:
            assert deadline.due_on == statutory_due_date(deadline.starts_on, **RULES[deadline.label]), deadline.label
        assert (deadline.status == Deadline.Status.MET) == (deadline.met_on is not None)
    assert not Deadline.objects.filter(case__in=cases, case__closed_on__isnull=False, status="running").exists()

    handlers = dict(CaseAssignment.objects.filter(case__in=cases).values_list("case_id", "user_id"))
    grants = CaseUserObjectPermission.objects.filter(content_object__in=cases)
    grants = list(grants.values_list("content_object_id", "user_id"))
    assert sorted(grants) == sorted(handlers.items())
    generated = Person.objects.filter(parties__case__in=cases).distinct()
    for person in generated.exclude(protection_level="none"):
        own_handlers = {handlers[case_id] for case_id in person.parties.values_list("case_id", flat=True)}
        granted = PersonUserObjectPermission.objects.filter(content_object=person)
        granted = set(granted.values_list("user_id", flat=True))
        assert granted and granted <= own_handlers
    for number in generated.values_list("identity_number", flat=True):
        assert parse_identity_number(number).normalised == number

    for request in RelocationRequest.objects.filter(case__in=cases).select_related("case"):
        moves = list(request.transitions.order_by("id").values_list("from_state", "to_state"))
        assert all(workflow_for(request.direction).allowed(a, b) for a, b in moves[1:]), moves
        assert moves[-1][1] == request.state
        assert request.case.is_open == is_open(request.direction, request.state)
    waiting = HousingApplication.objects.filter(case__in=cases, case__assignments__isnull=True)
    assert waiting.exists() and set(waiting.values_list("status", flat=True)) == {"referred"}  # the team lead's inbox
    for application in HousingApplication.objects.filter(case__in=cases):
        moves = list(application.transitions.order_by("id").values_list("from_status", "to_status"))
        assert all(workflow.APPLICATION.allowed(a, b) for a, b in moves), moves
        assert (moves[-1][1] if moves else "referred") == application.status
        if application.status == "housed":
            assert application.contract.flat.tenant == application.case.parties.get().person
    for file in EvictionFile.objects.filter(case__in=cases).select_related("case"):
        assert (file.status == "closed") == (file.case.closed_on is not None)
        for closure in file.closures.all():
            closing.check(
                file,
                ground=closure.ground,
                outcome=closure.outcome,
                closed_on=closure.closed_on,
                note=closure.note,
                attended=closure.social_services_attended,
            )

    _benchmark_costs_the_same_queries_at_two_volumes()


def _query_counts(report: str) -> dict[tuple[str, str], int]:
    rows = [line.split(" | ") for line in report.splitlines() if line.count(" | ") == 8]
    # A row's name without what was measured in it ("CSV import of 40 notices (preview 0.1 s)"); the report's rows
    # have no query count.
    return {(row[0].split(" (")[0], row[1]): int(row[4]) for row in rows[2:] if row[4].isdigit()}


def _benchmark_costs_the_same_queries_at_two_volumes():
    out = StringIO()
    call_command("benchmark", scale="ci", repeat=1, stdout=out)
    small = _query_counts(out.getvalue())
    assert len(small) >= 15 and "Data rolled back." in out.getvalue()
    report = [line for line in out.getvalue().splitlines() if line.startswith("annual report")]
    assert [line.split(" | ")[1] for line in report] == ["in process", "in process"]  # no worker in this test

    _generate(2)  # as much again
    out = StringIO()
    call_command("benchmark", scale="ci", repeat=1, stdout=out)
    large = _query_counts(out.getvalue())
    assert large.keys() == small.keys()
    assert all(abs(large[page] - small[page]) <= PROTECTED_ON_PAGE for page in small), (small, large)
