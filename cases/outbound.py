"""Text that leaves the unit (text som lämnar enheten): checked before it leaves.

A caseworker's free text that someone outside the unit reads — the reasons of a housing decision (printed in the
decision letter), what a caseworker types into an eviction letter, a message to a partner municipality, the title
of a document or a journal note shared with it, the criteria and reasons of a relocation request the partner reads
— must not carry a protected person's address, phone, workplace, schools or identity. The Parliamentary Ombudsman
(JO) criticised a social services office that sent a protected mother's details, her workplace included, to the
father: a protection is only as good as the text that leaves beside it.

Every such channel calls `check_outbound_text(case=..., fields={...}, channel=...)` in its service, before anything
is saved or sent (the services are atomic, so a refusal leaves nothing behind). The text is compared with:

- the protected data of every protected person on the case (any protection level): the address (also the one kept
  apart in `ProtectedAddress`, and the street name alone), the postal code (with or without its space), the phone
  (digits only, +46 or 0), the workplace, the identity number and the former identity (`FormerIdentityLink`), the
  children's names and every household member's school; for a request a partner filed itself, the filed identity
  number. Comparison ignores case, whitespace, punctuation and diacritics ("Östra skolan" = "ostra  skolan").
- where a protected person is on the case, the *shapes* of a Swedish street address ("Storgatan 12": a word ending
  in -gatan, -vägen, -gränd, -stigen, -backen, -plan, -torget, -allén … followed by a number) and of a personal
  identity number (YYMMDD-NNNN or YYYYMMDDNNNN, any separator, with a real date and check digit, so a date like
  2026-12-05 or a case number like 2026-00042 is not one). A field where an address is expected (the place of a
  booked visit, a letter's postal address) is named in `addresses_expected` and skips the address shape only.

People without protection are not checked: their own letter may carry their own address. A refusal names the field
and what was found ("Texten innehåller en skyddad persons adress. Ta bort uppgiften innan beslutet skickas.") and
never the value itself, in the message or in the log.

The same comparison (`find`) runs again each time such text is output, for a protection registered after it was
written: `cases.outgoing`. The text of a file shared with a partner is checked too (`whole_documents`).

Adding a channel: see docs/protected-identities.md, "Text that leaves the unit".
"""

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cases.access import protected_persons_of
from cases.identity_numbers import parse_identity_number
from cases.models import Case, HouseholdMember, Person

logger = logging.getLogger(__name__)


class Channel(Enum):
    """Where the text goes; each says how to get it out."""

    DECISION = _("Ta bort uppgiften innan beslutet skickas.")
    LETTER = _("Ta bort uppgiften innan brevet skapas.")
    MESSAGE = _("Ta bort uppgiften innan meddelandet skickas.")
    SHARED_DOCUMENT = _("Ta bort uppgiften ur rubriken eller låt dokumentet stanna internt.")
    SHARED_FILE = _("Ta bort uppgiften ur filen eller låt dokumentet stanna internt.")
    SHARED_NOTE = _("Ta bort uppgiften ur texten eller låt anteckningen stanna internt.")
    PARTNER_READS = _("Ta bort uppgiften: samverkanskommunen läser texten.")


class Found(Enum):
    """What the text was found to carry; the message says it without the value."""

    ADDRESS = _("Texten innehåller en skyddad persons adress.")
    PHONE = _("Texten innehåller en skyddad persons telefonnummer.")
    WORKPLACE = _("Texten innehåller en skyddad persons arbetsplats.")
    SCHOOL = _("Texten innehåller skolan eller förskolan för någon i en skyddad persons hushåll.")
    CHILD_NAME = _("Texten innehåller namnet på ett barn till en skyddad person.")
    IDENTITY_NUMBER = _("Texten innehåller en skyddad persons personnummer.")
    FORMER_IDENTITY = _("Texten innehåller en skyddad persons tidigare identitet.")
    ADDRESS_SHAPE = _(
        "Texten innehåller något som liknar en gatuadress, och en person i ärendet har skyddade personuppgifter."
    )
    IDENTITY_NUMBER_SHAPE = _(
        "Texten innehåller något som liknar ett personnummer, och en person i ärendet har skyddade personuppgifter."
    )


# --- normalisation ---------------------------------------------------------------------------------------------------
def normalise(text: str) -> str:
    """Case, diacritics, punctuation and whitespace away: "Östra  Skolan, 12 B" -> "ostra skolan 12b"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    words = re.sub(r"[\W_]+", " ", plain).strip()
    return re.sub(r"(?<=\d) (?=[a-z](?:\s|$))", "", words)  # "12 b" and "12b" are the same door


def digits(text: str) -> str:
    return "".join(char for char in text if char in "0123456789")


def national_phone(phone: str) -> str:
    """The phone number without its country or trunk prefix: "+46 70-123 45 67" and "070-123 45 67" -> "701234567"."""
    number = digits(phone)
    for prefix in ("0046", "46") if phone.strip().startswith(("+", "00")) else ("0",):
        if number.startswith(prefix):
            return number[len(prefix) :]
    return number


def contains_phrase(normalised_text: str, normalised_value: str) -> bool:
    """Whole words only: "ica" is not found in "medicinska"."""
    if not normalised_value:
        return False
    return re.search(rf"(?<!\w){re.escape(normalised_value)}(?!\w)", normalised_text) is not None


_PHONE_TOKEN = re.compile(r"(?:\+|00)?[0-9][0-9 \-()/]*[0-9]")
_POSTAL_CODE = re.compile(r"(?<![0-9])[0-9]{3} ?[0-9]{2}(?![0-9])")
_IDENTITY_NUMBER_SHAPE = re.compile(r"(?<![0-9])(?:[0-9]{2})?[0-9]{6}[-+ ]?[0-9]{4}(?![0-9])")

# Street names (normalised, so without diacritics): a compound ending in one of these, then a house number.
_STREET_ENDINGS = (
    "gatan",
    "gata",
    "vagen",
    "vag",
    "grand",
    "granden",
    "stigen",
    "backen",
    "backe",
    "plan",
    "torget",
    "torg",
    "allen",
    "alle",
    "leden",
    "gangen",
    "straket",
    "slingan",
    "kajen",
    "esplanaden",
    "promenaden",
    "liden",
    "hojden",
)
_STREET_SHAPE = re.compile(rf"(?<!\w)([a-z]{{2,}}(?:{'|'.join(_STREET_ENDINGS)})) [0-9]{{1,4}}[a-z]?(?!\w)")
# Names in two words, the first a genitive: "Torgny Segerstedts allé 10", "Drottning Kristinas väg 5".
_GENITIVE_STREET_SHAPE = re.compile(
    r"(?<!\w)[a-z]{3,}s (?:alle|allen|vag|vagen|gata|gatan|grand|backe|backen|torg|torget|stig|plan) "
    r"[0-9]{1,4}[a-z]?(?!\w)"
)
# Words with a street ending that are not streets ("handlingsplan 2").
_NOT_STREETS = re.compile(
    r"(?:handlings|atgards|genomforande|vard|behandlings|betalnings|avbetalnings|amorterings|sakerhets|skydds|"
    r"arbets|stod|insats|utrednings|detalj|oversikts|bygg|lone|studie)plan|stalle|ovag|genvag"
)


def looks_like_street_address(text: str) -> bool:
    """A word ending like a Swedish street name followed by a house number: "Storgatan 12", "Rosenvägen 3 B"."""
    normalised = normalise(text)
    if _GENITIVE_STREET_SHAPE.search(normalised):
        return True
    return any(not _NOT_STREETS.fullmatch(match[1]) for match in _STREET_SHAPE.finditer(normalised))


def identity_numbers_in(text: str) -> list[str]:
    """Every real personnummer or samordningsnummer in the text (a real date and check digit), as its last ten
    digits. A date (2026-12-05), a case number (2026-00042) or an amount is not one."""
    found = []
    for match in _IDENTITY_NUMBER_SHAPE.finditer(text):
        candidate = match[0].replace(" ", "-")
        try:
            parse_identity_number(candidate)
        except ValidationError:
            continue
        found.append(digits(candidate)[-10:])
    return found


def looks_like_identity_number(text: str) -> bool:
    return bool(identity_numbers_in(text))


# --- the protected data of a case -----------------------------------------------------------------------------------
@dataclass
class ProtectedData:
    """What must not leave, normalised. Built per check; never logged, never shown."""

    any_protected: bool = False
    phrases: list[tuple[Found, str]] = field(default_factory=list)  # normalised, matched as whole words
    # The protected person's own postal address in the register (for skyddad folkbokföring not where they live):
    # the one place it may appear is where an address is expected, such as the envelope of their own letter.
    registered: list[str] = field(default_factory=list)
    registered_postal_codes: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)  # children's given names, matched case-sensitively
    postal_codes: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    identity_numbers: set[str] = field(default_factory=set)  # last ten digits
    former_identity_numbers: set[str] = field(default_factory=set)

    def add_address(self, street: str, postal_code: str = "", *, registered: bool = False) -> None:
        phrases, postal_codes = (
            (self.registered, self.registered_postal_codes) if registered else (self.phrases, self.postal_codes)
        )
        street = normalise(street)
        if street:
            name = re.split(r" [0-9]", street, maxsplit=1)[0].strip()
            # The street without its number still gives her away.
            for value in [street] + ([name] if name != street and len(name) >= 5 else []):
                phrases.append(value if registered else (Found.ADDRESS, value))
        if len(digits(postal_code)) == 5:
            postal_codes.add(digits(postal_code))

    def add_phrase(self, found: Found, value: str, *, shortest: int = 3) -> None:
        value = normalise(value)
        if len(value) >= shortest:
            self.phrases.append((found, value))

    def add_phone(self, phone: str) -> None:
        number = national_phone(phone)
        if len(number) >= 6:
            self.phones.add(number)

    def add_identity_number(self, number: str, *, former: bool = False) -> None:
        if len(digits(number)) >= 10:
            (self.former_identity_numbers if former else self.identity_numbers).add(digits(number)[-10:])


def protected_data_for(case: Case, *, addresses: Iterable[str] = ()) -> ProtectedData:
    """The protected data of every protected person on the case: its parties and the person a partner's filing
    names (`protected_persons_of`), with their protected addresses, former identities and households."""
    data = ProtectedData()
    persons = (
        protected_persons_of(case)
        .select_related("protected_address", "former_identity_link")
        .prefetch_related(Prefetch("household", HouseholdMember.objects.all()))
    )
    for person in persons:
        data.any_protected = True
        _add_person(data, person)
    if data.any_protected:
        for street in addresses:
            data.add_address(street)
    return data


def _add_person(data: ProtectedData, person: Person) -> None:
    data.add_address(person.street_address, person.postal_code, registered=True)
    address = getattr(person, "protected_address", None)
    if address is not None:
        data.add_address(address.street_address, address.postal_code)
    data.add_phone(person.phone)
    data.add_phrase(Found.WORKPLACE, person.workplace)
    data.add_identity_number(person.identity_number or "")
    former = getattr(person, "former_identity_link", None)
    if former is not None:
        data.add_phrase(Found.FORMER_IDENTITY, f"{former.former_given_name} {former.former_family_name}")
        data.add_identity_number(former.former_identity_number, former=True)
    for member in person.household.all():
        data.add_phrase(Found.SCHOOL, member.school)
        if member.relation == HouseholdMember.Relation.CHILD:
            if member.family_name:
                data.add_phrase(Found.CHILD_NAME, f"{member.given_name} {member.family_name}")
            if len(member.given_name.strip()) >= 2 and " " not in member.given_name.strip():
                data.names.append(member.given_name.strip())


# --- the check ------------------------------------------------------------------------------------------------------
def find(
    text: str, data: ProtectedData, *, address_expected: bool = False, whole_document: bool = False
) -> Found | None:
    """What protected detail the text carries, if any (the first found); never the value. `whole_document`: the
    text of a file, whose letterhead carries our own office's street address, so the address shape is not asked."""
    if not text or not text.strip():
        return None
    normalised = normalise(text)
    numbers = identity_numbers_in(text)
    postal_codes = {digits(code) for code in _POSTAL_CODE.findall(text)}
    registered = [] if address_expected else data.registered
    hits = [
        *(found for found, value in data.phrases if contains_phrase(normalised, value)),
        *([Found.ADDRESS] if any(contains_phrase(normalised, value) for value in registered) else []),
        *([Found.ADDRESS] if postal_codes & data.postal_codes else []),
        *([Found.ADDRESS] if not address_expected and postal_codes & data.registered_postal_codes else []),
        *([Found.PHONE] if any(_has_phone(token, data.phones) for token in _PHONE_TOKEN.findall(text)) else []),
        *([Found.IDENTITY_NUMBER] if data.identity_numbers.intersection(numbers) else []),
        *([Found.FORMER_IDENTITY] if data.former_identity_numbers.intersection(numbers) else []),
        *([Found.CHILD_NAME] if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text) for n in data.names) else []),
    ]
    if data.any_protected:
        hits += [Found.IDENTITY_NUMBER_SHAPE] if numbers else []
        shape_asked = not (address_expected or whole_document)
        hits += [Found.ADDRESS_SHAPE] if shape_asked and looks_like_street_address(text) else []
    return hits[0] if hits else None


def _has_phone(token: str, phones: set[str]) -> bool:
    found = digits(token)
    return any(phone in found for phone in phones)


def check_outbound_text(
    *,
    case: Case,
    fields: Mapping[str, str],
    channel: Channel,
    addresses_expected: Iterable[str] = (),
    protected_addresses: Iterable[str] = (),
    whole_documents: Iterable[str] = (),
) -> None:
    """Refuses text that would carry a protected person's details out of the unit.

    `fields`: form field name -> the text as it will leave. `addresses_expected`: fields meant to hold an address
    (our office, the envelope of the person's own letter), which skip the street-address shape and the person's
    own registered postal address, but never the protected address or anything else.
    `protected_addresses`: addresses the calling app knows for the case's people (an eviction notice's flat),
    treated as protected when a protected person is on the case. `whole_documents`: fields holding the text read
    from a file (see `find`). Raises ValidationError({field: message}).
    """
    texts = {name: text for name, text in fields.items() if text and text.strip()}
    if not texts:
        return
    data = protected_data_for(case, addresses=protected_addresses)
    refused = refused_fields(texts, data, addresses_expected=addresses_expected, whole_documents=whole_documents)
    for name, found in refused.items():
        log_refusal(case, field=name, found=found, channel=channel)
    if refused:
        raise ValidationError({name: f"{found.value!s} {channel.value!s}" for name, found in refused.items()})


def refused_fields(
    fields: Mapping[str, str],
    data: ProtectedData,
    *,
    addresses_expected: Iterable[str] = (),
    whole_documents: Iterable[str] = (),
) -> dict[str, Found]:
    """What each field that may not leave carries (see `check_outbound_text` for the arguments); never the value."""
    expected, documents = set(addresses_expected), set(whole_documents)
    found = {
        name: find(text or "", data, address_expected=name in expected, whole_document=name in documents)
        for name, text in fields.items()
    }
    return {name: what for name, what in found.items() if what is not None}


def log_refusal(case: Case, *, field: str, found: Found, channel: Channel, **ids) -> None:
    """The one log line of a refusal, written or output (`ids`: what was refused, by id): never the text."""
    extra = {"case_id": case.pk, "field": field, "found": found.name, "channel": channel.name, **ids}
    logger.info("outbound_text_refused", extra=extra)
