"""The load test (`manage.py loadtest`), CI-sized: a few users of every role against the production processes for
about fifteen seconds a phase, the second with the Celery worker killed (SIGKILL) and restarted while a report is
being made. What counts is what a user would notice: no failed request, every notice and note the app confirmed is
in the database once, every ordered report ready once with one file. No timing is asserted; the full run's figures
are in docs/performance.md ("Load test")."""

import os

from django.conf import settings

import pytest

from kompotten.devtools.loadtest.driver import Options, run
from tests.production.conftest import base_database_name

# The processes run in subprocesses on the machine's clock, which the test clock cannot move.
pytestmark = [pytest.mark.production, pytest.mark.real_date]


def test_users_of_every_role_lose_no_write_and_no_report_when_the_worker_is_killed(demo_deployment):
    options = Options(
        server_url=os.environ["DATABASE_URL"],
        redis_url=settings.REDIS_URL,
        database=f"{base_database_name()}_loadtest",
        template=demo_deployment.database,  # migrated, with the demo
        users=5,
        spawn_rate=5,
        duration=15,
        wait_seconds=(1, 2),
        web_workers=2,
        visibility_seconds=6,
    )
    summary = run(options, password=settings.DEMO_PASSWORD, log=print)  # shown by pytest when it fails
    steady, killed = summary.phases

    assert summary.problems == [], summary.text()
    assert set(summary.roles) == {
        "eviction_caseworker",
        "nexus_caseworker",
        "housing_handler",
        "manager",
        "partner_contact",
    }
    for phase in summary.phases:
        assert phase.total.requests > 5 * 2, summary.text()  # past the logins
        assert phase.reports.ordered >= 1, summary.text()
    assert any("reports running" in event and "with 0 reports running" not in event for event in killed.events), (
        summary.text()
    )
    assert max(killed.reports.attempts) >= 2, "the killed worker's report was made again: " + summary.text()
