"""Runs the load test: set up, a steady phase, a phase with the Celery worker killed and restarted, checks, summary.

Each phase is one headless locust run in a subprocess, bounded by time (`duration`) and by requests
(`max_requests`); users stop after their current action when the time is up, so every write either was confirmed
to its user or never happened. Everything started here is stopped at the end, whatever happened.
"""

import json
import secrets
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kompotten.devtools.loadtest import checks
from kompotten.devtools.loadtest.deployment import (
    PYTHON,
    Deployment,
    accounts,
    database_url,
    drop_database,
    prepare_database,
)
from kompotten.devtools.loadtest.deployment import recreate_database as recreate

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Which role each next simulated user takes: every role among the first five, then the eviction team (the largest)
# and the caseworkers more often.
ROLE_CYCLE = [
    "eviction_caseworker",
    "nexus_caseworker",
    "housing_handler",
    "manager",
    "partner_contact",
    "eviction_caseworker",
    "nexus_caseworker",
    "housing_handler",
    "eviction_caseworker",
    "manager",
]


@dataclass
class Options:
    server_url: str  # a DATABASE_URL on the PostgreSQL server to use; the database itself is `database`
    redis_url: str  # a Redis database of the load test's own: it is emptied first
    database: str = "kompotten_loadtest"
    users: int = 50
    spawn_rate: float = 1  # users logging in a second: a morning, not a stampede on the password hash
    duration: int = 180  # seconds per phase
    max_requests: int = 50_000  # per phase
    wait_seconds: tuple[float, float] = (2, 6)  # between one user's actions
    reports_each: int = 1  # report orders per simulated manager and phase
    web_workers: int = 4
    worker_concurrency: int = 2
    visibility_seconds: int = 20  # KOMPOTTEN_BROKER_VISIBILITY_SECONDS: how long the killed worker's tasks wait
    template: str = ""  # copy this database (migrated, with or without the demo) instead of starting empty
    keep: bool = False  # keep the database and the work folder afterwards


@dataclass
class Latency:
    name: str
    requests: int
    failures: int
    per_second: float
    p50: float
    p95: float
    p99: float
    maximum: float

    @classmethod
    def of(cls, name: str, timings: list) -> "Latency":
        """From (request, started, milliseconds, failure) rows: exact percentiles, throughput over their span."""
        times = sorted(row[2] for row in timings) or [0.0]
        cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
        span = max((row[1] + row[2] / 1000 for row in timings), default=0) - min((row[1] for row in timings), default=0)
        return cls(
            name=name,
            requests=len(timings),
            failures=sum(1 for row in timings if row[3]),
            per_second=len(timings) / span if span else 0.0,
            p50=cuts[49],
            p95=cuts[94],
            p99=cuts[98],
            maximum=times[-1],
        )


@dataclass
class Phase:
    name: str
    total: Latency
    after_login: Latency  # every request but the logins (one a user, with the password hash's deliberate cost)
    pages: list[Latency]
    failures: list[str]
    writes: list[checks.WriteCheck]
    reports: checks.ReportCheck
    server_errors: int
    events: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        found = [f"{self.total.failures} failed requests"] if self.total.failures else []
        found += [f"{self.name}: no request was made"] if not self.total.requests else []
        found += [f"{self.server_errors} server errors (5xx) in the web log"] if self.server_errors else []
        for write in self.writes:
            found += [f"lost {write.kind}: {marker}" for marker in write.missing]
            found += [f"{write.kind} written twice: {marker}" for marker in write.duplicated]
            if write.found != write.confirmed:
                found.append(f"{write.found} {write.kind}s in the database, {write.confirmed} confirmed")
        found += self.reports.problems
        return found


@dataclass
class Summary:
    options: Options
    roles: Counter
    phases: list[Phase]

    @property
    def problems(self) -> list[str]:
        return [f"{phase.name}: {problem}" for phase in self.phases for problem in phase.problems]

    def text(self) -> str:
        o = self.options
        lines = [
            f"Load test on loopback: {o.users} users ({', '.join(f'{n} {r}' for r, n in self.roles.items())}), "
            f"{o.duration} s a phase, {o.wait_seconds[0]:g}–{o.wait_seconds[1]:g} s between actions; gunicorn "
            f"{o.web_workers} workers, Celery {o.worker_concurrency} processes, PostgreSQL, Redis.",
            "",
            f"{'phase':<15} {'requests':>8} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7} {'errors':>6} "
            f"{'notices':>7} {'notes':>5} {'reports':>7} {'lost':>4}",
        ]
        for phase in self.phases:
            writes = {write.kind: write for write in phase.writes}
            lost = sum(len(write.missing) for write in phase.writes) + phase.reports.ordered - phase.reports.ready
            for label, t in ((phase.name, phase.total), ("  no logins", phase.after_login)):
                lines.append(
                    f"{label:<15} {t.requests:>8} {t.per_second:>6.1f} {t.p50:>4.0f}ms {t.p95:>4.0f}ms "
                    f"{t.p99:>4.0f}ms {t.maximum:>5.0f}ms {t.failures:>6}"
                    + (
                        f" {writes['notice'].found:>7} {writes['note'].found:>5} "
                        f"{phase.reports.ready:>3}/{phase.reports.ordered:<3} {lost:>4}"
                        if t is phase.total
                        else ""
                    )
                )
        for phase in self.phases:
            lines += [f"{phase.name}: {event}" for event in phase.events]
            attempts = ", ".join(
                f"{n} in {a} attempt{'s' if a > 1 else ''}" for a, n in sorted(phase.reports.attempts.items())
            )
            lines.append(f"{phase.name}: reports made {attempts or '–'}")
            slowest = sorted(phase.pages, key=lambda page: page.p95, reverse=True)[:5]
            lines.append(f"{phase.name}: slowest p95: " + "; ".join(f"{p.name} {p.p95:.0f} ms" for p in slowest))
            lines += [f"{phase.name}: failure: {failure}" for failure in phase.failures]
        lines.append("")
        lines.append(
            "PASSED: zero errors, zero lost writes, every report ready exactly once."
            if not self.problems
            else "FAILED:\n  " + "\n  ".join(self.problems)
        )
        return "\n".join(lines)


def _plan(options: Options, accounts_by_role: dict[str, list[str]]) -> tuple[list[dict], Counter]:
    users, taken = [], Counter()
    for number in range(options.users):
        role = ROLE_CYCLE[number % len(ROLE_CYCLE)]
        pool = accounts_by_role[role]
        users.append({"email": pool[taken[role] % len(pool)], "role": role})
        taken[role] += 1
    return users, taken


def _read_timings(path: Path) -> tuple[Latency, Latency, list[Latency], list[str]]:
    timings = json.loads(path.read_text())
    by_request: dict[str, list] = {}
    for row in timings:
        by_request.setdefault(row[0], []).append(row)
    failures = Counter(f"{row[0]}: {row[3]}" for row in timings if row[3])
    return (
        Latency.of("all", timings),
        Latency.of(
            "no logins",
            [row for row in timings if not row[0].endswith("/logga-in/") and not row[0].endswith("/logga-in/ (POST)")],
        ),
        [Latency.of(name, rows) for name, rows in sorted(by_request.items())],
        [f"{count}× {failure}" for failure, count in failures.items()],
    )


def _server_errors(log: str) -> int:
    count = 0
    for line in log.splitlines():
        if '"request_finished"' in line and json.loads(line).get("status", 0) >= 500:
            count += 1
    return count


def _kill_and_restart(deployment: Deployment, url: str, wait_for_work: float, events: list[str]) -> None:
    """Once a report is running (or after `wait_for_work` seconds), SIGKILL the worker; start a new one when the
    broker's visibility timeout has passed, so it takes the dead worker's tasks back at once."""
    started, deadline = time.monotonic(), time.monotonic() + wait_for_work
    while time.monotonic() < deadline and not checks.runs_in_progress(url).get("running"):
        time.sleep(0.3)
    in_progress = checks.runs_in_progress(url)
    deployment.kill_worker()
    killed = time.monotonic()
    events.append(
        f"worker killed (SIGKILL) {killed - started:.0f} s into the phase with {in_progress.get('running', 0)} "
        f"reports running and {in_progress.get('queued', 0)} queued"
    )
    if not in_progress.get("running"):
        events.append("no report was running when the worker was killed")
    time.sleep(deployment.visibility_seconds + 2)
    deployment.start_worker()
    events.append(f"worker restarted {time.monotonic() - killed:.0f} s after the kill")


def run_phase(
    number: int,
    name: str,
    options: Options,
    deployment: Deployment,
    users: list[dict],
    *,
    tag: str,
    password: str,
    kill_worker: bool = False,
) -> Phase:
    work = deployment.work_dir / f"phase{number}"
    work.mkdir()
    marker = f"{tag}-p{number}"
    plan = {
        "users": users,
        "password": password,
        "marker": marker,
        "records": str(work / "writes.jsonl"),
        "identity_offset": 30_000 * (number - 1),
        "reports_each": options.reports_each,
        "timings": str(work / "timings.json"),
        "wait_seconds": list(options.wait_seconds),
        "max_requests": options.max_requests,
    }
    (work / "plan.json").write_text(json.dumps(plan))
    command = [
        PYTHON,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        deployment.base_url,
        "--users",
        str(options.users),
        "--spawn-rate",
        str(options.spawn_rate),
        "--run-time",
        f"{options.duration}s",
        "--stop-timeout",
        "60",
        "--only-summary",
        "--exit-code-on-error",
        "0",
    ]
    events: list[str] = []
    killer = None
    if kill_worker:
        killer = threading.Thread(
            target=_kill_and_restart, args=(deployment, deployment.database_url, options.duration / 2, events)
        )
    with (work / "locust.log").open("w") as log:
        locust = subprocess.Popen(  # noqa: S603
            command,
            env={**deployment.env, "LOADTEST_PLAN": str(work / "plan.json")},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            if killer:
                killer.start()
            locust.wait(timeout=options.duration + 120)
        finally:
            if locust.poll() is None:
                locust.kill()
                locust.wait()
            if killer:
                killer.join()
    if locust.returncode != 0:
        raise RuntimeError(f"locust stopped with {locust.returncode}:\n{(work / 'locust.log').read_text()}")
    records = checks.read_records(work / "writes.jsonl")
    run_ids = [record["run"] for record in records if record["kind"] == "report"]
    waited = time.monotonic()
    checks.wait_for_reports(deployment.database_url, run_ids, timeout=2 * options.visibility_seconds + 180)
    events.append(f"the last report was finished {time.monotonic() - waited:.0f} s after the users stopped")
    total, after_login, pages, failures = _read_timings(work / "timings.json")
    return Phase(
        name=name,
        total=total,
        after_login=after_login,
        pages=pages,
        failures=failures,
        events=events,
        writes=checks.check_writes(deployment.database_url, records, marker),
        reports=checks.check_reports(
            deployment.database_url, run_ids, deployment.media_root, deployment.worker_output()
        ),
        server_errors=_server_errors("\n".join(p.output() for p in deployment.processes if p.name == "web")),
    )


def run(options: Options, *, password: str, log=print) -> Summary:
    """Sets up, runs both phases and returns the summary; stops what it started and drops the database (unless
    `options.keep`) whatever happened."""
    url = database_url(options.server_url, options.database)
    work_dir = Path(tempfile.mkdtemp(prefix="kompotten-loadtest-"))
    deployment = Deployment(
        url,
        options.redis_url,
        work_dir,
        web_workers=options.web_workers,
        worker_concurrency=options.worker_concurrency,
        visibility_seconds=options.visibility_seconds,
    )
    identity = {"tag": f"LT{secrets.token_hex(3)}", "password": password}
    failed = True
    try:
        log(f"Database {options.database}: migrate, generate_volume --scale ci (with seed_demo) …")
        recreate(options.server_url, options.database, options.template)
        prepare_database(url, log)
        users, roles = _plan(options, accounts(url))
        log(f"Starting gunicorn ({options.web_workers} workers) and the Celery worker on {deployment.base_url} …")
        deployment.start(log)
        log(f"Phase 1, steady: {options.users} users for {options.duration} s …")
        steady = run_phase(1, "steady", options, deployment, users, **identity)
        log(f"Phase 2, the worker killed and restarted: {options.users} users for {options.duration} s …")
        killed = run_phase(2, "worker killed", options, deployment, users, kill_worker=True, **identity)
        summary = Summary(options, roles, [steady, killed])
        failed = bool(summary.problems)  # keep the logs to look into
        return summary
    finally:
        deployment.stop()
        if options.keep:
            log(f"Kept the database {options.database}.")
        else:
            drop_database(options.server_url, options.database)
        if options.keep or failed:
            log(f"Kept the logs in {work_dir}.")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
