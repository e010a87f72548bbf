"""The forms of the joint meeting with a landlord: plan it, the landlord's contact persons, a late payer, and the
meeting as held (who attended, what was agreed per file on the agenda)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import Landlord, LandlordContact
from evictions.forms import KronorField
from evictions.models import MeetingAgreement
from kompotten.forms import GovukFormMixin
from kompotten.models import User


def _today():
    return timezone.localdate()


class MeetingPlanForm(GovukFormMixin, forms.Form):
    landlord = forms.ModelChoiceField(
        label=_("Hyresvärd"),
        queryset=Landlord.objects.all(),
        error_messages={"required": _("Välj hyresvärd.")},
    )
    meets_on = forms.DateField(
        label=_("Mötesdag"), widget=DateInput(), error_messages={"required": _("Ange mötesdag.")}
    )
    place = forms.CharField(label=_("Plats"), max_length=200, required=False)


class LatePayerForm(GovukFormMixin, forms.Form):
    amount = KronorField(label=_("Obetald hyra (kr)"), error_messages={"required": _("Ange den obetalda hyran.")})
    days_late = forms.IntegerField(
        label=_("Dagar sen"), min_value=1, max_value=365, error_messages={"required": _("Ange hur många dagar sen.")}
    )
    consented = forms.BooleanField(
        label=_("Hyresgästen har samtyckt till att hyresvärden lämnar uppgiften"),
        required=False,
        help_text=_("Utan samtycke sparas bara beloppet och antalet dagar, inget namn."),
    )
    identity_number = forms.CharField(label=_("Personnummer"), max_length=20, required=False)
    given_name = forms.CharField(label=_("Förnamn"), max_length=100, required=False)
    family_name = forms.CharField(label=_("Efternamn"), max_length=100, required=False)


class MeetingRecordForm(GovukFormMixin, forms.Form):
    """Who attended, and for each file on the agenda what was agreed (left empty: not discussed)."""

    held_on = forms.DateField(label=_("Mötet hölls"), widget=DateInput(), initial=_today)
    staff = forms.ModelMultipleChoiceField(
        label=_("Deltagare från teamet"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Ange vem från teamet som deltog.")},
    )
    landlord_contacts = forms.ModelMultipleChoiceField(
        label=_("Deltagare från hyresvärden"),
        queryset=LandlordContact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, staff, landlord_contacts, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = str
        self.fields["landlord_contacts"].queryset = landlord_contacts
        self.rows = rows
        for row in rows:
            number = row.row.file.case.number
            self.fields[f"outcome_{row.row.file.pk}"] = forms.ChoiceField(
                label=_("Överenskommelse för ärende %(number)s") % {"number": number},
                choices=[("", _("Inte behandlat")), *MeetingAgreement.Outcome.choices],
                required=False,
            )
            self.fields[f"note_{row.row.file.pk}"] = forms.CharField(
                label=_("Anteckning för ärende %(number)s") % {"number": number},
                required=False,
                max_length=500,
            )
            # Added after the mixin gave the other widgets their classes.
            self.fields[f"outcome_{row.row.file.pk}"].widget.attrs["class"] = "govuk-select"
            self.fields[f"note_{row.row.file.pk}"].widget.attrs["class"] = "govuk-input"

    def agreements(self):
        """(file, outcome, note) for each file with an agreement chosen."""
        for row in self.rows:
            outcome = self.cleaned_data.get(f"outcome_{row.row.file.pk}")
            if outcome:
                yield row.row.file, outcome, self.cleaned_data.get(f"note_{row.row.file.pk}", "")
