"""A production deployment on this machine, started with the commands the image and the compose file run.

The processes run as subprocesses of bin/production with production settings (DJANGO_DEBUG=false, a secret key,
allowed hosts; two-factor authentication relaxed by its documented variable) against a database of their own on
the local PostgreSQL, the local Redis, and a documents folder of their own.
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

import pytest

from kompotten.devtools.loadtest import deployment
from kompotten.devtools.loadtest.deployment import Process

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
                    [str(ROOT / "bin/production"), name],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
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


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """A browser that keeps its own cookies. Behind the TLS-terminating proxy of production (the default) it says
    X-Forwarded-Proto: https; in front of bin/run's development server it speaks plain HTTP."""

    def __init__(self, base: str, behind_proxy: bool = True):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirects)
        proxy = {"X-Forwarded-Proto": "https", "Origin": base.replace("http:", "https:")}
        self.headers = proxy if behind_proxy else {"Origin": base}

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        headers = {**self.headers, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310 - loopback
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({key: morsel.value for key, morsel in SimpleCookie(header).items()})
        return response.status, response.headers, response.read().decode()

    def get(self, path: str, **kwargs):
        return self.request(path, **kwargs)

    def follow(self, path: str):
        status, headers, body = self.get(path)
        while status in (301, 302):
            status, headers, body = self.get(headers["Location"])
        return status, headers, body

    def log_in(self, email: str, password: str = settings.DEMO_PASSWORD) -> int:
        """The login form filled in and sent, with the CSRF token it carries; the answer's status (302: logged in)."""
        status, _, login_page = self.get("/logga-in/")
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
        credentials = {"csrfmiddlewaretoken": token, "username": email, "password": password}
        return self.request("/logga-in/", data=credentials)[0]
