"""Input validation for eviction prevention, with Swedish messages that say how to fix the input.

The notice form is laid out in the order a notice is read (received → sender → kind and reasons → amounts and
dates → tenants → address → landlord) so a caseworker fills it in by keyboard alone, tabbing from field to field.
"""

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.identity_numbers import parse_identity_number
from cases.models import Landlord
from cases.register_forms import LandlordSuggestionMixin, suggestion_field
from evictions.importing import MAX_BYTES
from evictions.landlord_message import MAX_FLOOR_AREA, MAX_ROOMS, amount_error
from evictions.models import (
    Closure,
    ContactKind,
    FinancialAid,
    Instalment,
    Investigation,
    LandlordAnswer,
    Letter,
    LetterKind,
    Notice,
    OtherUnitContact,
    Partner,
    ProcessGoal,
    RegisterCheck,
    RegisteredChild,
    RepaymentPlan,
)
from evictions.register import ChildFacts, RegisterFacts
from evictions.registration import notice_rules
from evictions.services import LetterInput, NoticeInput, TenantInput
from kompotten.forms import GovukFormMixin


class KronorField(forms.CharField):
    """An amount in kronor as Swedes write it: "12 500", "12 500,50" or "12500.50". An exact amount (`exact_as`, the
    field's name in its messages) is kept as written, never rounded: `evictions.landlord_message` refuses a third
    decimal."""

    def __init__(self, *args, exact_as=None, **kwargs):
        self.exact_as = exact_as  # the field's name in the messages of an exact amount
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        cleaned = "".join(value.split()).replace("\u00a0", "").replace(",", ".").removesuffix("kr")
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError(_("Skriv beloppet i kronor med siffror, till exempel 12 500,50.")) from None
        if self.exact_as:
            error = amount_error(amount, str(self.exact_as))
            if error:
                raise ValidationError(error)
            return amount
        if amount < 0 or amount >= Decimal("100000000"):
            raise ValidationError(_("Beloppet måste vara mellan 0 och 99 999 999 kronor."))
        return amount.quantize(Decimal("0.01"))


def _identity_number(value: str) -> str:
    try:
        return parse_identity_number(value).normalised
    except ValidationError as error:
        raise ValidationError(error.messages) from None


class NoticeForm(LandlordSuggestionMixin, GovukFormMixin, forms.Form):
    rules = notice_rules

    received_on = forms.DateField(label=_("Mottagningsdatum"), widget=DateInput(attrs={"autofocus": True}))
    channel = forms.ChoiceField(label=_("Kom in via"), choices=Notice.Channel.choices)
    sender_kind = forms.ChoiceField(label=_("Avsändare"), choices=Notice.Sender.choices)
    sender_name = forms.CharField(
        label=_("Avsändarens namn"), max_length=200, required=False, help_text=_("Till exempel inkassobolagets namn.")
    )
    sender_reference = forms.CharField(
        label=_("Avsändarens referens"),
        max_length=100,
        required=False,
        help_text=_("Till exempel Kronofogdens målnummer."),
    )
    receipt_requested = forms.BooleanField(
        label=_("Avsändaren vill ha mottagningsbekräftelse"),
        required=False,
        help_text=_("Kronofogden får alltid en bekräftelse."),
    )
    kind = forms.ChoiceField(label=_("Typ av underrättelse"), choices=Notice.Kind.choices)
    reasons = forms.MultipleChoiceField(
        label=_("Skäl"), choices=Notice.Reason.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    rent_debt_capital = KronorField(
        label=_("Hyresskuld, kapital (kr)"), required=False, help_text=_("Obetald hyra, exakt som i underrättelsen.")
    )
    rent_debt_costs = KronorField(label=_("Kostnader och ränta (kr)"), required=False)
    served_on = forms.DateField(
        label=_("Uppsägningen delgiven"),
        required=False,
        widget=DateInput(),
        help_text=_("Återvinningsfristen, tre veckor, räknas från denna dag."),
    )
    service_method = forms.ChoiceField(
        label=_("Hur uppsägningen delgavs"),
        choices=[("", _("Inte angivet")), *Notice.ServiceMethod.choices],
        required=False,
    )
    amount_to_pay = KronorField(
        label=_("Belopp att betala för att få bo kvar (kr)"),
        required=False,
        exact_as=_("Beloppet att betala"),
        help_text=_("Återvinningsbeloppet, exakt som hyresvärden skrivit det, i kronor och öre."),
    )
    last_day_to_pay = forms.DateField(
        label=_("Sista dag att betala enligt hyresvärden"), required=False, widget=DateInput()
    )
    eviction_date = forms.DateField(
        label=_("Datum för avhysning"), required=False, widget=DateInput(), help_text=_("Från Kronofogden.")
    )
    tenant_given_name = forms.CharField(label=_("Hyresgäst, förnamn"), max_length=150)
    tenant_family_name = forms.CharField(label=_("Hyresgäst, efternamn"), max_length=150)
    tenant_identity_number = forms.CharField(
        label=_("Hyresgäst, personnummer"),
        max_length=13,
        help_text=_("10 eller 12 siffror, till exempel 19900101-9876."),
    )
    co_tenant_given_name = forms.CharField(label=_("Medhyresgäst, förnamn"), max_length=150, required=False)
    co_tenant_family_name = forms.CharField(label=_("Medhyresgäst, efternamn"), max_length=150, required=False)
    co_tenant_identity_number = forms.CharField(label=_("Medhyresgäst, personnummer"), max_length=13, required=False)
    children_in_household = forms.BooleanField(label=_("Barn i hushållet"), required=False)
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200)
    postal_code = forms.CharField(
        label=_("Postnummer"), max_length=6, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    apartment_number = forms.CharField(label=_("Lägenhetsnummer"), max_length=20, required=False)
    rooms = forms.IntegerField(
        label=_("Antal rum"),
        required=False,
        min_value=1,
        max_value=MAX_ROOMS,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), _("Ange antal rum med siffror, från 1 till 20.")
        ),
    )
    floor_area = forms.DecimalField(
        label=_("Boarea (m²)"),
        required=False,
        localize=True,
        min_value=1,
        max_value=MAX_FLOOR_AREA - 1,
        decimal_places=1,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value", "max_decimal_places", "max_digits", "max_whole_digits"),
            _("Boarean ska vara mellan 1 och 999 m², med högst en decimal."),
        ),
    )
    monthly_rent = KronorField(label=_("Månadshyra (kr)"), required=False, exact_as=_("Månadshyran"))
    landlord_name = forms.CharField(
        label=_("Hyresvärd"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "landlords", "autocomplete": "off"}),
        help_text=_("Välj en känd hyresvärd eller skriv en ny."),
    )
    landlord_suggestion = suggestion_field()  # "Menade du Uppsalahem?", only when the typed name is close to one
    landlord_kind = forms.ChoiceField(
        label=_("Typ av hyresvärd"),
        choices=[("", _("Välj typ av hyresvärd")), *Landlord.Kind.choices],
        required=False,
        help_text=_("Används bara när hyresvärden är ny."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self._offer_suggestions()

    def clean_tenant_identity_number(self):
        return _identity_number(self.cleaned_data["tenant_identity_number"])

    def clean_co_tenant_identity_number(self):
        value = self.cleaned_data["co_tenant_identity_number"].strip()
        return _identity_number(value) if value else ""

    def clean(self):
        data = super().clean()
        self._check_landlord(data)
        co_tenant = [data.get(f"co_tenant_{name}") for name in ("given_name", "family_name", "identity_number")]
        if any(co_tenant) and not all(co_tenant):
            for name, value in zip(("given_name", "family_name", "identity_number"), co_tenant, strict=True):
                if not value and f"co_tenant_{name}" not in self.errors:
                    self.add_error(f"co_tenant_{name}", _("Fyll i medhyresgästens namn och personnummer, eller inget."))
        if data.get("co_tenant_identity_number") and data.get("co_tenant_identity_number") == data.get(
            "tenant_identity_number"
        ):
            self.add_error("co_tenant_identity_number", _("Medhyresgästen har samma personnummer som hyresgästen."))
        return data

    def to_input(self) -> NoticeInput:
        data = self.cleaned_data
        tenants = [TenantInput(data["tenant_given_name"], data["tenant_family_name"], data["tenant_identity_number"])]
        if data.get("co_tenant_identity_number"):
            tenants.append(
                TenantInput(
                    data["co_tenant_given_name"], data["co_tenant_family_name"], data["co_tenant_identity_number"]
                )
            )
        fields = {
            name: data[name]
            for name in (
                "received_on",
                "channel",
                "sender_kind",
                "sender_name",
                "sender_reference",
                "receipt_requested",
                "kind",
                "rent_debt_capital",
                "rent_debt_costs",
                "served_on",
                "eviction_date",
                "service_method",
                "amount_to_pay",
                "last_day_to_pay",
                "monthly_rent",
                "rooms",
                "floor_area",
                "street_address",
                "postal_code",
                "apartment_number",
                "landlord_name",
                "landlord_kind",
                "children_in_household",
            )
        }
        return NoticeInput(tenants=tuple(tenants), reasons=tuple(data["reasons"]), **fields)


YES_NO = [("ja", _("Ja")), ("nej", _("Nej"))]


class RegisterCheckForm(GovukFormMixin, forms.Form):
    checked_on = forms.DateField(label=_("Kontrollerad"), widget=DateInput())
    registered_at_address = forms.TypedChoiceField(
        label=_("Är hyresgästen folkbokförd på adressen?"),
        choices=YES_NO,
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anteckning"),
        max_length=300,
        required=False,
        help_text=_("Till exempel vem mer som är folkbokförd där. Inga uppgifter om skyddade personer."),
    )


class ChildForm(GovukFormMixin, forms.Form):
    age = forms.IntegerField(label=_("Ålder"), min_value=0, max_value=17, required=False)
    living = forms.ChoiceField(label=_("Boende"), choices=[("", "–"), *RegisteredChild.Living.choices], required=False)

    def clean(self):
        data = super().clean()
        if (data.get("age") is None) != (not data.get("living")):
            raise ValidationError(_("Ange både ålder och boende för barnet, eller lämna raden tom."))
        return data


ChildFormSet = forms.formset_factory(ChildForm, extra=6, max_num=12)


def register_facts(form: RegisterCheckForm, children) -> RegisterFacts:
    rows = [row.cleaned_data for row in children if row.cleaned_data.get("age") is not None]
    return RegisterFacts(
        checked_on=form.cleaned_data["checked_on"],
        registered_at_address=form.cleaned_data["registered_at_address"],
        source=RegisterCheck.Source.MANUAL,
        children=tuple(ChildFacts(row["age"], row["living"]) for row in rows),
        note=form.cleaned_data["note"],
    )


class OtherUnitForm(GovukFormMixin, forms.Form):
    unit = forms.ChoiceField(label=_("Enhet"), choices=OtherUnitContact.Unit.choices)
    caseworker = forms.CharField(label=_("Handläggare"), max_length=200, help_text=_("Namn och telefon."))


class LetterForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Brev"), choices=LetterKind.choices, widget=forms.RadioSelect)
    booked_on = forms.DateField(label=_("Bokad dag"), required=False, widget=DateInput())
    booked_time = forms.TimeField(
        label=_("Klockslag"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    visit_place = forms.CharField(
        label=_("Plats"),
        max_length=200,
        required=False,
        help_text=_("Till exempel socialtjänstens adress. Tomt vid hembesök."),
    )
    override_reason = forms.CharField(
        label=_("Skäl att välja ett annat brev än förslaget"), max_length=300, required=False
    )
    chosen_address = forms.CharField(
        label=_("Annan adress för brevet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när hushållet har skyddade personuppgifter: aldrig den skyddade bostadsadressen."),
    )

    def clean(self):
        data = super().clean()
        if data.get("booked_on") and data.get("booked_time") is None:
            self.add_error("booked_time", _("Ange klockslaget, till exempel 10:00."))
        return data

    def to_input(self) -> LetterInput:
        data = self.cleaned_data
        booked_at = None
        if data.get("booked_on") and data.get("booked_time") is not None:
            booked_at = timezone.make_aware(datetime.combine(data["booked_on"], data["booked_time"]))
        return LetterInput(
            kind=data["kind"],
            booked_at=booked_at,
            visit_place=data["visit_place"],
            override_reason=data["override_reason"],
            chosen_address=data["chosen_address"],
        )


class VisitOutcomeForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Hur gick besöket?"), choices=Letter.VisitOutcome.choices)
    note = forms.CharField(
        label=_("Anteckning"),
        max_length=300,
        required=False,
        help_text=_("Vid hembesök utan att någon var hemma: vad lappen sa."),
    )


class ReceiptForm(GovukFormMixin, forms.Form):
    sent_to = forms.CharField(label=_("Skickad till"), max_length=200, help_text=_("Till exempel Kronofogdens e-post."))


def _today():
    return timezone.localdate()


class ConsentForm(GovukFormMixin, forms.Form):
    partners = forms.MultipleChoiceField(
        label=_("Parter som får diskutera och utbyta uppgifter med socialtjänsten"),
        choices=Partner.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    other_named = forms.CharField(label=_("Annan part, namn"), max_length=200, required=False)


class ConsentSignForm(GovukFormMixin, forms.Form):
    signed_on = forms.DateField(label=_("Undertecknat"), widget=DateInput(), initial=_today)


class ConsentRevokeForm(GovukFormMixin, forms.Form):
    revoked_on = forms.DateField(label=_("Återkallat"), widget=DateInput(), initial=_today)
    note = forms.CharField(
        label=_("Anteckning"), max_length=300, required=False, help_text=_("Till exempel hur återkallelsen kom in.")
    )


class ContactForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kontakt"), choices=ContactKind.choices)
    happened_on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=_today)
    reached = forms.BooleanField(label=_("Vi fick kontakt med hushållet"), required=False)
    partner = forms.ChoiceField(
        label=_("Part som fick eller gav uppgifter om hushållet"),
        choices=[("", _("Ingen")), *Partner.choices],
        required=False,
        help_text=_("Kräver ett medgivande i kraft. Kontakt med hyresvärden kräver det alltid."),
    )
    note = forms.CharField(label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class LandlordAnswerForm(GovukFormMixin, forms.Form):
    answer = forms.ChoiceField(label=_("Hyresvärdens besked"), choices=LandlordAnswer.choices, widget=forms.RadioSelect)
    on = forms.DateField(label=_("Datum för beskedet"), widget=DateInput(), initial=_today)


class RepaymentPlanForm(GovukFormMixin, forms.Form):
    agreed_on = forms.DateField(label=_("Överenskommen"), widget=DateInput(), initial=_today)
    debt = KronorField(label=_("Skuld (kr)"))
    monthly_amount = KronorField(label=_("Belopp per månad (kr)"))
    first_due_on = forms.DateField(
        label=_("Första betalningen"),
        widget=DateInput(),
        required=False,
        help_text=_("Tomt: en månad efter överenskommelsen. Sedan samma dag varje månad tills skulden är betald."),
    )


class InstalmentForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Betalades avbetalningen?"),
        choices=[c for c in Instalment.Status.choices if c[0] != Instalment.Status.EXPECTED],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=_today)


class RepaymentStatusForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Hur gick det?"),
        choices=[c for c in RepaymentPlan.Status.choices if c[0] != RepaymentPlan.Status.ACTIVE],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=_today)


class FinancialAidForm(GovukFormMixin, forms.Form):
    applied_on = forms.DateField(label=_("Ansökt"), widget=DateInput(), initial=_today)
    capital = KronorField(label=_("Hyresskuld, kapital (kr)"))
    costs = KronorField(label=_("Kostnader och ränta (kr)"), required=False)


class FinancialAidDecisionForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Beslut"), choices=FinancialAid.Decision.choices, widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Beslutat"), widget=DateInput(), initial=_today)
    granted_amount = KronorField(label=_("Beviljat belopp (kr)"), required=False, help_text=_("Tomt vid avslag."))


class ProcessGoalForm(GovukFormMixin, forms.Form):
    target = forms.ChoiceField(label=_("Målgrupp"), choices=ProcessGoal.Target.choices, widget=forms.RadioSelect)
    steps = forms.MultipleChoiceField(
        label=_("Steg som alla i målgruppen erbjuds innan återvinningsfristen löper ut"),
        choices=ContactKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class InvestigationForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Beslut"), choices=Investigation.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Motivering"), max_length=500, widget=forms.Textarea(attrs={"rows": 4}))


ATTENDED = [("", _("Inte aktuellt")), ("ja", _("Ja")), ("nej", _("Nej"))]


class CloseForm(GovukFormMixin, forms.Form):
    ground = forms.ChoiceField(label=_("Grund för avslut"), choices=Closure.Ground.choices, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label=_("Utfall"), choices=Closure.Outcome.choices, widget=forms.RadioSelect)
    closed_on = forms.DateField(label=_("Avslutat"), widget=DateInput(), initial=_today)
    children_affected = forms.IntegerField(label=_("Antal berörda barn"), min_value=0, max_value=20, initial=0)
    social_services_attended = forms.TypedChoiceField(
        label=_("Var socialtjänsten på plats vid avhysningen?"),
        choices=ATTENDED,
        coerce=lambda value: value == "ja",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anteckning"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("UTF-8 eller Excels CSV (semikolonavgränsad), högst 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_BYTES:
            raise ValidationError(_("Filen är större än 5 MB. Dela upp den i flera filer."))
        return uploaded
