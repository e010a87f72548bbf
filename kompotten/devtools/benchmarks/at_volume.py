"""The benchmark at volume (`manage.py benchmark --scale ci|large-city`): each main page for a caseworker who
holds object grants on their caseload and for a manager, beside two baselines measured in the same run:

- bare: the page's rows fetched with the plainest ORM query that respects the same access policy (the visible
  rows of the page in their simplest order, and the count the page shows), without selector, view or template;
- admin: a Django admin changelist of the same model (25 rows, its own count) built from a throw-away
  `ModelAdmin` that is never registered: the admin site does not list case data, by design.

Ratios to those baselines hold on a noisy machine where absolute times do not.
"""

import statistics
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.conf import settings
from django.contrib import admin
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.db.models import Count
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from cases import log_review
from cases.access import AccessPolicy
from cases.calendar import due_horizon
from cases.models import AccessLogEntry, Case, Culling, Deadline, Landlord, Person
from cases.relocation.models import RelocationRequest
from cases.relocation.selectors import visible_requests
from cases.selectors import overdue_deadlines_per_unit
from evictions import selectors as eviction_selectors
from evictions.models import EvictionFile, ImportBatch
from evictions.services import import_batch_preview, import_batch_run, import_batch_transition
from evictions.workflow import NOT_CLOSED, FileStatus
from housing import queue, workflow
from housing.models import HousingApplication
from housing.selectors import applications
from kompotten.devtools.demo.evictions import demo_identity_number
from kompotten.models import User
from reports import dashboard

PAGE = 25
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@dataclass
class Page:
    label: str
    user: User
    url: str
    bare: object = None  # callable(policy) -> rows
    admin: tuple | None = None  # (model, list_display)
    uncached: bool = False  # timed with Django's cache turned off (a dummy cache): the page counts afresh


@dataclass
class Timing:
    median: float
    p95: float
    queries: int


def _page(rows, total) -> list:
    total.count()
    return list(rows[:PAGE])


def _cases(policy):
    visible = policy.cases().filter(closed_on__isnull=True)
    return _page(visible.order_by("-year", "-sequence").values("pk", "year", "sequence", "kind", "opened_on"), visible)


def _requests(policy):
    visible = visible_requests(policy)
    return _page(
        visible.order_by("-case__year", "-case__sequence").values("pk", "state", "municipality__short_name"), visible
    )


def _applications(policy):
    visible = applications(policy).filter(status__in=workflow.OPEN)
    return _page(visible.order_by("-referred_on", "-id").values("pk", "status", "referred_on"), visible)


def _inbox(policy):
    """The team lead's inbox on the housing start page: undecided referrals without a handler, oldest first."""
    waiting = applications(policy).filter(status__in=workflow.UNDECIDED, case__assignments__isnull=True)
    return _page(waiting.order_by("referred_on", "id").values("pk", "status", "referred_on"), waiting)


def _queue(policy):
    visible = applications(policy).filter(status=workflow.ApplicationStatus.APPROVED)
    return _page(queue.in_queue_order(applications(policy)).values("pk", "decided_on"), visible)


def _files(policy):
    visible = eviction_selectors.visible_files(policy).filter(status=FileStatus.OPEN)
    return _page(visible.order_by("-escalated", "-case__year", "-case__sequence").values("pk", "status"), visible)


def _due(policy):
    cases = policy.cases().filter(kind=Case.Kind.EVICTION, eviction_file__status__in=NOT_CLOSED)
    end = due_horizon(timezone.localdate())
    due = Deadline.objects.filter(case__in=cases, status=Deadline.Status.RUNNING, due_on__lte=end)
    return _page(due.order_by("due_on", "pk").values("pk", "due_on", "label"), due)


def _assessments(policy):
    received = visible_requests(policy).filter(state="received")
    return list(received.order_by("case__opened_on").values("pk", "received_on")[:20])


def _log_entries(policy):
    return AccessLogEntry.objects.filter(user__unit__municipality_id=policy.user.unit.municipality_id)


def _review(policy):
    """The month the review opens on (the last one): views per user in one GROUP BY, a page of the accesses by
    users who are not handlers, and how many they are."""
    start, end = log_review.month_period(None)
    since, until = (timezone.make_aware(datetime.combine(day, clock.min)) for day in (start, end + timedelta(days=1)))
    month = _log_entries(policy).filter(at__gte=since, at__lt=until)
    views = month.filter(action=AccessLogEntry.Action.VIEW_IDENTITY).order_by()
    counts = list(views.values("user_id").annotate(n=Count("pk")))
    not_assigned = month.exclude(grant=AccessLogEntry.Grant.ASSIGNMENT)
    not_assigned.count()
    return counts + list(not_assigned.order_by("-at", "-id").values("pk", "at", "user_id")[: log_review.PAGE_SIZE])


def _log(policy):
    """The newest page of the log, as the page reads it: no count."""
    rows = _log_entries(policy).order_by("-at", "-id").values("pk", "at", "action")
    return list(rows[: log_review.PAGE_SIZE + 1])


def _cullings(policy):
    """The newest page of the culling log and its count (management sees it whole, as the page does)."""
    rows = Culling.objects.order_by("-at", "-id").values("pk", "at", "case_number", "record_kind", "approved_by")
    return _page(rows, Culling.objects.all())


def _dashboard(policy):
    """The dashboard's figures: the committee's, the overdue deadlines, last month's log counts (which
    `log_review` caches: an ended month never changes)."""
    today = timezone.localdate()
    start, end = log_review.month_period(None)
    counts = log_review.month_counts(policy, start, end)
    return [dashboard.figures(today), overdue_deadlines_per_unit(policy, today), counts]


def _by_name(name):
    matching = Person.objects.filter(family_name__icontains=name)
    return lambda policy: list(
        policy.persons(among=matching).order_by("family_name", "given_name").values("pk", "given_name")[:50]
    )


def _by_number(number):
    return lambda policy: list(
        policy.persons(among=Person.objects.filter(identity_number=number)).values("pk", "given_name")
    )


def _case(pk):
    def bare(policy):
        case = policy.cases().get(pk=pk)
        return [
            list(case.parties.values("person__given_name", "role")),
            list(case.events.values("action", "at")[:100]),
            list(case.deadlines.values("label", "due_on")),
        ]

    return bare


def pages() -> list[Page]:
    """The pages to time, for the demo users who (after generate_volume) hold a caseload of grants. Detail pages
    and searches use the user's first case, so a larger volume measures the same one."""
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@uppsala.example")}
    nexus, housing, eviction, manager = users["nexus"], users["bostad"], users["vrakning"], users["chef"]
    housing_lead = users["gruppledare.bostad"]
    relocation = Case.objects.filter(kind=Case.Kind.RELOCATION, assignments__user=nexus).order_by("pk").first()
    application = HousingApplication.objects.filter(case__assignments__user=housing).order_by("pk").first()
    file = EvictionFile.objects.filter(case__assignments__user=eviction).order_by("pk").first()
    person = Person.objects.filter(parties__case__assignments__user=nexus).order_by("pk").first()
    case_admin = (Case, ["__str__", "kind", "opened_on", "closed_on", "unit"])
    request_admin = (RelocationRequest, ["__str__", "direction", "state", "municipality", "network"])
    application_admin = (HousingApplication, ["__str__", "referral_kind", "status", "referred_on"])
    file_admin = (EvictionFile, ["__str__", "status", "escalated", "has_children", "district"])
    log_admin = (AccessLogEntry, ["__str__", "user", "action", "grant"])
    person_admin = (Person, ["__str__", "given_name", "family_name"])
    culling_admin = (Culling, ["case_number", "record_kind", "at", "approved_by"])
    return [
        Page("cases", nexus, "/arenden/", _cases, case_admin),
        Page("cases", manager, "/arenden/", _cases, case_admin),
        Page("relocation requests", nexus, "/arenden/forfragningar/", _requests, request_admin),
        Page("relocation requests", manager, "/arenden/forfragningar/", _requests, request_admin),
        Page("assessments due (Nexus start)", nexus, "/arenden/nexus/", _assessments, request_admin),
        Page("housing applications", housing, "/bostad/ansokningar/", _applications, application_admin),
        Page("housing queue", housing, "/bostad/ko/", _queue, application_admin),
        Page("housing start page (inbox)", housing_lead, "/bostad/", _inbox, application_admin),
        Page("eviction files", eviction, "/vrakning/arenden/", _files, file_admin),
        Page("eviction due list", eviction, "/vrakning/att-gora/", _due, None),
        Page("access log", manager, "/arenden/atkomstlogg/", _log, log_admin),
        Page("access log review", manager, "/arenden/atkomstlogg/granskning/", _review, log_admin),
        Page("culling log", manager, "/arenden/gallring/logg/", _cullings, culling_admin),
        Page("managers' dashboard (cached)", manager, "/rapporter/oversikt/", _dashboard, None),
        Page("managers' dashboard (counted afresh)", manager, "/rapporter/oversikt/", _dashboard, None, uncached=True),
        Page(
            "search by name",
            nexus,
            f"/arenden/personer/?q={person.family_name}",
            _by_name(person.family_name),
            person_admin,
        ),
        Page(
            "search by name",
            manager,
            f"/arenden/personer/?q={person.family_name}",
            _by_name(person.family_name),
            person_admin,
        ),
        Page(
            "search by personnummer",
            nexus,
            f"/arenden/personer/?q={person.identity_number}",
            _by_number(person.identity_number),
            person_admin,
        ),
        Page("case page", nexus, f"/arenden/{relocation.pk}/", _case(relocation.pk), None),
        Page("relocation request page", nexus, f"/arenden/{relocation.pk}/forfragan/", _case(relocation.pk), None),
        Page(
            "housing application page",
            housing,
            f"/bostad/ansokningar/{application.pk}/",
            _case(application.case_id),
            None,
        ),
        Page("eviction file page", eviction, f"/vrakning/arenden/{file.case_id}/", _case(file.case_id), None),
    ]


def _stats(timings: list[float], queries: int) -> Timing:
    timings.sort()
    return Timing(statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))], queries)


def time_page(page: Page, repeat: int) -> Timing | None:
    """The page through the whole stack (middleware, view, template); None when the user may not open it."""
    if page.uncached:
        with override_settings(CACHES=NO_CACHE):
            return time_page(replace(page, uncached=False), repeat)
    client = Client(SERVER_NAME=settings.ALLOWED_HOSTS[0].lstrip("."))
    client.force_login(page.user)
    if client.get(page.url).status_code != 200:  # the warm-up
        return None
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(page.url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (page.url, response.status_code)
    return _stats(timings, len(queries))


def time_bare(page: Page, repeat: int) -> Timing:
    if page.uncached:
        with override_settings(CACHES=NO_CACHE):
            return time_bare(replace(page, uncached=False), repeat)
    page.bare(AccessPolicy(page.user))
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            page.bare(AccessPolicy(page.user))
            timings.append((time.perf_counter() - started) * 1000)
    return _stats(timings, len(queries))


# The admin's changelist without its breadcrumbs: they link the model's app in the admin, and an app with no model
# registered there (the case core registers none: people are never listed in the admin) has no such page.
CHANGE_LIST = engines["django"].from_string(
    '{% extends "admin/change_list.html" %}{% block breadcrumbs %}{% endblock %}'
)


def time_admin(page: Page, superuser: User, repeat: int) -> Timing | None:
    if page.admin is None:
        return None
    model, columns = page.admin
    attributes = {"list_display": columns, "list_per_page": PAGE, "change_list_template": CHANGE_LIST}
    model_admin = type("BenchmarkAdmin", (admin.ModelAdmin,), attributes)(model, admin.site)
    request = RequestFactory().get("/admin/")
    request.user, request.session = superuser, SessionStore()
    model_admin.changelist_view(request).render()
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            model_admin.changelist_view(request).render()
            timings.append((time.perf_counter() - started) * 1000)
    return _stats(timings, len(queries))


IMPORT_ROWS = {"large-city": 10_000, "ci": 60}  # the 10,000 notices; a few at CI scale


def time_import(scale: str, repeat: int) -> tuple[Timing, float]:
    """The CSV import of notices by the eviction caseworker: the preview, then the import task's service, each run
    rolled back. Most rows are new households; every tenth names a tenant of the volume (joining or reopening their
    file), every hundredth a protected person, every fiftieth repeats an earlier household, every fortieth lies in
    another municipality. Returns the import's timing (and its queries) and the last preview's seconds."""

    rows, caseworker = IMPORT_ROWS[scale], User.objects.get(email="vrakning@uppsala.example")
    known = list(
        Person.objects.filter(parties__case__kind=Case.Kind.EVICTION, protection_level="none")
        .order_by("pk")
        .values_list("identity_number", flat=True)[: rows // 10]
    )
    protected = list(
        Person.objects.exclude(protection_level="none")
        .order_by("pk")
        .values_list("identity_number", flat=True)[: max(rows // 100, 1)]
    )
    candidates = [demo_identity_number(n, born_from=date(1921, 1, 1)) for n in range(rows * 2)]
    taken = set(Person.objects.filter(identity_number__in=candidates).values_list("identity_number", flat=True))
    fresh = iter(number for number in candidates if number not in taken)
    landlords = list(Landlord.objects.order_by("pk").values_list("name", flat=True)[:10]) or ["Bench Fastigheter"]
    today = timezone.localdate().isoformat()
    lines = [
        "mottagen;avsandare;typ;skal;kapital;delgiven;fornamn;efternamn;personnummer;adress;postnummer;"
        "hyresvard;hyresvardstyp;barn"
    ]
    numbers = []
    for n in range(rows):
        if n % 100 == 99 and protected:
            number = protected[n // 100 % len(protected)]
        elif n % 50 == 49:
            number = numbers[n - 25]
        elif n % 10 == 9 and known:
            number = known[n // 10 % len(known)]
        else:
            number = next(fresh)
        numbers.append(number)
        code = "72212" if n % 40 == 39 else ("75320", "75321", "75227", "75757")[n % 4]
        children = "ja" if n % 4 == 0 else ""
        lines.append(
            f"{today};inkasso;uppsägning;hyresskuld;{9000 + n};{today};Import;Hyresgäst{n};{number};"
            f"Importgatan {n};{code};{landlords[n % len(landlords)]};privat;{children}"
        )
    raw = "\r\n".join(lines).encode("cp1252")
    timings, preview = [], 0.0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            started = time.perf_counter()
            batch = import_batch_preview(raw=raw, filename="volym.csv", unit=caseworker.unit, acting_user=caseworker)
            preview = time.perf_counter() - started
            # As import_batch_queue leaves it, without enqueuing the task.
            import_batch_transition(batch=batch, to_status=ImportBatch.Status.QUEUED, acting_user=caseworker)
            started = time.perf_counter()
            batch = import_batch_run(batch=batch, acting_user=caseworker)
            timings.append((time.perf_counter() - started) * 1000)
            assert batch.imported_count == batch.rows_ok > 0, batch.error
            transaction.set_rollback(True)
    return _stats(timings, len(queries)), preview


def superuser() -> User:
    """A superuser for the admin baseline; the benchmark rolls it back with everything else it wrote."""
    return User.objects.create_superuser("benchmark-admin@volym.example", None, first_name="B", last_name="A")
