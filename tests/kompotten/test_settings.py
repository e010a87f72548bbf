import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, **env_overrides) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KOMPOTTEN_", "REDIS_URL", "DATABASE_URL"))
    }
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


def test_without_redis_tasks_run_in_process_and_postgresql_on_localhost_is_the_default_database():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; db = settings.DATABASES['default'];"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, db['ENGINE'], db['HOST'], db['PORT'], db['USER'], db['NAME'])",
        DJANGO_DEBUG="true",
    )
    assert result.stdout.split() == [
        "True",
        "django.db.backends.postgresql",
        "127.0.0.1",
        "5432",
        "postgres",
        "kompotten",
    ], result.stderr


def test_a_database_other_than_postgresql_is_refused_with_a_message_saying_so():
    result = run_python("import django; django.setup()", DJANGO_DEBUG="true", DATABASE_URL="sqlite:///db.sqlite3")
    assert result.returncode != 0
    assert "Kompotten runs on PostgreSQL only" in result.stderr


def test_a_cluster_on_a_unix_socket_is_named_by_its_folder_in_the_url():
    """The form bin/run gives its own cluster, listening only on a socket in the checkout's .postgres/."""
    result = run_python(
        "import django; django.setup(); from django.conf import settings; db = settings.DATABASES['default'];"
        "print(db['HOST'], db['NAME'])",
        DJANGO_DEBUG="true",
        DATABASE_URL="postgres://postgres@//home/anna/kompotten/.postgres/kompotten",
    )
    assert result.stdout.split() == ["/home/anna/kompotten/.postgres", "kompotten"], result.stderr


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


SECURITY_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s;"
    "print(s.REQUIRE_TWO_FACTOR, s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()),"
    " int(s.SESSION_IDLE_TIMEOUT.total_seconds()), int(s.SESSION_MAX_LIFETIME.total_seconds()),"
    " s.SESSION_COOKIE_AGE, s.CLIENT_IP_HEADER)"
)
PRODUCTION = {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "k" * 60, "DJANGO_ALLOWED_HOSTS": "kompotten.example"}


def test_security_defaults_in_production_require_two_factor_and_lock_out_after_five_failures():
    result = run_python(SECURITY_SETTINGS, **PRODUCTION)
    assert result.stdout.split() == ["True", "5", "1800", "1800", "36000", "36000", "REMOTE_ADDR"], result.stderr


def test_development_does_not_require_two_factor():
    result = run_python(SECURITY_SETTINGS, DJANGO_DEBUG="true")
    assert result.stdout.split()[0] == "False", result.stderr


def test_the_security_settings_are_configuration():
    result = run_python(
        SECURITY_SETTINGS,
        **PRODUCTION,
        KOMPOTTEN_REQUIRE_2FA="false",
        KOMPOTTEN_LOGIN_FAILURE_LIMIT="8",
        KOMPOTTEN_LOGIN_LOCKOUT_MINUTES="15",
        KOMPOTTEN_SESSION_IDLE_MINUTES="20",
        KOMPOTTEN_SESSION_MAX_HOURS="12",
        KOMPOTTEN_CLIENT_IP_HEADER="HTTP_X_REAL_IP",
    )
    assert result.stdout.split() == ["False", "8", "900", "1200", "43200", "43200", "HTTP_X_REAL_IP"], result.stderr


def test_a_session_timeout_of_zero_is_refused():
    result = run_python("import django; django.setup()", DJANGO_DEBUG="true", KOMPOTTEN_SESSION_IDLE_MINUTES="0")
    assert result.returncode != 0
    assert "KOMPOTTEN_SESSION_IDLE_MINUTES" in result.stderr


OIDC_ENVIRONMENT = {
    "KOMPOTTEN_OIDC_CLIENT_ID": "kompotten",
    "KOMPOTTEN_OIDC_CLIENT_SECRET": "secret",
    "KOMPOTTEN_OIDC_AUTHORIZATION_ENDPOINT": "https://login.example/auth",
    "KOMPOTTEN_OIDC_TOKEN_ENDPOINT": "https://login.example/token",
    "KOMPOTTEN_OIDC_USERINFO_ENDPOINT": "https://login.example/me",
    "KOMPOTTEN_OIDC_JWKS_ENDPOINT": "https://login.example/jwks",
}


def test_the_identity_provider_is_off_by_default_and_on_with_all_its_variables():
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "backend = 'kompotten.identity_provider.ProviderBackend';"
        "print(settings.OIDC_ENABLED, backend in settings.AUTHENTICATION_BACKENDS)"
    )
    assert run_python(code, DJANGO_DEBUG="true").stdout.split() == ["False", "False"]
    assert run_python(code, DJANGO_DEBUG="true", **OIDC_ENVIRONMENT).stdout.split() == ["True", "True"]


def test_half_an_identity_provider_configuration_is_refused_with_a_message_naming_the_variables():
    result = run_python("import django; django.setup()", DJANGO_DEBUG="true", KOMPOTTEN_OIDC_CLIENT_ID="kompotten")
    assert result.returncode != 0
    assert "KOMPOTTEN_OIDC_CLIENT_ID" in result.stderr


def test_staff_password_login_cannot_be_switched_off_without_the_identity_provider():
    result = run_python("import django; django.setup()", DJANGO_DEBUG="true", KOMPOTTEN_STAFF_PASSWORD_LOGIN="false")
    assert result.returncode != 0
    assert "KOMPOTTEN_STAFF_PASSWORD_LOGIN" in result.stderr
