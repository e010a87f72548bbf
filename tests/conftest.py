"""The shared cast: the demo organisation and one named persona per role, as every test sees them."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

import pytest

from kompotten import demo
from kompotten.models import Municipality, User


def restore_migration_data():
    """Transactional tests (browser, worker) flush every table, also the rows that data migrations load."""
    if not Municipality.objects.exists():
        importlib.import_module("kompotten.migrations.0002_load_reference_data").load(apps, None)
    if not Group.objects.exists():
        importlib.import_module("kompotten.migrations.0003_roles").create_roles(apps, None)


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
