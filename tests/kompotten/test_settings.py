import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL", "DATABASE_URL"))}
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="kompotten.settings.base")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_secret_key_and_allowed_hosts():
    result = run_python("import django; django.setup()", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_its_secrets_and_secure_cookies():
    result = run_python(
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0, settings.DEBUG)",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="kompotten.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "False"]


def test_without_redis_tasks_run_in_process_and_sqlite_is_the_default_database():
    result = run_python(
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.DATABASES['default']['ENGINE'])",
        DJANGO_DEBUG="true",
    )
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3"], result.stderr


def test_with_redis_and_database_urls_a_real_broker_and_postgresql_are_used():
    result = run_python(
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL, settings.DATABASES['default']['ENGINE'])",
        DJANGO_DEBUG="true",
        REDIS_URL="redis://127.0.0.1:6379/3",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/kompotten",
    )
    assert result.stdout.split() == [
        "False",
        "redis://127.0.0.1:6379/3",
        "django.db.backends.postgresql",
    ], result.stderr


def test_the_host_municipality_is_configuration():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; print(settings.HOST_MUNICIPALITY_CODE)",
        DJANGO_DEBUG="true",
        KOMPOTTEN_HOST_MUNICIPALITY="1980",
    )
    assert result.stdout.strip() == "1980", result.stderr
