"""The numbers the team reports every month and the committee's annual report prints: notices received and files
closed per month, by sender, kind, reason, landlord type; households with children; letters, visits and ladder
steps; outcomes; evictions executed and prevented; children affected.

Two readers, one set of queries (`_figures`):
- `eviction_figures(start, end)`: the committee's counts for the whole host municipality. They ignore object-level
  access (a count names no one) and carry no identity; `reports` reads eviction prevention only through it.
- `year_statistics(policy, year)`: the team's statistics page, through the access policy: the team sees its own
  unit, a manager the whole municipality.

Which notices are the team's: `Notice.objects.handled_here()`, the notices filed in one of its files. A notice
routed to another district or municipality is not in the notices, the households or any breakdown; it is counted on
a line of its own (`routed`), "Vidarebefordrade till annan enhet eller kommun".

What a letter is (`letters_made`): a letter made in Kompotten for a file, dated by the day it was made. The ladder's
letter step counts the same letters, so "Brev" and the ladder's "Brev" agree; a letter step logged on the ladder by
hand is not counted as a letter, whatever the ladder says.

How each figure is dated (the period is two dates, both included): a notice on the day it was received (a notice
routed to another district or municipality too); a closure on its day, and "prevented" is a closure
of a file with a notice from Kronofogden where the household was not evicted; a letter on the day it was made; a
visit letter's outcome on its booked day; a ladder step (contact) on the day it happened. Every figure is an
aggregate in PostgreSQL: the number of queries does not grow with the number of files.
"""

from dataclasses import dataclass, field, fields
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, TruncDate
from django.utils.translation import gettext_lazy as _

from cases.access import AccessPolicy
from cases.models import Landlord
from evictions.models import (
    Closure,
    Contact,
    ContactKind,
    EvictionFile,
    Letter,
    LetterKind,
    Notice,
    ProcessGoal,
    RegisterCheck,
    RegisteredChild,
)
from evictions.selectors import visible_files
from kompotten.models import Unit
from kompotten.statistics import Tally, count_by, in_period, months_of, tallies

VISITS = (ContactKind.VISIT, ContactKind.HOME_VISIT)  # the ladder steps counted as visits
EXECUTED = (Closure.Outcome.EVICTED,)  # the closures counted as evictions executed


@dataclass
class Month:
    number: int
    year: int = 0
    received: int = 0
    with_children: int = 0
    closed: int = 0
    executed: int = 0
    prevented: int = 0
    children_affected: int = 0
    letters: int = 0  # `letters_made`
    visits: int = 0
    ladder_steps: int = 0

    def add(self, other: "Month") -> None:
        for name in COUNTED:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNTED = [f.name for f in fields(Month) if f.name not in ("number", "year")]


@dataclass
class EvictionFigures:
    start: date
    end: date
    months: list[Month]
    totals: Month
    households: int = 0
    households_with_children: int = 0
    routed: int = 0  # notices routed to another district or municipality, not in any other figure
    by_sender: list[Tally] = field(default_factory=list)
    by_kind: list[Tally] = field(default_factory=list)
    by_reason: list[Tally] = field(default_factory=list)
    by_landlord_kind: list[Tally] = field(default_factory=list)
    by_outcome: list[Tally] = field(default_factory=list)
    by_ground: list[Tally] = field(default_factory=list)
    letters: list[Tally] = field(default_factory=list)
    visit_outcomes: list[Tally] = field(default_factory=list)
    ladder_steps: list[Tally] = field(default_factory=list)
    children_by_living: list[Tally] = field(default_factory=list)  # children in the households evicted
    attendance: list[Tally] = field(default_factory=list)  # the evictions executed, by social services on the day
    process_goal: list["GoalReach"] = field(default_factory=list)


@dataclass(frozen=True)
class GoalReach:
    """The process goal's reach: of the target group's households whose recovery period ended in the period, those
    that had every step of the goal done on or before its last day."""

    target: str  # the goal's target group, its label
    households: int
    reached: int


ATTENDED_CHOICES = (("yes", _("Socialtjänsten var på plats")), ("no", _("Socialtjänsten var inte på plats")))
ATTENDED_CHOICES += (("unknown", _("Inte angivet")),)


def eviction_figures(start: date, end: date) -> EvictionFigures:
    """The committee's figures for the host municipality, month by month and in total.

    The host's units as a subquery, not a join through the municipality's code: PostgreSQL cannot tell that every
    unit is the host's, estimated a few hundred of 200,000 cases and probed every file one by one (the year's
    closures took 2 s at the large-city volume, 0.2 s so)."""
    units = Unit.objects.filter(municipality__code=settings.HOST_MUNICIPALITY_CODE).values("pk")
    notices = Notice.objects.filter(unit__in=units)
    files = EvictionFile.objects.filter(case__unit__in=units)
    figures = _figures(notices, files, start, end)
    executed = Closure.objects.filter(file__in=files, outcome__in=EXECUTED).filter(in_period("closed_on", start, end))
    figures.attendance = _attendance(executed)
    figures.children_by_living = _children_by_living(executed)
    # The teams that handle notices have a process goal; the host's other units (Nexus, housing) have none.
    teams = Unit.objects.filter(pk__in=units, kind=Unit.Kind.EVICTION_PREVENTION)
    figures.process_goal = process_goal_reach(teams, start, end)
    return figures


def _attendance(executed: QuerySet[Closure]) -> list[Tally]:
    """Kronofogden's question of every eviction executed: were social services there on the day?"""
    answers = {True: "yes", False: "no", None: "unknown"}
    counts = {answers[value]: n for value, n in count_by(executed, "social_services_attended").items()}
    return tallies(ATTENDED_CHOICES, counts)


def _children_by_living(executed: QuerySet[Closure]) -> list[Tally]:
    """The children in the households evicted, by how they live there (permanently, alternately, visiting), as the
    latest population-register check of each evicted file recorded them (Kronofogden counts them so)."""
    latest = RegisterCheck.objects.filter(file=OuterRef("file")).order_by("-checked_on", "-pk").values("pk")[:1]
    checks = RegisterCheck.objects.filter(file__in=executed.values("file"), pk=Subquery(latest))
    children = RegisteredChild.objects.filter(register_check__in=checks)
    return tallies(RegisteredChild.Living.choices, count_by(children, "living"))


def process_goal_reach(units: QuerySet[Unit], start: date, end: date) -> list[GoalReach]:
    """Per unit's process goal (`evictions.ladder.goal_for_unit`): the target group's households whose recovery
    period (återvinningsfrist) ended in the period, and those reached by every step of the goal on or before its last
    day. Two queries per unit: the files, their contacts and letters prefetched."""
    # The ladder's own reading of which steps a file has done, so the report and the file page agree.
    from evictions.ladder import _done, goal_for_unit  # noqa: PLC0415 - the ladder imports the models too

    result = []
    for unit in units.order_by("pk"):
        goal = goal_for_unit(unit)
        notices = Notice.objects.filter(unit=unit, file__isnull=False).filter(
            in_period("recovery_deadline__due_on", start, end)
        )
        if goal.target == ProcessGoal.Target.FAMILIES:
            notices = notices.filter(file__has_children=True)
        last_day: dict[int, date] = {}
        for file_id, due_on in notices.values_list("file_id", "recovery_deadline__due_on"):
            last_day[file_id] = max(last_day.get(file_id, due_on), due_on)
        files = EvictionFile.objects.filter(pk__in=last_day).prefetch_related("contacts", "letters")
        reached = 0
        for file in files:
            done, _reached = _done(list(file.contacts.all()), list(file.letters.all()))
            if all(kind in done and done[kind] <= last_day[file.pk] for kind in goal.steps):
                reached += 1
        result.append(GoalReach(str(goal.get_target_display()), len(last_day), reached))
    return result


def _figures(notices: QuerySet[Notice], files: QuerySet[EvictionFile], start: date, end: date) -> EvictionFigures:
    months = {key: Month(number=key[1], year=key[0]) for key in months_of(start, end)}
    figures = EvictionFigures(start=start, end=end, months=list(months.values()), totals=Month(number=0))
    received = notices.handled_here().filter(in_period("received_on", start, end))
    figures.routed = notices.routed_elsewhere().filter(in_period("received_on", start, end)).count()
    _count_notices(figures, months, received)
    _count_breakdowns(figures, received)
    _count_closures(figures, months, Closure.objects.filter(file__in=files).filter(in_period("closed_on", start, end)))
    _count_letters(figures, months, files, start, end)
    _count_ladder(figures, months, Contact.objects.filter(file__in=files).filter(in_period("happened_on", start, end)))
    for month in figures.months:
        figures.totals.add(month)
    return figures


def _by_month(queryset: QuerySet, day_field: str, *fields_: str):
    """Grouped rows of (year, month, *fields_) with their count `n`."""
    return (
        queryset.order_by()
        .annotate(y=ExtractYear(day_field), m=ExtractMonth(day_field))
        .values("y", "m", *fields_)
        .annotate(n=Count("pk"))
    )


def _count_notices(figures: EvictionFigures, months: dict, received: QuerySet[Notice]) -> None:
    family = Exists(EvictionFile.objects.filter(pk=OuterRef("file_id"), has_children=True))
    for row in _by_month(received.annotate(family=family), "received_on", "family"):
        month = months[(row["y"], row["m"])]
        month.received += row["n"]
        if row["family"]:
            month.with_children += row["n"]


def _count_breakdowns(figures: EvictionFigures, received: QuerySet[Notice]) -> None:
    """Every breakdown of the notices, and the households they concern, in one conditional aggregate."""
    breakdowns = {
        "sender": ("sender_kind", Notice.Sender.choices),
        "kind": ("kind", Notice.Kind.choices),
        "landlord": ("landlord__kind", Landlord.Kind.choices),
    }
    counts = {
        f"{name}_{value}": Count("pk", filter=Q(**{lookup: value}))
        for name, (lookup, choices) in breakdowns.items()
        for value, _label in choices
    }
    counts |= {f"reason_{value}": Count("pk", filter=Q(reasons__contains=[value])) for value in Notice.Reason.values}
    row = received.aggregate(
        **counts,
        households=Count("file", distinct=True),
        families=Count("file", distinct=True, filter=Q(file__has_children=True)),
    )

    def tally(name, choices):
        return tallies(choices, {value: row[f"{name}_{value}"] for value, _label in choices})

    figures.by_sender = tally("sender", Notice.Sender.choices)
    figures.by_kind = tally("kind", Notice.Kind.choices)
    figures.by_landlord_kind = tally("landlord", Landlord.Kind.choices)
    figures.by_reason = tally("reason", Notice.Reason.choices)
    figures.households, figures.households_with_children = row["households"], row["families"]


def _count_closures(figures: EvictionFigures, months: dict, closures: QuerySet[Closure]) -> None:
    eviction_notice = Exists(Notice.objects.filter(file_id=OuterRef("file_id"), kind=Notice.Kind.EVICTION))
    outcomes, grounds = {}, {}
    rows = _by_month(closures.annotate(kfm=eviction_notice), "closed_on", "outcome", "ground", "kfm")
    for row in rows.annotate(children=Sum("children_affected")):
        month = months[(row["y"], row["m"])]
        month.closed += row["n"]
        month.children_affected += row["children"] or 0
        if row["outcome"] in EXECUTED:
            month.executed += row["n"]
        elif row["kfm"]:
            month.prevented += row["n"]
        outcomes[row["outcome"]] = outcomes.get(row["outcome"], 0) + row["n"]
        grounds[row["ground"]] = grounds.get(row["ground"], 0) + row["n"]
    figures.by_outcome = tallies(Closure.Outcome.choices, outcomes)
    figures.by_ground = tallies(Closure.Ground.choices, grounds)


def letters_made(files: QuerySet[EvictionFile]) -> QuerySet[Letter]:
    """The one definition of a letter: a letter made in Kompotten for one of `files`, with the day it was made
    (`day`). Every count of letters (the letters, the ladder's letter step) reads it."""
    return Letter.objects.filter(file__in=files).annotate(day=TruncDate("created_at"))


def _count_letters(figures: EvictionFigures, months: dict, files: QuerySet, start: date, end: date) -> None:
    letters = letters_made(files)
    kinds = {}
    for row in _by_month(letters.filter(in_period("day", start, end)), "day", "kind"):
        months[(row["y"], row["m"])].letters += row["n"]
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["n"]
    figures.letters = tallies(LetterKind.choices, kinds)
    booked = letters.annotate(booked_day=TruncDate("booked_at")).filter(in_period("booked_day", start, end))
    figures.visit_outcomes = tallies(Letter.VisitOutcome.choices, count_by(booked, "visit_outcome"))


def _count_ladder(figures: EvictionFigures, months: dict, contacts: QuerySet[Contact]) -> None:
    """The ladder's steps; its letter step is the letters counted (`letters_made`), not letter steps logged by hand."""
    kinds = {ContactKind.LETTER: 0}
    for month in figures.months:
        month.ladder_steps += month.letters
        kinds[ContactKind.LETTER] += month.letters
    for row in _by_month(contacts.exclude(kind=ContactKind.LETTER), "happened_on", "kind"):
        month = months[(row["y"], row["m"])]
        month.ladder_steps += row["n"]
        if row["kind"] in VISITS:
            month.visits += row["n"]
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["n"]
    figures.ladder_steps = tallies(ContactKind.choices, kinds)


# --- the team's statistics page -------------------------------------------------------------------------------------
@dataclass
class YearStatistics:
    year: int
    months: list[Month]
    totals: Month
    by_sender: list[tuple[str, int]] = field(default_factory=list)
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_reason: list[tuple[str, int]] = field(default_factory=list)
    by_landlord_kind: list[tuple[str, int]] = field(default_factory=list)
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    routed: int = 0
    ladder_steps: list[tuple[str, int]] = field(default_factory=list)


def _notices(policy: AccessPolicy) -> QuerySet[Notice]:
    if policy.is_manager:
        return Notice.objects.filter(unit__municipality_id=policy.user.unit.municipality_id)
    if policy.is_partner or not policy.user.unit_id:
        return Notice.objects.none()
    return Notice.objects.filter(unit_id=policy.user.unit_id)


def year_statistics(policy: AccessPolicy, year: int) -> YearStatistics:
    figures = _figures(_notices(policy), visible_files(policy), date(year, 1, 1), date(year, 12, 31))

    def pairs(rows: list[Tally]) -> list[tuple[str, int]]:
        return [(row.label, row.count) for row in rows]

    return YearStatistics(
        year=year,
        months=figures.months,
        totals=figures.totals,
        routed=figures.routed,
        by_sender=pairs(figures.by_sender),
        by_kind=pairs(figures.by_kind),
        by_reason=pairs(figures.by_reason),
        by_landlord_kind=pairs(figures.by_landlord_kind),
        by_outcome=pairs(figures.by_outcome),
        ladder_steps=pairs(figures.ladder_steps),
    )


def years(today: date) -> list[int]:
    return list(range(today.year, today.year - 5, -1))
