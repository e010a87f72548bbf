"""A request's deadlines as the request shows them, to our staff and to the partner: each with why it is paused and
whether (and why) it was extended. Read by the request page's selectors and by the check of what the partner reads."""

from dataclasses import dataclass

from cases.models import Case, Deadline, DeadlineChange


@dataclass(frozen=True)
class DeadlineLine:
    """A deadline as the request shows it: with why it is paused (shown to the partner too) and its extension."""

    deadline: Deadline
    pause_reason: str
    extended: bool
    extension_reason: str

    @property
    def may_extend(self) -> bool:
        cap = self.deadline.max_extensions
        return self.deadline.status != Deadline.Status.MET and not (cap is not None and self.extended and cap <= 1)


def deadline_lines(case: Case) -> list[DeadlineLine]:
    lines = []
    for deadline in case.deadlines.prefetch_related("changes"):
        changes = list(deadline.changes.all())
        paused = [c for c in changes if c.action == DeadlineChange.Action.PAUSED]
        extended = [c for c in changes if c.action == DeadlineChange.Action.EXTENDED]
        pause_reason = paused[-1].reason if paused and deadline.status == Deadline.Status.PAUSED else ""
        lines.append(DeadlineLine(deadline, pause_reason, bool(extended), extended[-1].reason if extended else ""))
    return lines
