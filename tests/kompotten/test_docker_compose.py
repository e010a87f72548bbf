"""No container engine runs here, so the deployment file is checked statically against the code it starts."""

import importlib
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def commands():
    for name, service in COMPOSE["services"].items():
        if "command" in service and "build" in service:
            yield name, service


def test_compose_has_web_worker_beat_postgres_and_redis_with_health_checks():
    services = COMPOSE["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert {"postgres_data", "redis_data", "private_media"} <= set(COMPOSE["volumes"])


def test_every_service_points_at_settings_and_modules_that_exist():
    seen = set()
    for name, service in commands():
        settings_module = service["environment"]["DJANGO_SETTINGS_MODULE"]
        assert importlib.util.find_spec(settings_module), settings_module
        words = shlex.split(service["command"].replace("sh -c", "").strip().strip('"'))
        if "gunicorn" in words:
            module, attribute = words[words.index("gunicorn") + 1].split(":")
            assert hasattr(importlib.import_module(module), attribute)
            seen.add("gunicorn")
        if "celery" in words:
            app_module = words[words.index("-A") + 1]
            assert hasattr(importlib.import_module(app_module), "celery_app"), name
            seen.add(words[words.index("-A") + 2])
    assert seen == {"gunicorn", "worker", "beat"}


def test_production_secrets_are_required_not_defaulted():
    env = COMPOSE["services"]["web"]["environment"]
    assert env["DJANGO_DEBUG"] == "false"
    assert ":?" in env["DJANGO_SECRET_KEY"]
    assert ":?" in env["DJANGO_ALLOWED_HOSTS"]
