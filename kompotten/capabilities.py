"""The one vocabulary of "who may act": what a user may do in Kompotten, named once.

Most capabilities are role permissions: the value is the permission ("app_label.codename") the role groups hold
(`kompotten.roles`), declared on `User.Meta.permissions`, so asking `user.has_perm(capability)` is asking for a role.
`CASEWORK` and `OVERSEE` are not permissions: staff of a unit hold the first (not management, not a partner's
contact person), management the second, and the access policy answers them from the user's unit. None of them
opens an individual person or case: that is the access policy's job (`cases.access.AccessPolicy.get_or_404`).

Templates ask by the member's name through the `may` context variable (`{% if may.WORK_HOUSING %}`), see
`kompotten.context_processors.capabilities`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Capability(models.TextChoices):
    WORK_RELOCATION = "kompotten.work_relocation", _("Arbeta med förflyttningsärenden (Nexus)")
    WORK_HOUSING = "kompotten.work_housing", _("Arbeta med bostadssociala ärenden (bostadsenheten)")
    WORK_EVICTIONS = "kompotten.work_evictions", _("Arbeta med vräkningsförebyggande ärenden")
    VIEW_REPORTS = "kompotten.view_reports", _("Se statistik och rapporter")
    PARTNER_PORTAL = "kompotten.partner_portal", _("Använda samverkanskommunernas sidor")
    ADMINISTER = "kompotten.administer", _("Administrera systemet")
    LEAD_TEAM = "kompotten.lead_team", _("Leda sin enhets arbete: fördela ärenden och hantera flaggor (gruppledare)")
    # Not permissions: answered by the access policy (`AccessPolicy.holds`) from the user's unit. Staff of a unit
    # who works cases; management, who reviews the municipality's access log and grants and sees its dashboard.
    CASEWORK = "casework", _("Arbeta med ärenden i sin enhet")
    OVERSEE = "oversee", _("Granska kommunens åtkomstlogg och behörigheter (ledningen)")

    @property
    def is_permission(self) -> bool:
        return self not in (Capability.CASEWORK, Capability.OVERSEE)

    @property
    def codename(self) -> str:
        return self.value.partition(".")[2]

    @classmethod
    def permissions(cls) -> list[tuple[str, str]]:
        """`User.Meta.permissions`: the role capabilities as (codename, description)."""
        return [(capability.codename, capability.label) for capability in cls if capability.is_permission]


# Any one of them: the user works cases in one of the units that handle them.
WORK_ANY = (Capability.WORK_RELOCATION, Capability.WORK_HOUSING, Capability.WORK_EVICTIONS)


def holds_role_capability(user, *capabilities: Capability) -> bool:
    """Does `user` hold any one of these role capabilities? (`CASEWORK` and `OVERSEE` need the access policy.)"""
    return user.is_authenticated and any(user.has_perm(capability.value) for capability in capabilities)
