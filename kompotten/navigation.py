"""The main navigation: each entry is shown only to users holding one of its capabilities.

URL names (not imports) keep the dependency pointing one way: the apps plug into this list, kompotten
imports none of them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompotten.capabilities import WORK_ANY, Capability, holds_role_capability
from kompotten.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capabilities: tuple[Capability, ...]  # any one of them shows the entry


NAVIGATION = [
    NavItem(_("Förflyttningar"), "cases:nexus_start", (Capability.WORK_RELOCATION,)),
    NavItem(_("Stödärenden"), "housing:support_case_list", (Capability.WORK_RELOCATION,)),
    NavItem(_("Bostadsenheten"), "housing:start", (Capability.WORK_HOUSING,)),
    NavItem(_("Vräkningsförebyggande"), "evictions:start", (Capability.WORK_EVICTIONS,)),
    NavItem(_("Statistik och rapporter"), "reports:start", (Capability.VIEW_REPORTS,)),
    NavItem(_("Samverkan"), "cases:partner_start", (Capability.PARTNER_PORTAL,)),
    NavItem(_("Ärenden"), "cases:case_list", (*WORK_ANY, Capability.VIEW_REPORTS)),
    NavItem(_("Sök person"), "cases:person_search", WORK_ANY),
    NavItem(_("Arbetsfördelning"), "cases:workload", (Capability.LEAD_TEAM,)),
    NavItem(
        _("Hyresvärdar"),
        "registers:landlord_list",
        (Capability.WORK_HOUSING, Capability.WORK_EVICTIONS, Capability.ADMINISTER),
    ),
    NavItem(_("Åtkomstlogg"), "cases:access_review", (Capability.VIEW_REPORTS,)),
    NavItem(_("Administration"), "admin:index", (Capability.ADMINISTER,)),
]

# What each role works on first: where "/" takes them after logging in.
ROLE_START = {
    Role.NEXUS_CASEWORKER: "cases:nexus_start",
    Role.HOUSING_HANDLER: "housing:start",
    Role.EVICTION_CASEWORKER: "evictions:start",
    Role.MANAGER: "reports:start",
    Role.PARTNER_CONTACT: "cases:partner_start",
    Role.ADMINISTRATOR: "admin:index",
    Role.TEAM_LEAD: "cases:workload",  # held beside a caseworker role, whose start page comes first
}


def items_for(user, current_path: str) -> list[dict]:
    items = []
    for item in NAVIGATION:
        if holds_role_capability(user, *item.capabilities):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": current_path == url})
    return items
