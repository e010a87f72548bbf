"""The managers' dashboard (ledningsöversikt): this year's key figures against the same part of last year, the
overdue deadlines per unit, the landlords' quotas used so far this year and the open access-log review.

Counts only, never an identity: the figures come from the apps' statistics modules (which count for the committee,
ignoring object-level access), the overdue deadlines and the log review through the manager's access policy. The
committee's figures pass through the reports' disclosure control (`reports.disclosure`), so the page hides what the
reports hide (a count from 1 to the threshold, a median or share of too few cases, a change or a quota's "left" that
would give a hidden count back) and prints the reports' note word for word.

At a large city's volume the figures take seconds to count, so they are cached for `CACHE_SECONDS` (Django's cache:
Redis when the deployment has one): the committee's figures once for every manager, the overdue deadlines per
manager (they go through the manager's access policy). The page says when they were counted. Last month's counts
from the access log are cached by `log_review` (an ended month never changes); whether its review is recorded and
the emergency accesses waiting for one are read on every request, so what a manager has just done shows at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases import log_review
from cases.access import AccessPolicy
from cases.relocation.statistics import RelocationFigures, relocation_figures
from cases.selectors import OverdueRow, overdue_deadlines_per_unit
from evictions.selectors import is_passed_recovery_period
from evictions.statistics import EvictionFigures, eviction_figures
from housing.statistics import HousingFigures, QuotaRow, housing_figures, quota_rows
from kompotten.capabilities import Capability
from kompotten.statistics import ProcessingTime
from reports.disclosure import SECONDARY, SECONDARY_MARK, Disclosure, Shown, format_number

CACHE_SECONDS = 5 * 60
NOT_APPLICABLE = "–"


@dataclass(frozen=True)
class KeyFigure:
    label: str | Promise
    this_year: Shown
    last_year: Shown
    scale: int = 1  # 100 for shares: their change is in percentage points

    @property
    def change(self) -> Shown:
        """The difference, printed only when both figures are: beside one printed figure it would give the other."""
        if self.this_year.hidden or self.last_year.hidden:
            return Shown(SECONDARY_MARK, SECONDARY)
        if self.this_year.value is None or self.last_year.value is None:
            return Shown(NOT_APPLICABLE)
        difference = (self.this_year.value - self.last_year.value) * self.scale
        text = format_number(difference)
        return Shown(f"+{text}" if difference > 0 and text != "0" else text, value=difference)

    @property
    def hidden(self) -> bool:
        return self.this_year.hidden or self.last_year.hidden


@dataclass(frozen=True)
class QuotaFigure:
    """A landlord's reservation pool as the dashboard prints it: flats used (and over the quota) are counts of
    households, protected as the report protects them; what is left is printed only when the use is."""

    landlord: str
    pool: str
    kind_label: str
    promised: int
    used: Shown
    overrides: Shown
    left: Shown

    @property
    def hidden(self) -> bool:
        return self.used.hidden or self.overrides.hidden


@dataclass(frozen=True)
class Section:
    title: str | Promise
    figures: list[KeyFigure]


@dataclass(frozen=True)
class Dashboard:
    today: date
    this_start: date
    last_start: date
    last_end: date
    sections: list[Section]
    overdue: list[OverdueRow]
    quotas: list[QuotaFigure]
    log_review: log_review.ReviewStatus
    counted_at: datetime  # when the oldest of the cached figures was counted

    @property
    def cache_minutes(self) -> int:
        return CACHE_SECONDS // 60

    @property
    def note(self) -> str:
        """The reports' note on disclosure control, word for word, when the page hides anything."""
        hidden = any(figure.hidden for section in self.sections for figure in section.figures)
        return Disclosure().note() if hidden or any(row.hidden for row in self.quotas) else ""

    @property
    def overdue_total(self) -> int:
        return sum(row.overdue for row in self.overdue)


def same_day_last_year(day: date) -> date:
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)


def _periods(today: date) -> tuple[date, date, date]:
    """This year's start, and last year's start and end of the same part of the year."""
    return date(today.year, 1, 1), date(today.year - 1, 1, 1), same_day_last_year(today)


def dashboard(policy: AccessPolicy, today: date) -> Dashboard:
    """Managers only (the log review's rule): anyone else gets a 404."""
    policy.require(Capability.OVERSEE, hidden=True)
    this_start, last_start, last_end = _periods(today)
    review_start, review_end = log_review.month_period(None)
    keys = _keys(policy, today)
    figures_at, (sections, quotas) = _cached(keys["figures"], lambda: figures(today))
    overdue_at, overdue = _cached(
        keys["overdue"], lambda: overdue_deadlines_per_unit(policy, today, not_late=is_passed_recovery_period(today))
    )
    log_counts = log_review.month_counts(policy, review_start, review_end)  # an ended month: cached there
    return Dashboard(
        today=today,
        this_start=this_start,
        last_start=last_start,
        last_end=last_end,
        sections=sections,
        overdue=overdue,
        quotas=quotas,
        log_review=log_review.review_status(policy, log_counts),
        counted_at=min(figures_at, overdue_at),
    )


def _keys(policy: AccessPolicy, today: date) -> dict[str, str]:
    return {
        "figures": f"reports:dashboard:figures:{today}",  # the same for every manager
        "overdue": f"reports:dashboard:overdue:{policy.user.pk}:{today}",  # through the manager's access policy
    }


def _cached(key: str, count: Callable):
    """(when it was counted, what was counted), from the cache when counted in the last `CACHE_SECONDS`."""
    return cache.get_or_set(key, lambda: (timezone.now(), count()), CACHE_SECONDS)


def figures(today: date) -> tuple[list[Section], list[QuotaFigure]]:
    """The committee's figures: this year so far against the same part of last year, and the quotas, protected."""
    this_start, last_start, last_end = _periods(today)
    now = (
        relocation_figures(this_start, today),
        housing_figures(this_start, today),
        eviction_figures(this_start, today),
    )
    then = (
        relocation_figures(last_start, last_end),
        housing_figures(last_start, last_end),
        eviction_figures(last_start, last_end),
    )
    sections = [_relocation(now[0], then[0]), _housing(now[1], then[1]), _evictions(now[2], then[2])]
    return sections, [_quota(row) for row in quota_rows(this_start, today)]


def _quota(row: QuotaRow) -> QuotaFigure:
    disclosure = Disclosure()
    used, overrides = disclosure.count(row.used), disclosure.count(row.overrides)
    left = Shown(SECONDARY_MARK, SECONDARY) if used.hidden else Shown(format_number(row.left), value=row.left)
    return QuotaFigure(row.landlord, row.pool, row.kind_label, row.promised, used, overrides, left)


def _counts(label, read, now, then) -> KeyFigure:
    disclosure = Disclosure()
    return KeyFigure(label, disclosure.count(read(now)), disclosure.count(read(then)))


def _median(label, read, now, then) -> KeyFigure:
    disclosure = Disclosure()

    def shown(time: ProcessingTime) -> Shown:
        return disclosure.median_days(time.median_days, time.count)

    return KeyFigure(label, shown(read(now)), shown(read(then)))


def _share(label, read, now, then) -> KeyFigure:
    disclosure = Disclosure()

    def shown(time: ProcessingTime) -> Shown:
        if time.within_deadline is None:
            return Shown(NOT_APPLICABLE)
        return disclosure.share(time.within_deadline, time.count)

    return KeyFigure(label, shown(read(now)), shown(read(then)), scale=100)


def _relocation(now: RelocationFigures, then: RelocationFigures) -> Section:
    def row(label, read):
        return _counts(label, read, now, then)

    return Section(
        _("Förflyttningar (Kompotten och Länskompotten)"),
        [
            row(_("Formella förfrågningar till oss"), lambda f: f.incoming.formal),
            row(_("Formella förfrågningar från oss"), lambda f: f.outgoing.formal),
            row(_("Telefonförfrågningar"), lambda f: f.incoming.telephone + f.outgoing.telephone),
            row(_("Hushåll som fått lägenhet här"), lambda f: f.incoming.housed),
            row(_("Hushåll som fått lägenhet i annan kommun"), lambda f: f.outgoing.housed),
            _median(_("Skyddsbedömning, mediantid i dagar"), lambda f: f.nexus_assessment, now, then),
            _share(_("Skyddsbedömningar inom två veckor"), lambda f: f.nexus_assessment, now, then),
            _share(_("Beslut om kontrakt inom tre månader"), lambda f: f.housing_decision, now, then),
        ],
    )


def _housing(now: HousingFigures, then: HousingFigures) -> Section:
    def row(label, read):
        return _counts(label, read, now, then)

    return Section(
        _("Boendekedjan"),
        [
            row(_("Remisser till bostadsenheten"), lambda f: f.referrals_total),
            row(_("Beslut om bifall"), lambda f: next(t.count for t in f.decisions if t.value == "approved")),
            row(_("Bostadssociala kontrakt som startat"), lambda f: f.contracts_started),
            row(_("Kontrakt som övergått till hyresgästen"), lambda f: f.contracts_passed_to_tenant),
            row(_("Avslutade placeringar i skyddat boende"), lambda f: f.placements_ended_total),
            row(_("Flyttar genom kundvård"), lambda f: f.kundvard.moved),
        ],
    )


def _evictions(now: EvictionFigures, then: EvictionFigures) -> Section:
    def row(label, read):
        return _counts(label, read, now, then)

    return Section(
        _("Vräkningsförebyggande arbete"),
        [
            row(_("Underrättelser"), lambda f: f.totals.received),
            row(_("Vidarebefordrade till annan enhet eller kommun"), lambda f: f.routed),
            row(_("Hushåll med barn"), lambda f: f.households_with_children),
            row(_("Avslutade ärenden"), lambda f: f.totals.closed),
            row(_("Verkställda avhysningar"), lambda f: f.totals.executed),
            row(_("Avhysningar som förhindrades"), lambda f: f.totals.prevented),
        ],
    )
