"""News the housing unit sends back up to the apps that referred an applicant, through a registry they fill at
start-up (in their `AppConfig.ready()`), never through an import: housing sits below them.

A move-in (the start of the social contract of an accepted offer) is told to every listener as
`listener(housing_case=..., acting_user=..., on=...)` once, `on` the contract's start: inside the offer's transaction
when the contract starts by the acceptance (a listener that refuses rolls the acceptance back), otherwise inside the
nightly task's transaction on the start date (`housing.services.contracts.contracts_report_move_ins`).
"""

from collections.abc import Callable
from datetime import date

_move_in_listeners: list[Callable[..., object]] = []


def register_move_in_listener(listener: Callable[..., object]) -> None:
    """Called once per listener at start-up; registering the same function again changes nothing."""
    if listener not in _move_in_listeners:
        _move_in_listeners.append(listener)


def report_move_in(*, housing_case, acting_user, on: date) -> None:
    """The applicant of `housing_case` has moved in: tell whoever referred them."""
    for listener in _move_in_listeners:
        listener(housing_case=housing_case, acting_user=acting_user, on=on)
