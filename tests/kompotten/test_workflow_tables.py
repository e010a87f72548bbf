"""Walks every workflow table in `kompotten.workflow.REGISTRY`: from each state a record can be in, every move the
table allows is accepted by the model's one transition service for someone it names (and refused to the others the
table names elsewhere), and every other move is refused for everyone, with the state unchanged.

Each registered workflow needs a `Subject` below: how to make a record in a state and how to ask its service for a
move. A workflow without one fails the first test, so a new table cannot go unwalked.
"""

import ast
import itertools
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

import pytest

from cases import culling
from cases.models import District, DistrictPostalArea, Landlord, RetentionList
from cases.relocation import services as relocation
from cases.relocation.models import Direction, RelocationRequest
from cases.relocation.workflow import Actor
from cases.storage import private_storage
from evictions import services as eviction_services
from evictions.models import EvictionFile, ImportBatch, Instalment, RepaymentPlan
from housing import services as housing_services
from housing.models import Flat, HousingApplication, Offer, SocialContract
from kompotten.models import Unit
from kompotten.roles import Role
from kompotten.workflow import REGISTRY, SYSTEM, TransitionRefused, Workflow
from reports import runner
from reports import services as report_services
from reports.models import RegisterExtract, ReportFormat, ReportKind, ReportRun
from tests.cases.relocation.world import assess, open_request
from tests.evictions.conftest import close, notice_input
from tests.factories import PersonFactory
from tests.housing.conftest import flat, refer

autodiscover_modules("workflow")

# Who each name in a table stands for: a persona, or no user at all for the system (a task).
PERSONA = {
    Role.HOUSING_HANDLER: "housing_handler",
    Role.NEXUS_CASEWORKER: "nexus_caseworker",
    Role.EVICTION_CASEWORKER: "eviction_caseworker",
    Role.MANAGER: "manager",
    Actor.NEXUS: "nexus_caseworker",
    Actor.PARTNER: "partner_vasteras",
    Actor.HOUSING: "housing_handler",
    SYSTEM: None,
}
REASON = "Skäl som sparas i historiken."
# A ready run has its file (a database constraint), and the suite reads every ready run's file for leaks.
READY_FILE = {"file_name": "reports/workflow-walk/rapport.csv", "checksum": "0" * 64, "content_type": "text/csv"}


class Rollback(Exception):
    """Undoes one attempted move, so the next one starts from the same record."""


@dataclass
class Subject:
    """A record of one workflow: `make(state, user)` returns one in `state`, `move(record, to, user)` asks the
    model's transition service for the move (`user` is None for the system)."""

    model: type
    make: object
    move: object


def _application(state, pytest_request):
    application = refer(pytest_request.getfixturevalue("nexus_caseworker"))
    HousingApplication.objects.filter(pk=application.pk).update(status=state)
    return application


def _flat(handler, **status):
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    made = flat(handler, landlord=landlord, district=District.objects.create(name="Luthagen"))
    Flat.objects.filter(pk=made.pk).update(**status)
    return made


def _make_offer(state, pytest_request):
    handler = pytest_request.getfixturevalue("housing_handler")
    today = timezone.localdate()
    return Offer.objects.create(
        application=_application("approved", pytest_request),
        flat=_flat(handler, status="offered"),
        offered_on=today,
        answer_by=today + timedelta(days=7),
        position=1,
        queue_snapshot={},
        made_by=handler,
        status=state,
    )


def _make_flat(state, pytest_request):
    tenant = PersonFactory() if state == Flat.Status.LET else None
    return _flat(pytest_request.getfixturevalue("housing_handler"), status=state, tenant=tenant)


def _move_flat(record, to, user):
    tenant = {"tenant": PersonFactory()} if to == Flat.Status.LET else {}
    housing_services.flat_transition(flat=record, to_status=to, acting_user=user, **tenant)


def _make_contract(state, pytest_request):
    handler = pytest_request.getfixturevalue("housing_handler")
    today = timezone.localdate()
    return SocialContract.objects.create(
        application=_application("housed", pytest_request),
        flat=_flat(handler, status="let", tenant=PersonFactory()),
        starts_on=today,
        trial_months=18,
        trial_ends_on=today + timedelta(days=548),
        created_by=handler,
        status=state,
    )


def _make_file(state, pytest_request):
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    notice = eviction_services.notice_register(
        data=notice_input(),
        unit=Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION),
        acting_user=pytest_request.getfixturevalue("eviction_caseworker"),
    )
    EvictionFile.objects.filter(pk=notice.file_id).update(status=state)
    return notice.file


def _move_file(record, to, user):
    """Closing is `file_close`'s, with its closure record; every other move is `file_transition`'s."""
    if to == "closed":
        close(record, user)
    else:
        eviction_services.file_transition(file=record, target=to, acting_user=user)


def _make_plan(state, pytest_request):
    return RepaymentPlan.objects.create(
        file=_make_file("open", pytest_request),
        agreed_on=timezone.localdate(),
        debt=Decimal("12000.00"),
        monthly_amount=Decimal("1000.00"),
        created_by=pytest_request.getfixturevalue("eviction_caseworker"),
        status=state,
    )


def _make_instalment(state, pytest_request):
    return Instalment.objects.create(
        plan=_make_plan("active", pytest_request),
        number=1,
        due_on=timezone.localdate(),
        amount=Decimal("1000.00"),
        status=state,
    )


def _make_batch(state, pytest_request):
    return ImportBatch.objects.create(
        unit=Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION),
        filename="underrattelser.csv",
        encoding="utf-8",
        rows_ok=1,
        uploaded_by=pytest_request.getfixturevalue("eviction_caseworker"),
        status=state,
    )


def _make_run(state, pytest_request):
    today = timezone.localdate()
    if state == "ready":
        path = Path(private_storage().path(READY_FILE["file_name"]))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Månad;Underrättelser\n", encoding="utf-8")
    return ReportRun.objects.create(
        kind=ReportKind.MONTHLY,
        file_format=ReportFormat.CSV,
        period_start=today.replace(day=1),
        period_end=today,
        requested_by=pytest_request.getfixturevalue("manager"),
        state=state,
        **(READY_FILE if state == "ready" else {}),
    )


def _move_run(record, to, user):
    runner.report_run_transition(run=record, to_state=to, acting_user=user, **(READY_FILE if to == "ready" else {}))


def _make_extract(state, pytest_request):
    """An extract whose run is still queued (no file to read): the review's table does not look at the run."""
    nexus = pytest_request.getfixturevalue("nexus_caseworker")
    today = timezone.localdate()
    run = ReportRun.objects.create(
        kind=ReportKind.REGISTER_EXTRACT, period_start=today, period_end=today, requested_by=nexus
    )
    checked = {} if state == "awaiting_check" else {"checked_at": timezone.now(), "checked_by": nexus}
    return RegisterExtract.objects.create(
        person=PersonFactory(), run=run, requested_by=nexus, delivery="in_person", state=state, **checked
    )


def _move_extract(record, to, user):
    checked = {"checked_at": timezone.now(), "checked_by": user} if to == "checked" else {}
    report_services.register_extract_transition(extract=record, to_state=to, acting_user=user, **checked)


_list_years = itertools.count(2001)


def _make_retention_list(state, pytest_request):
    """A list in `state`; an approved or culled one has its approval, a superseded one the list that replaced it."""
    manager = pytest_request.getfixturevalue("manager")
    year = next(_list_years)
    fields = {}
    if state in ("approved", "culled"):
        fields = {"approved_by": manager, "approved_at": timezone.now()}
    if state == "superseded":
        fields = {"superseded_by": RetentionList.objects.create(year=year + 1000), "superseded_at": timezone.now()}
    return RetentionList.objects.create(year=year, state=state, **fields)


def _move_retention_list(record, to, user):
    fields = {}
    if to == "approved":
        fields = {"approved_by": user, "approved_at": timezone.now()}
    if to == "superseded":
        fields = {
            "superseded_by": RetentionList.objects.create(year=record.year + 2000),
            "superseded_at": timezone.now(),
        }
    culling.retention_list_transition(retention_list=record, to_state=to, acting_user=user, **fields)


def _request_maker(direction):
    def make(state, pytest_request):
        nexus = pytest_request.getfixturevalue("nexus_caseworker")
        request = open_request(pytest_request.getfixturevalue("networks"), nexus, direction=direction)
        # Sending needs the person's consent, and so does a return from the hold on revoked consent.
        relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=nexus)
        if direction == Direction.INCOMING:  # the hand-over and the rejection need Nexus's assessment on record
            assess(request, nexus)
        RelocationRequest.objects.filter(pk=request.pk).update(state=state)
        return request

    return make


def _move_request(record, to, user):
    relocation.request_transition(request=record, to_state=to, acting_user=user, reason=REASON)


SUBJECTS = {
    "housing_application": Subject(
        HousingApplication,
        _application,
        lambda record, to, user: housing_services.application_transition(
            application=record, to_status=to, acting_user=user, reason=REASON, manual=False
        ),
    ),
    "housing_offer": Subject(
        Offer,
        _make_offer,
        lambda record, to, user: housing_services.offer_transition(offer=record, to_status=to, acting_user=user),
    ),
    "housing_flat": Subject(Flat, _make_flat, _move_flat),
    "housing_contract": Subject(
        SocialContract,
        _make_contract,
        lambda record, to, user: housing_services.contract_transition(
            contract=record, to_status=to, acting_user=user, reason=REASON, closed_on=timezone.localdate()
        ),
    ),
    "eviction_file": Subject(EvictionFile, _make_file, _move_file),
    "eviction_import_batch": Subject(
        ImportBatch,
        _make_batch,
        lambda record, to, user: eviction_services.import_batch_transition(
            batch=record, to_status=to, acting_user=user
        ),
    ),
    "eviction_repayment_plan": Subject(
        RepaymentPlan,
        _make_plan,
        lambda record, to, user: eviction_services.repayment_plan_set_status(
            plan=record, status=to, on=timezone.localdate(), acting_user=user
        ),
    ),
    "eviction_instalment": Subject(
        Instalment,
        _make_instalment,
        lambda record, to, user: eviction_services.instalment_record(
            instalment=record, status=to, on=timezone.localdate(), acting_user=user
        ),
    ),
    "report_run": Subject(ReportRun, _make_run, _move_run),
    "register_extract": Subject(RegisterExtract, _make_extract, _move_extract),
    "retention_list": Subject(RetentionList, _make_retention_list, _move_retention_list),
    "relocation_incoming": Subject(RelocationRequest, _request_maker(Direction.INCOMING), _move_request),
    "relocation_outgoing": Subject(RelocationRequest, _request_maker(Direction.OUTGOING), _move_request),
}


def _states(workflow: Workflow) -> list[str]:
    """The states the table speaks of, in the order of their choices (a request's directions share one enum)."""
    named = {state for pair in workflow.edges for state in pair}
    return [state for state in workflow.states.values if state in named]


STARTS = [(name, state) for name, workflow in sorted(REGISTRY.items()) for state in _states(workflow)]


def test_every_registered_workflow_is_walked():
    assert set(REGISTRY) == set(SUBJECTS)
    for name, workflow in REGISTRY.items():
        assert SUBJECTS[name].model._meta.label == workflow.model, name


def _user(request, who):
    persona = PERSONA[who]
    return None if persona is None else request.getfixturevalue(persona)


def _attempt(subject, workflow, pk, to, user) -> str:
    """Asks for one move, undone afterwards; returns the state the record had after it, or raises the refusal."""
    try:
        with transaction.atomic():
            record = subject.model.objects.get(pk=pk)
            subject.move(record, to, user)
            moved = subject.model.objects.values_list(workflow.state_field, flat=True).get(pk=pk)
            raise Rollback(moved)
    except Rollback as done:
        return done.args[0]


@pytest.mark.parametrize(("name", "start"), STARTS, ids=[f"{name}:{start}" for name, start in STARTS])
def test_each_move_from_a_state_is_accepted_exactly_when_the_table_allows_it(request, organisation, name, start):
    workflow, subject = REGISTRY[name], SUBJECTS[name]
    pk = subject.make(start, request).pk
    named = {who for edge in workflow.edges.values() for who in edge.who}
    for to in _states(workflow):
        edge = workflow.edge(start, to)
        allowed = edge.who if edge else set()
        for who in sorted(named - allowed):
            with pytest.raises(TransitionRefused):
                _attempt(subject, workflow, pk, to, _user(request, who))
        for who in sorted(allowed)[:1]:
            assert _attempt(subject, workflow, pk, to, _user(request, who)) == to, (start, to, who)
        state = subject.model.objects.values_list(workflow.state_field, flat=True).get(pk=pk)
        assert state == start


# --- nothing else sets a state ---------------------------------------------------------------------------------------
ROOT = Path(__file__).resolve().parents[2]
# The functions that may write a `status` or `state`: each model's one transition service; registering notices in a
# batch, which reopens a file through the table with its bulk writes; and a deadline's own services (a deadline's
# state is the calendar's, with no table of moves and no one to refuse).
SETTERS = {
    ("cases/relocation/services.py", "request_transition"),
    ("housing/services/applications.py", "_move"),
    ("housing/services/offers.py", "offer_transition"),
    ("housing/services/stock.py", "flat_transition"),
    ("housing/services/contracts.py", "contract_transition"),
    ("evictions/services.py", "file_transition"),
    ("evictions/import_batches.py", "import_batch_transition"),
    ("evictions/services.py", "repayment_plan_set_status"),
    ("evictions/services.py", "instalment_record"),
    ("evictions/registration.py", "reopen"),
    ("reports/runner.py", "report_run_transition"),
    ("reports/services.py", "register_extract_transition"),
    ("cases/culling.py", "retention_list_transition"),
    ("cases/services/deadlines.py", "deadline_pause"),
    ("cases/services/deadlines.py", "deadline_resume"),
    ("cases/services/deadlines.py", "_mark_met"),  # for deadline_mark_met and deadlines_mark_met
}
# Development tooling (kompotten/devtools/: the volume generator, the load test) writes generated histories in bulk.
NOT_APP_CODE = ("migrations", "devtools")


def _state_writes(tree: ast.AST):
    """(function, line) of every `x.status = …` / `x.state = …` (also in a tuple) and `.update(status=…)`."""
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else []
            elements = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
            if any(isinstance(e, ast.Attribute) and e.attr in ("status", "state") for e in elements):
                yield function.name, node.lineno
            updates = isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "update"
            if updates and any(keyword.arg in ("status", "state") for keyword in node.keywords):
                yield function.name, node.lineno


def test_no_code_but_the_transition_services_sets_a_state():
    found = set()
    for app in ("kompotten", "cases", "housing", "evictions", "reports"):
        for path in (ROOT / app).rglob("*.py"):
            if set(NOT_APP_CODE) & set(path.parts):
                continue
            relative = str(path.relative_to(ROOT))
            for function, line in _state_writes(ast.parse(path.read_text())):
                found.add((relative, function, line))
    assert {(path, function) for path, function, _line in found} <= SETTERS, sorted(
        write for write in found if write[:2] not in SETTERS
    )
