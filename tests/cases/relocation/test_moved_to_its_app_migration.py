"""Migrations cases 0022 and relocation 0001-0002: relocation's models moved from the case core to their own app
without losing a row. The tables stay; the content types follow, so a group's permission, guardian's object grant and
the history made before the move are still attached after it, under the new label."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

import pytest
from guardian.models import UserObjectPermission

from cases.relocation.models import Network
from kompotten.models import User
from tests.migrations import migrate

BEFORE = [("cases", "0021_pending_party_access")]


def _made_before_the_move(old) -> None:
    network = old.get_model("cases", "Network").objects.create(name="Flyttnätverket", kind="regional")
    old.get_model("cases", "HistoricalNetwork").objects.create(
        id=network.pk, name=network.name, kind="regional", history_date=timezone.now(), history_type="+"
    )
    content_type, _ = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="cases", model="network"
    )
    change, _ = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename="change_network", defaults={"name": "Can change nätverk"}
    )
    group = old.get_model("auth", "Group").objects.create(name="nätverksförvaltare")
    group.permissions.add(change)
    user = old.get_model("kompotten", "User").objects.create(
        email="forvaltare@uppsala.example", first_name="Nora", last_name="Nätverk", password="!"
    )
    user.groups.add(group)
    # guardian is no ancestor of the cases migration, so not in that state: its table, by ids (bulk_create skips
    # its save(), which looks the object up through today's models).
    UserObjectPermission.objects.bulk_create(
        [
            UserObjectPermission(
                user_id=user.pk, permission_id=change.pk, content_type_id=content_type.pk, object_pk=str(network.pk)
            )
        ]
    )


@pytest.mark.django_db(transaction=True)
def test_a_network_its_history_and_its_grants_made_before_the_move_survive_it():
    try:
        _made_before_the_move(migrate(BEFORE))
    finally:
        migrate()

    network = Network.objects.get(name="Flyttnätverket")
    assert [row.history_type for row in network.history.all()] == ["+"]
    assert ContentType.objects.get_for_model(Network).app_label == "relocation"
    assert not ContentType.objects.filter(app_label="cases", model__in=["network", "historicalnetwork"]).exists()
    group = Group.objects.get(name="nätverksförvaltare")
    assert group.permissions.filter(content_type__app_label="relocation", codename="change_network").exists()
    user = User.objects.get(email="forvaltare@uppsala.example")
    assert user.has_perm("relocation.change_network")
    assert user.has_perm("relocation.change_network", network)  # guardian's object grant, by content type
    assert not user.has_perm("cases.change_network")


@pytest.mark.django_db(transaction=True)
def test_the_move_runs_back_to_the_case_core_and_forward_again():
    try:
        old = migrate(BEFORE)
        old.get_model("cases", "Network").objects.create(name="Tillbaka", kind="regional")
        assert old.get_model("contenttypes", "ContentType").objects.filter(app_label="relocation").count() == 0
    finally:
        migrate()
    assert Network.objects.filter(name="Tillbaka").exists()
