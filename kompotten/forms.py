from django import forms
from django.contrib.auth.forms import AuthenticationForm
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
    """Gives every widget its GOV.UK class, and links hints and errors to it for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css, error_css = next(
                (classes for widget, classes in WIDGET_CLASSES.items() if isinstance(field.widget, widget)),
                ("", ""),
            )
            bound = self[name]
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.id_for_label}-hint")
            if self.is_bound and self.errors.get(name):
                css = f"{css} {error_css}"
                described_by.append(f"{bound.id_for_label}-error")
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)


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
