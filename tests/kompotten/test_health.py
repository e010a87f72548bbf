"""The health endpoints answer probes without a login, over plain HTTP, on any host name, and reveal nothing else."""

import json

from django.db import connections

import pytest

from kompotten import health


@pytest.mark.parametrize("path", ["/health/live/", "/health/ready/"])
def test_probes_get_ok_without_login_https_or_an_allowed_host(client, db, path):
    response = client.get(path, HTTP_HOST="10.0.0.7:8000", secure=False)
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_readiness_names_the_failing_checks_and_nothing_more(client, db, monkeypatch):
    def unreachable():
        raise ConnectionError("redis://secret-host:6379 refused")

    monkeypatch.setitem(health.CHECKS, "broker", unreachable)
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "failing": ["broker"]}
    assert b"secret-host" not in response.content


def test_readiness_fails_while_a_migration_is_not_applied(client, db, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(health.MigrationExecutor, "migration_plan", lambda self, targets: ["cases.0099_pending"])
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert json.loads(response.content)["failing"] == ["migrations"]


def test_liveness_does_not_touch_the_database(client, django_assert_num_queries, db):
    connections.close_all()
    with django_assert_num_queries(0):
        assert client.get("/health/live/").status_code == 200
