"""Which steps of the team's process goal a file has done, and whether the ladder is exhausted without reaching a
family with children (then the file prompts the decision whether to open an investigation).

A letter counts as the letter step; a visit or home-visit letter whose outcome is recorded counts as that visit,
reached if the household came. Without a goal set by the team, the default is Kronofogden's example: letter,
phone call and a home visit for every family with children.
"""

from dataclasses import dataclass
from datetime import date

from evictions.models import Contact, ContactKind, EvictionFile, Letter, LetterKind, ProcessGoal

DEFAULT_STEPS = [ContactKind.LETTER, ContactKind.CALL, ContactKind.HOME_VISIT]
_VISIT_KIND = {LetterKind.VISIT: ContactKind.VISIT, LetterKind.HOME_VISIT: ContactKind.HOME_VISIT}


@dataclass(frozen=True)
class Step:
    kind: str
    label: str
    done_on: date | None


@dataclass(frozen=True)
class Ladder:
    steps: list[Step]
    goal_applies: bool
    reached: bool
    prompt_investigation: bool

    @property
    def done_count(self) -> int:
        return sum(1 for step in self.steps if step.done_on)


def goal_for_unit(unit) -> ProcessGoal:
    goal = ProcessGoal.objects.filter(unit=unit).first()
    return goal or ProcessGoal(unit=unit, target=ProcessGoal.Target.FAMILIES, steps=list(DEFAULT_STEPS))


def goal_for(file: EvictionFile) -> ProcessGoal:
    return goal_for_unit(file.case.unit)


def _done(contacts: list[Contact], letters: list[Letter]) -> tuple[dict[str, date], bool]:
    done: dict[str, date] = {}
    reached = False
    for contact in contacts:
        done[contact.kind] = min(done.get(contact.kind, contact.happened_on), contact.happened_on)
        reached = reached or contact.reached
    for letter in letters:
        sent = letter.created_at.date()
        done[ContactKind.LETTER] = min(done.get(ContactKind.LETTER, sent), sent)
        if letter.visit_outcome and letter.booked_at:
            kind, on = _VISIT_KIND[LetterKind(letter.kind)], letter.booked_at.date()
            done[kind] = min(done.get(kind, on), on)
            reached = reached or letter.visit_outcome == Letter.VisitOutcome.ATTENDED
    return done, reached


def ladder_for(file: EvictionFile) -> Ladder:
    goal = goal_for(file)
    done, reached = _done(list(file.contacts.all()), list(file.letters.all()))
    steps = [Step(kind, str(ContactKind(kind).label), done.get(kind)) for kind in goal.steps]
    exhausted = all(step.done_on for step in steps)
    return Ladder(
        steps=steps,
        goal_applies=goal.target == ProcessGoal.Target.ALL or file.has_children,
        reached=reached,
        prompt_investigation=file.has_children and exhausted and not reached and not file.investigation,
    )
