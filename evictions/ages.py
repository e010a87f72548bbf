"""A person's age on a day, from the birth date their identity number gives: the letter rules (65 and over get a
visit) and the landlords' priority groups at the joint meeting (young people 18–25, people 65 and over) both ask."""

from datetime import date

from cases.models import Person

ELDERLY_AGE = 65


def age_on(person: Person, today: date) -> int | None:
    """Whole years on `today`; None when the person has no birth date (a reserve number without one)."""
    born = person.birth_date
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
