"""Input for relocation requests, telephone inquiries and consent, with Swedish messages that say how to fix it."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput, reviewed_field, upload_help
from cases.identity_numbers import parse_identity_number
from cases.models import District, Document, ProtectionLevel
from cases.relocation.filing import PARTNER_DOCUMENT_TYPES
from cases.relocation.models import (
    Direction,
    MemberContact,
    Network,
    PartnerFiling,
    ProtectionAssessment,
    RelocationMessage,
    RelocationRequest,
    RiskAssessor,
    TelephoneInquiry,
)
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
            "partner_contact",
            "serious_violence",
            "home_options_tried",
            "risk_assessed_by",
            "risk_assessed_on",
            "cannot_arrange_housing",
            "rooms_needed",
            "accessibility_needs",
            "avoid_areas",
        ]
        widgets = {
            "risk_assessed_on": DateInput(),
            **{
                field: forms.Textarea(attrs={"rows": 3})
                for field in ("serious_violence", "home_options_tried", "cannot_arrange_housing")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner_contact"].queryset = MemberContact.objects.filter(
            membership__municipality=self.instance.municipality
        ).select_related("membership__municipality")
        self.fields["rooms_needed"].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        if not any(str(self.data.get(name, "")).strip() for name in self.fields):
            # An empty POST (or one with every field blank) would blank every criterion: nothing is saved.
            raise ValidationError(
                _("Formuläret var tomt, så inget har ändrats. Fyll i kriterierna och behoven och spara igen.")
            )
        if bool(data.get("risk_assessed_by")) != bool(data.get("risk_assessed_on")):
            self.add_error("risk_assessed_on", _("Ange både vem som gjort riskbedömningen och när."))
        assessed_on = data.get("risk_assessed_on")
        if assessed_on and assessed_on > timezone.localdate():
            self.add_error("risk_assessed_on", _("Riskbedömningen kan inte vara gjord i framtiden."))
        return data


def named_in(text: str, names) -> list:
    """The objects among `names` (object, name) whose name the text mentions as a word, in any letter case."""
    return [obj for obj, name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)]


class AvoidAreasForm(GovukFormMixin, forms.Form):
    """Nexus maps the areas the partner wrote to our districts and to municipalities. Until it is saved, the
    districts and municipalities the text names are ticked in advance."""

    avoid_districts = forms.ModelMultipleChoiceField(
        label=_("Stadsdelar personen måste undvika"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lägenheter i de här stadsdelarna föreslås och erbjuds aldrig."),
    )
    avoid_municipalities = forms.ModelMultipleChoiceField(
        label=_("Kommuner personen måste undvika"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Andra kommuner än vår. Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )
    avoid_none_of_ours = forms.BooleanField(
        label=_("Inget av områdena samverkanskommunen skrev är våra stadsdelar eller kända kommuner"),
        required=False,
    )

    def __init__(self, *args, request: RelocationRequest, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = request.avoid_districts.all()
        self.fields["avoid_districts"].queryset = District.objects.filter(
            Q(active=True) | Q(pk__in=chosen.values("pk"))
        )
        municipalities = Municipality.objects.exclude(code=settings.HOST_MUNICIPALITY_CODE).order_by("short_name")
        self.fields["avoid_municipalities"].queryset = municipalities
        if not request.avoid_areas.strip():
            self.fields["avoid_none_of_ours"].label = _("Personen behöver inte undvika några stadsdelar eller kommuner")
        if request.avoid_areas_mapped_on is not None:
            self.initial.setdefault("avoid_districts", list(chosen))
            self.initial.setdefault("avoid_municipalities", list(request.avoid_municipalities.all()))
            self.initial.setdefault("avoid_none_of_ours", request.avoid_none_of_ours)
        else:
            typed = request.avoid_areas
            districts = self.fields["avoid_districts"].queryset
            self.initial.setdefault("avoid_districts", named_in(typed, ((d, d.name) for d in districts)))
            self.initial.setdefault(
                "avoid_municipalities", named_in(typed, ((m, m.short_name) for m in municipalities))
            )


class ConsentForm(GovukFormMixin, forms.Form):
    given_on = forms.DateField(label=_("Samtycket lämnades"), widget=DateInput())
    share_identity = forms.BooleanField(label=_("Identitet (namn och personnummer)"), required=False)
    share_household = forms.BooleanField(label=_("Hushållet (barn och medsökande)"), required=False)
    share_risk_assessment = forms.BooleanField(label=_("Riskbedömningen"), required=False)
    share_contact_details = forms.BooleanField(label=_("Kontaktuppgifter"), required=False)


class AssessmentForm(GovukFormMixin, forms.Form):
    """Nexus's protection assessment of a received request."""

    assessed_on = forms.DateField(label=_("Bedömningsdatum"), widget=DateInput())
    result = forms.ChoiceField(
        label=_("Resultat"), choices=ProtectionAssessment.Result.choices, widget=forms.RadioSelect
    )
    threat_level = forms.ChoiceField(
        label=_("Hotbild"), choices=ProtectionAssessment.ThreatLevel.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Läses av Nexus och bostadsenheten, aldrig av samverkanskommunen."),
        error_messages={"required": _("Ange en motivering till bedömningen.")},
    )


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


class PartnerRequestForm(GovukFormMixin, forms.Form):
    """A formal request filed by the partner's contact person: the person, household, needs, the four criteria with
    their evidence, the consent and the documents, on one page."""

    network = forms.ModelChoiceField(label=_("Nätverk"), queryset=Network.objects.none())
    given_name = forms.CharField(label=_("Förnamn"), max_length=150)
    family_name = forms.CharField(label=_("Efternamn"), max_length=150)
    identity_number = forms.CharField(
        label=_("Personnummer eller samordningsnummer"), max_length=13, help_text=_("ÅÅÅÅMMDD-NNNN")
    )
    protection_level = forms.ChoiceField(
        label=_("Skyddsnivå"),
        choices=ProtectionLevel.choices,
        help_text=_("Sekretessmarkering, skyddad folkbokföring eller fingerade personuppgifter, om personen har det."),
    )
    adults = forms.IntegerField(label=_("Vuxna i hushållet"), min_value=1, max_value=6, initial=1)
    children_ages = forms.CharField(
        label=_("Barnens åldrar"),
        required=False,
        max_length=60,
        help_text=_("Åldrarna i år, skilda med komma, till exempel 4, 9. Lämna tomt om det inte finns barn."),
    )
    rooms_needed = forms.IntegerField(label=_("Antal rum"), min_value=1, max_value=8)
    accessibility_needs = forms.CharField(label=_("Tillgänglighet"), max_length=300, required=False)
    avoid_areas = forms.CharField(
        label=_("Områden personen måste undvika"),
        max_length=300,
        required=False,
        help_text=_("Stadsdelar eller orter."),
    )
    serious_violence = forms.CharField(
        label=_("Våldet är så allvarligt att personen inte kan bo kvar i hemkommunen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Beskriv hotbilden och vad som visar den."),
    )
    home_options_tried = forms.CharField(
        label=_("Alla möjligheter till tryggt boende i hemkommunen är prövade"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risk_assessed_by = forms.ChoiceField(label=_("Riskbedömningen gjord av"), choices=RiskAssessor.choices)
    risk_assessed_on = forms.DateField(label=_("Riskbedömningen gjord"), widget=DateInput())
    cannot_arrange_housing = forms.CharField(
        label=_("Personen kan inte själv ordna boende för sig och sina barn"), widget=forms.Textarea(attrs={"rows": 3})
    )
    consent_given_on = forms.DateField(label=_("Personens samtycke lämnades"), widget=DateInput())
    share_identity = forms.BooleanField(label=_("Samtycket omfattar identitet (namn och personnummer)"), required=False)
    share_household = forms.BooleanField(label=_("Samtycket omfattar hushållet (barn och medsökande)"), required=False)
    share_risk_assessment = forms.BooleanField(label=_("Samtycket omfattar riskbedömningen"), required=False)
    share_contact_details = forms.BooleanField(label=_("Samtycket omfattar kontaktuppgifter"), required=False)
    risk_assessment_file = forms.FileField(label=_("Riskbedömningen (fil)"), required=False)
    request_letter_file = forms.FileField(label=_("Förfrågan (brev)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = shared_networks(user.partner_municipality)
        for name in ("risk_assessment_file", "request_letter_file"):
            self.fields[name].help_text = upload_help()

    def clean_identity_number(self):
        try:
            return parse_identity_number(self.cleaned_data["identity_number"]).normalised
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean_children_ages(self):
        text = self.cleaned_data["children_ages"].replace(";", ",")
        parts = [part.strip() for part in text.split(",") if part.strip()]
        if not all(part.isdigit() and int(part) < 18 for part in parts):
            raise ValidationError(_("Skriv barnens åldrar som tal mellan 0 och 17, skilda med komma."))
        if len(parts) > PartnerFiling.MAX_CHILDREN:
            raise ValidationError(_("Högst %(n)d barn kan anges här.") % {"n": PartnerFiling.MAX_CHILDREN})
        return tuple(int(part) for part in parts)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in ("risk_assessed_on", "consent_given_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("Datumet kan inte ligga i framtiden."))
        return data


def shared_networks(municipality):
    """The networks both the partner and we are members of today: the ones a request between us can go through."""
    today = timezone.localdate()
    current = Q(memberships__joined_on__lte=today) & (
        Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gte=today)
    )
    ours = Network.objects.filter(current, memberships__municipality__code=settings.HOST_MUNICIPALITY_CODE)
    theirs = Network.objects.filter(current, memberships__municipality=municipality)
    return Network.objects.filter(pk__in=ours.values("pk")).filter(pk__in=theirs.values("pk")).order_by("name")


class RequestDocumentForm(GovukFormMixin, forms.Form):
    file = forms.FileField(label=_("Fil"))
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    type = forms.ChoiceField(label=_("Dokumenttyp"), choices=[])
    shared_with_partners = forms.BooleanField(
        label=_("Dela med samverkanskommunen"),
        required=False,
        help_text=_("Utan bocken stannar dokumentet internt hos oss."),
    )
    reviewed = reviewed_field()

    def __init__(self, *args, partner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help()
        types = PARTNER_DOCUMENT_TYPES if partner else Document.Type.values
        self.fields["type"].choices = [(value, Document.Type(value).label) for value in types]
        if partner:  # what a partner adds is always read by both sides
            del self.fields["shared_with_partners"], self.fields["reviewed"]
