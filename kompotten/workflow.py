"""One shape for every workflow: the states of a stateful model and one table of the moves allowed between them.

A `Workflow` names its states (a `TextChoices`) and its edges, `(from, to) -> Edge`. An edge says who may make the
move (roles, the sides of a relocation request, or `SYSTEM` for a task), whether it is offered on the page
(`manual`) or only made by a named service, and whether it needs a written reason. Each stateful model has one
service that applies a move: it locks the row, asks `Workflow.check`, writes the transition record where the model
keeps one, and saves the state with `update_fields`. Every workflow registers itself in `REGISTRY`, so one test
(`tests/kompotten/test_workflow_tables.py`) walks every table's allowed and refused moves.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompotten.roles import roles_of

# Who makes a move no person makes: a Celery task, a sweep, or a service acting for the system.
SYSTEM = "system"

Text = str | Promise


@dataclass(frozen=True)
class Edge:
    who: frozenset[str]
    label: Text = ""  # the button, and the line in the model's history
    manual: bool = False  # offered on the page; otherwise only a named service makes the move
    needs_reason: bool = False


def edge(*who: str, label: Text = "", manual: bool = False, needs_reason: bool = False) -> Edge:
    return Edge(frozenset(str(one) for one in who), label, manual, needs_reason)


@dataclass(frozen=True)
class Messages:
    """What a refused move says, in the words of the workflow's own pages (`%(from)s`, `%(to)s`, `%(what)s`)."""

    no_edge: Text = _("Status ”%(from)s” kan inte bli ”%(to)s”.")
    not_yours: Text = _("Din roll får inte göra den ändringen: %(what)s.")
    not_manual: Text = _("Den ändringen görs av systemet, inte direkt.")
    no_reason: Text = _("Ange ett skäl.")


class TransitionRefused(ValidationError):
    """A move the table does not allow, or not to this user, or without its reason."""


REGISTRY: dict[str, "Workflow"] = {}


@dataclass(frozen=True, eq=False)
class Workflow:
    name: str
    model: str  # "app_label.ModelName"
    states: type[models.TextChoices]
    edges: Mapping[tuple[str, str], Edge]
    state_field: str = "status"
    messages: Messages = field(default_factory=Messages)

    def __post_init__(self):
        unknown = {state for pair in self.edges for state in pair} - set(self.states.values)
        if unknown:
            raise ValueError(f"Workflow {self.name} has edges from or to unknown states: {sorted(unknown)}")
        REGISTRY[self.name] = self

    def edge(self, from_state: str, to_state: str) -> Edge | None:
        return self.edges.get((from_state, to_state))

    def allowed(self, from_state: str, to_state: str) -> bool:
        return (from_state, to_state) in self.edges

    def may(self, from_state: str, to_state: str, who: Iterable[str]) -> bool:
        """Whether someone acting as any of `who` (roles, sides, `SYSTEM`) may make this move."""
        found = self.edge(from_state, to_state)
        return found is not None and bool(found.who & {str(one) for one in who})

    def moves_from(self, state: str, who: Iterable[str], *, manual: bool = True) -> list[tuple[str, Edge]]:
        """The moves `who` may make from `state`, in the table's order; by default only those offered on the page."""
        who = {str(one) for one in who}
        return [
            (to_state, found)
            for (from_state, to_state), found in self.edges.items()
            if from_state == state and found.who & who and (found.manual or not manual)
        ]

    def check(self, from_state: str, to_state: str, who: Iterable[str], *, reason: str = "", manual=False) -> Edge:
        """The edge, or `TransitionRefused` saying why not; `manual` asks for a move offered on the page."""
        found = self.edge(from_state, to_state)
        if found is None:
            names = {"from": self.label(from_state), "to": self.label(to_state)}
            raise TransitionRefused(self.messages.no_edge % names)
        if manual and not found.manual:
            raise TransitionRefused(self.messages.not_manual)
        if not self.may(from_state, to_state, who):
            raise TransitionRefused(self.messages.not_yours % {"what": found.label})
        if found.needs_reason and not reason.strip():
            raise TransitionRefused({"reason": self.messages.no_reason})
        return found

    def label(self, state: str) -> Text:
        return self.states(state).label if state in self.states.values else state


def who_is(user) -> set[str]:
    """Whom a user acts as in a workflow keyed by role: their roles, or `SYSTEM` when no user acts (a task)."""
    return {SYSTEM} if user is None else {str(role) for role in roles_of(user)}


def locked_state(instance: models.Model, state_field: str = "status") -> str:
    """Locks the instance's row until the transaction ends and returns its state as the database holds it."""
    manager = type(instance)._default_manager
    return manager.select_for_update().values_list(state_field, flat=True).get(pk=instance.pk)
