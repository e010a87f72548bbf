"""Input validation for people and the case core, with Swedish messages that say how to fix the input."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.identity_numbers import parse_identity_number
from cases.models import CaseParty, Document, HouseholdMember, ProtectionLevel
from kompotten.forms import GovukFormMixin
from kompotten.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class NoteForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 6}))
    happened_on = forms.DateField(label=_("Händelsedatum"), widget=DateInput(), required=False)
    shared_with_partners = forms.BooleanField(
        label=_("Dela med samverkanskommunen"),
        required=False,
        help_text=_("Kontaktpersonen i samverkanskommunen kan då läsa anteckningen."),
    )


class NoteEditForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 6}))


def upload_help() -> str:
    return _("PDF, Word, OpenDocument, text eller bild, högst %(mb)d MB.") % {"mb": settings.MAX_UPLOAD_MB}


def reviewed_field() -> forms.BooleanField:
    """The caseworker's confirmation for sharing a file whose text cannot be checked (`services.document_add`)."""
    return forms.BooleanField(
        label=_("Jag har läst igenom dokumentet och det innehåller inga skyddade uppgifter"),
        required=False,
        help_text=_(
            "Rubriken och texten i ett delat dokument kontrolleras innan det delas. Går texten inte att läsa "
            "(en bild eller en inskannad PDF) delas dokumentet bara med din bekräftelse, som sparas."
        ),
    )


class DocumentForm(GovukFormMixin, forms.Form):
    file = forms.FileField(label=_("Fil"), help_text=lazy(upload_help, str)())
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    type = forms.ChoiceField(label=_("Dokumenttyp"), choices=Document.Type.choices)
    document_date = forms.DateField(label=_("Dokumentdatum"), widget=DateInput())
    shared_with_partners = forms.BooleanField(label=_("Dela med samverkanskommunen"), required=False)
    reviewed = reviewed_field()


class DeadlineForm(GovukFormMixin, forms.Form):
    UNITS = [("days", _("dagar")), ("weeks", _("veckor")), ("months", _("månader"))]

    label = forms.CharField(label=_("Vad fristen gäller"), max_length=200)
    starts_on = forms.DateField(label=_("Räknas från"), widget=DateInput())
    length = forms.IntegerField(label=_("Längd"), min_value=1, max_value=730)
    unit = forms.ChoiceField(label=_("Enhet"), choices=UNITS)


class ReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}))


class ExtendForm(ReasonForm):
    new_due_on = forms.DateField(label=_("Ny sista dag"), widget=DateInput())


class AssignForm(GovukFormMixin, forms.Form):
    """A handler out of the case's own unit's caseworkers, and the reason (needed when the case holds a protected
    person: the managers' review shows it). The rules themselves are the service's (`case_assign_handler`)."""

    user = forms.ModelChoiceField(
        label=_("Handläggare"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Välj en handläggare."),
            "invalid_choice": _("Välj en av handläggarna i listan; bara ärendets enhet kan tilldelas."),
        },
    )
    reason = forms.CharField(
        label=_("Skäl till tilldelningen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visas i chefens granskning av beviljade behörigheter."),
    )

    def __init__(self, *args, case, protected: bool, acting_user, **kwargs):
        super().__init__(*args, **kwargs)
        # A handler whose access to a protected person who joined the case waits is chosen again to confirm it.
        waiting = set(access.awaiting_confirmation(case).values_list("pk", flat=True))
        candidates = access.handler_candidates(case).filter(~Q(assigned_cases=case) | Q(pk__in=waiting))
        if protected:  # never to herself: not even offered
            candidates = candidates.exclude(pk=acting_user.pk)
        self.fields["user"].queryset = candidates.distinct().order_by("last_name", "first_name")
        self.fields["user"].label_from_instance = lambda user: (
            _("%(name)s (bekräfta åtkomsten till en ny person i ärendet)") % {"name": user.get_full_name()}
            if user.pk in waiting
            else user.get_full_name()
        )
        if protected:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _("Ange skälet till tilldelningen.")
            self.fields["reason"].help_text = _(
                "Ärendet har en person med skyddade personuppgifter: tilldelningen ger handläggaren deras identitet. "
                "Skälet visas i chefens granskning av beviljade behörigheter."
            )


class AccessRequestForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Varför behöver du ärendet?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv varför du behöver ärendet.")},
        help_text=_("Gruppledaren ser begäran och tilldelar ärendet, eller inte."),
    )


# What registering a person reads from a `PersonForm` (its role aside): `cases.services.person_register`'s details.
PERSON_REGISTER_FIELDS = (
    "given_name",
    "family_name",
    "identity_number",
    "reserve_number",
    "phone",
    "protection_level",
    "protection_noted_on",
    "protection_source",
)


class PersonForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Roll i ärendet"), choices=CaseParty.Role.choices)
    given_name = forms.CharField(label=_("Förnamn"), max_length=150)
    family_name = forms.CharField(label=_("Efternamn"), max_length=150)
    identity_number = forms.CharField(
        label=_("Personnummer eller samordningsnummer"),
        required=False,
        help_text=_("10 eller 12 siffror, till exempel 19900101-9876."),
    )
    reserve_number = forms.CharField(
        label=_("Reservnummer"), required=False, help_text=_("Bara om personnummer saknas.")
    )
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=30)
    workplace = forms.CharField(label=_("Arbetsplats"), required=False, max_length=200)
    street_address = forms.CharField(label=_("Gatuadress"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postnummer"), required=False, max_length=6)
    protection_level = forms.ChoiceField(label=_("Skyddsnivå"), choices=ProtectionLevel.choices)
    protection_noted_on = forms.DateField(label=_("Skyddet noterat"), required=False, widget=DateInput())
    protection_source = forms.CharField(
        label=_("Källa för uppgiften om skydd"),
        required=False,
        help_text=_("Till exempel Skatteverket (SPAR) eller uppgift från polisen."),
    )

    def clean_identity_number(self):
        value = self.cleaned_data["identity_number"]
        if value.strip():
            try:
                return parse_identity_number(value).normalised
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return ""


class PersonSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Namn eller personnummer"), min_length=2, help_text=_("Minst två tecken, eller ett helt personnummer.")
    )


class EmergencyAccessForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Skäl till nödåtkomst"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Beskriv varför du behöver se personens uppgifter nu. Åtkomsten loggas, är tidsbegränsad och granskas av "
            "en chef."
        ),
    )


class EmergencyReviewForm(GovukFormMixin, forms.Form):
    note = forms.CharField(label=_("Granskningsanteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AccessReviewForm(GovukFormMixin, forms.Form):
    period_start = forms.DateField(widget=forms.HiddenInput)
    period_end = forms.DateField(widget=forms.HiddenInput)
    findings = forms.CharField(
        label=_("Iakttagelser"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad granskningen visade och vad som ska följas upp. Skriv även när inget avvikande hittades."),
    )


class PersonDetailsForm(GovukFormMixin, forms.Form):
    """The details that change over time: contact, address and protection. Names and numbers are corrected by
    registering anew, not edited here."""

    phone = forms.CharField(label=_("Telefon"), required=False, max_length=30)
    workplace = forms.CharField(label=_("Arbetsplats"), required=False, max_length=200)
    street_address = forms.CharField(label=_("Gatuadress (folkbokföring)"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postnummer"), required=False, max_length=6)
    protection_level = forms.ChoiceField(label=_("Skyddsnivå"), choices=ProtectionLevel.choices)
    protection_noted_on = forms.DateField(label=_("Skyddet noterat"), required=False, widget=DateInput())
    protection_source = forms.CharField(label=_("Källa för uppgiften om skydd"), required=False)


class HouseholdMemberForm(GovukFormMixin, forms.Form):
    relation = forms.ChoiceField(label=_("Relation"), choices=HouseholdMember.Relation.choices)
    given_name = forms.CharField(label=_("Förnamn"), max_length=150)
    family_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    birth_year = forms.IntegerField(label=_("Födelseår"), required=False, min_value=1900, max_value=2100)
    school = forms.CharField(label=_("Skola eller förskola"), required=False, max_length=200)


class AddressForm(GovukFormMixin, forms.Form):
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=6)


class FormerIdentityForm(GovukFormMixin, forms.Form):
    former_given_name = forms.CharField(label=_("Tidigare förnamn"), max_length=150)
    former_family_name = forms.CharField(label=_("Tidigare efternamn"), max_length=150)
    former_identity_number = forms.CharField(label=_("Tidigare personnummer"), required=False)
    noted_on = forms.DateField(label=_("Noterat"), widget=DateInput())
    source = forms.CharField(label=_("Uppgiftskälla"), max_length=200)
