"""Postal code -> locality and municipality, from SCB-based reference data (kompotten/data, CC0; ~82% coverage)."""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "kompotten" / "data" / "postal_to_municipality.csv"


@cache
def _table() -> dict[str, tuple[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as handle:
        return {row["postal_code"]: (row["locality"], row["municipality_code"]) for row in csv.DictReader(handle)}


def normalise_postal_code(value: str) -> str:
    return "".join(value.split())


def lookup(postal_code: str) -> tuple[str, str] | None:
    """(locality, municipality SCB code) for a postal code like "753 20", or None when it is not in the table."""
    return _table().get(normalise_postal_code(postal_code))
