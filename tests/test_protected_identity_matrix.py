"""The channel × role × protection level matrix (issue 18): every page with an id, every download and PDF, and every
e-mail, for every demo role and a person at each of the three protection levels and an unprotected one.

Where the role may not see who the person is (the access policy, and the product's rules stated below), no
response carries the person's name, identity number, protected address, workplace, child or child's school, nor the
former identity: it is a 404 or a placeholder. Where a page does show a protected person, the access log holds one
row naming the person for that request. Every page that takes a POST is posted to as every role, with an empty form:
a role that may not open the page gets the same 404 (or 403) as for a GET and changes nothing, and a role that may
gets its form back (or, for a bare button, the action, rolled back after the checks) with the same rules on what it
shows and logs. The registry covers every URL with an id in the project and every output that is not a page: a new
one fails here until it is listed."""

import ast
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.apps import apps
from django.db import connection, transaction
from django.urls import reverse

import pytest

from cases.access import AccessPolicy
from cases.models import AccessLogEntry, ProtectionLevel
from cases.relocation import notifications as relocation_notifications
from housing import notifications as housing_notifications
from tests.cases.test_not_found_without_access import id_url_names
from tests.protected_identity_world import World, build_world

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Page:
    case: str  # the world's case the page belongs to: NEXUS, HOUSING, EVICTION, FILED or SUPPORT below
    url: Callable[[World], str]


def _case(name, case="nexus_case", *more):
    return Page(case, lambda w: reverse(name, args=[getattr(w, case).pk, *(m(w) for m in more)]))


def _of(name, case, obj):
    return Page(case, lambda w: reverse(name, args=[getattr(w, obj).pk]))


NEXUS, HOUSING, EVICTION, FILED = "nexus_case", "housing_case", "eviction_case", "filed_case"
SUPPORT = "support_case"
PK = lambda attr: lambda w: getattr(w, attr).pk  # noqa: E731


PAGES: dict[str, Page] = {
    # cases: the case and its journal
    "cases:case_detail": _case("cases:case_detail"),
    "cases:case_history": _case("cases:case_history"),
    "cases:note_add": _case("cases:note_add"),
    "cases:note_edit": _case("cases:note_edit", NEXUS, lambda w: w.nexus_case.notes.first().pk),
    "cases:note_correct": _case("cases:note_correct", NEXUS, lambda w: w.nexus_case.notes.first().pk),
    "cases:document_add": _case("cases:document_add"),
    "cases:document_download": _case("cases:document_download", NEXUS, PK("document")),
    "cases:deadline_add": _case("cases:deadline_add"),
    "cases:deadline_change": Page(
        NEXUS,
        lambda w: reverse("cases:deadline_change", args=[w.nexus_case.pk, w.nexus_case.deadlines.first().pk, "pausa"]),
    ),
    "cases:handler_assign": _case("cases:handler_assign"),
    "cases:handler_unassign": _case(
        "cases:handler_unassign", NEXUS, lambda w: w.nexus_case.assignments.first().user_id
    ),
    "cases:access_request": _case("cases:access_request"),
    "cases:person_add": _case("cases:person_add"),
    "cases:emergency_access": _case("cases:emergency_access", NEXUS, PK("party")),
    # cases: the person
    "cases:person_detail": _of("cases:person_detail", NEXUS, "person"),
    "cases:person_edit": _of("cases:person_edit", NEXUS, "person"),
    "cases:household_member_add": _of("cases:household_member_add", NEXUS, "person"),
    "cases:protected_address_set": _of("cases:protected_address_set", NEXUS, "person"),
    "cases:former_identity_link_set": _of("cases:former_identity_link_set", NEXUS, "person"),
    # cases: the access log (managers)
    "cases:emergency_access_review": _of("cases:emergency_access_review", NEXUS, "emergency_access"),
    "cases:log_extract_pdf": _of("cases:log_extract_pdf", NEXUS, "person"),
    # cases: the relocation request
    "cases:relocation_detail": _case("cases:relocation_detail"),
    "cases:relocation_edit_details": _case("cases:relocation_edit_details"),
    "cases:relocation_transition": Page(
        NEXUS, lambda w: reverse("cases:relocation_transition", args=[w.nexus_case.pk, "withdrawn"])
    ),
    "cases:relocation_consent_add": _case("cases:relocation_consent_add"),
    "cases:relocation_consent_revoke": _case("cases:relocation_consent_revoke", NEXUS, PK("consent")),
    "cases:relocation_message": _case("cases:relocation_message"),
    "cases:relocation_document_add": _case("cases:relocation_document_add"),
    "cases:relocation_take_in": _case("cases:relocation_take_in"),
    "cases:relocation_avoid_areas": _case("cases:relocation_avoid_areas"),
    "cases:relocation_assessment_add": _case("cases:relocation_assessment_add"),
    # housing: the application, its flat, offer and contract
    "housing:referral_withdraw": _of("housing:referral_withdraw", HOUSING, "application"),
    "housing:application_detail": _of("housing:application_detail", HOUSING, "application"),
    "housing:application_checklist": _of("housing:application_checklist", HOUSING, "application"),
    "housing:application_decide": _of("housing:application_decide", HOUSING, "application"),
    "housing:application_move": Page(
        HOUSING, lambda w: reverse("housing:application_move", args=[w.application.pk, "paused"])
    ),
    "housing:decision_pdf": Page(
        HOUSING, lambda w: reverse("housing:decision_pdf", args=[w.application.pk, w.decision.pk])
    ),
    "housing:flat_edit": _of("housing:flat_edit", HOUSING, "flat"),
    "housing:flat_match": _of("housing:flat_match", HOUSING, "flat"),
    "housing:offer_make": Page(HOUSING, lambda w: reverse("housing:offer_make", args=[w.flat.pk, w.application.pk])),
    "housing:offer_answer": _of("housing:offer_answer", HOUSING, "offer"),
    "housing:contract_detail": _of("housing:contract_detail", HOUSING, "contract"),
    "housing:follow_up_add": _of("housing:follow_up_add", HOUSING, "contract"),
    "housing:contract_action": Page(
        HOUSING, lambda w: reverse("housing:contract_action", args=[w.contract.pk, "avsluta"])
    ),
    # housing: Nexus's placement, emergency flat and kundvård
    "housing:placement_end": _of("housing:placement_end", NEXUS, "placement"),
    "housing:nexus_flat_move_in": _of("housing:nexus_flat_move_in", NEXUS, "nexus_flat"),
    "housing:nexus_flat_move_out": _of("housing:nexus_flat_move_out", NEXUS, "stay"),
    "housing:nexus_flat_hand_over": _of("housing:nexus_flat_hand_over", NEXUS, "stay"),
    "housing:kundvard_decide": _of("housing:kundvard_decide", NEXUS, "kundvard"),
    "housing:support_case_detail": _case("housing:support_case_detail", SUPPORT),
    "housing:support_case_close": _case("housing:support_case_close", SUPPORT),
    "housing:support_case_open_for_person": _of("housing:support_case_open_for_person", NEXUS, "person"),
    # evictions: the file and everything in it
    **{
        name: _case(name, EVICTION)
        for name in (
            "evictions:file_detail",
            "evictions:escalation_clear",
            "evictions:register_check",
            "evictions:other_unit_add",
            "evictions:letter_add",
            "evictions:consent_add",
            "evictions:contact_add",
            "evictions:landlord_answer",
            "evictions:repayment_plan_add",
            "evictions:financial_aid_add",
            "evictions:investigation_decide",
            "evictions:file_close",
        )
    },
    "evictions:other_unit_informed": _case("evictions:other_unit_informed", EVICTION, PK("contact")),
    "evictions:letter_pdf": _case("evictions:letter_pdf", EVICTION, PK("letter")),
    "evictions:letter_outcome": _case("evictions:letter_outcome", EVICTION, PK("letter")),
    "evictions:receipt_pdf": _case("evictions:receipt_pdf", EVICTION, PK("notice")),
    "evictions:receipt_sent": _case("evictions:receipt_sent", EVICTION, PK("notice")),
    "evictions:consent_pdf": _case("evictions:consent_pdf", EVICTION, PK("eviction_consent")),
    "evictions:consent_sign": _case("evictions:consent_sign", EVICTION, PK("eviction_consent")),
    "evictions:consent_revoke": _case("evictions:consent_revoke", EVICTION, PK("eviction_consent")),
    "evictions:repayment_plan_status": _case("evictions:repayment_plan_status", EVICTION, PK("plan")),
    "evictions:instalment_record": _case(
        "evictions:instalment_record", EVICTION, lambda w: w.plan.instalments.first().pk
    ),
    "evictions:financial_aid_decide": _case("evictions:financial_aid_decide", EVICTION, PK("aid")),
    # evictions: the import preview naming the person, and the landlord meeting list with the person's file
    "evictions:import_detail": _of("evictions:import_detail", EVICTION, "import_batch"),
    "evictions:meeting_pdf": _of("evictions:meeting_pdf", EVICTION, "landlord"),
    # evictions: the joint meeting and its agenda (the person's file, and the person on the landlord's list of late
    # payers)
    "evictions:meeting_detail": _of("evictions:meeting_detail", EVICTION, "meeting"),
    "evictions:meeting_agenda_pdf": _of("evictions:meeting_agenda_pdf", EVICTION, "meeting"),
    "evictions:late_payer_add": _of("evictions:late_payer_add", EVICTION, "meeting"),
    # reports: the person's register extract, its page, its PDF and its retry (a caseworker who may open the person)
    "reports:person_extracts": _of("reports:person_extracts", NEXUS, "person"),
    "reports:extract_detail": _of("reports:extract_detail", NEXUS, "register_extract"),
    "reports:extract_pdf": _of("reports:extract_pdf", NEXUS, "register_extract"),
    "reports:extract_retry": _of("reports:extract_retry", NEXUS, "register_extract"),
}

# The request Västerås filed itself, naming the person: its own pages at its own ids (URL names of PAGES).
FILED_PAGES: dict[str, Page] = {
    **{
        name: _case(name, FILED)
        for name in (
            "cases:case_detail",
            "cases:case_history",
            "cases:relocation_detail",
            "cases:relocation_edit_details",
            "cases:relocation_consent_add",
            "cases:relocation_message",
            "cases:relocation_document_add",
            "cases:relocation_take_in",
            "cases:relocation_assessment_add",
        )
    },
    "cases:document_download": _case("cases:document_download", FILED, PK("filed_document")),
    "cases:relocation_consent_revoke": _case(
        "cases:relocation_consent_revoke", FILED, lambda w: w.filed_request.consents.get().pk
    ),
}
# Pages and files that are only read: nothing posts to them (checked: no answer of theirs holds a form posting back).
READ_ONLY = {
    "cases:case_detail",
    "cases:case_history",
    "cases:document_download",
    "cases:person_detail",
    "cases:log_extract_pdf",
    "cases:relocation_detail",
    "housing:application_detail",
    "housing:decision_pdf",
    "housing:flat_match",
    "housing:contract_detail",
    "evictions:file_detail",
    "evictions:letter_pdf",
    "evictions:receipt_pdf",
    "evictions:consent_pdf",
    "evictions:meeting_pdf",
    "evictions:meeting_agenda_pdf",
    "reports:extract_pdf",
}
# Pages whose POST has no field to fill in: the button is the whole action, so an empty POST by a role that may act
# does it (every POST here is rolled back after its checks). Any other page answers an empty POST with its form and
# saves nothing.
ACTION_BUTTONS = {
    "cases:handler_unassign": "takes the handler off the case",
    "cases:relocation_consent_revoke": "revokes the consent",
    "cases:relocation_take_in": "takes the filed person into our register",
    "evictions:escalation_clear": "clears the team lead's flag",
    "evictions:other_unit_informed": "marks the other unit informed",
    "cases:emergency_access_review": "marks the emergency access reviewed (the note is optional)",
    "evictions:import_detail": "starts the import of the previewed list",
}
# Forms whose every field is optional, so an empty one is a valid save: the least they refuse instead.
INVALID_POSTS = {"cases:relocation_edit_details": {"rooms_needed": "många"}}

NOT_ABOUT_A_PERSON = {
    "reports:run_detail": "a report run: counts only, with disclosure control (tests/reports/report_files.py)",
    "reports:run_status": "a report run's progress: no data at all",
    "reports:run_retry": "starts a report run again (POST): no data",
    "reports:run_download": "a report file: counts only, scanned by tests/reports/report_files.py",
    "housing:flat_let_to_shelter": "a free flat of the Kvinnojour pool let to the shelter itself: no person",
    # The landlord and district registers (tests/registers/test_not_found_without_access.py): organisations and
    # their contact persons at the landlord, never a tenant; the team leads and the administrator only.
    "registers:landlord_edit": "a landlord of the register: the company and its contact persons, no tenant",
    "registers:landlord_contact_add": "a landlord's contact person: staff of the landlord, no tenant",
    "registers:landlord_contact_edit": "a landlord's contact person: staff of the landlord, no tenant",
    "registers:landlord_contact_remove": "removes a landlord's contact person (POST): no tenant",
    "registers:district_edit": "a district of the municipality and its postal codes: no person",
    "registers:postal_area_add": "adds a postal-code range to a district (POST): no person",
    "registers:postal_area_remove": "removes a postal-code range of a district (POST): no person",
}

# Outputs that are not pages. E-mail: every notification the product sends is composed by one function per event.
EMAIL_EVENTS = {
    relocation_notifications.NEW: "a partner filed a new request",
    relocation_notifications.MESSAGE: "a new message in a request",
    relocation_notifications.DOCUMENT: "a new document in a request",
    relocation_notifications.STATUS: "a request moved",
}
HOUSING_EMAIL_EVENTS = {
    housing_notifications.NEW: "a referral or hand-over reached the housing unit",
    housing_notifications.DECISION: "the housing unit decided on a referral",
}
# Every template a PDF is rendered from, and where this matrix or another check covers it.
PDF_TEMPLATES = {
    "cases/log_extract_pdf.html": "cases:log_extract_pdf",
    "housing/decision_pdf.html": "housing:decision_pdf",
    "evictions/letter_pdf.html": "evictions:letter_pdf (and the administrator's preview of a letter template with "
    "sample data, evictions/admin.py: no person)",
    "evictions/receipt_pdf.html": "evictions:receipt_pdf",
    "evictions/consent_pdf.html": "evictions:consent_pdf",
    "evictions/meeting_pdf.html": "evictions:meeting_pdf",
    "evictions/meeting_agenda_pdf.html": "evictions:meeting_agenda_pdf",
    "reports/committee_pdf.html": "reports:run_download: counts only (tests/reports/report_files.py)",
    "reports/monthly_pdf.html": "reports:run_download: counts only (tests/reports/report_files.py)",
    "reports/register_extract_pdf.html": "reports:extract_pdf: its own person only (tests/reports/report_files.py)",
}
# Every place that builds an e-mail message, and what composes its text.
EMAIL_SENDERS = {
    "cases/relocation/tasks.py": "cases.relocation.notifications.compose",
    "housing/notifications.py": "housing.notifications.compose",
}

# The product's rules, by role, on who sees a person's identity in this world: the handler of each case (through
# the assignment a team lead gave); for an unprotected person also everyone of our staff who reaches a page about
# them, but never a manager without a grant, nor a partner the identity was not shared with (Västerås takes part
# in the request, identity not shared). The request Västerås filed itself: the same, and Västerås (what it filed);
# its handler is nexus_caseworker, our designated contact person. The former identity: only the handler who recorded
# the link, not everyone who sees the person.
HANDLERS = {"nexus_caseworker", "housing_handler", "eviction_caseworker"}
STAFF = {"nexus_colleague", "nexus_team_lead", "housing_team_lead", "eviction_team_lead", "administrator"}
PARTNERS = {"partner_vasteras", "partner_enkoping"}
ROLES = sorted(HANDLERS | STAFF | PARTNERS | {"manager"})
FILER, FILING_HANDLER, LINK_HOLDER = "partner_vasteras", "nexus_caseworker", "nexus_caseworker"

# (role, page label, level) → why: leaks this test found that are not fixed yet, by GET or POST. Empty: none known.
KNOWN_LEAKS: dict[tuple[str, str, str], str] = {}
# (role, page label) → why: reveals of a protected person logged twice in one request, not fixed yet.
KNOWN_DOUBLE_LOGS: dict[tuple[str, str], str] = {}
# (role, page label) → why: reveals of a protected person logged without naming the person, not fixed yet.
KNOWN_UNNAMED_LOGS: dict[tuple[str, str], str] = {}


def allowed_roles(level: str, case: str = NEXUS) -> set[str]:
    allowed = HANDLERS if level != ProtectionLevel.NONE else HANDLERS | STAFF
    return allowed | {FILER} if case == FILED else allowed


@dataclass(frozen=True)
class Entry:
    """One page of the matrix: its URL name, and the label failures and the known lists use."""

    name: str
    page: Page

    @property
    def label(self) -> str:
        return self.name if self.page.case != FILED else f"{self.name} (filed request)"


MATRIX = [Entry(name, page) for pages in (PAGES, FILED_PAGES) for name, page in pages.items()]


def test_the_registry_covers_every_url_that_takes_an_id_and_says_why_one_is_not_about_a_person():
    names = set(id_url_names())
    assert not set(PAGES) & set(NOT_ABOUT_A_PERSON)
    assert names - set(PAGES) - set(NOT_ABOUT_A_PERSON) == set(), "new URLs: add them to PAGES or NOT_ABOUT_A_PERSON"
    assert set(PAGES) | set(NOT_ABOUT_A_PERSON) == names, "URLs that no longer exist"
    assert set(FILED_PAGES) | READ_ONLY | set(ACTION_BUTTONS) | set(INVALID_POSTS) <= set(PAGES)
    assert not READ_ONLY & (set(ACTION_BUTTONS) | set(INVALID_POSTS))


def _calls_in_product(function_names: set[str]) -> dict[str, set[str]]:
    """Every product module calling one of `function_names`, with the first literal argument of each call."""
    found: dict[str, set[str]] = {}
    for app in ("cases", "housing", "evictions", "reports", "kompotten"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or "devtools" in path.parts or path.name == "pdf.py":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                    function_names
                ):
                    first = node.args[0] if node.args else None
                    value = first.value if isinstance(first, ast.Constant) else "?"
                    found.setdefault(str(path.relative_to(ROOT)), set()).add(value)
    return found


def test_every_pdf_the_product_renders_is_in_the_registry():
    rendered = set().union(*_calls_in_product({"render_pdf"}).values())
    assert rendered == set(PDF_TEMPLATES)


def test_every_place_that_sends_e_mail_is_in_the_registry_and_every_event_is_composed():
    senders = _calls_in_product({"EmailMessage", "EmailMultiAlternatives", "send_mail", "send_mass_mail"})
    assert set(senders) == set(EMAIL_SENDERS)
    for module, registered in ((relocation_notifications, EMAIL_EVENTS), (housing_notifications, HOUSING_EMAIL_EVENTS)):
        events = {v for k, v in vars(module).items() if k.isupper() and isinstance(v, str)}
        assert events == set(registered)


def _text(response) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader  # noqa: PLC0415

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # A CSRF token is 64 random letters: it would spell a short name like "Siv" now and then.
    return CSRF_TOKEN.sub("", content.decode(errors="replace"))


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
POSTING_BACK = re.compile(r'<form\b(?![^>]*\baction="[^"]+")[^>]*method="post"', re.IGNORECASE)


def _data_tables() -> list[str]:
    """Every table of the project's apps but the access log."""
    return [
        model._meta.db_table
        for app in ("kompotten", "cases", "relocation", "housing", "evictions", "reports")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
        if model._meta.managed and model is not AccessLogEntry
    ]


@cache
def _table_oids() -> tuple[list[int], int]:
    """The object ids of `_data_tables()` and of the access log, looked up once: `_writes` runs after every request
    (over two thousand a level), and casting a hundred table names to regclass each time made it the dearest query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::regclass[]::oid[], %s::regclass::oid", [_data_tables(), AccessLogEntry._meta.db_table]
        )
        data, log = cursor.fetchone()
    return list(data), log


def _writes() -> tuple[int, int]:
    """The rows this transaction has so far inserted, updated or deleted in the project's tables but the access log,
    and inserted into the access log: PostgreSQL's own counts (rolled-back savepoints included), in one cheap query."""
    data, log = _table_oids()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT sum(pg_stat_get_xact_tuples_inserted(t) + pg_stat_get_xact_tuples_updated(t)"
            " + pg_stat_get_xact_tuples_deleted(t)) FROM unnest(%s::oid[]) AS t),"
            " pg_stat_get_xact_tuples_inserted(%s::oid)",
            [data, log],
        )
        return cursor.fetchone()


LEVELS = [level.value for level in ProtectionLevel]


@dataclass
class Matrix:
    """One level's run: what each role may see, and what the requests showed and logged."""

    world: World
    level: str
    users: dict
    visible: dict = field(init=False)  # case → the roles who may see who the person is in it
    link_holders: set = field(init=False)  # the roles who may see the former identity
    failures: list = field(default_factory=list)
    leaks: set = field(default_factory=set)
    double_logs: set = field(default_factory=set)
    unnamed_logs: set = field(default_factory=set)
    shown_to_allowed: set = field(default_factory=set)
    buttons_pressed: set = field(default_factory=set)
    reveals: int = 0
    writes: tuple = (0, 0)  # `_writes()` after the last request
    last_log_pk: int = 0

    def __post_init__(self):
        world = self.world
        policies = {role: AccessPolicy(user) for role, user in self.users.items()}
        self.visible = {
            case: {
                role
                for role, policy in policies.items()
                if policy.identity_visible(world.person, getattr(world, case))
                or case == FILED
                and policy.filed_identity_visible(world.filed_request.filing)
            }
            for case in (NEXUS, HOUSING, EVICTION, FILED, SUPPORT)
        }
        self.link_holders = {role for role, policy in policies.items() if policy.former_identity_link(world.person)}
        self.last_log_pk = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.since_last()

    def since_last(self) -> tuple[bool, list]:
        """Since the last call (one request): whether data was saved, and the access-log rows written."""
        (written, logged), (written_before, logged_before) = _writes(), self.writes
        self.writes = written, logged
        rows = []
        if logged != logged_before:
            rows = list(AccessLogEntry.objects.filter(pk__gt=self.last_log_pk).order_by("pk"))
            self.last_log_pk = rows[-1].pk if rows else self.last_log_pk
        return written != written_before, rows

    def check(self, method: str, role: str, entry: Entry, url: str, response, rows: list) -> None:
        """What one response showed and the access-log rows its request wrote (`rows`), against the rules."""
        where = f"{method} {role} {entry.label} ({response.status_code})"
        if response.status_code >= 500:
            self.failures.append(where)
            return
        text = _text(response)
        shown = [marker for marker in self.world.markers if marker in text]
        person, user, case = self.world.person, self.users[role], entry.page.case
        may_see = role in self.visible[case]
        hidden = self.world.markers if not may_see else [] if role in self.link_holders else self.world.link_markers
        leaked = [marker for marker in shown if marker in hidden]
        if leaked:
            if (role, entry.label, self.level) in KNOWN_LEAKS:
                self.leaks.add((role, entry.label, self.level))
            else:
                self.failures.append(f"LEAK {where} shows {leaked}")
        elif shown:
            self.shown_to_allowed.update(shown)
            # What a partner filed is its own knowledge, not a reveal of our register: not logged.
            if person.is_protected and not (case == FILED and role == FILER):
                mine = [row for row in rows if row.user_id == user.pk]
                self._check_logged_once(where, role, entry, url, mine)
        viewed = [
            row for row in rows if row.person_id == person.pk and row.action == AccessLogEntry.Action.VIEW_IDENTITY
        ]
        if viewed and not may_see:  # (a manager's log extract is logged as a download: that is no reveal)
            self.failures.append(f"{where}: an access-log row of a reveal to a role without a grant")
        if method == "GET" and entry.name in READ_ONLY and POSTING_BACK.search(text):
            self.failures.append(f"{where}: declared READ_ONLY, but the page holds a form posting back to it")

    def _check_logged_once(self, where: str, role: str, entry: Entry, url: str, mine: list) -> None:
        self.reveals += 1
        key = (role, entry.label)
        named = [row for row in mine if row.person_id == self.world.person.pk]
        case = getattr(self.world, entry.page.case)
        unnamed = [row for row in mine if row.person_id is None and row.case_id == case.pk]
        if len(named) == 2 and key in KNOWN_DOUBLE_LOGS:
            self.double_logs.add(key)
        elif not named and unnamed and key in KNOWN_UNNAMED_LOGS:
            self.unnamed_logs.add(key)
        elif len(named) != 1:
            self.failures.append(f"{where}: {len(named)} access-log rows naming the person for one reveal, not one")
        elif named[0].action == AccessLogEntry.Action.VIEW_IDENTITY and named[0].what != url:
            self.failures.append(f"{where}: the access-log row names {named[0].what!r}, not the page")

    def post(self, client, role: str, entry: Entry, url: str, got: int) -> None:
        """An empty (or invalid) POST, rolled back after its checks so the world stays the same for the next one.
        `got` is the status the role's GET of the page answered."""
        with transaction.atomic():
            response = client.post(url, INVALID_POSTS.get(entry.name, {}))
            changed, rows = self.since_last()
            transaction.set_rollback(True)
        where = f"POST {role} {entry.label} ({response.status_code})"
        if got in (403, 404):  # no access to the page: the same answer whatever the method, and nothing saved
            if response.status_code != got or changed:
                saved = ", and the POST saved something" if changed else ""
                self.failures.append(f"{where}: a GET answers {got}{saved}")
        elif changed and entry.name in ACTION_BUTTONS:
            self.buttons_pressed.add(entry.name)
        elif changed:
            self.failures.append(f"{where}: an invalid form saved something")
        self.check("POST", role, entry, url, response, rows)


@pytest.mark.parametrize("level", LEVELS)
def test_no_role_sees_who_the_person_is_without_a_grant_and_every_reveal_is_logged(
    client, request, organisation, networks, monkeypatch, settings, level
):
    # The PDFs are read as the HTML they are made from: everything a PDF prints or carries as metadata is in it, and
    # WeasyPrint's rendering, the costliest step here, is tested with each PDF's own tests.
    monkeypatch.setattr("kompotten.pdf.render_pdf_from_html", str.encode)
    # The sessions in the (per-test) cache rather than the database: the matrix makes two thousand requests a level,
    # and reading and saving each one's session row was a tenth of its queries. Where a session is kept is no part of
    # what a page shows or logs.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    world = build_world(level, networks)
    matrix = Matrix(world, level, {role: request.getfixturevalue(role) for role in ROLES})
    rules = {case: allowed_roles(level, case) for case in matrix.visible}
    assert matrix.visible == rules, "the policy disagrees with the rules"
    assert matrix.link_holders == ({LINK_HOLDER} if world.former_identity else set())

    # The URLs once for the level: some look up an object of the world (a note, a deadline), the same for every role.
    urls = [(entry, entry.page.url(world)) for entry in MATRIX]
    for role in ROLES:
        client.force_login(matrix.users[role])
        matrix.since_last()
        for entry, url in urls:
            response = client.get(url)
            saved, rows = matrix.since_last()
            if saved:
                matrix.failures.append(f"GET {role} {entry.label}: reading the page saved something")
            matrix.check("GET", role, entry, url, response, rows)
            if entry.name not in READ_ONLY:
                matrix.post(client, role, entry, url, response.status_code)
    assert not matrix.failures, "\n".join(matrix.failures)
    assert matrix.leaks == {key for key in KNOWN_LEAKS if key[2] == level}, "a known leak is gone: remove it"
    assert matrix.shown_to_allowed == set(world.markers), "a marker no page showed even to those who may see it"
    if world.person.is_protected:
        assert matrix.double_logs == set(KNOWN_DOUBLE_LOGS), "a known double log is gone: remove it"
        assert matrix.unnamed_logs == set(KNOWN_UNNAMED_LOGS), "a known unnamed log is gone: remove it"
        # (an unprotected tenant raises no flag for the team lead to clear)
        assert matrix.buttons_pressed == set(ACTION_BUTTONS), "an action button that no role pressed"
        assert matrix.reveals, "the handlers saw the person somewhere: the matrix checked their access-log rows"


@pytest.mark.parametrize("level", LEVELS)
def test_no_e_mail_names_the_person(organisation, networks, level):
    world = build_world(level, networks)
    for request in (world.nexus_case.relocation, world.filed_request):
        for event in EMAIL_EVENTS:
            subject, body = relocation_notifications.compose(request, event)
            text = f"{subject}\n{body}"
            assert request.case.number in text
            assert not [marker for marker in world.markers if marker in text], event
    application = world.housing_case.housing_application
    for event in HOUSING_EMAIL_EVENTS:
        subject, body = housing_notifications.compose(application, event)
        text = f"{subject}\n{body}"
        assert application.case.number in text
        assert not [marker for marker in world.markers if marker in text], event
