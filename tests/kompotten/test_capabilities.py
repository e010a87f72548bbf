"""One vocabulary for "who may act": the `Capability` enum names every role permission, and no app module or template
spells a capability as a string."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest

from kompotten.capabilities import Capability
from kompotten.models import User
from kompotten.roles import Role

APPS = ("cases", "housing", "evictions", "reports", "kompotten", "templates")
CODENAMES = "|".join(c.codename for c in Capability if c.is_permission)
SPELLED = re.compile(rf"kompotten\.(?:{CODENAMES})\b")


@pytest.mark.django_db
def test_every_role_capability_is_a_permission_of_the_user_model():
    for capability in Capability:
        if capability.is_permission:
            assert Permission.objects.filter(content_type__app_label="kompotten", codename=capability.codename).exists()
    assert [codename for codename, _label in User._meta.permissions] == [
        c.codename for c in Capability if c.is_permission
    ]


def test_no_app_module_or_template_spells_a_capability():
    root = Path(settings.BASE_DIR)
    spelled = []
    for app in APPS:
        for path in (root / app).rglob("*"):
            if path.suffix not in (".py", ".html", ".txt") or "migrations" in path.parts:
                continue
            if path.name == "capabilities.py" and path.parent.name == "kompotten":
                continue
            text = path.read_text(encoding="utf-8")
            if SPELLED.search(text) or "perms.kompotten" in text:
                spelled.append(str(path.relative_to(root)))
    assert spelled == []


@pytest.mark.django_db
def test_a_partner_given_the_managers_role_by_mistake_still_gets_404_on_every_report_page(client, partner_vasteras):
    partner_vasteras.groups.add(Group.objects.get(name=Role.MANAGER))
    assert partner_vasteras.has_perm(Capability.VIEW_REPORTS.value)
    client.force_login(partner_vasteras)
    for name in ("reports:start", "reports:dashboard", "reports:run_list", "reports:run_create"):
        assert client.get(reverse(name)).status_code == 404, name


@pytest.mark.django_db
def test_only_management_oversees_the_access_log_and_to_everyone_else_its_pages_do_not_exist(
    client, manager, nexus_team_lead, eviction_caseworker, administrator, partner_vasteras
):
    pages = (
        "cases:access_log",
        "cases:access_review",
        "cases:grant_events",
        "cases:retention_list",
        "cases:culling_log",
    )
    client.force_login(manager)
    assert [client.get(reverse(name)).status_code for name in pages] == [200] * len(pages)
    for user in (nexus_team_lead, eviction_caseworker, administrator, partner_vasteras):
        client.force_login(user)
        assert [client.get(reverse(name)).status_code for name in pages] == [404] * len(pages), user.email
