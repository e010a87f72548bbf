"""The production path, end to end over real HTTP: the commands the image and the compose file run start, serve,
log safely and stop. No container engine is needed: bin/production is what both of them run."""

import json
import re
import time
import urllib.error
import urllib.request

import psycopg
import pytest

from kompotten.celery import app as celery_app
from kompotten.devtools.loadtest.deployment import free_port
from tests.leaks import find_leaks, sensitive_values
from tests.production.conftest import Visitor, database_url, started

# The processes run in subprocesses on the machine's clock, which the test clock cannot move.
pytestmark = [pytest.mark.production, pytest.mark.real_date]

# The one line Celery prints itself rather than logs, on shutdown; it carries nothing of the request or the data.
CELERY_SHUTDOWN_NOTICE = re.compile(r"^worker: (Warm|Cold) shutdown \(MainProcess\)$")
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def wait_until_ready(base: str, processes) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for process in processes.values():
            assert process.popen.poll() is None, f"{process.name} stopped:\n{process.output()}"
        try:
            with urllib.request.urlopen(base + "/health/ready/", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # a first answer slower than 2 s: ask again
            time.sleep(0.5)
    pytest.fail("The web process did not become ready within 60 s.")


def test_the_production_processes_start_serve_log_safely_and_stop(demo_deployment, tmp_path):
    port = free_port()
    env = {
        **demo_deployment.env,
        "KOMPOTTEN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "CELERY_WORKER_CONCURRENCY": "1",
        "KOMPOTTEN_BEAT_SCHEDULE_FILE": str(tmp_path / "beat-schedule"),
    }
    base = f"http://127.0.0.1:{port}"
    with started(env, tmp_path, "web", "worker", "beat") as processes:
        wait_until_ready(base, processes)
        visitor = Visitor(base)

        # A probe on the container's own address: plain HTTP, a host name not among the allowed, no login.
        for path in ("/health/live/", "/health/ready/"):
            status, _, body = visitor.get(path, headers={"Host": "10.0.0.7:8000", "X-Forwarded-Proto": "http"})
            assert (status, json.loads(body)) == (200, {"status": "ok"})

        status, headers, login_page = visitor.get("/logga-in/")
        assert status == 200
        for header, value in SECURITY_HEADERS.items():
            assert headers[header] == value, header
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])

        stylesheet = re.search(r'href="(/static/build/kompotten\.[0-9a-f]{12}\.css)"', login_page).group(1)
        status, headers, css = visitor.get(stylesheet)
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
        icon = re.search(r"url\(\"?(/static/build/images/icon-[a-z-]+\.[0-9a-f]{12}\.svg)", css).group(1)
        assert visitor.get(icon)[0] == 200

        assert visitor.log_in("nexus@uppsala.example") == 302, "the demo user could not log in"
        status, _, start_page = visitor.follow("/")
        assert status == 200 and "Nora Lindqvist" in start_page
        # Pages that show protected identities and take names as input: none of it may reach the logs.
        assert visitor.get("/arenden/")[0] == 200
        assert visitor.get("/arenden/personer/?q=Karimi")[0] == 200

        result = celery_app.send_task("kompotten.tasks.check_worker_database")
        assert result.get(timeout=60) == {"municipalities": 290}

    for process in processes.values():
        assert process.popen.returncode == 0, f"{process.name} did not stop cleanly:\n{process.output()}"
    assert "beat: Starting..." in processes["beat"].output()
    assert_logs_are_json_without_personal_data(processes, demo_deployment.database)


def assert_logs_are_json_without_personal_data(processes, database: str) -> None:
    with psycopg.connect(database_url(database)) as connection, connection.cursor() as cursor:
        sensitive = sensitive_values(cursor)
    requests_logged = []
    for process in processes.values():
        for line in process.output().splitlines():
            if not line.strip() or CELERY_SHUTDOWN_NOTICE.match(line):
                continue
            record = json.loads(line)  # fails on any line that is not one JSON object
            assert {"time", "level", "event", "request_id", "user_id"} <= set(record), line
            assert not find_leaks(json.dumps(record, ensure_ascii=False), sensitive), line
            if record["event"] == "request_finished":
                requests_logged.append(record)
    searches = [record for record in requests_logged if record["path"] == "/arenden/personer/"]
    assert searches and all(record["user_id"] and record["status"] == 200 for record in searches)
    assert all(isinstance(record["duration_ms"], float) for record in requests_logged)
