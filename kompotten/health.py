"""Health endpoints for the container health checks and a load balancer, answered before anything else runs.

- `/health/live/`: the process answers (no database, no broker).
- `/health/ready/`: the database answers, every migration is applied, and the broker answers when one is set.

They need no login and reveal nothing but "ok" or the names of the failing checks. They are answered ahead of
the host check, the HTTPS redirect and the session (this middleware comes first), because a probe connects to the
container's own address over plain HTTP.
"""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

logger = logging.getLogger(__name__)

LIVE_PATH = "/health/live/"
READY_PATH = "/health/ready/"
_migrations_applied = False  # once true it stays true for the life of the process: migrations are not undone


def _database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations() -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


def _broker() -> bool:
    if not settings.REDIS_URL:
        return True  # tasks run in-process; there is no broker to reach
    import redis  # noqa: PLC0415 - only where a broker is configured

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        return bool(client.ping())
    finally:
        client.close()


CHECKS = {"database": _database, "migrations": _migrations, "broker": _broker}


def failing_checks() -> list[str]:
    failing = []
    for name, check in CHECKS.items():
        try:
            ok = check()
        except Exception:  # noqa: BLE001 - any failure means "not ready"; the log says which check and why
            logger.warning("readiness_check_failed", extra={"check": name}, exc_info=True)
            ok = False
        if not ok:
            failing.append(name)
        if name == "database" and not ok:
            failing.append("migrations")  # cannot be read without the database
            break
    return failing


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVE_PATH:
            return _answer({"status": "ok"}, 200)
        if request.path == READY_PATH:
            failing = failing_checks()
            if failing:
                return _answer({"status": "unavailable", "failing": failing}, 503)
            return _answer({"status": "ok"}, 200)
        return self.get_response(request)


def _answer(body: dict, status: int) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response
