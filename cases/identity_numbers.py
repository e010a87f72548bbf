"""Swedish personal identity numbers: personnummer and samordningsnummer.

A personnummer (18 § folkbokföringslagen) is the date of birth (YYMMDD), a three-digit birth number and a
check digit. A samordningsnummer (coordination number, 18 a §) is given to people who are not or have not
been registered in Sweden; it is built the same way, with 60 added to the day of birth.

People write the number with 10 digits (YYMMDD-NNNN) or 12 (YYYYMMDD-NNNN). In the 10-digit form the
separator carries the century: it changes from "-" to "+" in the year the person turns 100, so
"000101+NNNN" is someone born in 1900 and "000101-NNNN" someone born in 2000. This module reads every
accepted form and stores the one caseworkers write and Skatteverket stores: 12 digits, "YYYYMMDD-NNNN".

The check digit (Luhn, modulus 10) is verified by the `personnummer` package. The century is inferred
here, from an explicit "today", by the same year-based rule the package applies; that keeps the rule
testable and lets the errors tell a caseworker which part of the number to look at again.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personnummer import personnummer

COORDINATION_DAY_OFFSET = 60

# [0-9], not \d: \d would also accept digits of other scripts, such as "١٩٩٠".
_PATTERN = re.compile(r"(?P<century>[0-9]{2})?(?P<date>[0-9]{6})(?P<separator>[-+])?(?P<serial>[0-9]{4})")

_MESSAGES = {
    "format": _("Ange personnumret med 10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN."),
    "serial": _(
        "Födelsenumret (de tre siffrorna efter skiljetecknet) kan inte vara 000. "
        "Kontrollera att du skrivit av numret rätt."
    ),
    "date": _(
        "Datumet i numret finns inte. Kontrollera år, månad och dag "
        "(i ett samordningsnummer är dagen födelsedagen plus 60)."
    ),
    "checksum": _("Kontrollsiffran stämmer inte. Kontrollera att du skrivit av numret rätt."),
    "future": _(
        "Födelsedatumet ligger i framtiden. Kontrollera årtalet, "
        "eller skriv numret med 12 siffror så att århundradet framgår."
    ),
}


@dataclass(frozen=True)
class IdentityNumber:
    """A checked personnummer or samordningsnummer."""

    normalised: str  # "YYYYMMDD-NNNN", for a samordningsnummer with the day plus 60 as written
    birth_date: date  # the real date of birth, also for a samordningsnummer
    is_coordination_number: bool

    def __str__(self) -> str:
        return self.normalised


def parse_identity_number(value: str, *, today: date | None = None) -> IdentityNumber:
    """Read a personnummer or samordningsnummer as a caseworker may write it.

    Raises ValidationError with code "format", "date", "checksum" or "future".
    """
    today = today or timezone.localdate()
    match = _PATTERN.fullmatch(value.strip())
    if match is None:
        raise _invalid("format")
    year = match["century"] + match["date"][:2] if match["century"] else str(_inferred_year(match, today))
    digits = year + match["date"][2:] + match["serial"]
    birth_date = _birth_date(digits)
    _verify_check_digit(digits)
    if birth_date > today:
        raise _invalid("future")
    return IdentityNumber(
        normalised=f"{digits[:8]}-{digits[8:]}",
        birth_date=birth_date,
        is_coordination_number=int(digits[6:8]) > COORDINATION_DAY_OFFSET,
    )


def validate_identity_number(value: str) -> None:
    """Django validator: raises ValidationError unless value is a valid identity number."""
    parse_identity_number(value)


def _inferred_year(match: re.Match[str], today: date) -> int:
    """The birth year of a 10-digit number: "+" from the year the person turns 100, "-" (or none) before."""
    latest_year = today.year - 100 if match["separator"] == "+" else today.year
    return latest_year - (latest_year - int(match["date"][:2])) % 100


def _birth_date(digits: str) -> date:
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    if day > COORDINATION_DAY_OFFSET:
        day -= COORDINATION_DAY_OFFSET
    try:
        return date(year, month, day)
    except ValueError:
        raise _invalid("date") from None


def _verify_check_digit(digits: str) -> None:
    """Let the personnummer package check the Luhn digit (the date is already known to be valid)."""
    try:
        personnummer.parse(digits)
    except personnummer.PersonnummerParseException:
        raise _invalid("format", message="serial") from None  # its pattern refuses birth number 000
    except personnummer.PersonnummerInvalidException:
        raise _invalid("checksum") from None


def _invalid(code: str, *, message: str | None = None) -> ValidationError:
    return ValidationError(_MESSAGES[message or code], code=code)
