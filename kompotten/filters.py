"""A list page's filters as a django-filter `FilterSet`: request.GET parsed and validated once, in one place per
app (`<app>/filters.py`), and applied by the list's selector to what the access policy lets the user see.

A value the form refuses (a status that does not exist, a letter where an id belongs) is left out of the
filtering and shown above the filters with the form's Swedish error, never a 500 and never silently dropped. The
page parameters (`kompotten.paging`) are no filters: the paging links keep the request's own querystring.
"""

from types import SimpleNamespace

from django import forms
from django.core.validators import RegexValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

import django_filters

# An id in a select of choices read from the database: checked by its form, not looked up (a lookup per filter
# would cost every list page a query); an id that matches nothing finds no rows.
ID = RegexValidator(r"^[0-9]+$", _("Välj ett giltigt alternativ."))


class ListFilters(django_filters.FilterSet):
    """`defaults` stand in for parameters the request leaves out (the list's first view); `policy` is the access
    policy of the user, for filters that search through it."""

    defaults: dict[str, str] = {}

    def __init__(self, data: QueryDict | None = None, *, policy=None, **kwargs):
        data = (data if data is not None else QueryDict()).copy()
        for name, value in self.defaults.items():
            data.setdefault(name, value)
        self.policy = policy
        super().__init__(data, **kwargs)

    @property
    def form(self):
        """The form, its fields' ids those of the filter panels (`filter-status`), where the error summary links."""
        form = super().form
        form.auto_id = "filter-%s"
        return form

    def apply(self, queryset):
        """`queryset` narrowed by every valid filter."""
        self.is_valid()
        return self.filter_queryset(queryset)

    @property
    def values(self) -> SimpleNamespace:
        """The valid values by their filter's `field_name` (what the templates and the selectors read); a refused
        one as if left out."""
        self.is_valid()
        cleaned = self.form.cleaned_data
        return SimpleNamespace(**{f.field_name: cleaned.get(name, self._empty(f)) for name, f in self.filters.items()})

    def keep(self, queryset, name, value):
        """The method of a filter whose value its list's selector reads itself (a sort order, a flag that also
        changes the ordering): nothing to filter here."""
        return queryset

    @staticmethod
    def _empty(filter_):
        return False if isinstance(filter_.field, forms.NullBooleanField) else ""


def checkbox(field_name: str, label, method: str = "keep") -> django_filters.BooleanFilter:
    """A checkbox sent as `name=1`: True when ticked, False otherwise; `method` filters when it is True."""
    return django_filters.BooleanFilter(field_name=field_name, label=label, widget=forms.CheckboxInput, method=method)


def choice(field_name: str, label, choices, method: str | None = None) -> django_filters.ChoiceFilter:
    """A select of `choices`; without `method` the rows whose `field_name` is the chosen value."""
    return django_filters.ChoiceFilter(field_name=field_name, label=label, choices=choices, method=method)
