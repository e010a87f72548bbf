"""The roles of Kompotten, each a Django group holding capability permissions.

Groups are created by data migrations (`kompotten/migrations/0003_roles.py`, later roles by migrations of their own,
such as `0005_team_lead_role.py`) from this table. The capability
permissions say which parts of the product a role works in; they never open an individual person or case:
that is the access policy's job (`cases.access`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.capabilities import Capability


class Role(models.TextChoices):
    NEXUS_CASEWORKER = "nexus_caseworker", _("Handläggare, Nexus")
    HOUSING_HANDLER = "housing_handler", _("Handläggare, bostadsenheten")
    EVICTION_CASEWORKER = "eviction_caseworker", _("Handläggare, vräkningsförebyggande")
    MANAGER = "manager", _("Enhetschef")
    PARTNER_CONTACT = "partner_contact", _("Kontaktperson, samverkanskommun")
    ADMINISTRATOR = "administrator", _("Administratör")
    # Held beside the unit's caseworker role: a team lead also works as a caseworker of their unit.
    TEAM_LEAD = "team_lead", _("Gruppledare")


# Role -> permission codenames ("app_label.codename"): its capabilities (`Capability`). The administrator also gets
# the model permissions the Django admin needs for organisations and users.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.NEXUS_CASEWORKER: [Capability.WORK_RELOCATION],
    Role.HOUSING_HANDLER: [Capability.WORK_HOUSING],
    Role.EVICTION_CASEWORKER: [Capability.WORK_EVICTIONS],
    Role.MANAGER: [Capability.VIEW_REPORTS],
    Role.PARTNER_CONTACT: [Capability.PARTNER_PORTAL],
    # kompotten/migrations/0005_team_lead_role.py
    Role.TEAM_LEAD: [Capability.LEAD_TEAM],
    Role.ADMINISTRATOR: [
        Capability.ADMINISTER,
        *(
            f"kompotten.{action}_{model}"
            for model in ("user", "unit", "municipality", "county")
            for action in ("view", "add", "change")
        ),
        # The identity provider's groups mapped to roles (0008_provider_group_role_permissions).
        *(f"kompotten.{action}_providergrouprole" for action in ("view", "add", "change", "delete")),
        *(
            f"relocation.{action}_{model}"
            for model in ("network", "networkmembership", "membercontact")
            for action in ("view", "add", "change")
        ),
        # The housing unit's catalogues (data migrations housing 0002, 0004, 0006 and 0009).
        *(
            f"housing.{action}_{model}"
            for model in (
                "checklistitem",
                "decisiondeadlinerule",
                "cooperationagreement",
                "reservationpool",
                "poolquota",
                "declinereason",
                "shelterprovider",
                "nexusflat",
            )
            for action in ("view", "add", "change")
        ),
        # The shared landlord and district registers (cases/migrations/0028_register_for_administrator.py).
        *(
            f"cases.{action}_{model}"
            for model in ("landlord", "landlordcontact", "district", "districtpostalarea")
            for action in ("view", "add", "change", "delete")
        ),
        # Eviction prevention's letter templates (evictions 0005_letter_templates) and the landlords' meeting dates
        # (0011_landlord_meeting_permissions).
        *(f"evictions.{action}_lettertemplate" for action in ("view", "add", "change")),
        *(f"evictions.{action}_landlordmeeting" for action in ("view", "add", "change", "delete")),
    ],
}


# The caseworker role of each unit that handles cases (Unit.Kind values): who may be a handler of its cases.
UNIT_CASEWORKER_ROLE: dict[str, Role] = {
    "nexus": Role.NEXUS_CASEWORKER,
    "housing": Role.HOUSING_HANDLER,
    "eviction_prevention": Role.EVICTION_CASEWORKER,
}


def roles_of(user) -> list[Role]:
    """The roles a user holds, in the order of `Role`."""
    if not user.is_authenticated:
        return []
    names = {group.name for group in user.groups.all()}
    return [role for role in Role if role.value in names]
