from django.core.management import call_command

import pytest

from kompotten.models import User


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_an_existing_installation_alone():
    User.objects.create_user("someone@uppsala.example", "a-long-password-123", first_name="S", last_name="O")
    call_command("seed_demo", "--if-empty")
    assert User.objects.count() == 1
