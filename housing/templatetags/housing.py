"""Display helpers of the housing unit's pages."""

from django import template

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
