"""Forms of the landlord and district registers, and "Menade du …?" for every form where a landlord's name is typed
(the register's new landlord, eviction prevention's notice form)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import District, DistrictPostalArea, Landlord, LandlordContact
from cases.registers import known_landlord, similar_landlords
from kompotten.forms import GovukFormMixin

NEW_LANDLORD = "ny"


def suggestion_question(suggestions: list[str]) -> str:
    if len(suggestions) == 1:
        return _("Menade du %(name)s?") % {"name": suggestions[0]}
    return _("Menade du någon av %(names)s?") % {"names": ", ".join(suggestions)}


class LandlordSuggestionMixin:
    """A typed landlord name that is new but close to a known one ("Uppsalhem") re-renders the form asking "Menade du
    Uppsalahem?": take the suggestion, or confirm the new name. A new landlord needs its type chosen (there is no
    default). The form declares `landlord_suggestion` (radios) and names its two fields below; call
    `_offer_suggestions()` at the end of `__init__` and `_check_landlord(cleaned_data)` in `clean`."""

    landlord_name_field = "landlord_name"
    landlord_kind_field = "landlord_kind"
    suggestions: list[str] = []

    def _offer_suggestions(self) -> None:
        typed = " ".join(str(self.data.get(self.add_prefix(self.landlord_name_field), "")).split())
        self.suggestions = similar_landlords(typed) if self.is_bound and typed else []
        if not self.suggestions:
            del self.fields["landlord_suggestion"]
            return
        field = self.fields["landlord_suggestion"]
        field.label = suggestion_question(self.suggestions)
        new = _("Nej, %(name)s är en ny hyresvärd") % {"name": typed}
        field.choices = [(name, name) for name in self.suggestions] + [(NEW_LANDLORD, new)]

    @property
    def suggests_landlord(self) -> bool:
        return bool(self.suggestions)

    def _check_landlord(self, data: dict) -> None:
        name = data.get(self.landlord_name_field)
        if not name:
            return
        if self.suggestions:
            chosen = data.get("landlord_suggestion")
            if chosen in self.suggestions:
                data[self.landlord_name_field] = chosen
                return
            if chosen != NEW_LANDLORD:
                self.add_error("landlord_suggestion", suggestion_question(self.suggestions))
                return
        if not data.get(self.landlord_kind_field) and known_landlord(name) is None:
            self.add_error(self.landlord_kind_field, _("Hyresvärden är ny: välj typ av hyresvärd."))


def suggestion_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=gettext_lazy("Menade du …?"), required=False, widget=forms.RadioSelect, choices=[])


class LandlordForm(LandlordSuggestionMixin, GovukFormMixin, forms.ModelForm):
    landlord_name_field = "name"
    landlord_kind_field = "kind"

    landlord_suggestion = suggestion_field()
    meant: Landlord | None = None

    class Meta:
        model = Landlord
        fields = ["name", "landlord_suggestion", "kind", "organisation_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Välj typ av hyresvärd")), *Landlord.Kind.choices]
        if self.instance.pk:  # a landlord renamed is still that landlord: no suggestion
            del self.fields["landlord_suggestion"]
        else:
            self._offer_suggestions()

    def clean(self):
        data = super().clean()
        if not self.instance.pk:
            self._check_landlord(data)
            name = data.get("name")
            known = known_landlord(name) if name else None
            if known and name in self.suggestions:
                self.meant = known  # "Menade du Uppsalahem?" – yes: the view opens that landlord
            elif known:
                self.add_error("name", _("%(name)s finns redan i registret.") % {"name": known.name})
        return data


class LandlordContactForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = LandlordContact
        fields = ["name", "role", "phone", "email"]
        labels = {
            "name": gettext_lazy("Namn"),
            "role": gettext_lazy("Roll"),
            "phone": gettext_lazy("Telefon"),
            "email": gettext_lazy("E-post"),
        }
        error_messages = {"name": {"required": gettext_lazy("Ange kontaktpersonens namn.")}}


class DistrictForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = District
        fields = ["name", "active", "for_housing", "handled_by_team", "contact"]


class DistrictPostalAreaForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = DistrictPostalArea
        fields = ["postal_code_from", "postal_code_to"]


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Sök på namn"), required=False, max_length=100)
