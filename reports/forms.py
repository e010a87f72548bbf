"""The three ways to ask for a report: the annual report for a year, the monthly statistics for a month, and the
committee report for a month, a quarter or whole years, each as PDF, CSV or an .xlsx workbook. Each form is on the
start page with a prefix of its own."""

import re
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from kompotten.forms import GovukFormMixin
from reports import services
from reports.models import COMMENTARY_MAX_LENGTH, Delivery, ReportFormat, ReportKind


def _years() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year, this_year - 6, -1)]


def _commentary_field() -> forms.CharField:
    """The committee's commentary, written before the run and printed in the report's own section."""
    return forms.CharField(
        label=_("Kommentar till nämnden"),
        help_text=_(
            "Skrivs ut i ett eget avsnitt i rapporten och sparas med den. Skriv inga namn eller andra uppgifter som "
            "pekar ut en person."
        ),
        max_length=COMMENTARY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[_no_identity_number],
    )


def _no_identity_number(value: str) -> None:
    try:
        services.validate_commentary(value)
    except ValidationError as error:
        raise forms.ValidationError(error.message_dict["commentary"]) from error


def _format_field(kind: str) -> forms.ChoiceField:
    """The committee report's format: PDF unless another is chosen (the CSV and the workbook hold its tables)."""
    return forms.ChoiceField(
        label=_("Format"),
        choices=[(f.value, f.label) for f in services.FORMATS[kind]],
        initial=ReportFormat.PDF,
        required=False,
    )


class AnnualForm(GovukFormMixin, forms.Form):
    kind = ReportKind.ANNUAL
    year = forms.TypedChoiceField(label=_("År"), coerce=int, choices=_years)
    file_format = _format_field(ReportKind.ANNUAL)
    commentary = _commentary_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year - 1, "file_format": ReportFormat.PDF})
        super().__init__(*args, prefix="arsrapport", **kwargs)

    def period(self) -> tuple[date, date, str]:
        return (*services.year_period(self.cleaned_data["year"]), self.cleaned_data["file_format"] or ReportFormat.PDF)


class MonthlyForm(GovukFormMixin, forms.Form):
    kind = ReportKind.MONTHLY
    month = forms.CharField(
        label=_("Månad"),
        help_text=_("År och månad, till exempel 2025-03."),
        error_messages={"required": _("Skriv månaden, till exempel 2025-03.")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric", "spellcheck": "false"}),
    )
    file_format = forms.ChoiceField(
        label=_("Format"), choices=[(f.value, f.label) for f in services.FORMATS[ReportKind.MONTHLY]]
    )

    def __init__(self, *args, **kwargs):
        last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
        kwargs.setdefault("initial", {"month": f"{last_month:%Y-%m}", "file_format": ReportFormat.PDF})
        super().__init__(*args, prefix="manad", **kwargs)

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(_("Skriv månaden som år och månad, till exempel 2025-03."))
        return int(match[1]), int(match[2])

    def period(self) -> tuple[date, date, str]:
        return (*services.month_period(*self.cleaned_data["month"]), self.cleaned_data["file_format"])


class RangeForm(GovukFormMixin, forms.Form):
    kind = ReportKind.RANGE
    start = forms.DateField(
        label=_("Från och med"),
        help_text=_("En hel månad, ett kvartal eller hela år, till exempel 2025-04-01 till och med 2025-06-30."),
        widget=DateInput(),
        error_messages={"required": _("Skriv periodens första dag.")},
    )
    end = forms.DateField(
        label=_("Till och med"), widget=DateInput(), error_messages={"required": _("Skriv periodens sista dag.")}
    )
    file_format = _format_field(ReportKind.RANGE)
    commentary = _commentary_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"file_format": ReportFormat.PDF})
        super().__init__(*args, prefix="period", **kwargs)

    def period(self) -> tuple[date, date, str]:
        return (
            self.cleaned_data["start"],
            self.cleaned_data["end"],
            self.cleaned_data["file_format"] or ReportFormat.PDF,
        )


FORMS = {form.kind.value: form for form in (AnnualForm, MonthlyForm, RangeForm)}
# Where a service's message about the period (or the commentary) belongs in each form.
FIELD_FOR = {
    "period_start": {"annual": "year", "monthly": "month", "range": "start"},
    "period_end": {"annual": "year", "monthly": "month", "range": "end"},
    "file_format": {"annual": "file_format", "monthly": "file_format", "range": "file_format"},
    "commentary": {"annual": "commentary", "monthly": None, "range": "commentary"},
}


class RegisterExtractForm(GovukFormMixin, forms.Form):
    """How the person wants her register extract: handed over, or sent to an address she gives now (a protected
    person's registered address is refused by the service)."""

    delivery = forms.ChoiceField(
        label=_("Hur ska utdraget lämnas ut?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj hur utdraget ska lämnas ut.")},
    )
    delivery_address = forms.CharField(
        label=_("Adress som personen har uppgett"),
        help_text=_("Bara om utdraget ska skickas till en adress som personen har uppgett. Skrivs inte ut i utdraget."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
