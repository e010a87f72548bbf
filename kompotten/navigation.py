"""The main navigation: each entry is shown only to users holding its capability permission.

URL names (not imports) keep the dependency pointing one way: the apps plug into this list, kompotten
imports none of them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    permissions: tuple[str, ...]  # any one of them shows the entry


CASEWORK = ("kompotten.work_relocation", "kompotten.work_housing", "kompotten.work_evictions")

NAVIGATION = [
    NavItem(_("Förflyttningar"), "cases:nexus_start", ("kompotten.work_relocation",)),
    NavItem(_("Bostadsenheten"), "housing:start", ("kompotten.work_housing",)),
    NavItem(_("Vräkningsförebyggande"), "evictions:start", ("kompotten.work_evictions",)),
    NavItem(_("Statistik och rapporter"), "reports:start", ("kompotten.view_reports",)),
    NavItem(_("Samverkan"), "cases:partner_start", ("kompotten.partner_portal",)),
    NavItem(_("Ärenden"), "cases:case_list", (*CASEWORK, "kompotten.view_reports")),
    NavItem(_("Sök person"), "cases:person_search", CASEWORK),
    NavItem(_("Arbetsfördelning"), "cases:workload", ("kompotten.lead_team",)),
    NavItem(_("Åtkomstlogg"), "cases:access_review", ("kompotten.view_reports",)),
    NavItem(_("Administration"), "admin:index", ("kompotten.administer",)),
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
        if user.is_authenticated and any(user.has_perm(permission) for permission in item.permissions):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": current_path == url})
    return items
