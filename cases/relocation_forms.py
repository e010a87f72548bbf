"""Input for relocation requests, telephone inquiries and consent, with Swedish messages that say how to fix it."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import Direction, MemberContact, Network, RelocationMessage, RelocationRequest, TelephoneInquiry
from kompotten.forms import GovukFormMixin
from kompotten.models import Municipality


def _partner_municipalities():
    """Municipalities that are or were members of some network, ours excluded."""
    members = Municipality.objects.filter(network_memberships__isnull=False).distinct()
    return members.exclude(code=settings.HOST_MUNICIPALITY_CODE).order_by("short_name")


class InquiryForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = TelephoneInquiry
        fields = ["occurred_on", "direction", "network", "municipality", "topic", "stop_reason"]
        widgets = {"occurred_on": DateInput(), "direction": forms.RadioSelect}
        help_texts = {"topic": _("Skriv aldrig in namn eller andra uppgifter om personen: de behövs inte här.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _partner_municipalities()
        self.fields["occurred_on"].initial = timezone.localdate()


class RequestOpenForm(GovukFormMixin, forms.Form):
    network = forms.ModelChoiceField(label=_("Nätverk"), queryset=Network.objects.all())
    municipality = forms.ModelChoiceField(label=_("Samverkanskommun"), queryset=Municipality.objects.none())
    on = forms.DateField(label=_("Datum"), widget=DateInput())

    def __init__(self, *args, direction: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _partner_municipalities()
        self.fields["on"].label = _("Mottagen") if direction == Direction.INCOMING else _("Påbörjad")
        self.fields["on"].initial = timezone.localdate()


class RequestDetailsForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = RelocationRequest
        fields = [
            "partner_contact", "serious_violence", "home_options_tried", "risk_assessed_by", "risk_assessed_on",
            "cannot_arrange_housing", "rooms_needed", "accessibility_needs", "avoid_areas",
        ]  # fmt: skip
        widgets = {
            "risk_assessed_on": DateInput(),
            **{field: forms.Textarea(attrs={"rows": 3}) for field in (
                "serious_violence", "home_options_tried", "cannot_arrange_housing")},
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_contact"].queryset = MemberContact.objects.filter(
            membership__municipality=self.instance.municipality
        ).select_related("membership__municipality")
        self.fields["rooms_needed"].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        if bool(data.get("risk_assessed_by")) != bool(data.get("risk_assessed_on")):
            self.add_error("risk_assessed_on", _("Ange både vem som gjort riskbedömningen och när."))
        assessed_on = data.get("risk_assessed_on")
        if assessed_on and assessed_on > timezone.localdate():
            self.add_error("risk_assessed_on", _("Riskbedömningen kan inte vara gjord i framtiden."))
        return data


class ConsentForm(GovukFormMixin, forms.Form):
    given_on = forms.DateField(label=_("Samtycket lämnades"), widget=DateInput())
    share_identity = forms.BooleanField(label=_("Identitet (namn och personnummer)"), required=False)
    share_household = forms.BooleanField(label=_("Hushållet (barn och medsökande)"), required=False)
    share_risk_assessment = forms.BooleanField(label=_("Riskbedömningen"), required=False)
    share_contact_details = forms.BooleanField(label=_("Kontaktuppgifter"), required=False)


class TransitionForm(GovukFormMixin, forms.Form):
    """A move of the workflow; the service says whether this move needs its reason."""

    reason = forms.CharField(
        label=_("Skäl"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        error_messages={"required": _("Ange ett skäl. Det sparas i förfrågans historik.")},
    )


class MessageForm(GovukFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Nytt meddelande"),
        max_length=RelocationMessage.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Läses av kontaktpersonerna i båda kommunerna. E-postaviseringen innehåller bara ärendenumret."),
    )


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button confirms (the revocation of a consent)."""
