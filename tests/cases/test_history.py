"""History records the acting user, also for changes made by a Celery task or a management command, and no
history table gives a protected address away."""

from django.core.management import call_command
from django.urls import reverse

import pytest

from cases import services
from cases.models import CaseAssignment, Person, ProtectedAddress
from cases.tasks import transfer_open_cases
from kompotten.models import User
from tests.factories import open_case


@pytest.mark.worker
def test_a_change_made_by_a_celery_task_records_the_user_who_asked_for_it(
    celery_worker_over_redis, organisation, nexus_caseworker, nexus_colleague, manager
):
    case = open_case(handlers=[nexus_caseworker])
    result = transfer_open_cases.delay(nexus_caseworker.pk, nexus_colleague.pk, manager.pk)
    assert result.get(timeout=30) == 1
    assert list(case.assignments.values_list("user__email", flat=True)) == ["nexus2@uppsala.example"]
    changes = CaseAssignment.history.filter(case_id=case.pk).order_by("history_id")
    assert [(h.history_type, h.user_id, h.history_user) for h in changes] == [
        ("+", nexus_caseworker.pk, User.objects.get(email="gruppledare.nexus@uppsala.example")),
        ("+", nexus_colleague.pk, manager),
        ("-", nexus_caseworker.pk, manager),
    ]
    assert transfer_open_cases.delay(nexus_caseworker.pk, nexus_colleague.pk, manager.pk).get(timeout=30) == 0


def test_a_change_made_by_a_management_command_records_the_acting_user(organisation, nexus_colleague, administrator):
    call_command("deactivate_user", "nexus2@uppsala.example", "--acting-user", "admin@uppsala.example")
    nexus_colleague.refresh_from_db()
    assert not nexus_colleague.is_active
    assert nexus_colleague.history.first().history_user == administrator


def test_no_person_history_holds_the_protected_address(world, nexus_caseworker):
    services.person_set_protected_address(
        person=world.protected, street_address="Ny gömd gata 3", postal_code="75320", acting_user=nexus_caseworker
    )
    person_history = Person.history.filter(id=world.protected.pk).values()
    flattened = " ".join(str(value) for row in person_history for value in row.values())
    assert "Gömda vägen" not in flattened and "Ny gömd gata" not in flattened
    assert ProtectedAddress.history.filter(person_id=world.protected.pk).count() == 2


def test_history_of_the_protected_address_is_not_reachable_without_the_admin(client, world, nexus_colleague, manager):
    # Only administrators reach the Django admin, and protected addresses are not registered there at all.
    from django.contrib import admin

    assert ProtectedAddress not in admin.site._registry
    assert ProtectedAddress.history.model not in admin.site._registry
    for user in (nexus_colleague, manager):
        client.force_login(user)
        assert client.get(reverse("admin:index")).status_code == 302


def test_the_case_shows_its_history_as_a_readable_timeline(client, world, nexus_caseworker, partner_vasteras):
    note = world.nexus_case.notes.get(text="Intern anteckning")
    services.note_edit(note=note, text="Intern anteckning, rättad", acting_user=nexus_caseworker)
    client.force_login(nexus_caseworker)
    response = client.get(reverse("cases:case_history", args=[world.nexus_case.pk]))
    lines = response.context["lines"]
    edited = next(line for line in lines if line.action == "ändrades" and line.subject == "Journalanteckning")
    assert edited.user == "Nora Lindqvist"
    assert [(c.field, c.old, c.new) for c in edited.changes if c.field == "anteckning"] == [
        ("anteckning", "Intern anteckning", "Intern anteckning, rättad")
    ]
    assert any(line.subject == "Tilldelning" and line.action == "skapades" for line in lines)
    assert "Skyddadsson" not in response.content.decode()
    client.force_login(partner_vasteras)
    assert client.get(reverse("cases:case_history", args=[world.nexus_case.pk])).status_code == 404
