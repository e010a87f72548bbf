"""Display helpers for people and deadlines. A person is always a PersonView here, masked by the access policy."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.access import policy_for
from cases.calendar import days_left

register = template.Library()


@register.inclusion_tag("cases/includes/identity.html")
def identity(person):
    """The person's name, or the placeholder, with the protection level as a badge when it may be shown."""
    return {"person": person}


@register.inclusion_tag("cases/includes/deadline_status.html")
def deadline_status(due_on, status="running", met_on=None):
    """ "x dagar kvar" / "sista dag i dag" / "försenad", as a tag whose colour follows the urgency. A deadline met
    (`met_on`) after its due date stays marked late with the number of days, instead of "Klar"."""
    if due_on is None:
        return {"text": "", "colour": ""}
    if status == "met":
        late = (met_on - due_on).days if met_on else 0
        if late > 0:
            text = ngettext("Försenad %(days)d dag", "Försenad %(days)d dagar", late) % {"days": late}
            return {"text": text, "colour": "red"}
        return {"text": _("Klar"), "colour": "green"}
    if status == "paused":
        return {"text": _("Pausad"), "colour": "grey"}
    left = days_left(due_on, today=timezone.localdate())
    if left < 0:
        text = ngettext("Försenad %(days)d dag", "Försenad %(days)d dagar", -left) % {"days": -left}
        return {"text": text, "colour": "red"}
    if left == 0:
        return {"text": _("Sista dag i dag"), "colour": "orange"}
    text = ngettext("%(days)d dag kvar", "%(days)d dagar kvar", left) % {"days": left}
    return {"text": text, "colour": "yellow" if left <= 3 else "blue"}


@register.simple_tag
def sort_link(query: str, current: str, key: str) -> str:
    """The query string that sorts by `key`, flipping the direction when it already sorts by it."""
    new = f"-{key}" if current == key else key
    return f"?{query}&sortera={new}" if query else f"?sortera={new}"


@register.simple_tag(takes_context=True)
def case_text_visible(context, case) -> bool:
    """May this user read the free text written about the people in `case`? The access policy decides
    (`AccessPolicy.case_text_visible`); a page shows "Visas inte" where it says no."""
    return policy_for(context.request).case_text_visible(case)  # `request` may be shadowed by a `with`
