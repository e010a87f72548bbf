"""The filters of the eviction file list: status, district, flagged, children in the household, mine, and a case
number."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

import django_filters

from evictions.models import EvictionFile
from evictions.workflow import FileStatus
from kompotten.filters import ID, ListFilters, checkbox, choice

ALL = "alla"


class FileFilters(ListFilters):
    defaults = {"status": FileStatus.OPEN}

    status = choice("status", _("Status"), [*FileStatus.choices, (ALL, _("Alla"))], method="by_status")
    distrikt = django_filters.CharFilter(field_name="district", label=_("Distrikt"), validators=[ID], method="by_id")
    flaggade = checkbox("escalated", _("Bara flaggade för teamledaren"), method="flagged_only")
    barn = checkbox("children", _("Bara hushåll med barn"), method="with_children_only")
    mina = checkbox("mine", _("Bara ärenden där jag är handläggare"), method="mine_only")
    q = django_filters.CharFilter(field_name="query", label=_("Ärendenummer"), method="by_number")

    class Meta:
        model = EvictionFile
        fields = []

    def by_status(self, files: QuerySet[EvictionFile], name, value: str) -> QuerySet[EvictionFile]:
        return files if value == ALL else files.filter(status=value)

    def by_id(self, files: QuerySet[EvictionFile], name, value: str) -> QuerySet[EvictionFile]:
        return files.filter(**{f"{name}_id": int(value)})

    def flagged_only(self, files: QuerySet[EvictionFile], name, value) -> QuerySet[EvictionFile]:
        return files.filter(escalated=True) if value else files

    def with_children_only(self, files: QuerySet[EvictionFile], name, value) -> QuerySet[EvictionFile]:
        return files.filter(has_children=True) if value else files

    def mine_only(self, files: QuerySet[EvictionFile], name, value) -> QuerySet[EvictionFile]:
        return files.filter(case__assignments__user=self.policy.user) if value else files

    def by_number(self, files: QuerySet[EvictionFile], name, value: str) -> QuerySet[EvictionFile]:
        """A case number (`2025-17`) exactly; anything else searches nothing."""
        year, _sep, sequence = value.strip().partition("-")
        if year.isdigit() and sequence.isdigit():
            return files.filter(case__year=int(year), case__sequence=int(sequence))
        return files
