"""Input validation of the housing unit's forms, with Swedish messages that say how to fix the input."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import PERSON_REGISTER_FIELDS, DateInput, PersonForm
from cases.models import District, Landlord
from housing.models import (
    DEFAULT_TRIAL_MONTHS,
    MAX_TRIAL_MONTHS,
    MIN_TRIAL_MONTHS,
    Accessibility,
    Decision,
    DeclineReason,
    FollowUp,
    Kundvard,
    PlacementOutcome,
    ReservationPool,
    ShelterProvider,
    SocialContract,
)
from housing.services import ChildInput, CloseReason, ContractTerms
from kompotten.forms import GovukFormMixin

CHILD_LINE = re.compile(r"^\s*(?P<name>[^\d,]+?)[\s,]+(?P<year>\d{4})\s*$")


def housing_districts(*, keep=None) -> QuerySet[District]:
    """The districts housing chooses among: the active ones of the shared register it uses (`for_housing`; eviction
    prevention's own, such as "Norr", are not offered), and `keep`, a district already chosen, which stays valid
    when it is edited even if it has since been taken out of use."""
    chosen = Q(pk=keep.pk if isinstance(keep, District) else keep) if keep else Q(pk__in=[])
    return District.objects.filter(Q(active=True, for_housing=True) | chosen)


class NeedsForm(GovukFormMixin, forms.Form):
    """The household and its needs: the second half of every referral."""

    background = forms.CharField(
        label=_("Bakgrund och skäl för remissen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Till exempel att placeringen i skyddat boende avslutas och varför en egen bostad behövs."),
    )
    adults = forms.IntegerField(label=_("Vuxna i hushållet"), min_value=1, max_value=10, initial=1)
    children = forms.CharField(
        label=_("Barn i hushållet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ett barn per rad: förnamn och födelseår, till exempel ”Nora 2018”. Lämna tomt om inga barn."),
    )
    rooms = forms.IntegerField(label=_("Antal rum som behövs"), min_value=1, max_value=8, initial=1)
    accessibility = forms.ChoiceField(label=_("Tillgänglighet"), choices=Accessibility.choices)
    avoid_districts = forms.ModelMultipleChoiceField(
        label=_("Områden som måste undvikas"),
        queryset=housing_districts(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Till exempel där förövaren bor eller rör sig. Lägenheter där föreslås aldrig."),
    )
    wishes = forms.CharField(label=_("Övriga önskemål"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_children(self) -> list[ChildInput]:
        children, this_year = [], timezone.localdate().year
        for number, line in enumerate(self.cleaned_data["children"].splitlines(), 1):
            if not line.strip():
                continue
            match = CHILD_LINE.match(line)
            if not match or not (this_year - 18 <= int(match["year"]) <= this_year):
                raise ValidationError(
                    _("Rad %(number)d: skriv förnamn och födelseår (de senaste 18 åren), till exempel ”Nora 2018”.")
                    % {"number": number}
                )
            children.append(ChildInput(given_name=match["name"].strip(), birth_year=int(match["year"])))
        return children


class NewPersonReferralForm(PersonForm):
    """A referral that registers the applicant at the same time."""

    field_order = list(PERSON_REGISTER_FIELDS)

    # Not asked here: the role is "applicant", and an address is no concern of a referral.
    role = workplace = street_address = postal_code = None


def referral_form_class(*, new_person: bool) -> type[forms.Form]:
    """The referral form: the applicant (unless already chosen) and the needs. Nexus refers through the housing
    chain here; a relocation request reaches the housing unit only by its hand-over, so no kind is chosen."""
    bases = [NeedsForm]
    if new_person:
        bases.insert(0, NewPersonReferralForm)
    return type(NeedsForm)("ReferralForm", tuple(bases), {})


class _ChecklistFields(forms.Form):
    def __init__(self, *args, lines, **kwargs):
        self.lines = lines
        super().__init__(*args, **kwargs)
        for line in lines:
            self.fields[f"done_{line.item.pk}"] = forms.BooleanField(
                label=line.item.label, required=False, initial=line.done, help_text=line.item.help_text
            )
            self.fields[f"note_{line.item.pk}"] = forms.CharField(
                label=_("Kommentar: %(item)s") % {"item": line.item.label},
                required=False,
                max_length=500,
                initial=line.note,
            )


class ChecklistForm(GovukFormMixin, _ChecklistFields):
    """One checkbox and one comment per point of the unit's checklist (the fields exist before the GOV.UK classes
    are given out)."""

    def done(self) -> dict:
        return {
            line.item: self.cleaned_data[f"note_{line.item.pk}"]
            for line in self.lines
            if self.cleaned_data[f"done_{line.item.pk}"]
        }


class DecisionForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Beslut"), choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Skälen för beslutet. Texten står i beslutsbrevet till den sökande: skriv aldrig en adress."),
    )
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput())


class ReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label=_("Skäl"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel att personen har ordnat eget boende. Skälet sparas i ansökans historik."),
    )


class FlatForm(GovukFormMixin, forms.Form):
    landlord = forms.ModelChoiceField(label=_("Hyresvärd"), queryset=Landlord.objects.all())
    pool = forms.ModelChoiceField(
        label=_("Reservationspott"),
        queryset=ReservationPool.objects.filter(active=True),
        required=False,
        help_text=_("Den kvot lägenheten räknas mot när den hyrs ut. Lämna tomt om den inte hör till någon pott."),
    )
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=6)
    district = forms.ModelChoiceField(label=_("Område"), queryset=housing_districts())
    rooms = forms.IntegerField(label=_("Antal rum"), min_value=1, max_value=10)
    area = forms.DecimalField(label=_("Yta (m²)"), min_value=5, max_value=400, decimal_places=1)
    rent = forms.IntegerField(label=_("Månadshyra (kr)"), min_value=0, max_value=100000)
    floor = forms.IntegerField(label=_("Våning"), min_value=-2, max_value=40, help_text=_("0 för bottenvåning."))
    accessibility = forms.ChoiceField(label=_("Tillgänglighet"), choices=Accessibility.choices)
    available_from = forms.DateField(label=_("Ledig från"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The flat's own district stays a valid choice on edit, even if it is no longer one housing uses.
        self.fields["district"].queryset = housing_districts(keep=self.initial.get("district"))


class ShelterLetForm(GovukFormMixin, forms.Form):
    """A flat of the Kvinnojour pool let to the shelter itself: the shelter's name, never a person."""

    shelter_name = forms.CharField(
        label=_("Uthyrd till"),
        max_length=150,
        help_text=_("Kvinnojourens namn. Jouren hyr ut lägenheten vidare; skriv inga uppgifter om den som bor där."),
    )
    let_on = forms.DateField(
        label=_("Uthyrd från"), widget=DateInput(), help_text=_("Lägenheten räknas mot pottens kvot det året.")
    )
    override_reason = forms.CharField(
        label=_("Skäl att gå över pottens kvot"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs bara om lägenhetens reservationspott inte har något kvar det året."),
    )


class OfferForm(GovukFormMixin, forms.Form):
    offered_on = forms.DateField(label=_("Erbjudet"), widget=DateInput())
    answer_by = forms.DateField(label=_("Svar senast"), widget=DateInput())
    out_of_order_reason = forms.CharField(
        label=_("Skäl att gå förbi kön"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs om någon före i kön också passar lägenheten. Skälet sparas med erbjudandet."),
    )
    pool_override_reason = forms.CharField(
        label=_("Skäl att gå över pottens kvot"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs bara om lägenhetens reservationspott inte har något kvar i år."),
    )

    def clean(self):
        data = super().clean()
        if data.get("offered_on") and data.get("answer_by") and data["answer_by"] < data["offered_on"]:
            self.add_error("answer_by", _("Sista svarsdag kan inte ligga före erbjudandet."))
        return data


class ContractTermsForm(forms.Form):
    """The terms of the social contract that starts when an offer is accepted."""

    form = forms.ChoiceField(label=_("Kontraktsform"), choices=SocialContract.Form.choices, required=False)
    starts_on = forms.DateField(
        label=_("Kontraktet börjar"), required=False, widget=DateInput(), help_text=_("Tomt: svarsdatumet.")
    )
    trial_months = forms.IntegerField(
        label=_("Prövotid (månader)"),
        min_value=MIN_TRIAL_MONTHS,
        max_value=MAX_TRIAL_MONTHS,
        initial=DEFAULT_TRIAL_MONTHS,
        required=False,
    )
    guarantee_amount = forms.IntegerField(label=_("Hyresgaranti, belopp (kr)"), required=False, min_value=1)
    guarantee_from = forms.DateField(label=_("Hyresgaranti från"), required=False, widget=DateInput())
    guarantee_until = forms.DateField(label=_("Hyresgaranti till och med"), required=False, widget=DateInput())

    def terms(self) -> ContractTerms:
        data = self.cleaned_data
        return ContractTerms(
            form=data.get("form") or SocialContract.Form.SUBLET,
            starts_on=data.get("starts_on"),
            trial_months=data.get("trial_months") or DEFAULT_TRIAL_MONTHS,
            guarantee_amount=data.get("guarantee_amount"),
            guarantee_from=data.get("guarantee_from"),
            guarantee_until=data.get("guarantee_until"),
        )


class OfferAnswerForm(GovukFormMixin, ContractTermsForm):
    """Yes or no to an offer; a yes also gives the terms of the contract that starts (see `ContractTermsForm`)."""

    ACCEPT, DECLINE = "accept", "decline"
    field_order = ["answer", "answered_on", "reason", "paused_until", "note"]

    answer = forms.ChoiceField(
        label=_("Svar"),
        choices=[(ACCEPT, _("Ja tack: lägenheten hyrs ut till sökande")), (DECLINE, _("Nej tack"))],
        widget=forms.RadioSelect,
    )
    answered_on = forms.DateField(label=_("Svarsdatum"), widget=DateInput())
    reason = forms.ModelChoiceField(
        label=_("Skäl om nej"),
        queryset=DeclineReason.objects.filter(active=True),
        required=False,
        help_text=_("Skälet säger vem som sa nej och vad som händer med sökandes plats i kön."),
    )
    paused_until = forms.DateField(
        label=_("Pausad till"),
        required=False,
        widget=DateInput(),
        help_text=_("Bara när skälet innebär paus. Tomt: skälets förslag."),
    )
    note = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label_from_instance = lambda r: (
            f"{r.label} – {r.get_who_display()}; {r.get_consequence_display().lower()}"
        )  # noqa: E501

    def clean(self):
        data = super().clean()
        if data.get("answer") == self.DECLINE and not data.get("reason"):
            self.add_error("reason", _("Välj skälet till nej."))
        return data


class FollowUpForm(GovukFormMixin, forms.Form):
    happened_on = forms.DateField(label=_("Datum"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Typ"), choices=FollowUp.Kind.choices)
    payment_remark = forms.BooleanField(label=_("Anmärkning: betalning"), required=False)
    disturbance_remark = forms.BooleanField(label=_("Anmärkning: störningar"), required=False)
    care_remark = forms.BooleanField(label=_("Anmärkning: skötsel av lägenheten"), required=False)
    note = forms.CharField(label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ContractCloseForm(GovukFormMixin, forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DateInput())
    reason = forms.CharField(label=_("Skäl"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TrialExtendForm(GovukFormMixin, forms.Form):
    months = forms.IntegerField(label=_("Förläng med (månader)"), min_value=1, max_value=12)
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}))


# --- Nexus -------------------------------------------------------------------------------------------------------
class CaseNumberField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Nexus ärendenummer"), max_length=12, help_text=_("Till exempel 2026-00042."), **kwargs
        )


class NexusCaseForm(GovukFormMixin, forms.Form):
    """A form about one of Nexus's cases: `case` when started from the client case's page (no number asked), else
    named by its number and looked up through the access policy."""

    case_number = CaseNumberField()

    def __init__(self, *args, case_lookup, case=None, **kwargs):
        self.case_lookup, self.case = case_lookup, case
        super().__init__(*args, **kwargs)
        if case is not None:
            del self.fields["case_number"]

    def clean(self):
        data = super().clean()
        if self.case is not None:
            data["case"] = self.case
        return data

    def clean_case_number(self):
        case = self.case_lookup(self.cleaned_data["case_number"])
        if case is None:
            raise ValidationError(_("Hittar inget av Nexus ärenden med det numret som du har tillgång till."))
        self.cleaned_data["case"] = case
        return self.cleaned_data["case_number"]


class PlacementForm(NexusCaseForm):
    provider = forms.ModelChoiceField(label=_("Leverantör"), queryset=ShelterProvider.objects.filter(active=True))
    starts_on = forms.DateField(label=_("Placerad från"), widget=DateInput())
    adults = forms.IntegerField(label=_("Vuxna"), min_value=1, max_value=10, initial=1)
    children = forms.IntegerField(label=_("Medföljande barn"), min_value=0, max_value=15, initial=0)


class PlacementEndForm(GovukFormMixin, forms.Form):
    ends_on = forms.DateField(label=_("Avslutad"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Utfall"), choices=PlacementOutcome.choices, widget=forms.RadioSelect)
    outcome_children = forms.IntegerField(
        label=_("Barn som fick stadigvarande boende"),
        min_value=0,
        required=False,
        help_text=_("Tomt: alla medföljande barn."),
    )
    note = forms.CharField(label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MoveInForm(NexusCaseForm):
    since = forms.DateField(label=_("Flyttade in"), widget=DateInput())


class MoveOutForm(GovukFormMixin, forms.Form):
    until = forms.DateField(label=_("Flyttade ut"), widget=DateInput())


class HandOverForm(NeedsForm):
    planned_move_out = forms.DateField(
        label=_("Planerad utflyttning"),
        widget=DateInput(),
        help_text=_(
            "Lägenheten räknas som upptagen tills utflyttningen registreras. Ett datum framåt blir en frist i "
            "Nexus ärende."
        ),
    )
    field_order = ["planned_move_out"]


class KundvardForm(NexusCaseForm):
    landlord = forms.ModelChoiceField(
        label=_("Hyresvärd"), queryset=Landlord.objects.filter(kind=Landlord.Kind.MUNICIPAL)
    )
    requested_on = forms.DateField(label=_("Kundvård begärd"), widget=DateInput())
    risk_assessed_on = forms.DateField(label=_("Hot- och riskbedömning gjord"), widget=DateInput())
    lived_with_perpetrator = forms.BooleanField(label=_("Bodde med förövaren"), required=False)


class KundvardDecisionForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Hyresvärdens beslut"),
        choices=[(Kundvard.Decision.GRANTED, _("Beviljad")), (Kundvard.Decision.REFUSED, _("Avslagen"))],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Beslutad"), widget=DateInput())
    new_street_address = forms.CharField(
        label=_("Nya lägenhetens gatuadress"),
        required=False,
        max_length=200,
        help_text=_(
            "Sparas som personens adress (den skyddade adressen vid skyddad folkbokföring) och visas bara "
            "för den som har behörighet till personen."
        ),
    )
    new_postal_code = forms.CharField(label=_("Nya lägenhetens postnummer"), required=False, max_length=6)
    moved_on = forms.DateField(label=_("Flyttade"), required=False, widget=DateInput())
    new_lease_in_victims_name = forms.BooleanField(label=_("Nytt hyresavtal i den våldsutsattas namn"), required=False)
    offer_old_flat = forms.BooleanField(
        label=_("Gamla lägenheten erbjuds kommunen för bostadssocialt kontrakt"), required=False
    )
    old_street_address = forms.CharField(label=_("Gamla lägenhetens gatuadress"), required=False, max_length=200)
    old_postal_code = forms.CharField(label=_("Gamla lägenhetens postnummer"), required=False, max_length=6)
    old_district = forms.ModelChoiceField(
        label=_("Gamla lägenhetens område"), required=False, queryset=housing_districts()
    )
    old_rooms = forms.IntegerField(label=_("Gamla lägenhetens antal rum"), required=False, min_value=1)
    old_area = forms.DecimalField(label=_("Gamla lägenhetens yta (m²)"), required=False, min_value=5)
    old_rent = forms.IntegerField(label=_("Gamla lägenhetens månadshyra (kr)"), required=False, min_value=0)
    old_floor = forms.IntegerField(label=_("Gamla lägenhetens våning"), required=False)
    old_available_from = forms.DateField(label=_("Gamla lägenheten ledig från"), required=False, widget=DateInput())

    OLD = ["street_address", "postal_code", "district", "rooms", "area", "rent", "floor", "available_from"]

    def clean(self):
        data = super().clean()
        if data.get("offer_old_flat"):
            for name in self.OLD:
                if data.get(f"old_{name}") in (None, ""):
                    self.add_error(f"old_{name}", _("Fyll i när gamla lägenheten erbjuds kommunen."))
        return data

    def old_flat(self) -> dict | None:
        if not self.cleaned_data.get("offer_old_flat"):
            return None
        return {name: self.cleaned_data[f"old_{name}"] for name in self.OLD}


class SupportCaseForm(PersonForm):
    """Nexus opens a client case: the person (with her protection level) and the children of her household."""

    field_order = [*PERSON_REGISTER_FIELDS, "children"]

    role = workplace = street_address = postal_code = None
    children = NeedsForm.base_fields["children"]
    clean_children = NeedsForm.clean_children


class SupportCaseForPersonForm(GovukFormMixin, forms.Form):
    """Nexus opens a client case for a person already registered: only the day it is opened."""

    opened_on = forms.DateField(label=_("Öppnat"), widget=DateInput())


class SupportCaseCloseForm(GovukFormMixin, forms.Form):
    closed_on = forms.DateField(label=_("Avslutat"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Skäl"), choices=CloseReason.choices, widget=forms.RadioSelect)
