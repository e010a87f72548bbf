"""The filters of the relocation request list: state, direction, network, partner municipality, overdue, and the
sort order."""

from django.db.models import Exists, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import django_filters

from cases.relocation.models import Direction, RelocationRequest
from cases.relocation.selectors import SORTS, running_deadlines
from cases.relocation.workflow import State
from kompotten.filters import ID, ListFilters, checkbox, choice


class RequestFilters(ListFilters):
    defaults = {"sortera": "nummer"}

    status = choice("state", _("Status"), State.choices)
    riktning = choice("direction", _("Riktning"), Direction.choices)
    natverk = django_filters.CharFilter(field_name="network", label=_("Nätverk"), validators=[ID], method="by_id")
    kommun = django_filters.CharFilter(
        field_name="municipality", label=_("Samverkanskommun"), validators=[ID], method="by_id"
    )
    forsenade = checkbox("overdue", _("Bara försenade"), method="overdue_only")
    sortera = choice("sort", _("Sortering"), [(key, key) for key in SORTS], method="keep")

    class Meta:
        model = RelocationRequest
        fields = []

    def by_id(self, requests: QuerySet[RelocationRequest], name, value: str) -> QuerySet[RelocationRequest]:
        return requests.filter(**{f"{name}_id": int(value)})

    def overdue_only(self, requests: QuerySet[RelocationRequest], name, value) -> QuerySet[RelocationRequest]:
        """The next running deadline has passed: some running deadline has."""
        if not value:
            return requests
        return requests.filter(Exists(running_deadlines().filter(due_on__lt=timezone.localdate())))
