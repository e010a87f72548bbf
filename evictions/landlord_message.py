"""The landlord's message to the social committee (12 kap. 44 § jordabalken) on its prescribed form, formulär 3 of
förordning (1978:314): the rules its fields must meet, whichever channel brought the notice.

A wrong amount can make the termination void (RH 1995:34), so the amount to pay to keep the flat is taken exactly as
the landlord wrote it, in kronor and öre: never rounded, never negative. Each message names its field, so a row of a
CSV import reads as clearly as the form."""

from decimal import Decimal

from django.utils.translation import gettext as _

MAX_AMOUNT = Decimal("100000000")
MAX_ROOMS = 20
MAX_FLOOR_AREA = Decimal("1000")


def amount_error(value: Decimal | None, field_name: str) -> str | None:
    """Why an amount in kronor is not one the landlord could have written, naming the field; None when it is."""
    if value is None:
        return None
    if not value.is_finite() or value < 0:
        return _("%(field)s kan inte vara mindre än 0 kr.") % {"field": field_name}
    if value >= MAX_AMOUNT:
        return _("%(field)s måste vara under 100 000 000 kronor.") % {"field": field_name}
    if value.as_tuple().exponent < -2:
        return _("%(field)s får ha högst två decimaler (öre), exakt som i underrättelsen.") % {"field": field_name}
    return None


def form_3_errors(data: dict) -> dict[str, str]:
    """The errors of formulär 3's fields in a notice's values (`registration.notice_rules`), by field name; a field
    left empty, or missing (a form field with an error of its own), breaks no rule. The message may reach us before
    the termination is served (särskild delgivning takes weeks), so the day received is not held to the day served."""
    errors = {}
    for name, label in (("amount_to_pay", _("Beloppet att betala")), ("monthly_rent", _("Månadshyran"))):
        message = amount_error(data.get(name), label)
        if message:
            errors[name] = message
    rooms, area = data.get("rooms"), data.get("floor_area")
    served_on = data.get("served_on")
    if rooms is not None and not 1 <= rooms <= MAX_ROOMS:
        errors["rooms"] = _("Ange antal rum med siffror, från 1 till 20.")
    if area is not None and (not area.is_finite() or not 0 < area < MAX_FLOOR_AREA or area.as_tuple().exponent < -1):
        errors["floor_area"] = _("Boarean ska vara mellan 1 och 999 m², med högst en decimal.")
    if data.get("service_method") and "served_on" in data and served_on is None:
        errors["served_on"] = _("Ange dagen då uppsägningen delgavs, när delgivningssättet är angivet.")
    if data.get("last_day_to_pay") and served_on and data["last_day_to_pay"] < served_on:
        errors["last_day_to_pay"] = _("Sista dag att betala kan inte ligga före dagen då uppsägningen delgavs.")
    return errors
