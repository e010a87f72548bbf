"""All configuration, read from the environment in this one place (12-factor).

Every variable is listed with its default in README.md. The defaults are for development (`bin/run`): PostgreSQL
on localhost, tasks run in-process; production (DJANGO_DEBUG off) refuses to start without its secrets.
"""

import logging
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-development-key-never-use-in-production")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
    if len(SECRET_KEY) < 50 or not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "Production mode (DJANGO_DEBUG off) needs DJANGO_SECRET_KEY (at least 50 characters) "
            "and DJANGO_ALLOWED_HOSTS."
        )

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The municipality this deployment serves, by its SCB code (demo: Uppsala, 0380).
HOST_MUNICIPALITY_CODE = env.str("KOMPOTTEN_HOST_MUNICIPALITY", default="0380")
PRODUCT_NAME = "Kompotten"
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="kompotten-demo")

INSTALLED_APPS = [
    "kompotten.apps.KompottenAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # OpClass in index expressions (the trigram indexes of name search)
    "django_filters",
    "guardian",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "kompotten.apps.KompottenConfig",
    "cases",
    "cases.relocation.apps.RelocationConfig",
    "housing",
    "evictions",
    "reports",
]

MIDDLEWARE = [
    # First: probes reach the health endpoints over plain HTTP on the container's address (no host check).
    "kompotten.health.HealthCheckMiddleware",
    "kompotten.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kompotten.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: a timed-out user gets a message on the login page.
    "kompotten.middleware.SessionTimeoutMiddleware",
    # After OTPMiddleware, which tells whether the session passed the second step.
    "kompotten.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "cases.middleware.AccessLogMiddleware",
    # Last, as axes requires: turns a locked-out login attempt into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kompotten.urls"
WSGI_APPLICATION = "kompotten.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kompotten.context_processors.product",
                "kompotten.context_processors.session",
                "kompotten.context_processors.capabilities",
            ],
        },
    },
]

# PostgreSQL only: the migrations, COPY, partial and trigram indexes and pg_dump backups need it. bin/run sets
# DATABASE_URL to the cluster it started when no server answers at this default.
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/kompotten")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "Kompotten runs on PostgreSQL only: DATABASE_URL must be postgres://user@host:port/name."
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kompotten.User"
AUTHENTICATION_BACKENDS = [
    # First, as axes requires: refuses a locked-out user name and address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Guardian's anonymous user is not needed: nothing here is visible without logging in.
ANONYMOUS_USER_NAME = None

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded documents live outside the static and public URL space; only permission-checked views serve them.
PRIVATE_MEDIA_ROOT = Path(env.str("KOMPOTTEN_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
# Backups (kompotten.backup): every file `manage.py backup` writes is encrypted with age to these public keys
# ("age1…", comma-separated); without one a production backup is refused. `manage.py restore` reads the private key
# (age identity) from this file or its --identity option; keep that key off the server (README.md, "Backup").
BACKUP_RECIPIENTS = env.list("KOMPOTTEN_BACKUP_RECIPIENTS", default=[])
BACKUP_IDENTITY_FILE = env.str("KOMPOTTEN_BACKUP_IDENTITY_FILE", default="")

# Celery: a real broker when REDIS_URL is set; otherwise tasks run in-process so `bin/run` works alone.
REDIS_URL = env.str("REDIS_URL", default="")
# The cache (the managers' dashboard's figures): shared by every web process through Redis when there is one,
# otherwise per process. The prefix keeps its keys apart from the broker's in the same Redis database.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "kompotten",
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# The worker and beat log through LOGGING below (JSON in production), not through Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 3600
# Two queues: "celery" for the short tasks (e-mail, housekeeping) and "reports" for PDF and export work, so a long
# report never delays an e-mail. A worker started without -Q consumes both; bin/production lets a deployment run
# them apart (CELERY_WORKER_QUEUES).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery"), Queue("reports"))
CELERY_TASK_ROUTES = {"reports.tasks.generate_report": {"queue": "reports"}}
# With Redis, a task whose worker died unacknowledged is handed out again after this many seconds; it must be longer
# than the longest task (the report task's hard limit is 11 minutes).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("KOMPOTTEN_BROKER_VISIBILITY_SECONDS", default=3600)}
CELERY_BEAT_SCHEDULE: dict = {
    "prune-login-records": {"task": "kompotten.tasks.prune_login_records", "schedule": 24 * 60 * 60},
    # Every morning; the tasks themselves decide whether today is the first working day (cases.calendar).
    "monthly-statistics": {"task": "reports.tasks.schedule_monthly_statistics", "schedule": crontab(hour=6, minute=5)},
    "annual-report-draft": {"task": "reports.tasks.schedule_annual_draft", "schedule": crontab(hour=6, minute=10)},
    "stalled-report-runs": {"task": "reports.tasks.requeue_stalled_report_runs", "schedule": 15 * 60},
    # CSV import previews not confirmed within a day go, with the file's text (evictions.services).
    "purge-import-previews": {"task": "evictions.tasks.import_batches_purge", "schedule": 60 * 60},
    # Just after midnight: a social contract's start is the applicant's move-in (housing.services.contracts).
    "housing-move-ins": {"task": "housing.tasks.report_move_ins", "schedule": crontab(hour=0, minute=15)},
    # The year's retention list (gallringslista), built on the first January morning the workers run; a manager
    # approves it (cases.services.retention).
    "retention-list": {
        "task": "cases.tasks.build_retention_list",
        "schedule": crontab(hour=5, minute=30, month_of_year=1),
    },
}
# Disclosure control in reports that leave the unit and on the dashboard: counts from 1 to this (inclusive) are hidden
# and printed as "≤N"; the tables are audited so that none of them can be worked back (reports.disclosure).
REPORTS_DISCLOSURE_THRESHOLD = env.int("KOMPOTTEN_REPORTS_DISCLOSURE_THRESHOLD", default=3)
# How long django-axes' records of logins and failed logins are kept.
LOGIN_RECORD_DAYS = env.int("KOMPOTTEN_LOGIN_RECORD_DAYS", default=90)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kompotten@localhost")
# Where users reach Kompotten: the links in e-mail notifications are built on it.
BASE_URL = env.str("KOMPOTTEN_BASE_URL", default="http://127.0.0.1:8000")
# The largest document anyone may upload (caseworkers and partner municipalities alike), in megabytes.
MAX_UPLOAD_MB = env.int("KOMPOTTEN_MAX_UPLOAD_MB", default=20)

# Lock-out after repeated failed logins (django-axes), per user name AND address: one person mistyping
# cannot lock out a whole office behind one address, and nobody can lock a colleague out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("KOMPOTTEN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("KOMPOTTEN_LOGIN_LOCKOUT_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
# The login form's field is "username" although the user model logs in by e-mail (USERNAME_FIELD = "email");
# the callable also lower-cases it, as the login does, so "Chef@..." and "chef@..." count as one user name.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kompotten.lockout.username_of_attempt"
# The request header (in request.META form) holding the client's address: REMOTE_ADDR when browsers connect
# directly; behind a reverse proxy the header the proxy sets, e.g. HTTP_X_REAL_IP or HTTP_X_FORWARDED_FOR.
CLIENT_IP_HEADER = env.str("KOMPOTTEN_CLIENT_IP_HEADER", default="REMOTE_ADDR")
AXES_CLIENT_IP_CALLABLE = "kompotten.lockout.client_ip_address"
AXES_LOCKOUT_CALLABLE = "kompotten.views.locked_out"
# Axes' logs mask the user name and address (AXES_SENSITIVE_PARAMETERS); no banner at every start.
AXES_VERBOSE = False

# Sessions end after SESSION_IDLE_TIMEOUT without a request and at the latest SESSION_MAX_LIFETIME after
# logging in (kompotten.middleware.SessionTimeoutMiddleware); the page warns SESSION_IDLE_WARNING before the idle
# timeout (static/js/session-timeout.js).
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("KOMPOTTEN_SESSION_IDLE_MINUTES", default=30))
SESSION_MAX_LIFETIME = timedelta(hours=env.int("KOMPOTTEN_SESSION_MAX_HOURS", default=10))
SESSION_IDLE_WARNING = timedelta(minutes=2)
if not (SESSION_IDLE_TIMEOUT.total_seconds() > 0 and SESSION_MAX_LIFETIME.total_seconds() > 0):
    raise ImproperlyConfigured("KOMPOTTEN_SESSION_IDLE_MINUTES and KOMPOTTEN_SESSION_MAX_HOURS must be positive.")
SESSION_COOKIE_AGE = int(SESSION_MAX_LIFETIME.total_seconds())

# Two-factor authentication (TOTP, django-otp): open to everyone, required for partner contact persons,
# managers and administrators when this is on (kompotten.two_factor). Off in development by default.
REQUIRE_TWO_FACTOR = env.bool("KOMPOTTEN_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = PRODUCT_NAME
# Recovery codes (django-otp's static device): how many a user gets at a time, each usable once.
RECOVERY_CODE_COUNT = 10

# Logging in through the municipality's identity provider with OpenID Connect (mozilla-django-oidc,
# kompotten.identity_provider). Off unless every KOMPOTTEN_OIDC_* variable below that has no default is set; the
# redirect URI to register at the provider is BASE_URL + /logga-in/kommunens-konto/svar/.
OIDC_RP_CLIENT_ID = env.str("KOMPOTTEN_OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("KOMPOTTEN_OIDC_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("KOMPOTTEN_OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("KOMPOTTEN_OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("KOMPOTTEN_OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("KOMPOTTEN_OIDC_JWKS_ENDPOINT", default="")
# Optional: the provider's end_session_endpoint. When set, logging out of Kompotten also ends the provider's session.
OIDC_OP_END_SESSION_ENDPOINT = env.str("KOMPOTTEN_OIDC_END_SESSION_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("KOMPOTTEN_OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("KOMPOTTEN_OIDC_SCOPES", default="openid email profile")
# The claim (in the ID token or the userinfo answer) listing the user's groups, mapped to roles in the admin.
OIDC_GROUPS_CLAIM = env.str("KOMPOTTEN_OIDC_GROUPS_CLAIM", default="groups")
_oidc_required = [
    OIDC_RP_CLIENT_ID,
    OIDC_RP_CLIENT_SECRET,
    OIDC_OP_AUTHORIZATION_ENDPOINT,
    OIDC_OP_TOKEN_ENDPOINT,
    OIDC_OP_USER_ENDPOINT,
    OIDC_OP_JWKS_ENDPOINT,
]
OIDC_ENABLED = all(_oidc_required)
if any(_oidc_required) and not OIDC_ENABLED:
    raise ImproperlyConfigured(
        "Logging in through the identity provider needs all of KOMPOTTEN_OIDC_CLIENT_ID, _CLIENT_SECRET, "
        "_AUTHORIZATION_ENDPOINT, _TOKEN_ENDPOINT, _USERINFO_ENDPOINT and _JWKS_ENDPOINT (or none of them)."
    )
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the provider logout
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
OIDC_OP_LOGOUT_URL_METHOD = "kompotten.identity_provider.provider_logout_url"
OIDC_TIMEOUT = 10
# With the provider switched on, staff can be kept from logging in with a password: then only partner contact
# persons use the password form (KOMPOTTEN_STAFF_PASSWORD_LOGIN=false).
STAFF_PASSWORD_LOGIN = env.bool("KOMPOTTEN_STAFF_PASSWORD_LOGIN", default=True)
if not STAFF_PASSWORD_LOGIN and not OIDC_ENABLED:
    raise ImproperlyConfigured("KOMPOTTEN_STAFF_PASSWORD_LOGIN=false needs the identity provider (KOMPOTTEN_OIDC_*).")
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.insert(1, "kompotten.identity_provider.ProviderBackend")

# Content-Security-Policy (django-csp): everything from our own origin, no inline script or style anywhere;
# data: images for the two-factor QR code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # The logout form leads on to the identity provider's end-session page.
        "form-action": [SELF, *([OIDC_OP_END_SESSION_ENDPOINT] if OIDC_OP_END_SESSION_ENDPOINT else [])],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading binds the whole registrable domain, usually the municipality's shared one, to HTTPS for
        # good; that is the municipality's decision (DJANGO_SECURE_HSTS_PRELOAD), not a default of this product.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# How long an emergency access (nödåtkomst) to a protected person lasts.
EMERGENCY_ACCESS_MINUTES = env.int("KOMPOTTEN_EMERGENCY_ACCESS_MINUTES", default=120)

# Logs (kompotten.structured_logging): one JSON object per line in production, readable text in development; ids,
# never personal data. Gunicorn's access log is off: RequestLogMiddleware writes one line per request instead,
# without the query string.
LOG_FORMAT = env.str("KOMPOTTEN_LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "kompotten.structured_logging.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "kompotten.structured_logging.SafeJsonFormatter"},
        "plain": {
            "()": "kompotten.structured_logging.SafePlainFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s [request %(request_id)s user %(user_id)s]",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request"]}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Axes logs every login and logout at INFO (failed logins and lock-outs are WARNING); WeasyPrint and
        # fontTools narrate every step of every PDF at INFO; django.request repeats every 404 that the request line
        # already shows (errors, at ERROR, still come through with their traceback).
        **{name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools", "matplotlib")},
        "django.request": {"level": "ERROR"},
        # Django's own handlers would print errors a second time, in another format.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
# Library warnings (Python's warnings module) go through the same handler, as JSON lines, not as loose text.
logging.captureWarnings(True)
