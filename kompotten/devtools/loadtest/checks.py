"""After a phase: is every write the app confirmed in the database, once, and is every ordered report ready once?

Read with plain SQL on the load test's own database (the checking process is connected to another one); the
table names come from the models.
"""

import hashlib
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from cases.models import JournalNote
from evictions.models import Notice
from reports.models import ReportRun, RunState

MARKER = r"[A-Za-z0-9]+-p\d-u\d{3}-w\d{4}"


@dataclass
class WriteCheck:
    kind: str
    confirmed: int  # the app said "saved" to the simulated user
    found: int  # rows in the database carrying this phase's markers
    missing: list[str] = field(default_factory=list)  # confirmed but not in the database: lost writes
    duplicated: list[str] = field(default_factory=list)  # a marker on more than one row


@dataclass
class ReportCheck:
    ordered: int
    ready: int
    problems: list[str] = field(default_factory=list)
    attempts: Counter = field(default_factory=Counter)  # runs by how many attempts it took to make them


def read_records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _markers_in_database(url: str, marker_prefix: str) -> dict[str, Counter]:
    pattern = re.compile(MARKER)
    queries = {
        "note": f"SELECT text FROM {JournalNote._meta.db_table} WHERE text LIKE %s",  # noqa: S608
        "notice": f"SELECT sender_reference FROM {Notice._meta.db_table} WHERE sender_reference LIKE %s",  # noqa: S608
    }
    found = {}
    with psycopg.connect(url) as connection:
        for kind, query in queries.items():
            found[kind] = Counter(
                marker
                for (value,) in connection.execute(query, [f"%{marker_prefix}-%"])
                for marker in pattern.findall(value)
                if marker.startswith(f"{marker_prefix}-")
            )
    return found


def check_writes(url: str, records: list[dict], marker_prefix: str) -> list[WriteCheck]:
    in_database = _markers_in_database(url, marker_prefix)
    checks = []
    for kind in ("notice", "note"):
        confirmed = [record["marker"] for record in records if record["kind"] == kind]
        counts = in_database[kind]
        checks.append(
            WriteCheck(
                kind=kind,
                confirmed=len(confirmed),
                found=sum(counts.values()),
                missing=[marker for marker in confirmed if counts[marker] == 0],
                duplicated=[marker for marker, count in counts.items() if count > 1],
            )
        )
    return checks


def _runs(url: str, run_ids: list[int]) -> list[tuple]:
    query = (
        f"SELECT id, state, attempts, file_name, checksum FROM {ReportRun._meta.db_table} "  # noqa: S608
        "WHERE id = ANY(%s) ORDER BY id"
    )
    with psycopg.connect(url) as connection:
        return connection.execute(query, [run_ids]).fetchall()


def wait_for_reports(url: str, run_ids: list[int], timeout: float) -> None:
    """Until every run is ready or failed, or `timeout` seconds have passed (the check then says which are not)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(state in (RunState.READY, RunState.FAILED) for _, state, *_ in _runs(url, run_ids)):
            return
        time.sleep(1)


def runs_in_progress(url: str) -> dict[str, int]:
    query = f"SELECT state, count(*) FROM {ReportRun._meta.db_table} WHERE state = ANY(%s) GROUP BY state"  # noqa: S608
    with psycopg.connect(url) as connection:
        return dict(connection.execute(query, [[RunState.QUEUED.value, RunState.RUNNING.value]]).fetchall())


def check_reports(url: str, run_ids: list[int], media_root: Path, worker_log: str) -> ReportCheck:
    """Every ordered run is ready with exactly one file, whose checksum is the run's, and the workers' logs say
    `report_run_ready` once for it: no report lost, none produced twice."""
    rows = _runs(url, run_ids)
    ready_logged = Counter()
    for line in worker_log.splitlines():
        if '"report_run_ready"' in line:
            ready_logged[json.loads(line)["run_id"]] += 1
    check = ReportCheck(ordered=len(run_ids), ready=sum(1 for row in rows if row[1] == RunState.READY))
    if len(rows) != len(set(run_ids)):
        check.problems.append(f"{len(set(run_ids)) - len(rows)} ordered runs are not in the database")
    for run_id, state, attempts, file_name, checksum in rows:
        check.attempts[attempts] += 1
        files = sorted(path for path in (media_root / "reports" / str(run_id)).glob("*") if path.is_file())
        if state != RunState.READY:
            check.problems.append(f"run {run_id} is {state}, not ready")
        elif [path.relative_to(media_root).as_posix() for path in files] != [file_name]:
            check.problems.append(f"run {run_id} has the files {[path.name for path in files]}, not one")
        elif hashlib.sha256(files[0].read_bytes()).hexdigest() != checksum:
            check.problems.append(f"run {run_id}'s file does not match its checksum")
        if ready_logged[run_id] != 1:
            check.problems.append(f"run {run_id} was made ready {ready_logged[run_id]} times")
    return check
