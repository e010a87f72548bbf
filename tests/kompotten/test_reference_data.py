from django.contrib.auth.models import Group

import pytest

from kompotten.models import County, Municipality
from kompotten.organisations import host_municipality
from kompotten.roles import ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db


def test_all_21_counties_and_290_municipalities_are_loaded_with_scb_codes():
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    uppsala = Municipality.objects.get(code="0380")
    assert (uppsala.name, uppsala.county.code, uppsala.county.name) == ("Uppsala kommun", "03", "Uppsala län")
    assert Municipality.objects.get(code="2584").short_name == "Kiruna"


def test_the_host_municipality_follows_the_setting(settings):
    assert host_municipality().short_name == "Uppsala"
    settings.HOST_MUNICIPALITY_CODE = "1980"
    assert host_municipality().short_name == "Västerås"


def test_every_role_is_a_group_holding_exactly_its_permissions():
    assert set(Group.objects.values_list("name", flat=True)) == {role.value for role in Role}
    for role, expected in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == set(expected), role
