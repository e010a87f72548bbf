"""The leak check every test of something that leaves the system uses: logs, PDFs, e-mails, exports.

`sensitive_values` reads, straight from a database's tables, what must never leave: every person's full name and
distinctive family name, personal identity number (in its long, short and plain forms), addresses, phone,
workplace, the children's names and schools, and former identities. `find_leaks` names the ones found in a text.
"""

import functools
import re
from collections.abc import Iterable

SENSITIVE_SQL = """
    SELECT given_name || ' ' || family_name, family_name, identity_number, street_address, phone, workplace
      FROM cases_person
    UNION ALL
    SELECT given_name || ' ' || family_name, family_name, '', '', '', school FROM cases_householdmember
    UNION ALL
    SELECT '', '', '', street_address, '', '' FROM cases_protectedaddress
    UNION ALL
    SELECT former_given_name || ' ' || former_family_name, former_family_name, former_identity_number, '', '', ''
      FROM cases_formeridentitylink
"""
# A family name alone counts when it is long enough not to be an ordinary word or part of one ("Ali", "Lund").
MIN_FAMILY_NAME = 5


def _identity_number_forms(number: str) -> set[str]:
    if not number:
        return set()
    digits = number.replace("-", "").replace("+", "")
    return {number, digits, number[2:], digits[2:]}


def sensitive_values(cursor) -> set[str]:
    """What must never leave the system, from the database `cursor` reads (Django's or psycopg's)."""
    cursor.execute(SENSITIVE_SQL)
    values = set()
    for full_name, family_name, number, address, phone, other in cursor.fetchall():
        values |= {full_name.strip(), address, phone, other} | _identity_number_forms(number)
        if len(family_name) >= MIN_FAMILY_NAME:
            values.add(family_name)
    return {value for value in values if value and len(value) >= 4}


def find_leaks(text: str, values: Iterable[str]) -> list[str]:
    """The sensitive values that occur in `text` as whole words, case-insensitively."""
    values = frozenset(values)
    if not _any_of(values).search(text):  # one pass for the usual clean text; a value per pass only on a hit
        return []
    return sorted(value for value in values if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text, re.IGNORECASE))


@functools.lru_cache(maxsize=8)
def _any_of(values: frozenset[str]) -> re.Pattern:
    """One pattern matching wherever any of `values` would. Thousands of values, each its own pattern, overflow the
    `re` module's cache of compiled patterns, so a scan of every log line recompiled them all, line after line."""
    alternatives = "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
