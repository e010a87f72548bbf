"""The filters of the case list (`/arenden/`): kind, open or closed, mine, a search by number, name or identity
number, and the sort order."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

import django_filters

from cases.models import Case
from cases.selectors import SORTS, search_persons
from kompotten.filters import ListFilters, checkbox, choice

OPEN_OR_CLOSED = [("open", _("Öppna")), ("closed", _("Avslutade")), ("all", _("Alla"))]


class CaseFilters(ListFilters):
    defaults = {"status": "open", "sortera": "nummer"}

    typ = choice("kind", _("Ärendetyp"), Case.Kind.choices)
    status = choice("status", _("Status"), OPEN_OR_CLOSED, method="open_or_closed")
    mina = checkbox("mine", _("Bara ärenden där jag är handläggare"), method="mine_only")
    q = django_filters.CharFilter(
        field_name="query", label=_("Sök ärendenummer, namn eller personnummer"), method="search"
    )
    sortera = choice("sort", _("Sortering"), [(key, key) for key in SORTS], method="keep")

    class Meta:
        model = Case
        fields = []

    def open_or_closed(self, cases: QuerySet[Case], name, value) -> QuerySet[Case]:
        if value == "all":
            return cases
        return cases.filter(closed_on__isnull=value == "open")

    def mine_only(self, cases: QuerySet[Case], name, value) -> QuerySet[Case]:
        return cases.filter(assignments__user=self.policy.user) if value else cases

    def search(self, cases: QuerySet[Case], name, value: str) -> QuerySet[Case]:
        """A case number (`2025-17`) exactly; otherwise the persons found by name or identity number."""
        query = value.strip()
        year, _sep, sequence = query.partition("-")
        if year.isdigit() and sequence.isdigit() and len(year) == 4:
            return cases.filter(year=int(year), sequence=int(sequence))
        return cases.filter(parties__person__in=search_persons(self.policy, query)).distinct() if query else cases
