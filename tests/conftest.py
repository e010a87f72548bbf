"""The shared cast: the demo organisation and one named persona per role, as every test sees them."""

import copy
import importlib
import io
import json
import logging
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

import pytest
from celery.contrib.testing.worker import start_worker

from kompotten import context_processors
from kompotten.celery import app as celery_app
from kompotten.devtools.demo import kompotten as demo
from kompotten.models import Municipality, User
from kompotten.roles import ROLE_PERMISSIONS
from kompotten.structured_logging import RequestContextFilter, SafeJsonFormatter


def restore_migration_data():
    """Transactional tests (browser, worker) flush every table, also the rows that data migrations load."""
    if not Municipality.objects.exists():
        importlib.import_module("kompotten.migrations.0002_load_reference_data").load(apps, None)
    if not Group.objects.exists():
        # The groups as the migrations leave them: the first table, then every later grant (kompotten.roles).
        importlib.import_module("kompotten.migrations.0003_roles").create_roles(apps, None)
        for role, names in ROLE_PERMISSIONS.items():
            labels = [name.split(".") for name in names]
            permissions = [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in labels]
            Group.objects.get_or_create(name=role.value)[0].permissions.set(permissions)
    if not apps.get_model("housing", "DecisionDeadlineRule").objects.exists():
        importlib.import_module("housing.migrations.0002_catalogues_and_administrator").forwards(apps, None)
        importlib.import_module("housing.migrations.0004_landlord_catalogues_for_administrator").forwards(apps, None)
        importlib.import_module("housing.migrations.0006_decline_reasons").forwards(apps, None)
        importlib.import_module("housing.migrations.0009_nexus_catalogues_for_administrator").forwards(apps, None)
    if not apps.get_model("evictions", "LetterTemplate").objects.exists():
        importlib.import_module("evictions.migrations.0005_letter_templates").load(apps, None)
        importlib.import_module("evictions.migrations.0021_letters_give_contact_debt_and_last_day").forwards(apps, None)
    if not apps.get_model("cases", "RetentionRule").objects.exists():
        importlib.import_module("cases.migrations.0026_retention_rules_and_access_log_culling").rules(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # A reused test database may have been flushed by the transactional tests of an earlier run.
    with django_db_blocker.unblock():
        restore_migration_data()
        # The header's municipality name is read once per process; read it now, so that no test's query count
        # depends on whether an earlier test rendered a page first.
        context_processors._host_name(settings.HOST_MUNICIPALITY_CODE)


@pytest.fixture(scope="module")
def demo_installation(django_db_setup, django_db_blocker):
    """The demo (`seed_demo`) once for a whole module, on the suite date, inside a transaction rolled back after the
    module's last test: each test of the module runs in a savepoint on top of it, as on an empty database. Seeding
    takes over a minute, so the modules that read the demo share one seeding instead of one per test. Not for
    transactional tests (a live server or a worker thread cannot see the uncommitted demo)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # the tests' own atomic blocks nest inside, as under Django's TestCase
        outer.__enter__()
        call_command("seed_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def organisation(db):
    restore_migration_data()
    demo.seed_organisation()


def _persona(email):
    @pytest.fixture
    def persona(organisation) -> User:
        return User.objects.get(email=email)

    return persona


nexus_caseworker = _persona("nexus@uppsala.example")
nexus_colleague = _persona("nexus2@uppsala.example")
housing_handler = _persona("bostad@uppsala.example")
eviction_caseworker = _persona("vrakning@uppsala.example")
manager = _persona("chef@uppsala.example")
administrator = _persona("admin@uppsala.example")
nexus_team_lead = _persona("gruppledare.nexus@uppsala.example")
housing_team_lead = _persona("gruppledare.bostad@uppsala.example")
eviction_team_lead = _persona("gruppledare.vrakning@uppsala.example")
partner_vasteras = _persona("kontakt@vasteras.example")
partner_enkoping = _persona("kontakt@enkoping.example")


@pytest.fixture
def celery_worker_over_redis(transactional_db, settings):
    """A real Celery worker, consuming from the Redis broker the settings name, in a thread of this process."""
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not celery_app.conf.task_always_eager
    restore_migration_data()
    celery_app.control.purge()  # tasks other tests enqueued without a worker belong to data that is gone
    queues = [queue.name for queue in settings.CELERY_TASK_QUEUES]  # the short tasks' queue and the reports'
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=queues) as worker:
        yield worker


class LoopbackProvider:
    """The OpenID provider of tests/oidc/provider.mjs, running; its accounts: a JSON file it reads at every lookup."""

    def __init__(self, issuer: str, accounts_file: Path):
        self.issuer = issuer
        self.accounts_file = accounts_file
        self.accounts: dict = {}

    def add_account(self, sub: str, *, email: str, password: str, groups: list[str], given_name="", family_name=""):
        self.accounts[sub] = {
            "email": email,
            "password": password,
            "groups": groups,
            "given_name": given_name,
            "family_name": family_name,
        }
        self._write()

    def remove_account(self, sub: str) -> None:
        del self.accounts[sub]
        self._write()

    def _write(self) -> None:
        self.accounts_file.write_text(json.dumps(self.accounts))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def oidc_provider(live_server, settings, tmp_path):
    """A real OpenID Connect provider (the `oidc-provider` npm package) on a free loopback port, with the settings
    that switch Kompotten's login through it on, its one client's redirect URI being the live server's callback."""
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    provider = LoopbackProvider(issuer, tmp_path / "accounts.json")
    provider._write()
    env = {
        **os.environ,
        "PORT": str(port),
        "ACCOUNTS_FILE": str(provider.accounts_file),
        "CLIENT_ID": "kompotten",
        "CLIENT_SECRET": "kompotten-test-secret",
        "REDIRECT_URI": live_server.url + reverse("oidc_callback"),
        "POST_LOGOUT_REDIRECT_URI": live_server.url + reverse("login"),
    }
    log = tmp_path / "provider.log"
    script = settings.BASE_DIR / "tests" / "oidc" / "provider.mjs"
    node = shutil.which("node")
    with log.open("w") as output:
        process = subprocess.Popen([node, str(script)], env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        _wait_for(f"{issuer}/.well-known/openid-configuration", process, log)
        settings.OIDC_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = env["CLIENT_ID"]
        settings.OIDC_RP_CLIENT_SECRET = env["CLIENT_SECRET"]
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{issuer}/auth"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{issuer}/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{issuer}/me"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{issuer}/jwks"
        settings.OIDC_OP_END_SESSION_ENDPOINT = f"{issuer}/session/end"
        settings.OIDC_RP_SCOPES = "openid email profile groups"
        backends = list(settings.AUTHENTICATION_BACKENDS)
        backends.insert(1, "kompotten.identity_provider.ProviderBackend")
        settings.AUTHENTICATION_BACKENDS = backends
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(settings.OIDC_OP_END_SESSION_ENDPOINT)
        settings.CONTENT_SECURITY_POLICY = policy
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The OpenID provider stopped: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - loopback, http
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The OpenID provider did not answer within {timeout} s: {log.read_text()}")


@pytest.fixture
def json_log():
    """Every log record, as the production handler writes it (JSON, request context, identity numbers masked), at
    the configured levels; returns a function giving the records so far as dicts."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(SafeJsonFormatter())
    handler.addFilter(RequestContextFilter())
    loggers = [logging.getLogger(), logging.getLogger("django")]  # "django" does not propagate (settings.LOGGING)
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines() if line]
    for logger in loggers:
        logger.removeHandler(handler)


from tests.cases.relocation.world import networks  # noqa: E402, F401 - shared by the relocation and browser tests

# The test clock: every test runs on a date it states (tests/clock.py).
pytest_plugins = ["tests.clock"]


@pytest.fixture(autouse=True)
def emails_are_scanned_for_personal_data(settings):
    """Every e-mail sent anywhere in the suite goes to the outbox through tests.email_backend, which fails the send
    if it carries personal data. (Django's test set-up puts the plain in-memory backend in place; this replaces it.)"""
    settings.EMAIL_BACKEND = "tests.email_backend.LeakCheckingEmailBackend"


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: figures cached by one test's data never answer another's."""
    cache.clear()


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """`with run_tasks(): ...` runs the tasks enqueued inside in this process once the block's changes are committed,
    as the product does without a broker."""

    @contextmanager
    def eagerly():
        celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
        try:
            with django_capture_on_commit_callbacks(execute=True):
                yield
        finally:
            celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = False

    return eagerly


@pytest.fixture(autouse=True)
def report_files_carry_no_personal_data(request):
    """After every test that used the database, before its data is gone: the text of every report file it made (PDF,
    CSV, workbook) holds no name, personal identity number or address of anyone in the database."""
    names = set(request.fixturenames)
    if not names & {"db", "transactional_db"}:
        yield
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
    yield
    from tests.reports.report_files import assert_no_leaks  # noqa: PLC0415 - pypdf and openpyxl only when needed

    assert_no_leaks()
