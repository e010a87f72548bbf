"""No container engine runs here, so the deployment files are checked statically: every app process of the compose
file and the image starts through bin/production, whose commands the production smoke test runs for real."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
PRODUCTION_COMMANDS = set(re.findall(r"^\s+(\w+)\)", (ROOT / "bin/production").read_text(), re.MULTILINE))


def app_services():
    return {name: service for name, service in COMPOSE["services"].items() if "build" in service}


def test_compose_has_migrate_web_worker_beat_postgres_and_redis_with_health_checks():
    services = COMPOSE["services"]
    assert set(services) == {"migrate", "web", "worker", "beat", "postgres", "redis"}
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert "/health/ready/" in " ".join(services["web"]["healthcheck"]["test"])
    assert {"postgres_data", "redis_data", "private_media"} <= set(COMPOSE["volumes"])


def test_every_app_process_is_a_command_of_bin_production():
    assert {"collectstatic", "migrate", "web", "worker", "beat"} == PRODUCTION_COMMANDS
    assert {name: service["command"] for name, service in app_services().items()} == {
        "migrate": "migrate",
        "web": "web",
        "worker": "worker",
        "beat": "beat",
    }
    assert 'ENTRYPOINT ["bin/production"]' in DOCKERFILE
    assert 'CMD ["web"]' in DOCKERFILE
    assert "bin/production collectstatic" in DOCKERFILE


def test_web_worker_and_beat_start_after_the_migration_has_finished():
    for name in ("web", "worker", "beat"):
        depends = app_services()[name]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, name


def test_production_secrets_are_required_not_defaulted():
    for service in app_services().values():
        env = service["environment"]
        assert env["DJANGO_DEBUG"] == "false"
        assert ":?" in env["DJANGO_SECRET_KEY"]
        assert ":?" in env["DJANGO_ALLOWED_HOSTS"]


def test_the_worker_consumes_the_short_tasks_and_the_reports_queue():
    assert COMPOSE["services"]["worker"]["environment"]["CELERY_WORKER_QUEUES"] == "celery,reports"
    assert '--queues="${CELERY_WORKER_QUEUES:-celery,reports}"' in (ROOT / "bin/production").read_text()
