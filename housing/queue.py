"""The queue of approved applicants and how a flat is matched against it: one fixed, explainable order.

The rule (QUEUE_RULE, shown to handlers and stored with every offer):
1. households with children before households without (förtur för barnfamiljer);
2. within each group, the earlier decision date (beslutsdatum) first;
3. on the same decision date, the earlier referral date first;
4. then the lower case number (ärendenummer), which is unique, so the order is always total.

Matching a flat lists the queue in that order and says, for each applicant, which requirement fails: too few
rooms, accessibility, the pool the flat is reserved for, an offer already awaiting an answer. An applicant whose
areas to avoid contain the flat's district is never proposed and never shown against that flat; nor is one who must
avoid our own municipality, where every flat lies (`avoid_municipalities`, carried over from a relocation request).
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from housing.models import Accessibility, Flat, HousingApplication, Offer, ReferralKind, ReservationPool
from housing.workflow import ApplicationStatus

QUEUE_RULE = gettext_lazy(
    "Hushåll med barn går före hushåll utan barn. Inom varje grupp gäller beslutsdatum, tidigast först. "
    "Vid samma beslutsdatum gäller remissdatum, tidigast först, och därefter lägst ärendenummer."
)
ORDERING = [
    F("has_children").desc(),
    F("decided_on").asc(),
    F("referred_on").asc(),
    F("case__year").asc(),
    F("case__sequence").asc(),
]

ACCESSIBILITY_LEVEL = {Accessibility.NONE: 0, Accessibility.ELEVATOR: 1, Accessibility.WHEELCHAIR: 2}
# Which referrals each kind of pool is for; a flat outside any pool suits every referral. The landlord lets the
# Kvinnojour pool's flats to Uppsala Kvinnojour itself (seed 001; `flat_let_to_shelter`): none is for an applicant.
POOL_REFERRALS = {
    ReservationPool.Kind.RELOCATION: {ReferralKind.RELOCATION},
    ReservationPool.Kind.WOMENS_SHELTER: set(),
    ReservationPool.Kind.SOCIAL_CONTRACT: set(ReferralKind.values),
}

LET_TO_THE_SHELTER = gettext_lazy(
    "Lägenheten hör till Kvinnojourens pott: hyresvärden hyr ut den till kvinnojouren, som hyr ut den vidare. Den "
    "erbjuds inte sökande i kön."
)


def for_no_applicant(flat: Flat) -> bool:
    """A flat of a pool that serves no referral (the Kvinnojour pool): matched against nobody, offered to nobody."""
    return bool(flat.pool_id) and not POOL_REFERRALS[flat.pool.kind]


RELOCATION_POOL_ONLY_HANDED_OVER = gettext_lazy(
    "Potten: förflyttningspottens lägenheter är bara för sökande som bostadsenheten fått genom en överlämnad "
    "förflyttningsförfrågan från en samverkanskommun."
)


def serves_from_pool(flat: Flat, application: HousingApplication) -> bool:
    """The relocation pool (Kompotten's flats for reciprocity) serves only applicants handed over from a relocation
    request; a referral of the kind "Förflyttningsärende" made through the referral form is not one."""
    if flat.pool_id and flat.pool.kind == ReservationPool.Kind.RELOCATION:
        return application.handed_over_from_relocation_request
    return True


def in_queue_order(applications: QuerySet[HousingApplication]) -> QuerySet[HousingApplication]:
    """The approved applications among `applications`, in queue order, not numbered."""
    return (
        applications.filter(status=ApplicationStatus.APPROVED)
        .annotate(has_children=ExpressionWrapper(Q(children__gt=0), output_field=BooleanField()))
        .order_by(*ORDERING)
    )


def queued(applications: QuerySet[HousingApplication]) -> QuerySet[HousingApplication]:
    """The whole queue among `applications`, each with its `position`: for readers of the whole queue (matching a
    flat). A page of the queue or one application's place counts the applicants ahead instead (`Place`)."""
    return in_queue_order(applications).annotate(position=Window(RowNumber(), order_by=ORDERING))


@dataclass(frozen=True)
class Place:
    """Where an application stands in the queue: the values the queue rule compares, in its order. Applicants ahead
    of a place are counted, and a page of the queue starts after one, without numbering the whole queue."""

    with_children: bool
    decided_on: date
    referred_on: date
    year: int
    sequence: int

    @classmethod
    def of(cls, application: HousingApplication) -> "Place":
        case = application.case
        return cls(application.children > 0, application.decided_on, application.referred_on, case.year, case.sequence)

    def __str__(self) -> str:
        """The place as a link carries it: `1_2025-03-04_2025-02-01_2025_17`."""
        return "_".join(
            [
                str(int(self.with_children)),
                self.decided_on.isoformat(),
                self.referred_on.isoformat(),
                str(self.year),
                str(self.sequence),
            ]
        )

    @classmethod
    def parse(cls, value: str | None) -> "Place | None":
        """None for a missing or malformed place: the queue then starts from the first applicant."""
        try:
            children, decided, referred, year, sequence = (value or "").split("_")
            return cls(
                children == "1", date.fromisoformat(decided), date.fromisoformat(referred), int(year), int(sequence)
            )
        except ValueError:
            return None

    def ahead(self) -> Q:
        """Applications ahead of this place in the queue."""
        return self._beyond(later=False)

    def behind(self) -> Q:
        return self._beyond(later=True)

    def _beyond(self, *, later: bool) -> Q:
        same_group = Q(children__gt=0) if self.with_children else Q(children=0)
        # Households with children go first: behind them come those without, ahead of those without come those with.
        other_group = Q(children=0) if later else Q(children__gt=0)
        beyond = Q()
        for name, value in reversed(
            [
                ("decided_on", self.decided_on),
                ("referred_on", self.referred_on),
                ("case__year", self.year),
                ("case__sequence", self.sequence),
            ]
        ):
            step = Q(**{f"{name}__{'gt' if later else 'lt'}": value})
            beyond = step if not beyond else step | (Q(**{name: value}) & beyond)
        if self.with_children != later:
            return same_group & beyond  # nobody is in the other group on that side
        return other_group | (same_group & beyond)


def why(entry: HousingApplication, previous: HousingApplication | None) -> str:
    """Why `entry` stands where it does, said against the applicant just before it (whose `position` is set)."""
    with_children = entry.children > 0
    group = _("hushåll med barn (förtur)") if with_children else _("hushåll utan barn")
    decided = entry.decided_on.isoformat()
    if previous is None:
        return _("Först i kön: %(group)s, beslut %(date)s.") % {"group": group, "date": decided}
    before = {"n": previous.position}
    if (previous.children > 0) != with_children:
        return _("Efter alla hushåll med barn (förtur); bland hushåll utan barn tidigast beslut, %(date)s.") % {
            "date": decided
        }
    if previous.decided_on != entry.decided_on:
        return _("%(group)s; efter plats %(n)d genom senare beslutsdatum (%(date)s).") % {
            **before,
            "group": group.capitalize(),
            "date": decided,
        }
    if previous.referred_on != entry.referred_on:
        return _("Samma beslutsdatum som plats %(n)d; efter genom senare remissdatum (%(date)s).") % {
            **before,
            "date": entry.referred_on.isoformat(),
        }
    return _("Samma beslutsdatum och remissdatum som plats %(n)d; efter genom högre ärendenummer.") % before


@dataclass
class Match:
    application: HousingApplication
    position: int
    fails: list[str] = field(default_factory=list)  # what does not fit, in words; empty when it fits

    @property
    def fits(self) -> bool:
        return not self.fails


def avoids(application: HousingApplication, flat: Flat) -> bool:
    """The flat lies in an area the applicant must avoid: its district, or our municipality, where every flat lies."""
    if any(district.pk == flat.district_id for district in application.avoid_districts.all()):
        return True
    return any(m.code == settings.HOST_MUNICIPALITY_CODE for m in application.avoid_municipalities.all())


def failing_requirements(application: HousingApplication, flat: Flat, open_offer_ids: set[int]) -> list[str]:
    fails = []
    if flat.rooms < application.rooms:
        fails.append(
            _("För få rum: lägenheten har %(flat)d, hushållet behöver minst %(need)d.")
            % {"flat": flat.rooms, "need": application.rooms}
        )
    flat_level = max(ACCESSIBILITY_LEVEL[flat.accessibility], 1 if flat.floor == 0 else 0)
    if flat_level < ACCESSIBILITY_LEVEL[application.accessibility]:
        fails.append(
            _("Tillgänglighet: hushållet behöver ”%(need)s”, lägenheten har ”%(flat)s”.")
            % {"need": application.get_accessibility_display(), "flat": flat.get_accessibility_display()}
        )
    if flat.pool_id and application.referral_kind not in POOL_REFERRALS[flat.pool.kind]:
        fails.append(
            _("Potten: lägenheten är reserverad för %(pool)s.") % {"pool": flat.pool.get_kind_display().lower()}
        )
    elif not serves_from_pool(flat, application):
        fails.append(str(RELOCATION_POOL_ONLY_HANDED_OVER))
    if application.pk in open_offer_ids:
        fails.append(_("Har redan ett erbjudande som väntar på svar."))
    return fails


@dataclass
class FlatMatch:
    flat: Flat
    matches: list[Match]
    excluded: list[Match]  # never proposed nor shown against this flat: it lies in an area they must avoid

    @property
    def excluded_for_area(self) -> int:
        return len(self.excluded)

    @property
    def proposals(self) -> list[Match]:
        return [m for m in self.matches if m.fits]

    @property
    def not_fitting(self) -> list[Match]:
        return [m for m in self.matches if not m.fits]


def match_flat(flat: Flat, applications: QuerySet[HousingApplication]) -> FlatMatch:
    """The queue against one flat, in queue order; applicants who must avoid its district are left out, and
    everyone when the flat is for no applicant (`for_no_applicant`)."""
    if for_no_applicant(flat):
        return FlatMatch(flat, [], [])
    entries = list(
        queued(applications).select_related("case").prefetch_related("avoid_districts", "avoid_municipalities")
    )
    open_offer_ids = set(
        Offer.objects.filter(status=Offer.Status.OPEN, application__in=[e.pk for e in entries]).values_list(
            "application_id", flat=True
        )
    )
    matches, excluded = [], []
    for entry in entries:
        if avoids(entry, flat):
            excluded.append(Match(entry, entry.position, ["avoid_area"]))
        else:
            matches.append(Match(entry, entry.position, failing_requirements(entry, flat, open_offer_ids)))
    return FlatMatch(flat, matches, excluded)


def snapshot(flat_match: FlatMatch, chosen: HousingApplication, made_on: date) -> dict:
    """The queue as it stood when an offer was made: ids, positions, what failed, and the rule."""
    return {
        "rule": str(QUEUE_RULE),
        "made_on": made_on.isoformat(),
        "flat": flat_match.flat.pk,
        "chosen": chosen.pk,
        "entries": sorted(
            (
                {
                    "application": m.application.pk,
                    "case": m.application.case.number,
                    "position": m.position,
                    "fits": m.fits,
                    "fails": m.fails,
                }
                for m in flat_match.matches + flat_match.excluded
            ),
            key=lambda entry: entry["position"],
        ),
    }
