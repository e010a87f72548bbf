import copy
import re

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

# The GOV.UK Frontend class each widget type needs, and the one for its error state.
WIDGET_CLASSES = {
    forms.Textarea: ("govuk-textarea", "govuk-textarea--error"),
    forms.Select: ("govuk-select", "govuk-select--error"),
    forms.ClearableFileInput: ("govuk-file-upload", "govuk-file-upload--error"),
    forms.CheckboxInput: ("govuk-checkboxes__input", ""),
    forms.widgets.Input: ("govuk-input", "govuk-input--error"),
}


class GovukFormMixin:
    """Gives every widget its GOV.UK class, and links hints and errors to it for screen readers.

    Errors are marked after validation (full_clean), not in __init__: a form that narrows a field's choices after
    calling super().__init__() must be validated against the narrowed field, not the one it started with.
    """

    #: The service's rules as a function of the values cleaned so far (a field with an error is missing), returning
    #: {field: message}. Run on every submit, so a rule's error shows with the missing fields' on the first one; the
    #: service runs the same function again on the whole input.
    rules = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css, _error_css = _widget_classes(field)
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                _describe(field, f"{self[name].id_for_label}-hint")
            name_field_in_errors(field)

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.rules is not None and hasattr(self, "cleaned_data"):
            for name, message in type(self).rules(self.cleaned_data).items():
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, message)
        for name in self.errors:
            if name in self.fields:
                field = self.fields[name]
                field.widget.attrs["class"] = f"{field.widget.attrs['class']} {_widget_classes(field)[1]}".strip()
                _describe(field, f"{self[name].id_for_label}-error")


SHORT_LABEL_WORDS = 4  # "Hyresgäst, förnamn" is a noun to name; a longer label is a sentence to quote


def name_field_in_errors(field) -> None:
    """Django's own messages ("Detta fält måste fyllas i.") do not say which field they are about, and the error
    summary lists them away from their fields: each default message is replaced by one that names the field
    ("Ange mottagningsdatum."). Messages a form wrote itself are kept."""
    defaults = _default_messages(type(field))
    for key, message in list(field.error_messages.items()):
        if key in defaults and message is defaults[key]:
            field.error_messages[key] = _named_message(key, field, message)
    for index, validator in enumerate(field.validators):  # min_value, max_length and the like
        if getattr(validator, "message", None) is getattr(type(validator), "message", False):
            validator = copy.copy(validator)  # the field's list is the form's own; the validator is shared
            validator.message = _named_message("validator", field, validator.message)
            field.validators[index] = validator


def _default_messages(field_class) -> dict:
    messages = {}
    for cls in reversed(field_class.__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _kind_of(field) -> str:
    if isinstance(field.widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField):
        return "choice"
    return "input"


def _lower_first(label) -> str:
    text = str(label)
    # "Hyresgäst, personnummer" reads "Ange hyresgäst, personnummer"; "LSS-beslut" keeps its capitals.
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _name_message(key: str, field, message) -> str:
    label = field.label  # read when shown: some forms set their labels after building the fields
    if not label:
        return str(message)
    kind, short = _kind_of(field), len(str(label).split()) <= SHORT_LABEL_WORDS
    if key != "required":
        # Messages with their own %(limit_value)s and the like keep them: Django fills them in after this.
        return gettext("%(field)s: %(message)s") % {"field": label, "message": message}
    if kind == "checkbox":
        return gettext("Kryssa i ”%(field)s”.") % {"field": label}
    if str(label).endswith("?") or not short:
        # A question or a statement ("Våldet är så allvarligt att …") is quoted, not made the object of "Ange".
        text = gettext("Välj ett svar under ”%(field)s”.") if kind == "choice" else gettext("Fyll i ”%(field)s”.")
        return text % {"field": label}
    text = gettext("Välj %(field)s.") if kind == "choice" else gettext("Ange %(field)s.")
    return text % {"field": _lower_first(label)}


# Lazy, because forms are built at import time for some pages and the language is the request's.
_named_message = lazy(_name_message, str)


def _widget_classes(field) -> tuple[str, str]:
    return next((classes for widget, classes in WIDGET_CLASSES.items() if isinstance(field.widget, widget)), ("", ""))


def _describe(field, element_id: str) -> None:
    described_by = field.widget.attrs.get("aria-describedby", "").split()
    if element_id not in described_by:
        field.widget.attrs["aria-describedby"] = " ".join([*described_by, element_id])


class LoginForm(GovukFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadress"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True, "spellcheck": "false"}),
    )
    error_messages = {
        "invalid_login": _(
            "Fel e-postadress eller lösenord. Kontrollera att du skrivit rätt och försök igen. "
            "Tänk på att lösenordet skiljer på stora och små bokstäver."
        ),
        "inactive": _("Kontot är inaktiverat. Kontakta systemförvaltningen."),
        "staff_use_provider": _(
            "Personal i kommunen loggar in med kommunens konto: välj ”Logga in med kommunens konto”. "
            "E-post och lösenord är till för kontaktpersoner i samverkanskommuner."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Lösenord")

    def confirm_login_allowed(self, user):
        """With KOMPOTTEN_STAFF_PASSWORD_LOGIN off, only partner contact persons log in with a password."""
        super().confirm_login_allowed(user)
        if not settings.STAFF_PASSWORD_LOGIN and not user.is_partner:
            raise forms.ValidationError(self.error_messages["staff_use_provider"], code="staff_use_provider")


class TwoFactorCodeForm(GovukFormMixin, forms.Form):
    """The six-digit code from the authenticator app, checked against one device (django-otp throttles guessing)."""

    code = forms.CharField(
        label=_("Kod från appen"),
        help_text=_("Sex siffror, till exempel 123456. Koden byts var 30:e sekund."),
        error_messages={"required": _("Skriv koden som appen visar.")},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, device, **kwargs):
        self.device = device  # before GovukFormMixin, which validates a bound form to mark its errors
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Skriv koden med sex siffror, till exempel 123456."))
        _refuse_while_throttled(self.device)
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _(
                    "Koden stämmer inte. Skriv den kod som appen visar just nu. Stämmer den ändå inte, "
                    "kontrollera att telefonens klocka går rätt."
                )
            )
        return code


def _refuse_while_throttled(device) -> None:
    """django-otp slows down guessing: after a wrong code the device refuses every code for a growing while."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        locked_until = (details or {}).get("locked_until") or timezone.now()
        seconds = max(1, int((locked_until - timezone.now()).total_seconds()))
        raise forms.ValidationError(
            ngettext(
                "Du har skrivit fel kod flera gånger i rad. Vänta %(seconds)d sekund och försök igen.",
                "Du har skrivit fel kod flera gånger i rad. Vänta %(seconds)d sekunder och försök igen.",
                seconds,
            )
            % {"seconds": seconds}
        )


class RecoveryCodeForm(GovukFormMixin, forms.Form):
    """One of the user's recovery codes (kompotten.two_factor), instead of the app's code; each works once."""

    code = forms.CharField(
        label=_("Reservkod"),
        help_text=_("Åtta tecken, bokstäver och siffror, till exempel ab3de7fg."),
        error_messages={"required": _("Skriv en av dina reservkoder.")},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "none",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, device, **kwargs):
        self.device = device  # before GovukFormMixin, which validates a bound form to mark its errors
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).lower()
        if self.device is None:
            raise forms.ValidationError(_("Du har inga reservkoder. Kontakta systemförvaltningen."))
        _refuse_while_throttled(self.device)
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("Reservkoden stämmer inte eller är redan använd. Varje reservkod fungerar bara en gång.")
            )
        return code
