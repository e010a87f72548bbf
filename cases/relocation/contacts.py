"""Who is a member of a network, and whom to call there, on a given day: memberships and contact persons have
dates, and every question about them names the day. Read by the services, the filing and the notifications alike."""

from datetime import date

from django.db.models import Q

from cases.relocation.models import MemberContact, Network, NetworkMembership
from kompotten.models import Municipality
from kompotten.organisations import host_municipality


def active_membership(network: Network, municipality: Municipality, on: date) -> NetworkMembership | None:
    memberships = NetworkMembership.objects.filter(network=network, municipality=municipality, joined_on__lte=on)
    return memberships.exclude(left_on__lt=on).first()


def current_contacts(contacts, on: date):
    """The contacts valid on `on`."""
    return contacts.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)


def designated_nexus_contacts(network: Network, on: date):
    """Our own designated contact persons in `network` on `on` (the host municipality's membership)."""
    membership = active_membership(network, host_municipality(), on)
    if membership is None:
        return MemberContact.objects.none()
    return current_contacts(membership.contacts.filter(role=MemberContact.Role.CONTACT_PERSON), on)
