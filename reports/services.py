"""Every write of the reports app: asking for a report run, retrying a failed one, recording a download; asking for
a person's register extract, checking it and releasing it.

A run is enqueued only after the transaction that created it commits (the worker must find the row), and the task
is given the run's id, never any figure or name: broker messages sit in Redis in clear text.
"""

import calendar
import logging
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import AccessLogEntry, Person
from cases.outbound import looks_like_identity_number
from kompotten.models import User
from kompotten.workflow import locked_state, who_is
from reports import runner
from reports.models import (
    Delivery,
    ExtractState,
    RegisterExtract,
    ReportDownload,
    ReportFormat,
    ReportKind,
    ReportRun,
    RunOrigin,
    RunState,
)
from reports.runner import TIME_LIMIT, generate_report
from reports.workflow import REGISTER_EXTRACT

logger = logging.getLogger(__name__)

# Every report in every format: the committee report's CSV and workbook hold the PDF's tables (reports.exports).
FORMATS = {
    ReportKind.ANNUAL: [ReportFormat.PDF, ReportFormat.CSV, ReportFormat.XLSX],
    ReportKind.RANGE: [ReportFormat.PDF, ReportFormat.CSV, ReportFormat.XLSX],
    ReportKind.MONTHLY: [ReportFormat.PDF, ReportFormat.CSV, ReportFormat.XLSX],
}
# The oldest period a report may cover: nothing was recorded in Kompotten before it.
EARLIEST = date(2000, 1, 1)
# A run still queued this long after its task was sent has lost its message; this long after, it is given up.
STALLED = timedelta(seconds=TIME_LIMIT + 4 * 60)
ABANDONED = timedelta(hours=6)


def year_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def month_period(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def is_whole_period(start: date, end: date) -> bool:
    """A calendar month, a calendar quarter, or one or more whole calendar years: the periods a report that leaves
    the unit may cover (disclosure control: two overlapping periods of any length would give single events back)."""
    if start.day != 1 or end != month_period(end.year, end.month)[1]:
        return False
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return months == 1 or (months == 3 and start.month in (1, 4, 7, 10)) or (start.month == 1 and end.month == 12)


def validate_period(kind: str, file_format: str, start: date, end: date, *, today: date | None = None) -> None:
    """Swedish messages for a period no report can cover: in the future, backwards, not a whole month, quarter or
    years, or a format the kind lacks."""
    today = today or timezone.localdate()
    if end < start:
        raise ValidationError({"period_end": _("Periodens slut måste vara samma dag som början eller senare.")})
    if start > today:
        raise ValidationError(
            {"period_start": _("Perioden har inte börjat än. Välj en period som börjar i dag eller tidigare.")}
        )
    if start < EARLIEST:
        raise ValidationError({"period_start": _("Välj en period från år 2000 eller senare.")})
    if not is_whole_period(start, end):
        raise ValidationError(
            {
                "period_start": _(
                    "En rapport som lämnar enheten gäller en hel kalendermånad, ett helt kvartal eller hela "
                    "kalenderår, så att två perioder inte kan dras från varandra för att peka ut enstaka händelser."
                )
            }
        )
    if file_format not in FORMATS[ReportKind(kind)]:
        raise ValidationError({"file_format": _("Den här rapporten finns inte i det formatet.")})


def validate_commentary(commentary: str) -> None:
    """The commentary leaves the unit in the report: a personal identity number in it is refused, with a Swedish
    message naming the field (a name cannot be told from an ordinary word; the help text asks for none)."""
    if looks_like_identity_number(commentary):
        raise ValidationError(
            {
                "commentary": _(
                    "Kommentar till nämnden får inte innehålla personnummer eller samordningsnummer. Ta bort numret; "
                    "kommentaren skrivs ut i rapporten som lämnar enheten."
                )
            }
        )


@transaction.atomic
def report_run_request(
    *,
    kind: str,
    period_start: date,
    period_end: date,
    file_format: str = ReportFormat.PDF,
    acting_user: User | None,
    origin: str = RunOrigin.MANAGER,
    commentary: str = "",
) -> ReportRun:
    """Asks for a report: a manager (`acting_user`), Celery beat or the command line (`origin`, no user). A committee
    report may carry the manager's `commentary`, kept with the run and printed in its own section."""
    if (acting_user is None) != (origin != RunOrigin.MANAGER):
        raise ValueError("A manager's run names the manager; a scheduled or command-line run names nobody.")
    validate_period(kind, file_format, period_start, period_end)
    validate_commentary(commentary)
    run = ReportRun.objects.create(
        kind=kind,
        file_format=file_format,
        period_start=period_start,
        period_end=period_end,
        parameters={"start": period_start.isoformat(), "end": period_end.isoformat(), "format": file_format},
        requested_by=acting_user,
        origin=origin,
        commentary=commentary.strip(),
    )
    _enqueue(run)
    logger.info("report_run_requested", extra={"run_id": run.pk, "kind": kind, "origin": origin})
    return run


def _requeue(run: ReportRun, acting_user: User) -> None:
    """A failed run back to the queue as if new (the same row, so its history and its extract stay attached)."""
    runner.report_run_transition(
        run=run,
        to_state=RunState.QUEUED,
        acting_user=acting_user,
        failure_reason="",
        progress=0,
        step="",
        attempts=0,
        claim_token="",
        started_at=None,
        finished_at=None,
        queued_at=timezone.now(),
    )


@transaction.atomic
def report_run_retry(*, run: ReportRun, acting_user: User) -> ReportRun:
    """A failed run is queued again, as the same run: its file, when there is one, replaces nothing."""
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if run.state != RunState.FAILED:
        raise ValidationError(_("Bara en rapport som misslyckades kan göras om."))
    _requeue(run, acting_user)
    _enqueue(run)
    logger.info("report_run_retried", extra={"run_id": run.pk, "user_id": acting_user.pk})
    return run


def report_runs_requeue_stalled(*, now=None) -> tuple[list[int], list[int]]:
    """Beat's sweep for runs whose broker message was lost (Redis restarted without its data, say): a run still
    queued, or still running after no attempt can still be alive (the task's hard time limit), is sent again after
    `STALLED`, which is safe because the runner makes a file at most once; one still unfinished `ABANDONED` after it
    was queued is failed with a reason, so the manager sees it and can order it again rather than wait forever.
    Returns the ids sent again and the ids failed."""
    now = now or timezone.now()
    stale = ReportRun.objects.filter(
        Q(state=RunState.QUEUED, queued_at__lt=now - STALLED) | Q(state=RunState.RUNNING, started_at__lt=now - STALLED)
    )
    abandoned = list(stale.filter(queued_at__lt=now - ABANDONED).values_list("pk", flat=True))
    for run_id in abandoned:
        runner.give_up(
            run_id, _("Rapporten kunde inte skapas eftersom bakgrundstjänsten inte svarade. Beställ den igen.")
        )
    stalled = list(stale.values_list("pk", flat=True))  # the abandoned ones are failed now
    for run_id in stalled:
        generate_report.delay(run_id)
    if stalled or abandoned:
        logger.warning("report_runs_stalled", extra={"requeued": stalled, "failed": abandoned})
    return stalled, abandoned


def report_download_record(*, run: ReportRun, user: User, ip_address: str | None) -> ReportDownload:
    return ReportDownload.objects.create(run=run, user=user, ip_address=ip_address)


# --- register extracts (registerutdrag, GDPR article 15) ---------------------------------------------------------
def _refuse_registered_address(person: Person, delivery: str) -> None:
    if delivery == Delivery.REGISTERED_ADDRESS and person.is_protected:
        raise ValidationError(
            {
                "delivery": _(
                    "Personen har skyddade personuppgifter: utdraget skickas inte till folkbokföringsadressen. Välj "
                    "att lämna över det personligen eller att skicka det till en adress som personen har uppgett."
                )
            }
        )


@transaction.atomic
def register_extract_request(
    *, person: Person, delivery: str, delivery_address: str = "", acting_user: User
) -> RegisterExtract:
    """A caseworker who may open the person asks for her register extract (the view has opened her through the
    policy); its run makes the PDF in the background. The broker message holds the run's id only."""
    _refuse_registered_address(person, delivery)
    delivery_address = delivery_address.strip() if delivery == Delivery.GIVEN_ADDRESS else ""
    if delivery == Delivery.GIVEN_ADDRESS and not delivery_address:
        raise ValidationError({"delivery_address": _("Skriv adressen som personen vill få utdraget skickat till.")})
    today = timezone.localdate()
    run = ReportRun.objects.create(
        kind=ReportKind.REGISTER_EXTRACT,
        period_start=EARLIEST,
        period_end=today,
        # Whether she was protected when asking: an extract of an unprotected person prints her address.
        parameters={"format": ReportFormat.PDF, "protected": person.is_protected},
        requested_by=acting_user,
    )
    extract = RegisterExtract(
        person=person, run=run, requested_by=acting_user, delivery=delivery, delivery_address=delivery_address
    )
    extract._history_user = acting_user
    extract.save()
    _enqueue(run)
    logger.info("register_extract_requested", extra={"extract_id": extract.pk, "run_id": run.pk})
    return extract


@transaction.atomic
def register_extract_retry(*, extract: RegisterExtract, acting_user: User) -> RegisterExtract:
    """A caseworker who may order the person's extract (the view has opened her through the policy) has its failed
    run made again: the same run, queued anew (`_requeue`), and the extract's `retries` counted, so its history says
    who retried it and when. Only a failed run: one being made or made is refused. The log names the extract, its
    run and the user, nothing about the person."""
    run = ReportRun.objects.select_for_update().get(pk=extract.run_id)
    if run.kind != ReportKind.REGISTER_EXTRACT or run.state != RunState.FAILED:
        raise ValidationError(_("Bara ett utdrag som inte kunde skapas kan göras om."))
    _requeue(run, acting_user)
    extract = RegisterExtract.objects.select_for_update().get(pk=extract.pk)
    extract.retries += 1
    extract._history_user = acting_user
    extract.save(update_fields=["retries"])
    _enqueue(run)
    logger.info(
        "register_extract_retried",
        extra={"extract_id": extract.pk, "run_id": run.pk, "user_id": acting_user.pk, "retries": extract.retries},
    )
    return extract


@transaction.atomic
def register_extract_transition(*, extract: RegisterExtract, to_state: str, acting_user: User, **fields):
    """The one service that moves an extract's review, along an edge of `reports.workflow.REGISTER_EXTRACT`."""
    REGISTER_EXTRACT.check(locked_state(extract, "state"), to_state, who_is(acting_user))
    extract.state = to_state
    for name, value in fields.items():
        setattr(extract, name, value)
    extract._history_user = acting_user
    extract.save(update_fields=["state", *fields])
    return extract


def register_extract_check(*, extract: RegisterExtract, acting_user: User) -> RegisterExtract:
    """The checker has read the PDF (opened it since it was made: the access log holds that) and found it fit to
    leave: nobody else in it."""
    if extract.run.state != RunState.READY:
        raise ValidationError(_("Utdraget är inte klart än. Vänta tills PDF:en är skapad."))
    read = AccessLogEntry.objects.filter(
        user=acting_user,
        person_id=extract.person_id,
        action=AccessLogEntry.Action.DOWNLOAD_PDF,
        what=extract.log_label,
        at__gte=extract.run.finished_at,
    )
    if not read.exists():
        raise ValidationError(_("Läs utdraget innan du markerar det som kontrollerat: öppna PDF:en och gå igenom den."))
    return register_extract_transition(
        extract=extract,
        to_state=ExtractState.CHECKED,
        acting_user=acting_user,
        checked_by=acting_user,
        checked_at=timezone.now(),
    )


def register_extract_release(*, extract: RegisterExtract, acting_user: User) -> RegisterExtract:
    """Released as asked for; never before the check (the workflow has no such edge), never to a protected person's
    registered address, and not at all when she became protected after asking (it may print her address)."""
    person = Person.objects.get(pk=extract.person_id)
    _refuse_registered_address(person, extract.delivery)
    if person.is_protected and not extract.run.parameters.get("protected"):
        raise ValidationError(
            _(
                "Personen har fått skyddade personuppgifter sedan utdraget beställdes, och utdraget kan innehålla "
                "hennes adress. Beställ ett nytt utdrag."
            )
        )
    return register_extract_transition(
        extract=extract,
        to_state=ExtractState.RELEASED,
        acting_user=acting_user,
        released_by=acting_user,
        released_at=timezone.now(),
    )


def _enqueue(run: ReportRun) -> None:
    run_id = run.pk
    transaction.on_commit(lambda: generate_report.delay(run_id))
