"""Bulk intake of notices from the lists landlords and debt collectors send (CSV).

Parsing uses Python's own `csv` module (no extra dependency: it handles quoting, both delimiters and Excel's
line endings; what it lacks — the encoding and the delimiter of Excel's Swedish "CSV (semikolonavgränsad)" — is
decided here). A file is read as UTF-8 (with or without BOM) and otherwise as Windows-1252, Excel's encoding in
Sweden; the delimiter is whichever of ";" and "," the header line uses.

Every row is validated with the same rules as the form (`registration.validate_notice`, routing by postal code) before
anything is saved. A row whose notice is registered already, by any channel (typed in from the form, or an earlier
import: the same tenant, kind, service date and landlord, `evictions.models.files.SAME_NOTICE`), is skipped as
already registered, with its file; a row repeated within the file is skipped too. So importing the same file twice,
or a landlord's list of notices the team typed in by hand, creates no second notice. The columns are documented in
`COLUMNS` and on the page.
"""

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cases.identity_numbers import parse_identity_number
from cases.models import Landlord
from cases.registers import similar_landlords
from evictions.models import Notice
from evictions.registration import NoticeInput, TenantInput, registered_notices, validate_notice
from evictions.routing import route_for

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str


COLUMNS = [
    Column("mottagen", True, gettext_lazy("Datum då underrättelsen kom in, ÅÅÅÅ-MM-DD.")),
    Column("kanal", False, gettext_lazy("post, e-post, telefon, annan enhet eller besök; tomt betyder post.")),
    Column(
        "avsandare",
        True,
        gettext_lazy(
            "hyresvärd, inkasso, advokat, kronofogden, brf, omsorgen, vården, polisen, personen eller anhörig."
        ),
    ),
    Column("avsandarens_namn", False, gettext_lazy("Till exempel inkassobolagets namn.")),
    Column("referens", False, gettext_lazy("Avsändarens referens, till exempel Kronofogdens målnummer.")),
    Column("bekraftelse", False, gettext_lazy("ja om avsändaren vill ha mottagningsbekräftelse.")),
    Column("typ", True, gettext_lazy("uppsägning, varning, avhysning eller förlängningstvist.")),
    Column(
        "skal", False, gettext_lazy("hyresskuld, vanvård, andrahand, störningar, sena betalningar; flera skiljs med |.")
    ),
    Column("kapital", False, gettext_lazy("Hyresskuldens kapital i kronor, till exempel 12500,50.")),
    Column("kostnader", False, gettext_lazy("Kostnader och ränta i kronor.")),
    Column("delgiven", False, gettext_lazy("Dag då uppsägningen delgavs, ÅÅÅÅ-MM-DD (krävs för uppsägning).")),
    Column(
        "delgivningssatt",
        False,
        gettext_lazy("Hur uppsägningen delgavs: personligen, rekommenderat brev, särskild delgivning eller annat."),
    ),
    Column(
        "att_betala",
        False,
        gettext_lazy(
            "Belopp att betala för att få bo kvar (återvinningsbeloppet), exakt som hyresvärden skrivit det, "
            "till exempel 13350,50."
        ),
    ),
    Column("sista_betalningsdag", False, gettext_lazy("Sista dag att betala enligt hyresvärden, ÅÅÅÅ-MM-DD.")),
    Column("avhysningsdatum", False, gettext_lazy("Dag för avhysning, ÅÅÅÅ-MM-DD (krävs för avhysning).")),
    Column("fornamn", True, gettext_lazy("Hyresgästens förnamn.")),
    Column("efternamn", True, gettext_lazy("Hyresgästens efternamn.")),
    Column("personnummer", True, gettext_lazy("Hyresgästens personnummer, 10 eller 12 siffror.")),
    Column("medhyresgast_fornamn", False, gettext_lazy("Medhyresgästens förnamn.")),
    Column("medhyresgast_efternamn", False, gettext_lazy("Medhyresgästens efternamn.")),
    Column("medhyresgast_personnummer", False, gettext_lazy("Medhyresgästens personnummer.")),
    Column("adress", True, gettext_lazy("Lägenhetens gatuadress.")),
    Column("postnummer", True, gettext_lazy("Fem siffror.")),
    Column("lagenhet", False, gettext_lazy("Lägenhetsnummer.")),
    Column("rum", False, gettext_lazy("Lägenhetens antal rum, till exempel 2.")),
    Column("boarea", False, gettext_lazy("Lägenhetens boarea i kvadratmeter, till exempel 54,5.")),
    Column("manadshyra", False, gettext_lazy("Månadshyran i kronor, till exempel 8450,00.")),
    Column("hyresvard", True, gettext_lazy("Hyresvärdens namn.")),
    Column("hyresvardstyp", False, gettext_lazy("privat, kommunal eller brf; krävs när hyresvärden är ny.")),
    Column("barn", False, gettext_lazy("ja om det finns barn i hushållet.")),
]
REQUIRED = [column.name for column in COLUMNS if column.required]
KNOWN = {column.name for column in COLUMNS}

_ALIASES = {
    "channel": {
        "post": "post",
        "e-post": "email",
        "epost": "email",
        "mejl": "email",
        "telefon": "phone",
        "annan enhet": "other_unit",
        "besök": "visit",
        "besok": "visit",
    },
    "sender": {
        "hyresvärd": "landlord",
        "hyresvard": "landlord",
        "inkasso": "debt_collector",
        "inkassobolag": "debt_collector",
        "advokat": "lawyer",
        "kronofogden": "kronofogden",
        "kfm": "kronofogden",
        "brf": "cooperative",
        "bostadsrättsförening": "cooperative",
        "omsorgen": "care",
        "vården": "health",
        "varden": "health",
        "polisen": "police",
        "personen": "person",
        "anhörig": "relative",
        "anhorig": "relative",
    },
    "kind": {
        "uppsägning": "termination",
        "uppsagning": "termination",
        "varning": "warning",
        "avhysning": "eviction",
        "förlängningstvist": "extension_dispute",
        "forlangningstvist": "extension_dispute",
    },
    "reason": {
        "hyresskuld": "rent_debt",
        "vanvård": "neglect",
        "vanvard": "neglect",
        "sanitära skäl": "neglect",
        "andrahand": "subletting",
        "störningar": "disturbance",
        "storningar": "disturbance",
        "sena betalningar": "late_payment",
    },
    "service": {
        "personligen": "in_person",
        "personlig": "in_person",
        "rekommenderat brev": "registered_post",
        "rekommenderat": "registered_post",
        "brev": "registered_post",
        "särskild delgivning": "special",
        "sarskild delgivning": "special",
        "särskild": "special",
        "sarskild": "special",
        "kronofogden": "special",
        "annat": "other",
    },
    "landlord": {"privat": "private", "kommunal": "municipal", "kommunalt": "municipal", "brf": "cooperative"},
}
_CHOICES = {
    "channel": Notice.Channel,
    "sender": Notice.Sender,
    "kind": Notice.Kind,
    "reason": Notice.Reason,
    "service": Notice.ServiceMethod,
    "landlord": Landlord.Kind,
}


@dataclass
class Row:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    data: NoticeInput | None = None
    key: str = ""
    duplicate: bool = False  # repeated within the file
    registered: Notice | None = None  # the same notice, registered before

    @property
    def ok(self) -> bool:
        return not self.errors and not self.duplicate and self.registered is None


@dataclass
class Parsed:
    encoding: str
    delimiter: str
    rows: list[Row]


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (BOM or not), else Excel's Windows-1252."""
    if b"\x00" in raw[:4096]:
        raise ValidationError(
            _("Filen är inte en textfil i UTF-8 eller Windows-1252. Spara den som CSV och försök igen.")
        )
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise ValidationError(_("Filens teckenkodning gick inte att läsa. Spara den som CSV UTF-8.")) from None


def parse(raw: bytes) -> Parsed:
    """Reads the file and validates every row; raises a ValidationError for a file that cannot be read at all."""
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("Filen är större än 5 MB. Dela upp den i flera filer."))
    text, encoding = decode(raw)
    delimiter, records = _records(text)
    rows, lookups = [], _Lookups()
    for line, values, whole in records:
        if len(rows) >= MAX_ROWS:
            raise ValidationError(_("Filen har fler än %(max)d rader. Dela upp den.") % {"max": MAX_ROWS})
        rows.append(_row(line, values, whole, lookups))
    if not rows:
        raise ValidationError(_("Filen har inga rader under kolumnrubrikerna."))
    _mark_repeats(rows)
    return Parsed(encoding, delimiter, rows)


def _records(text: str) -> tuple[str, Iterator[tuple[int, dict[str, str], bool]]]:
    """The delimiter, and each non-empty row as (its line, its known columns' values, whether it has every field)."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError(_("Filen är tom. Första raden ska vara kolumnrubrikerna."))
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_normal(name) for name in next(reader)]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValidationError(
            _("Kolumner saknas: %(missing)s. Första raden ska ha kolumnrubrikerna som beskrivs nedan.")
            % {"missing": ", ".join(missing)}
        )

    def records():
        for line, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name in KNOWN}
                yield line, values, len(cells) == len(header)

    return delimiter, records()


def notices_at(text: str, lines: set[int]) -> dict[int, NoticeInput]:
    """What the rows on these lines of a previewed file say (rows the preview found good), read again from the file
    for the preview page: the row report keeps no names or addresses."""
    found = {}
    for line, values, _whole in _records(text)[1]:
        if line in lines:
            try:
                found[line] = _notice_input(values)
            except ValidationError:
                continue
            if len(found) == len(lines):
                break
    return found


def _normal(name: str) -> str:
    name = name.strip().lower().replace(" ", "_")
    return name.replace("å", "a").replace("ä", "a").replace("ö", "o")


class _Lookups:
    """Routes and known landlords, read once per file rather than once per row."""

    def __init__(self):
        self.routes: dict[str, ValidationError | None] = {}
        self.landlords = {name.lower() for name in Landlord.objects.values_list("name", flat=True)}
        self.suggestions: dict[str, list[str]] = {}

    def check(self, data: NoticeInput) -> None:
        code = "".join(data.postal_code.split())
        if code not in self.routes:
            try:
                route_for(code)
                self.routes[code] = None
            except ValidationError as error:
                self.routes[code] = error
        if self.routes[code] is not None:
            raise self.routes[code]
        name = " ".join(data.landlord_name.split()).lower()
        if name in self.landlords:
            return
        if name not in self.suggestions:
            self.suggestions[name] = similar_landlords(data.landlord_name)
        if self.suggestions[name]:  # a typo would add a landlord and split the statistics by landlord type
            raise ValidationError(
                _("Hyresvärden %(name)s finns inte i registret. Menade du %(suggestion)s? Rätta namnet i filen.")
                % {"name": data.landlord_name.strip(), "suggestion": ", ".join(self.suggestions[name])}
            )
        if not data.landlord_kind:
            raise ValidationError(_("Hyresvärden %(name)s är ny: fyll i kolumnen hyresvardstyp.") % {"name": name})


def _row(line: int, values: dict[str, str], whole: bool, lookups: _Lookups) -> Row:
    row = Row(line, values)
    if not whole:
        row.errors.append(_("Raden har inte lika många fält som rubrikraden."))
        return row
    try:
        row.data = _notice_input(values)
        validate_notice(row.data)
        lookups.check(row.data)
    except ValidationError as error:
        row.errors.extend(_messages(error))
        return row
    row.key = import_key(row.data)
    return row


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


def _mark_repeats(rows: list[Row]) -> None:
    """A row whose notice is registered already (the same notice, or this row imported before) is skipped with that
    notice; a row repeated within the file (the same row, or the same notice: `same_in_file`) is skipped."""
    valid = [row for row in rows if row.key]
    imported = Notice.objects.filter(import_key__in=[r.key for r in valid]).select_related("file")
    imported = {notice.import_key: notice for notice in imported}
    seen = set()
    for row, notice in zip(valid, registered_notices([row.data for row in valid]), strict=True):
        row.registered = notice or imported.get(row.key)
        row.duplicate = row.registered is None and not seen.isdisjoint({row.key, same_in_file(row.data)})
        seen.update({row.key, same_in_file(row.data)})


def same_in_file(data: NoticeInput) -> tuple:
    """`SAME_NOTICE` for two rows of one file, before their tenants and landlord are registered: the first tenant's
    identity number, kind, service date and landlord's name."""
    landlord = " ".join(data.landlord_name.split()).lower()
    return (data.tenants[0].identity_number, str(data.kind), data.served_on or data.received_on, landlord)


def import_key(data: NoticeInput) -> str:
    """What makes a notice the same notice: tenant, kind, dates and amount."""
    parts = [
        data.tenants[0].identity_number,
        data.kind,
        str(data.received_on),
        str(data.served_on or ""),
        str(data.eviction_date or ""),
        str(data.rent_debt_capital or ""),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


@cache
def _codes(group: str, language: str) -> dict[str, str]:
    """Codes by themselves, their labels in `language` and the aliases: built once, not for every cell of a file."""
    choices = _CHOICES[group]
    by_label = {str(label).lower(): code for code, label in choices.choices} | _ALIASES[group]
    return by_label | {code: code for code in choices.values}


def _choice(group: str, value: str, column: str) -> str:
    value = value.strip().lower()
    codes = _codes(group, get_language())
    if value in codes:
        return codes[value]
    raise ValidationError(_("Okänt värde %(value)s i kolumnen %(column)s.") % {"value": f"”{value}”", "column": column})


def _date(value: str, column: str, *, required: bool = False) -> date | None:
    if not value:
        if required:
            raise ValidationError(_("Kolumnen %(column)s är tom.") % {"column": column})
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("Datumet %(value)s i kolumnen %(column)s finns inte. Skriv ÅÅÅÅ-MM-DD.")
            % {"value": value, "column": column}
        ) from None


def _amount(value: str, column: str, *, exact: bool = False) -> Decimal | None:
    """An amount in kronor; an `exact` one as written (the notice's rules refuse a third decimal), else to öre."""
    if not value:
        return None
    try:
        amount = Decimal("".join(value.split()).replace("\u00a0", "").replace(",", ".").removesuffix("kr"))
    except InvalidOperation:
        raise ValidationError(
            _("Beloppet %(value)s i kolumnen %(column)s är inte ett tal.") % {"value": value, "column": column}
        ) from None
    if amount < 0:
        raise ValidationError(_("Beloppet i kolumnen %(column)s är negativt.") % {"column": column})
    return amount if exact else amount.quantize(Decimal("0.01"))


def _whole_number(value: str, column: str) -> int | None:
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValidationError(
            _("Värdet %(value)s i kolumnen %(column)s är inte ett heltal.") % {"value": value, "column": column}
        ) from None


def _required(values: dict[str, str], column: str) -> str:
    value = values.get(column, "")
    if not value:
        raise ValidationError(_("Kolumnen %(column)s är tom.") % {"column": column})
    return value


def _tenant(values: dict[str, str], prefix: str) -> TenantInput:
    number = values.get(f"{prefix}personnummer", "")
    try:
        number = parse_identity_number(number).normalised
    except ValidationError as error:
        raise ValidationError(
            _("Personnumret i kolumnen %(column)s: %(error)s")
            % {"column": f"{prefix}personnummer", "error": error.messages[0]}
        ) from None
    return TenantInput(_required(values, f"{prefix}fornamn"), _required(values, f"{prefix}efternamn"), number)


def _notice_input(values: dict[str, str]) -> NoticeInput:
    tenants = [_tenant(values, "")]
    if any(values.get(f"medhyresgast_{name}") for name in ("fornamn", "efternamn", "personnummer")):
        tenants.append(_tenant(values, "medhyresgast_"))
    reasons = [_choice("reason", r, "skal") for r in values.get("skal", "").replace(",", "|").split("|") if r.strip()]
    landlord_kind = values.get("hyresvardstyp", "")
    service_method = values.get("delgivningssatt", "")
    return NoticeInput(
        received_on=_date(values.get("mottagen", ""), "mottagen", required=True),
        channel=_choice("channel", values.get("kanal") or "post", "kanal"),
        sender_kind=_choice("sender", _required(values, "avsandare"), "avsandare"),
        sender_name=values.get("avsandarens_namn", ""),
        sender_reference=values.get("referens", ""),
        receipt_requested=values.get("bekraftelse", "").lower() in ("ja", "j", "1", "x"),
        kind=_choice("kind", _required(values, "typ"), "typ"),
        reasons=tuple(reasons),
        rent_debt_capital=_amount(values.get("kapital", ""), "kapital"),
        rent_debt_costs=_amount(values.get("kostnader", ""), "kostnader"),
        served_on=_date(values.get("delgiven", ""), "delgiven"),
        eviction_date=_date(values.get("avhysningsdatum", ""), "avhysningsdatum"),
        service_method=_choice("service", service_method, "delgivningssatt") if service_method else "",
        amount_to_pay=_amount(values.get("att_betala", ""), "att_betala", exact=True),
        last_day_to_pay=_date(values.get("sista_betalningsdag", ""), "sista_betalningsdag"),
        monthly_rent=_amount(values.get("manadshyra", ""), "manadshyra", exact=True),
        rooms=_whole_number(values.get("rum", ""), "rum"),
        floor_area=_amount(values.get("boarea", ""), "boarea", exact=True),
        tenants=tuple(tenants),
        street_address=_required(values, "adress"),
        postal_code=_required(values, "postnummer"),
        apartment_number=values.get("lagenhet", ""),
        landlord_name=_required(values, "hyresvard"),
        landlord_kind=_choice("landlord", landlord_kind, "hyresvardstyp") if landlord_kind else "",
        children_in_household=values.get("barn", "").lower() in ("ja", "j", "1", "x"),
    )
