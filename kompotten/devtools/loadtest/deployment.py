"""The load test's own deployment: a database made for it and the production processes, started by bin/production.

The processes run with production settings (DJANGO_DEBUG=false, a fresh secret key, allowed hosts 127.0.0.1)
and listen on a loopback port only. Two things are relaxed, both through their documented variables:
`KOMPOTTEN_REQUIRE_2FA=false`, as in the production smoke test (a TOTP code is accepted once per device and
30 seconds, so simulated users sharing a manager's account could not all pass the second step; the step itself is
tested in tests/kompotten/test_two_factor.py), and `KOMPOTTEN_BROKER_VISIBILITY_SECONDS`, shortened so that the
tasks a killed worker held come back within the run instead of after an hour.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.contrib.auth.models import Group

import psycopg
import redis

from kompotten.models import User
from kompotten.roles import Role

ROOT = Path(__file__).resolve().parents[3]  # the repository: kompotten/devtools/loadtest/ is three levels down
PYTHON = sys.executable
SIMULATED_ROLES = (
    Role.EVICTION_CASEWORKER,
    Role.NEXUS_CASEWORKER,
    Role.HOUSING_HANDLER,
    Role.MANAGER,
    Role.PARTNER_CONTACT,
)
# The generated staff (generate_volume) cannot log in; the load test gives them the demo users' password.
# Through simple-history's bulk helper, as every bulk write on a tracked model (tests/test_history_is_not_bypassed.py).
STAFF_PASSWORDS = (
    "from django.conf import settings; from django.contrib.auth.hashers import make_password; "
    "from simple_history.utils import bulk_update_with_history; "
    "from kompotten.models import User; from kompotten.devtools.volume import STAFF_DOMAIN; "
    "staff = list(User.objects.filter(email__endswith='@' + STAFF_DOMAIN)); "
    "password = make_password(settings.DEMO_PASSWORD); "
    "[setattr(user, 'password', password) for user in staff]; "
    "bulk_update_with_history(staff, User, ['password'], batch_size=500)"
)


def database_url(server_url: str, name: str) -> str:
    """`server_url` (a DATABASE_URL) with another database name."""
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def recreate_database(server_url: str, name: str, template: str = "") -> None:
    """An empty database, or a copy of `template` (a migrated one saves the migrations' time)."""
    with psycopg.connect(database_url(server_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        for attempt in range(10):
            try:
                connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
                return
            except psycopg.errors.ObjectInUse:  # the template's last session (a process just stopped) is closing
                if attempt == 9:
                    raise
                time.sleep(1)


def drop_database(server_url: str, name: str) -> None:
    with psycopg.connect(database_url(server_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _base_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "KOMPOTTEN_"))}


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


def prepare_database(url: str, log=print) -> None:
    """Migrations and the CI volume of generate_volume (which loads the demo, seed_demo, first), in development
    mode (generate_volume refuses production); then the generated staff can log in."""
    env = {**_base_environment(), "DJANGO_DEBUG": "true", "DATABASE_URL": url, "REDIS_URL": ""}  # tasks in process
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["generate_volume", "--scale", "ci", "--seed", "1"],
        ["shell", "-c", STAFF_PASSWORDS],
    ):
        started = time.monotonic()
        _run([PYTHON, "manage.py", *command], env)
        log(f"  {command[0]} {time.monotonic() - started:.0f} s")


def accounts(url: str) -> dict[str, list[str]]:
    """The active users of each simulated role, by e-mail."""
    memberships = User.groups.through._meta.db_table
    query = (
        f"SELECT g.name, u.email FROM {User._meta.db_table} u JOIN {memberships} m ON m.user_id = u.id "  # noqa: S608
        f"JOIN {Group._meta.db_table} g ON g.id = m.group_id WHERE u.is_active AND g.name = ANY(%s) ORDER BY u.email"
    )
    found: dict[str, list[str]] = {role.value: [] for role in SIMULATED_ROLES}
    with psycopg.connect(url) as connection:
        for role, email in connection.execute(query, [[role.value for role in SIMULATED_ROLES]]):
            found[role].append(email)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@dataclass
class Deployment:
    """`bin/production web` and `worker` on a loopback port; `stop()` ends every process it started."""

    database_url: str
    redis_url: str
    work_dir: Path
    web_workers: int = 4
    worker_concurrency: int = 2
    visibility_seconds: int = 20
    port: int = field(default_factory=free_port)
    processes: list[Process] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def media_root(self) -> Path:
        return self.work_dir / "private_media"

    def environment(self) -> dict[str, str]:
        return {
            **_base_environment(),
            "DJANGO_SETTINGS_MODULE": "kompotten.settings.base",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "KOMPOTTEN_PRIVATE_MEDIA_ROOT": str(self.media_root),
            "KOMPOTTEN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(self.web_workers),
            "CELERY_WORKER_CONCURRENCY": str(self.worker_concurrency),
            "KOMPOTTEN_REQUIRE_2FA": "false",
            "KOMPOTTEN_BROKER_VISIBILITY_SECONDS": str(self.visibility_seconds),
            "KOMPOTTEN_LOG_FORMAT": "json",
        }

    def start(self, log=print) -> None:
        self.media_root.mkdir(parents=True, exist_ok=True)
        redis.Redis.from_url(self.redis_url).flushdb()  # no task of an earlier run may name this run's report ids
        started = time.monotonic()
        _run([str(ROOT / "bin/production"), "collectstatic"], self.environment())
        log(f"  collectstatic {time.monotonic() - started:.0f} s")
        self.env = self.environment()
        self._start("web")
        self.start_worker()
        self.wait_until_ready()
        login_page = urllib.request.Request(self.base_url + "/logga-in/", headers={"X-Forwarded-Proto": "https"})  # noqa: S310
        for _ in range(4 * self.web_workers):  # each gunicorn worker's first request loads the templates; not a user's
            urllib.request.urlopen(login_page, timeout=30).close()  # noqa: S310 - loopback

    def _start(self, name: str) -> Process:
        log = self.work_dir / f"{name}-{len(self.processes)}.log"
        with log.open("w") as out:
            popen = subprocess.Popen(  # noqa: S603
                [str(ROOT / "bin/production"), name],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def start_worker(self) -> Process:
        return self._start("worker")

    def kill_worker(self) -> None:
        """SIGKILL to the worker and its pool processes at once, as the kernel's OOM killer or a lost machine would."""
        worker = self.workers()[-1]
        os.killpg(worker.popen.pid, signal.SIGKILL)
        worker.popen.wait()

    def workers(self) -> list[Process]:
        return [process for process in self.processes if process.name == "worker"]

    def worker_output(self) -> str:
        return "\n".join(process.output() for process in self.workers())

    def wait_until_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.popen.poll() is not None and process.popen.returncode != -signal.SIGKILL:
                    raise RuntimeError(f"{process.name} stopped:\n{process.output()}")
            try:
                with urllib.request.urlopen(self.base_url + "/health/ready/", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"The web process did not become ready within {timeout:.0f} s.")

    def stop(self) -> None:
        """SIGTERM to each main process, as a container engine stops one; SIGKILL to what is left after 30 s."""
        running = [process for process in self.processes if process.popen.poll() is None]
        for process in running:
            process.popen.terminate()
        deadline = time.monotonic() + 30
        for process in running:
            try:
                process.popen.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(process.popen.pid, signal.SIGKILL)
                process.popen.wait()
