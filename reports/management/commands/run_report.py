"""`python manage.py run_report annual --year 2025 --out report.pdf` (also `monthly --month 2025-03 [--format csv]`
and `range --from 2025-01-01 --to 2025-06-30`): asks for a report run exactly as a manager does, waits for it with a
progress bar and writes the file. With a broker (REDIS_URL) a worker makes it; without one it is made in this
process, as every task is then."""

import hashlib
import re
import sys
import time
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cases.storage import private_storage
from kompotten.celery import app as celery_app
from reports import services
from reports.models import ReportFormat, ReportKind, ReportRun, RunOrigin, RunState

BAR_WIDTH = 30
POLL_SECONDS = 0.5


def _month(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(value)
    return int(match[1]), int(match[2])


class Command(BaseCommand):
    help = "Makes a report (annual, monthly or range) through the report job, waits for it and writes the file."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True)
        annual = kinds.add_parser("annual", help="the annual committee report (PDF)")
        annual.add_argument("--year", type=int, required=True)
        monthly = kinds.add_parser("monthly", help="the month's eviction-prevention statistics")
        monthly.add_argument("--month", type=_month, required=True, help="YYYY-MM")
        monthly.add_argument("--format", choices=ReportFormat.values, default=ReportFormat.PDF)
        period = kinds.add_parser("range", help="the committee report for any period (PDF)")
        period.add_argument("--from", dest="start", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
        period.add_argument("--to", dest="end", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
        for sub in (annual, monthly, period):
            sub.add_argument("--out", type=Path, help="where to write the file (default: its own name, here)")
            sub.add_argument("--timeout", type=int, default=900, help="seconds to wait for the worker")

    def handle(self, *args, kind, out=None, timeout=900, **options):
        if kind == ReportKind.ANNUAL:
            start, end = services.year_period(options["year"])
        elif kind == ReportKind.MONTHLY:
            start, end = services.month_period(*options["month"])
        else:
            start, end = options["start"], options["end"]
        started = time.monotonic()
        try:
            run = services.report_run_request(
                kind=kind,
                period_start=start,
                period_end=end,
                file_format=options.get("format", ReportFormat.PDF),
                acting_user=None,
                origin=RunOrigin.COMMAND,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        where = "in this process" if celery_app.conf.task_always_eager else "by a worker (queue: reports)"
        self.stderr.write(f"Report run {run.pk} queued; made {where}.")
        run = self._wait(run, timeout)
        self.stderr.write(f"Finished in {time.monotonic() - started:.1f} s.")
        if run.state == RunState.FAILED:
            raise CommandError(f"The report failed: {run.failure_reason}")
        self._write(run, out or Path(run.download_name))

    def _wait(self, run: ReportRun, timeout: int) -> ReportRun:
        deadline = time.monotonic() + timeout
        while True:
            run.refresh_from_db()
            self._bar(run)
            if run.is_finished:
                self.stderr.write("")
                return run
            if time.monotonic() > deadline:
                raise CommandError(
                    f"No result after {timeout} s. Is a worker consuming the 'reports' queue? The run (id {run.pk}) "
                    "stays queued and is made when one does."
                )
            time.sleep(POLL_SECONDS)

    def _bar(self, run: ReportRun) -> None:
        done = round(BAR_WIDTH * run.progress / 100)
        line = f"\r[{'#' * done}{'.' * (BAR_WIDTH - done)}] {run.progress:3d} % {run.get_state_display()}: {run.step}"
        sys.stderr.write(line[:110].ljust(110))
        sys.stderr.flush()

    def _write(self, run: ReportRun, out: Path) -> None:
        with private_storage().open(run.file_name, "rb") as handle:
            content = handle.read()
        if hashlib.sha256(content).hexdigest() != run.checksum:
            raise CommandError("The stored file does not match its checksum; it was not written.")
        out.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {out} ({len(content)} bytes, sha256 {run.checksum})."))
