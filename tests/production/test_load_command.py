"""`manage.py loadtest` drops and re-creates a database: it refuses production and the database it is told to use."""

import os
from urllib.parse import urlsplit

from django.core.management import CommandError, call_command

import pytest


def test_the_load_test_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only in development"):
        call_command("loadtest")


def test_the_load_test_never_takes_the_database_of_database_url(settings):
    settings.DEBUG = True
    own = urlsplit(os.environ["DATABASE_URL"]).path.strip("/")
    with pytest.raises(CommandError, match="must not be the database of DATABASE_URL"):
        call_command("loadtest", "--database", own, "--redis-url", "redis://127.0.0.1:6379/15")
