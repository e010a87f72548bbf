"""Test settings: a thin override of base, against the real PostgreSQL and Redis on localhost."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-" + "x" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kompotten")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
# Playwright's sync API runs an event loop in the test thread; the ORM calls made there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .base import *  # noqa: E402, F403
from .base import BASE_DIR  # noqa: E402

SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-artifacts" / "private_media"
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
# The live server for browser tests speaks plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Two-factor authentication stays off so tests and browser journeys log in with a password alone; the tests
# of the requirement switch it on with the `settings` fixture.
REQUIRE_TWO_FACTOR = False
# Each test process caches for itself, and tests/conftest.py empties the cache before every test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
