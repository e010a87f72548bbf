"""The priority groups landlords use on the late-rent timeline and at the joint meeting (seed 004): families with
children, young people 18–25 and people 65 and over, from the file's household and the persons' birth dates (their
identity numbers)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from evictions.ages import ELDERLY_AGE, age_on

YOUNG_AGES = range(18, 26)

FAMILY = _("Barnfamilj")
YOUNG = _("Ung 18–25 år")
ELDERLY = _("65 år eller äldre")


def groups(persons, today: date, *, has_children: bool = False) -> list[str]:
    """The priority groups of a household of `persons` (cases.Person), in the landlords' order."""
    ages = [a for a in (age_on(person, today) for person in persons) if a is not None]
    marks = []
    if has_children:
        marks.append(str(FAMILY))
    if any(a in YOUNG_AGES for a in ages):
        marks.append(str(YOUNG))
    if any(a >= ELDERLY_AGE for a in ages):
        marks.append(str(ELDERLY))
    return marks
