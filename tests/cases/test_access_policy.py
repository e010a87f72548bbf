"""The one access policy: who sees which case, and whose identity."""

from datetime import date, timedelta

from django.contrib.auth.models import Group, Permission
from django.http import Http404
from django.utils import timezone

import pytest

from cases import access, services
from cases.access import AccessPolicy
from cases.models import (
    AccessLogEntry,
    Case,
    CaseGroupObjectPermission,
    EmergencyAccess,
    Person,
    PersonGroupObjectPermission,
)
from kompotten.models import User
from tests.factories import PersonFactory, open_case


def visible(user, world):
    ids = set(AccessPolicy(user).cases().values_list("pk", flat=True))
    return {name for name in ("nexus_case", "eviction_case", "enkoping_case") if getattr(world, name).pk in ids}


def test_staff_see_the_cases_of_their_own_unit_only(world, nexus_caseworker, eviction_caseworker, housing_handler):
    assert visible(nexus_caseworker, world) == {"nexus_case", "enkoping_case"}
    assert visible(eviction_caseworker, world) == {"eviction_case"}
    assert visible(housing_handler, world) == set()


def test_management_sees_every_case_of_its_municipality(world, manager):
    assert visible(manager, world) == {"nexus_case", "eviction_case", "enkoping_case"}


def test_partners_see_only_the_cases_their_municipality_takes_part_in(world, partner_vasteras, partner_enkoping):
    assert visible(partner_vasteras, world) == {"nexus_case"}
    assert visible(partner_enkoping, world) == {"enkoping_case"}


def test_the_administrator_and_a_superuser_without_a_unit_see_no_cases(world, administrator):
    superuser = User.objects.create_superuser(
        "root@uppsala.example", "a-long-password-123", first_name="R", last_name="S"
    )
    assert visible(administrator, world) == set()
    assert visible(superuser, world) == set()


def test_a_grant_opens_a_case_outside_the_unit_and_revoking_it_closes_it(world, housing_handler, manager):
    """Handlers come from the case's own unit (`case_assign_handler`), but a grant held from before still opens it."""
    access.grant_case(housing_handler, world.eviction_case, given_by=manager)
    assert visible(housing_handler, world) == {"eviction_case"}
    access.revoke_case(housing_handler, world.eviction_case, given_by=manager)
    assert visible(housing_handler, world) == set()
    with pytest.raises(Http404):
        AccessPolicy(housing_handler).get_or_404(Case, pk=world.eviction_case.pk)


def test_a_protected_identity_is_visible_only_with_a_grant(world, nexus_caseworker, nexus_colleague, manager):
    assert AccessPolicy(nexus_caseworker).identity_visible(world.protected, world.nexus_case)
    assert not AccessPolicy(nexus_colleague).identity_visible(world.protected, world.nexus_case)
    assert not AccessPolicy(manager).identity_visible(world.protected, world.nexus_case)
    services.person_grant_access(person=world.protected, user=manager, acting_user=nexus_caseworker)
    assert AccessPolicy(manager).identity_visible(world.protected, world.nexus_case)


def test_unassigning_takes_the_protected_identity_away(world, nexus_caseworker, manager):
    services.case_unassign_handler(case=world.nexus_case, user=nexus_caseworker, acting_user=manager)
    policy = AccessPolicy(nexus_caseworker)
    assert not policy.identity_visible(world.protected, world.nexus_case)
    with pytest.raises(Http404):
        policy.get_or_404(Person, pk=world.protected.pk)


def test_a_global_permission_never_opens_a_case_or_a_protected_person(world, nexus_colleague):
    nexus_colleague.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_case", "view_person", "view_formeridentitylink"])
    )
    nexus_colleague = User.objects.get(pk=nexus_colleague.pk)  # no cached permissions
    policy = AccessPolicy(nexus_colleague)
    assert visible(nexus_colleague, world) == {"nexus_case", "enkoping_case"}
    assert not policy.identity_visible(world.protected, world.nexus_case)
    assert world.protected not in policy.persons()


def test_a_partner_sees_an_identity_only_where_it_was_shared(world, partner_vasteras, partner_enkoping):
    assert AccessPolicy(partner_enkoping).identity_visible(world.shared, world.enkoping_case)
    assert not AccessPolicy(partner_vasteras).identity_visible(world.protected, world.nexus_case)
    assert set(AccessPolicy(partner_enkoping).persons()) == {world.shared}
    assert set(AccessPolicy(partner_vasteras).persons()) == set()


def test_a_partner_reads_only_shared_notes_and_documents(world, partner_vasteras, nexus_caseworker):
    partner, staff = AccessPolicy(partner_vasteras), AccessPolicy(nexus_caseworker)
    assert [n.text for n in partner.notes(world.nexus_case)] == ["Delad anteckning"]
    assert staff.notes(world.nexus_case).count() == 2
    assert partner.documents(world.nexus_case).count() == 0
    assert staff.documents(world.nexus_case).count() == 1


def test_the_former_identity_needs_an_explicit_grant_on_the_link(organisation, nexus_caseworker, nexus_colleague):
    person = PersonFactory(fictitious=True)
    open_case(persons=[person], handlers=[nexus_caseworker, nexus_colleague])
    link = services.person_link_former_identity(
        person=person,
        former_given_name="Gammal",
        former_family_name="Identitet",
        former_identity_number="",
        noted_on=date(2026, 1, 1),
        source="Skatteverket",
        acting_user=nexus_caseworker,
    )
    assert AccessPolicy(nexus_caseworker).former_identity_link(person) == link
    assert AccessPolicy(nexus_colleague).identity_visible(person)
    assert AccessPolicy(nexus_colleague).former_identity_link(person) is None
    access.grant_former_identity_link(nexus_colleague, link)
    assert AccessPolicy(nexus_colleague).former_identity_link(person) == link


def grant_to_group(user, codename, obj, group_model):
    group = Group.objects.create(name=f"Behörighetsgrupp {codename} {obj.pk}")
    user.groups.add(group)
    group_model.objects.create(group=group, permission=Permission.objects.get(codename=codename), content_object=obj)


def test_a_group_grant_on_a_case_opens_the_case_and_its_protected_identity(world, housing_handler):
    grant_to_group(housing_handler, "view_case", world.nexus_case, CaseGroupObjectPermission)
    policy = AccessPolicy(housing_handler)
    assert visible(housing_handler, world) == {"nexus_case"}
    assert policy.identity_visible(world.protected, world.nexus_case)
    assert policy.grant_for(world.protected) == AccessLogEntry.Grant.ASSIGNMENT
    assert policy.get_or_404(Person, pk=world.protected.pk) == world.protected


def test_a_group_grant_on_a_person_opens_the_protected_identity(world, manager):
    grant_to_group(manager, "view_person", world.protected, PersonGroupObjectPermission)
    policy = AccessPolicy(manager)
    assert policy.grant_for(world.protected) == AccessLogEntry.Grant.PERSON
    assert world.protected in policy.persons()


def test_each_grant_is_named_by_where_it_comes_from_and_read_in_one_query(
    world, nexus_caseworker, nexus_colleague, django_assert_num_queries
):
    """Case grant first, then a person grant, then an emergency access; an expired emergency access opens nothing."""
    other = PersonFactory(protected=True)
    open_case(persons=[other])
    services.person_grant_access(person=other, user=nexus_colleague, acting_user=nexus_caseworker)
    party = world.nexus_case.parties.get()
    emergency = services.emergency_access_open(
        party=party, reason="Akut hotbild, behöver adressen", acting_user=nexus_colleague
    )
    policy = AccessPolicy(nexus_colleague)
    with django_assert_num_queries(1):
        kinds = (policy.grant_for(world.protected), policy.grant_for(other), policy.grant_for(world.plain))
    assert kinds == (AccessLogEntry.Grant.EMERGENCY, AccessLogEntry.Grant.PERSON, AccessLogEntry.Grant.NONE)
    assert AccessPolicy(nexus_caseworker).grant_for(world.protected) == AccessLogEntry.Grant.ASSIGNMENT
    EmergencyAccess.objects.filter(pk=emergency.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert AccessPolicy(nexus_colleague).grant_for(world.protected) == AccessLogEntry.Grant.NONE
    assert world.protected not in AccessPolicy(nexus_colleague).persons()
