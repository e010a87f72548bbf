"""Display helpers of the housing unit's pages."""

from django import template

from cases.access import policy_for
from housing import selectors
from housing.workflow import ApplicationStatus

register = template.Library()

COLOURS = {
    ApplicationStatus.REFERRED: "light-blue",
    ApplicationStatus.INVESTIGATING: "blue",
    ApplicationStatus.APPROVED: "green",
    ApplicationStatus.PAUSED: "yellow",
    ApplicationStatus.HOUSED: "turquoise",
    ApplicationStatus.REJECTED: "red",
    ApplicationStatus.WITHDRAWN: "grey",
}


@register.filter
def status_colour(status: str) -> str:
    return COLOURS.get(status, "grey")


@register.inclusion_tag("housing/includes/status.html")
def application_status(application):
    """The application's status as a badge."""
    return {"status": application.status, "label": application.get_status_display()}


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.inclusion_tag("housing/includes/referral_summary.html", takes_context=True)
def nexus_referrals(context, limit: int = 10):
    """Nexus's start page: its latest referrals to the housing unit and their state (nothing of the investigation).
    A template tag, so the cases app needs no import of housing."""
    page, rows = selectors.referrals_of_my_unit(policy_for(context["request"]))
    return {"rows": rows[:limit], "count": page.paginator.count}
