"""The shared cast: the demo organisation and one named persona per role, as every test sees them."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

import pytest
from celery.contrib.testing.worker import start_worker

from kompotten import demo
from kompotten.celery import app as celery_app
from kompotten.models import Municipality, User


def restore_migration_data():
    """Transactional tests (browser, worker) flush every table, also the rows that data migrations load."""
    if not Municipality.objects.exists():
        importlib.import_module("kompotten.migrations.0002_load_reference_data").load(apps, None)
    if not Group.objects.exists():
        importlib.import_module("kompotten.migrations.0003_roles").create_roles(apps, None)
        importlib.import_module("evictions.migrations.0002_administrator_permissions").grant(apps, None)
        importlib.import_module("evictions.migrations.0005_letter_templates").load(apps, None)
        importlib.import_module("evictions.migrations.0011_landlord_meeting_permissions").grant(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # A reused test database may have been flushed by the transactional tests of an earlier run.
    with django_db_blocker.unblock():
        restore_migration_data()


@pytest.fixture
def organisation(db):
    restore_migration_data()
    demo.seed_organisation()


def _persona(email):
    @pytest.fixture
    def persona(organisation) -> User:
        return User.objects.get(email=email)

    return persona


nexus_caseworker = _persona("nexus@uppsala.example")
nexus_colleague = _persona("nexus2@uppsala.example")
housing_handler = _persona("bostad@uppsala.example")
eviction_caseworker = _persona("vrakning@uppsala.example")
manager = _persona("chef@uppsala.example")
administrator = _persona("admin@uppsala.example")
partner_vasteras = _persona("kontakt@vasteras.example")
partner_enkoping = _persona("kontakt@enkoping.example")


@pytest.fixture
def celery_worker_over_redis(transactional_db, settings):
    """A real Celery worker, consuming from the Redis broker the settings name, in a thread of this process."""
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not celery_app.conf.task_always_eager
    restore_migration_data()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker
