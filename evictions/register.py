"""The population-register check behind an interface: a register integration (Navet, SPAR) implements
`PopulationRegister.look_up`; until one exists `ManualRegister` finds nothing and the caseworker records what
they checked by hand. The setting `EVICTIONS_POPULATION_REGISTER` names the class to use (dotted path)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from cases.models import Person

DEFAULT = "evictions.register.ManualRegister"


@dataclass(frozen=True)
class ChildFacts:
    age: int
    living: str  # RegisteredChild.Living


@dataclass(frozen=True)
class RegisterFacts:
    checked_on: date
    registered_at_address: bool
    source: str  # RegisterCheck.Source
    children: tuple[ChildFacts, ...] = field(default_factory=tuple)
    note: str = ""


class PopulationRegister(Protocol):
    def look_up(self, *, persons: list[Person], street_address: str, postal_code: str) -> RegisterFacts | None:
        """The register's facts for these persons at this address, or None when the caseworker must check."""


class ManualRegister:
    """No integration: the caseworker checks the register and fills the form in."""

    def look_up(self, *, persons: list[Person], street_address: str, postal_code: str) -> RegisterFacts | None:
        return None


def population_register() -> PopulationRegister:
    return import_string(getattr(settings, "EVICTIONS_POPULATION_REGISTER", DEFAULT))()
