import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css, _error_css = _widget_classes(field)
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                _describe(field, f"{self[name].id_for_label}-hint")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                field = self.fields[name]
                field.widget.attrs["class"] = f"{field.widget.attrs['class']} {_widget_classes(field)[1]}".strip()
                _describe(field, f"{self[name].id_for_label}-error")


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
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Lösenord")


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
        allowed, details = self.device.verify_is_allowed()
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
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _(
                    "Koden stämmer inte. Skriv den kod som appen visar just nu. Stämmer den ändå inte, "
                    "kontrollera att telefonens klocka går rätt."
                )
            )
        return code
