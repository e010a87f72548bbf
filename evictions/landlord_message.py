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


# What `form_3_errors` reads.
FIELDS = (
    "received_on",
    "served_on",
    "service_method",
    "amount_to_pay",
    "last_day_to_pay",
    "monthly_rent",
    "rooms",
    "floor_area",
)


def form_3_errors(data) -> dict[str, str]:
    """The errors of formulär 3's fields on a `NoticeInput` (or anything with its `FIELDS`), by field name; a field
    left empty, or not read, breaks no rule."""
    errors = {}
    for name, label in (("amount_to_pay", _("Beloppet att betala")), ("monthly_rent", _("Månadshyran"))):
        message = amount_error(getattr(data, name), label)
        if message:
            errors[name] = message
    if data.rooms is not None and not 1 <= data.rooms <= MAX_ROOMS:
        errors["rooms"] = _("Ange antal rum med siffror, från 1 till 20.")
    area = data.floor_area
    if area is not None and (not area.is_finite() or not 0 < area < MAX_FLOOR_AREA or area.as_tuple().exponent < -1):
        errors["floor_area"] = _("Boarean ska vara mellan 1 och 999 m², med högst en decimal.")
    if data.served_on and data.received_on and data.received_on < data.served_on:
        errors["received_on"] = _("Mottagningsdagen kan inte ligga före dagen då uppsägningen delgavs.")
    if data.service_method and data.served_on is None:
        errors["served_on"] = _("Ange dagen då uppsägningen delgavs, när delgivningssättet är angivet.")
    if data.last_day_to_pay and data.served_on and data.last_day_to_pay < data.served_on:
        errors["last_day_to_pay"] = _("Sista dag att betala kan inte ligga före dagen då uppsägningen delgavs.")
    return errors
