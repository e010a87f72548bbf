"""A production deployment on this machine, started with the commands the image and the compose file run.

The processes run as subprocesses of bin/production with production settings (DJANGO_DEBUG=false, a secret key,
allowed hosts; two-factor authentication relaxed by its documented variable) against a database of their own on
the local PostgreSQL, the local Redis, and a documents folder of their own.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

import pytest

from kompotten.loadtest import deployment
from kompotten.loadtest.deployment import Process

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def database_url(name: str) -> str:
    """The test run's PostgreSQL server (DATABASE_URL, set by the test settings) with another database name."""
    return deployment.database_url(os.environ["DATABASE_URL"], name)


def base_database_name() -> str:
    return urlsplit(os.environ["DATABASE_URL"]).path.strip("/")


def recreate_database(name: str) -> None:
    deployment.recreate_database(os.environ["DATABASE_URL"], name)


def drop_database(name: str) -> None:
    deployment.drop_database(os.environ["DATABASE_URL"], name)


def production_environment(database: str, media_root: Path) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "KOMPOTTEN_"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "kompotten.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(database),
        "REDIS_URL": settings.REDIS_URL,
        "KOMPOTTEN_PRIVATE_MEDIA_ROOT": str(media_root),
        "KOMPOTTEN_REQUIRE_2FA": "false",
        "DJANGO_LOG_LEVEL": "INFO",
    }


def run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def manage(env: dict[str, str], *arguments: str) -> str:
    return run([PYTHON, "manage.py", *arguments], env)


@dataclass
class Deployment:
    env: dict[str, str]
    database: str
    media_root: Path


@pytest.fixture(scope="session")
def demo_deployment(tmp_path_factory):
    """A migrated database with the demo loaded, made by the production commands (once per test run)."""
    name = f"{base_database_name()}_production"
    media_root = tmp_path_factory.mktemp("production") / "private_media"
    env = production_environment(name, media_root)
    recreate_database(name)
    run([str(ROOT / "bin/production"), "collectstatic"], env)
    run([str(ROOT / "bin/production"), "migrate"], env)
    manage(env, "seed_demo")
    yield Deployment(env, name, media_root)
    drop_database(name)
    shutil.rmtree(media_root, ignore_errors=True)


@contextmanager
def started(env: dict[str, str], log_dir: Path, *names: str):
    """Starts `bin/production NAME` for each name; stops every one of them at the end, whatever happened."""
    processes = []
    try:
        for name in names:
            log = log_dir / f"{name}.log"
            with log.open("w") as out:
                popen = subprocess.Popen(  # noqa: S603
                    [str(ROOT / "bin/production"), name], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            processes.append(Process(name, popen, log))
        yield {process.name: process for process in processes}
    finally:
        for process in processes:
            if process.popen.poll() is None:
                process.popen.terminate()  # SIGTERM to the main process only, as a container engine stops one
        deadline = time.monotonic() + 30
        for process in processes:
            try:
                process.popen.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(process.popen.pid, signal.SIGKILL)
                process.popen.wait()
