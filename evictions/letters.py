"""Which letter a household gets first, and what goes into it. The rules, as Malmö's process states them:

1. neglect of the flat (vanvård) always means a home visit;
2. after a missed visit: a family with children gets a new home-visit time, others a contact letter;
3. a family with children gets a visit letter with a booked time;
4. someone aged 65 or over gets a visit (or home-visit) letter;
5. a household known to the team, or 6. known to financial aid, gets a visit letter;
7. otherwise (a single household not known before) a contact letter.

`propose` returns the letter and the rule that chose it; the caseworker confirms it or overrides with a reason.
Nothing here reads or prints a protected address: `recipient_address` refuses to, and the caseworker gives one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Person
from evictions.ages import ELDERLY_AGE, age_on
from evictions.models import EvictionFile, Letter, LetterKind, Notice, OtherUnitContact

# A contact letter is followed up (Malmö's contact-letter binder): a reminder on the due list this many working days
# (lag 1930:173) after the letter, met when a contact with the household is logged.
FOLLOW_UP_WORKING_DAYS = 10
FOLLOW_UP_LABEL = _("Följ upp kontaktbrevet")


@dataclass(frozen=True)
class LetterFacts:
    has_children: bool = False
    neglect: bool = False
    elderly: bool = False
    known_to_team: bool = False
    known_to_financial_aid: bool = False
    missed_visit: bool = False


@dataclass(frozen=True)
class Proposal:
    kind: LetterKind
    rule: str


def propose(facts: LetterFacts) -> Proposal:
    if facts.neglect:
        return Proposal(LetterKind.HOME_VISIT, str(_("Vanvård av lägenheten: alltid hembesök.")))
    if facts.missed_visit:
        if facts.has_children:
            return Proposal(LetterKind.HOME_VISIT, str(_("Uteblivet besök, familj med barn: ny tid för hembesök.")))
        return Proposal(LetterKind.CONTACT, str(_("Uteblivet besök: kontaktbrev.")))
    if facts.has_children:
        return Proposal(LetterKind.VISIT, str(_("Familj med barn: besöksbrev med bokad tid.")))
    if facts.elderly:
        return Proposal(LetterKind.VISIT, str(_("65 år eller äldre: besöks- eller hembesöksbrev med bokad tid.")))
    if facts.known_to_team:
        return Proposal(LetterKind.VISIT, str(_("Hushållet är känt av teamet: besöksbrev med bokad tid.")))
    if facts.known_to_financial_aid:
        return Proposal(
            LetterKind.VISIT, str(_("Hushållet är känt inom ekonomiskt bistånd: besöksbrev med bokad tid."))
        )
    return Proposal(LetterKind.CONTACT, str(_("Ensamhushåll som inte är känt sedan tidigare: kontaktbrev.")))


@dataclass(frozen=True)
class Household:
    """What a letter reads of a file, read once (two queries) when one letter is written: the persons of the file
    in the order they were added, each with a protected address if there is one, and the notices, latest first."""

    persons: list[Person]
    notices: list[Notice]

    @property
    def latest_notice(self) -> Notice | None:
        return self.notices[0] if self.notices else None


def household_of(file: EvictionFile) -> Household:
    parties = file.case.parties.select_related("person__protected_address").order_by("id")
    notices = file.notices.select_related("landlord", "recovery_deadline").order_by("-received_on", "-pk")
    return Household([party.person for party in parties], list(notices))


def facts_for(file: EvictionFile, today: date | None = None, household: Household | None = None) -> LetterFacts:
    today = today or timezone.localdate()
    household = household or household_of(file)
    persons, notices = household.persons, household.notices
    other_files = Case.objects.filter(kind=Case.Kind.EVICTION, parties__person__in=persons).exclude(pk=file.case_id)
    last_visit = file.letters.exclude(kind=LetterKind.CONTACT).order_by("-created_at", "-pk").first()
    return LetterFacts(
        has_children=file.has_children,
        neglect=any(Notice.Reason.NEGLECT in notice.reasons for notice in notices),
        elderly=any((age_on(p, today) or 0) >= ELDERLY_AGE for p in persons),
        known_to_team=len(notices) > 1 or other_files.exists(),
        known_to_financial_aid=file.other_units.filter(unit=OtherUnitContact.Unit.FINANCIAL_AID).exists(),
        missed_visit=last_visit is not None
        and last_visit.visit_outcome in (Letter.VisitOutcome.MISSED, Letter.VisitOutcome.NOBODY_HOME),
    )


def proposal_for(file: EvictionFile, today: date | None = None, household: Household | None = None) -> Proposal:
    return propose(facts_for(file, today, household))


def has_protected_tenant(file: EvictionFile, household: Household | None = None) -> bool:
    if household is not None:
        return any(person.is_protected for person in household.persons)
    return file.case.parties.filter(~Q(person__protection_level="none")).exists()


def recipient_address(file: EvictionFile, household: Household | None = None) -> str:
    """The flat's address from the latest notice; never called for a protected household (the caller checks)."""
    notice = household.latest_notice if household is not None else file.notices.order_by("-received_on", "-pk").first()
    street = notice.street_address + (f", lgh {notice.apartment_number}" if notice.apartment_number else "")
    return f"{street}\n{notice.postal_code[:3]} {notice.postal_code[3:]} {notice.locality}".strip()


def protected_streets(file: EvictionFile, household: Household | None = None) -> list[str]:
    """Every street a protected tenant may really live at: the flats of the notices and their protected address."""
    household = household or household_of(file)
    streets = [notice.street_address for notice in household.notices]
    for person in household.persons:
        address = getattr(person, "protected_address", None)
        if person.is_protected and address is not None:
            streets.append(address.street_address)
    return [" ".join(street.lower().split()) for street in streets if street.strip()]


def swedish_datetime(value) -> str:
    with translation.override("sv"):
        return formats.date_format(timezone.localtime(value), "l j F Y \\k\\l. H.i")


def recipients(file: EvictionFile, household: Household | None = None) -> list[Person]:
    """The household a letter goes to: the persons of the file."""
    if household is not None:
        return list(household.persons)
    return [party.person for party in file.case.parties.select_related("person").order_by("id")]


def contact_details(caseworker, unit) -> tuple[str, str]:
    """The phone and e-mail a household or a sender is given: the caseworker's own, the unit's when she has none."""
    phone = caseworker.phone.strip() or unit.phone.strip()
    email = caseworker.email.strip() or unit.email.strip()
    return phone, email


def contact_line(phone: str, email: str) -> str:
    """Writes "Telefon 018-727 40 00, e-post …": only what there is, never an empty "Telefon ,"."""
    parts = []
    if phone:
        parts.append(_("telefon %(phone)s") % {"phone": phone})
    if email:
        parts.append(_("e-post %(email)s") % {"email": email})
    line = ", ".join(str(part) for part in parts)
    return line[:1].upper() + line[1:]


def swedish_amount(value: Decimal) -> str:
    """12 500 kr, 13 350,50 kr: the amount as the notice wrote it, in Swedish."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").removesuffix(",00")
    return f"{text} kr"


def swedish_date(value: date) -> str:
    with translation.override("sv"):
        return formats.date_format(value, "l j F Y")


def exact_amount(value: Decimal) -> str:
    """13 350,50 kr, 12 500,00 kr: an amount the household must pay, in kronor and öre exactly as the landlord
    stated it (a wrong amount can void a termination, RH 1995:34)."""
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " kr"


@dataclass(frozen=True)
class PaymentFacts:
    """What the letter tells the household about paying, each part empty when the notice does not say it."""

    debt: str = ""  # the rent debt the notice states
    to_pay: str = ""  # the amount to pay to keep the flat (formulär 3), in kronor and öre
    last_day: str = ""  # the landlord's last day to pay, else the last day of the recovery period


def payment_facts(notice: Notice | None, today: date) -> PaymentFacts:
    """The household's own debt, amount to pay and last day to pay from the notice: as the landlord stated them
    (formulär 3), else the rent debt and the last day of the recovery period (återvinningsfrist); a last day that
    has passed is left out."""
    if notice is None:
        return PaymentFacts()
    total = notice.rent_debt_total
    to_pay = notice.amount_to_pay
    deadline = notice.recovery_deadline
    last_day = notice.last_day_to_pay or (deadline.due_on if deadline is not None else None)
    return PaymentFacts(
        debt=swedish_amount(total) if total else "",
        to_pay=exact_amount(to_pay) if to_pay is not None else "",
        last_day=swedish_date(last_day) if last_day is not None and last_day >= today else "",
    )


def payment_paragraph(facts: PaymentFacts) -> str:
    """What the household must pay and by when, in one paragraph; the general rule when the notice says neither."""
    debt, last_day = facts.debt, facts.last_day
    if facts.to_pay and last_day:
        return str(
            _("Enligt hyresvärden behöver du betala %(amount)s senast %(last_day)s för att få behålla lägenheten.")
        ) % {"amount": facts.to_pay, "last_day": last_day}
    if facts.to_pay:
        return str(_("Enligt hyresvärden behöver du betala %(amount)s för att få behålla lägenheten.")) % {
            "amount": facts.to_pay
        }
    if debt and last_day:
        return str(
            _(
                "Enligt hyresvärden är hyresskulden %(debt)s. Om skulden betalas senast %(last_day)s kan du få "
                "behålla lägenheten."
            )
        ) % {"debt": debt, "last_day": last_day}
    if last_day:
        return str(_("Om hyresskulden betalas senast %(last_day)s kan du få behålla lägenheten.")) % {
            "last_day": last_day
        }
    if debt:
        return str(_("Enligt hyresvärden är hyresskulden %(debt)s.")) % {"debt": debt}
    return str(
        _(
            "Om du har en hyresskuld kan du få behålla lägenheten om skulden betalas inom tre veckor från att du "
            "fick uppsägningen."
        )
    )


def letter_fields(
    file: EvictionFile,
    *,
    booked_at,
    visit_place: str,
    caseworker,
    municipality: str,
    today: date | None = None,
    household: Household | None = None,
) -> dict:
    today = today or timezone.localdate()
    household = household or household_of(file)
    persons, notice = household.persons, household.latest_notice
    phone, email = contact_details(caseworker, file.case.unit)
    with translation.override("sv"):  # a letter is written in Swedish whatever the caseworker's language
        payment = payment_facts(notice, today)
        return {
            "mottagare": " och ".join(person.full_name for person in persons),
            "ärendenummer": file.case.number,
            "datum": formats.date_format(today, "j F Y"),
            "besökstid": swedish_datetime(booked_at) if booked_at else "",
            "besöksplats": visit_place,
            "hyresvärd": notice.landlord.name if notice else "",
            "handläggare": caseworker.get_full_name(),
            "telefon": phone,
            "e_post": email,
            "kontaktuppgifter": contact_line(phone, email),
            "kommun": municipality,
            "skuld": payment.debt,
            "att_betala": payment.to_pay,
            "sista_dag": payment.last_day,
            "om_skulden": payment_paragraph(payment),
        }


SAMPLE_FIELDS = {
    "mottagare": "Anna Andersson och Bo Andersson",
    "ärendenummer": "2026-00042",
    "datum": "23 november 2026",
    "besökstid": "tisdag 1 december 2026 kl. 10.00",
    "besöksplats": "Socialtjänsten, Stationsgatan 12",
    "hyresvärd": "Uppsalahem",
    "handläggare": "Vera Vräkningsson",
    "telefon": "018-727 00 00",
    "e_post": "vrakning@uppsala.example",
    "kontaktuppgifter": "Telefon 018-727 00 00, e-post vrakning@uppsala.example",
    "kommun": "Uppsala kommun",
    "skuld": "13 350,50 kr",
    "att_betala": "13 350,50 kr",
    "sista_dag": "måndag 14 december 2026",
    "om_skulden": (
        "Enligt hyresvärden behöver du betala 13 350,50 kr senast måndag 14 december 2026 för att få behålla "
        "lägenheten."
    ),
}


def fill(text: str, fields: dict) -> str:
    return text.format_map(fields)
