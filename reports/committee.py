"""The committee report (redovisning till socialnämnden) for a year or any period, as a tagged PDF/UA.

Structured like a committee paper: a summary first, then relocation requests (Table 1 of the Kompotten paper in its
own shape, then per network and partner, decisions, processing times against the two deadlines, request to offer,
reciprocity, reserved flats), the housing chain, and eviction prevention month by month, with charts where a reader
would rather look than read. Every figure passes through one `Disclosure`, so the report leaves the unit with no
count that could point at a person.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.relocation.models import ProtectionAssessment
from evictions.models import ContactKind
from evictions.statistics import EXECUTED, VISITS
from kompotten.pdf import render_pdf
from reports import charts, exports, figures
from reports.disclosure import SECONDARY, SECONDARY_MARK, Disclosure, Shown
from reports.models import ReportFormat, ReportKind, ReportRun

MONTH_NAMES = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
NEXUS_DEADLINE_DAYS = 14
HOUSING_DEADLINE_DAYS = 91  # three months, as a chart shows it


@dataclass(frozen=True)
class Row:
    """A labelled table row of protected figures."""

    label: str
    cells: tuple[Shown, ...]
    label2: str = ""
    is_total: bool = False


@dataclass(frozen=True)
class TimeRow:
    """A processing step against its deadline."""

    label: str
    deadline: str
    finished: Shown
    within: Shown
    late: Shown
    median: Shown
    share: Shown


@dataclass(frozen=True)
class Sections:
    """One period's sections, every figure protected by the period's own `Disclosure`."""

    relocation: dict
    housing: dict
    evictions: dict
    disclosure: Disclosure


def sections(start, end, progress=lambda percent, step: None) -> Sections:
    """The report's sections for a period; the previous year is counted by this same code over the shifted period."""
    disclosure = Disclosure()
    progress(10, _("Förflyttningar mellan kommuner"))
    relocation = relocation_section(
        figures.relocation(start, end), disclosure, figures.persons(start, end), figures.assessments(start, end)
    )
    progress(35, _("Boendekedjan"))
    housing = housing_section(figures.housing(start, end), disclosure)
    progress(55, _("Vräkningsförebyggande arbete"))
    evictions = eviction_section(figures.evictions(start, end), disclosure)
    return Sections(relocation, housing, evictions, disclosure)


def build(run: ReportRun, progress) -> bytes:
    start, end = run.period_start, figures.covered_end(run.period_end)
    current = sections(start, end, progress)
    relocation, housing, evictions, disclosure = (
        current.relocation,
        current.housing,
        current.evictions,
        current.disclosure,
    )
    progress(58, _("Föregående år"))
    previous = sections(*figures.previous_year(start, end))
    comparison = compare(current, previous)
    if previous.disclosure.used:
        disclosure.used = True
    progress(70, _("Diagram"))
    note = disclosure.note()
    drawn = {
        "notices": _notices_chart(evictions, note),
        "deadlines": _deadline_chart(relocation, housing, note),
        "outcomes": charts.horizontal_bars(
            title=_("Avslutade ärenden per utfall, vräkningsförebyggande"),
            labels=[row.label for row in evictions["by_outcome"][:-1]],
            values=[row.cells[0] for row in evictions["by_outcome"][:-1]],
            caption=_("Diagram 3. Utfall när ärenden om vräkningsförebyggande avslutades."),
            note=note,
        ),
    }
    title = _("Årsrapport till socialnämnden") if run.kind == ReportKind.ANNUAL else _("Rapport till socialnämnden")
    period = _period_label(run, start, end)
    previous_period = _period_label(run, *figures.previous_year(start, end))
    beside = tables_beside(current, previous, (period, previous_period))
    context = {
        **figures.document_context(title=title, period=period, run=run, end=end),
        "summary": _summary(relocation, housing, evictions),
        "relocation": relocation,
        "housing": housing,
        "evictions": evictions,
        "charts": drawn,
        "comparison": comparison,
        "previous_period": previous_period,
        "beside": beside,
        "table1_beside": _table1_beside(relocation["table1_networks"], previous.relocation["table1_networks"]),
        "commentary": run.commentary,
        "note": disclosure.note() if disclosure.used else "",
    }
    if run.file_format != ReportFormat.PDF:
        progress(80, _("Skapar filen"))
        table = export_sections(comparison, (period, previous_period), context["table1_beside"], beside)
        write = exports.to_csv if run.file_format == ReportFormat.CSV else exports.to_xlsx
        return write(title, period, table, context["note"], _("Antal"))
    progress(80, _("Skapar PDF"))
    return render_pdf("reports/committee_pdf.html", context)


def _period_label(run: ReportRun, start, end) -> str:
    return str(start.year) if run.kind == ReportKind.ANNUAL else f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


# --- the previous year ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Compared:
    """A figure this period beside the same figure a year earlier, and the change."""

    label: str
    current: Shown
    previous: Shown
    change: Shown


def change(current: Shown, previous: Shown) -> Shown:
    """The change from the previous year: hidden when either figure is, since a change printed beside one printed
    figure gives the hidden one back; "–" where either is not a count."""
    if current.hidden or previous.hidden:
        return Shown(SECONDARY_MARK, SECONDARY)
    if not isinstance(current.value, int) or not isinstance(previous.value, int):
        return Shown("–")
    difference = current.value - previous.value
    text = f"{difference:+,d}".replace(",", "\u00a0").replace("-", "\u2212")
    return Shown(text, value=difference)


def compared_figures(part: Sections) -> list[tuple[str, Shown]]:
    """The figures the committee compares year by year, in the report's order."""
    table1, totals = part.relocation["table1"], part.evictions["totals"]
    housing = part.housing
    return [
        (_("Formella förfrågningar från andra kommuner"), table1["incoming_formal"]),
        (_("Förfrågningar från andra kommuner via telefon"), table1["incoming_telephone"]),
        (_("Hushåll som fått lägenhet här"), table1["housed_here"]),
        (_("Formella förfrågningar till andra kommuner"), table1["outgoing_formal"]),
        (_("Förfrågningar till andra kommuner via telefon"), table1["outgoing_telephone"]),
        (_("Hushåll som fått lägenhet i annan kommun"), table1["housed_elsewhere"]),
        (_("Remisser till bostadsenheten"), housing["referrals"][-1].cells[0]),
        (_("Sociala kontrakt som började"), housing["contracts"][0].cells[0]),
        (_("Placeringar i skyddat boende som avslutades"), housing["placements_total"]),
        (_("Underrättelser"), totals["received"]),
        (_("Hushåll som underrättelserna gällde"), part.evictions["households"]),
        (_("Avslutade ärenden"), totals["closed"]),
        (_("Verkställda avhysningar"), totals["executed"]),
        (_("Förhindrade avhysningar"), totals["prevented"]),
        (_("Berörda barn"), totals["children_affected"]),
        (_("Brev"), totals["letters"]),
        (_("Besök"), totals["visits"]),
        (_("Steg i kontakttrappan"), totals["ladder_steps"]),
        (_("Vidarebefordrade underrättelser"), part.evictions["routed"]),
    ]


def compare(current: Sections, previous: Sections) -> list[Compared]:
    """Each compared figure beside the previous year's, both protected by the same code (`sections`), and the
    change, hidden where either is."""
    return [
        Compared(label, now, before, change(now, before))
        for (label, now), (_label, before) in zip(compared_figures(current), compared_figures(previous), strict=True)
    ]


# Every table beside the previous year: each figure, the same figure a year earlier and the change. Both years are
# counted and protected by the same code (`sections`), each year's tables audited on their own (the periods do not
# overlap, so neither year's figures can be drawn from the other's); a change is printed only where both figures are
# (`change`), since the change beside one printed figure would give the other back.
BESIDE_MEASURES_PER_TABLE = 3  # a table beside the previous year prints three columns per figure: at most three fit


@dataclass(frozen=True)
class Beside:
    """A table of the report with each figure beside the previous year's and the change: a row's cells are
    (this period, previous period, change) for each measure in turn. `part` numbers a wide table's parts (the row
    labels repeated in each), so that every column is on the page."""

    name: str
    caption: str
    label_heading: str
    measures: tuple[str, ...]
    rows: tuple[Row, ...]
    periods: tuple[str, str]
    label2_heading: str = ""
    part: str = ""

    @property
    def wide(self) -> bool:
        """Two label columns beside two or more figures: the labels would wrap on a portrait page, and a wrapped label
        is read apart from its figures, so the table (all its parts) goes on a landscape page."""
        return bool(self.label2_heading) and len(self.measures) >= 2

    @property
    def title(self) -> str:
        return f"{self.caption} ({self.part})" if self.part else self.caption

    def parts(self) -> list["Beside"]:
        step = BESIDE_MEASURES_PER_TABLE
        count = -(-len(self.measures) // step)
        if count <= 1:
            return [self]
        return [
            Beside(
                name=self.name,
                caption=self.caption,
                label_heading=self.label_heading,
                measures=self.measures[first : first + step],
                rows=tuple(
                    Row(row.label, row.cells[3 * first : 3 * (first + step)], row.label2, row.is_total)
                    for row in self.rows
                ),
                periods=self.periods,
                label2_heading=self.label2_heading,
                part=_("del %(n)d av %(count)d") % {"n": first // step + 1, "count": count},
            )
            for first in range(0, len(self.measures), step)
        ]

    def headings(self) -> list[str]:
        """The header row as one line (the CSV's and the workbook's): each measure's three columns named in full."""
        labels = [self.label_heading, *([self.label2_heading] if self.label2_heading else [])]
        now, before = self.periods
        return labels + [
            heading
            for measure in self.measures
            for heading in (
                f"{measure} {now}",
                f"{measure} {before}",
                _("%(measure)s, förändring") % {"measure": measure},
            )
        ]


def _label(row: Row) -> tuple[str, str]:
    return row.label, row.label2


def _zero() -> Shown:
    return Shown("0", value=0)


def beside_rows(current: list, previous: list, *, by_position: bool = False) -> tuple[Row, ...]:
    """The rows of a table beside the same table a year earlier. Rows are matched by their labels (a partner or a
    landlord of one year only is beside zeros), or by position (the months of a period over several years)."""

    def key(i, row):
        return i if by_position else (row.label, row.label2)

    before = {key(i, row): row for i, row in enumerate(previous)}
    now_keys = {key(i, row) for i, row in enumerate(current)}
    rows = list(current)
    for i, row in enumerate(previous):  # a row of the previous year only: after the row it followed then
        if key(i, row) not in now_keys:
            after = [j for j, other in enumerate(rows) if i and (other.label, other.label2) == _label(previous[i - 1])]
            at = after[0] + 1 if after else next((j for j, other in enumerate(rows) if other.is_total), len(rows))
            rows.insert(at, Row(row.label, tuple(_zero() for _ in row.cells), row.label2, row.is_total))
    result = []
    for i, row in enumerate(rows):
        old = before.get(key(i, row))
        old_cells = old.cells if old is not None else tuple(_zero() for _ in row.cells)
        cells = tuple(
            shown for now, then in zip(row.cells, old_cells, strict=True) for shown in (now, then, change(now, then))
        )
        result.append(Row(row.label, cells, row.label2, row.is_total))
    return tuple(result)


def _time_rows(rows: list[TimeRow]) -> list[Row]:
    return [
        Row(row.label, (row.finished, row.within, row.late, row.median, row.share), label2=row.deadline) for row in rows
    ]


def tables_beside(current: Sections, previous: Sections, periods: tuple[str, str]) -> dict[str, Beside]:
    """Every table of the report (but the seed's Table 1, laid out as the seed lays it out, and the key figures,
    compared in their own table) beside the previous year's, in the report's order."""
    now, then = current, previous
    count = (_("Antal"),)
    times = (_("Avslutade"), _("Inom fristen"), _("Efter fristen"), _("Median, dagar"), _("Andel inom fristen"))

    def table(name, caption, label_heading, measures, rows_of, *, label2_heading="", by_position=False):
        return Beside(
            name=name,
            caption=caption,
            label_heading=label_heading,
            measures=tuple(measures),
            rows=beside_rows(rows_of(now), rows_of(then), by_position=by_position),
            periods=periods,
            label2_heading=label2_heading,
        )

    def partners(part):
        return [*part.relocation["partners"], Row(_("Totalt"), part.relocation["totals"], is_total=True)]

    made = [
        table(
            "partners",
            _("Tabell 2. Förfrågningar per nätverk och samverkanskommun"),
            _("Kommun"),
            (
                _("Till oss, formella"),
                _("Till oss, telefon"),
                _("Fick lägenhet här"),
                _("Från oss, formella"),
                _("Från oss, telefon"),
                _("Fick lägenhet där"),
            ),
            partners,
            label2_heading=_("Nätverk"),
        ),
        table("decisions", _("Förfrågningar under perioden"), _("Utfall"), count, lambda p: p.relocation["decisions"]),
        table(
            "housing_decisions",
            _("Bostadsenhetens beslut om förflyttningar"),
            _("Beslut"),
            count,
            lambda p: p.relocation["housing_decisions"],
        ),
        table("assessments", _("Nexus skyddsbedömningar"), _("Resultat"), count, lambda p: p.relocation["assessments"]),
        table(
            "relocation_times",
            _("Handläggningstid mot fristerna"),
            _("Steg"),
            times,
            lambda p: _time_rows(p.relocation["times"]),
            label2_heading=_("Frist"),
        ),
        table(
            "reciprocity",
            _("Ömsesidighet per samverkanskommun (hushåll som fått lägenhet)"),
            _("Kommun"),
            (_("Vi tog emot från dem"), _("De tog emot från oss"), _("Balans")),
            lambda p: p.relocation["reciprocity"],
        ),
        table(
            "reserved",
            _("Lägenheter som hyresvärden reserverat för förflyttningar"),
            _("Pott"),
            (_("Utlovade"), _("Använda")),
            lambda p: p.relocation["reserved_rows"],
        ),
        table(
            "referrals", _("Remisser till bostadsenheten"), _("Remitterande"), count, lambda p: p.housing["referrals"]
        ),
        table(
            "housing_decisions_all",
            _("Beslut om bostadssocialt kontrakt"),
            _("Beslut"),
            count,
            lambda p: p.housing["decisions"],
        ),
        table(
            "housing_times",
            _("Handläggningstid för beslut"),
            _("Steg"),
            times,
            lambda p: _time_rows(p.housing["times"]),
            label2_heading=_("Frist"),
        ),
        table("contracts", _("Sociala kontrakt"), _("Uppgift"), count, lambda p: p.housing["contracts"]),
        table(
            "placements",
            _("Placeringar i skyddat boende som avslutades, per utfall"),
            _("Utfall"),
            (_("Placeringar"), _("Medföljande barn"), _("Barn som fått stadigvarande boende")),
            lambda p: p.housing["placements"],
        ),
        table("kundvard", _("Kundvård"), _("Uppgift"), count, lambda p: p.housing["kundvard"]),
        table(
            "nexus_flats",
            _("Nexus lägenheter (utslussning och akut)"),
            _("Uppgift"),
            count,
            lambda p: p.housing["nexus_flats"],
        ),
        table(
            "quotas",
            _("Kvoter per hyresvärd och pott (bland annat kvinnojourens lägenheter)"),
            _("Hyresvärd"),
            (_("Utlovade"), _("Använda")),
            lambda p: p.housing["quotas"],
            label2_heading=_("Pott"),
        ),
        table(
            "months",
            _("Månad för månad"),
            _("Månad"),
            (
                _("Underrättelser"),
                _("med barn"),
                _("Avslutade"),
                _("Verkställda avhysningar"),
                _("Förhindrade avhysningar"),
                _("Berörda barn"),
                _("Brev"),
                _("Besök"),
                _("Steg i trappan"),
            ),
            lambda p: p.evictions["months"],
            by_position=True,
        ),
    ]
    lists = (
        ("by_sender", _("Underrättelser per avsändare"), _("Avsändare")),
        ("by_kind", _("Underrättelser per typ"), _("Typ")),
        ("by_reason", _("Skäl (en underrättelse kan ha flera)"), _("Skäl")),
        ("by_landlord_kind", _("Underrättelser per typ av hyresvärd"), _("Hyresvärd")),
        ("letters", _("Brev"), _("Brev")),
        ("visit_outcomes", _("Utfall av hembesök"), _("Utfall")),
        ("ladder_steps", _("Steg i kontakttrappan"), _("Steg")),
        ("by_outcome", _("Avslutade ärenden per utfall"), _("Utfall")),
        ("attendance", _("Verkställda avhysningar: var socialtjänsten på plats?"), _("Socialtjänsten")),
        ("children_by_living", _("Barn i hushåll som avhystes, efter hur de bor där"), _("Boende")),
    )
    for name, caption, heading in lists:
        made.append(table(name, caption, heading, count, lambda p, name=name: p.evictions[name]))
    made.append(
        table(
            "process_goal",
            _("Hushåll i målgruppen som fått processmålets alla steg innan återvinningsfristen löpte ut"),
            _("Målgrupp"),
            (_("Hushåll"), _("Nådda"), _("Andel nådda")),
            lambda p: p.evictions["process_goal"],
        )
    )
    return {made_table.name: made_table for made_table in made}


def _table1_beside(current: list[dict], previous: list[dict]) -> list[dict]:
    """Seed 000's Table 1 per network with the previous year's figures beside this year's, and the change of each
    (hidden where either year's figure is)."""
    before = {table["network"]: table for table in previous}
    result = []
    for table in current:
        old = before.get(table["network"]) or dict.fromkeys(table, _zero())
        row = {key: (value, old[key], change(value, old[key])) for key, value in table.items() if key != "network"}
        pairs = {
            "here": ("persons_here", "housed_here"),
            "incoming": ("incoming_formal", "incoming_telephone"),
            "elsewhere": ("persons_elsewhere", "housed_elsewhere"),
            "outgoing": ("outgoing_formal", "outgoing_telephone"),
        }
        row["pairs"] = {name: list(zip(row[a], row[b], strict=True)) for name, (a, b) in pairs.items()}
        result.append({"network": table["network"], **row})
    return result


def export_sections(
    comparison: list[Compared], periods: tuple[str, str], table1: list[dict], beside: dict[str, Beside]
) -> list[exports.Section]:
    """The report's tables for the CSV and the workbook: the same figures, hidden the same way, as the PDF prints."""
    now, before = periods
    sections = [
        exports.Section(
            _("Jämfört med föregående år"),
            [exports.Line(row.label, cells=(row.current, row.previous, row.change)) for row in comparison],
            headings=[_("Uppgift"), now, before, _("Förändring")],
        )
    ]
    table1_lines = (
        ("persons_here", _("Personer som fått lägenhet här")),
        ("housed_here", _("Hushåll som fått lägenhet här")),
        ("incoming_formal", _("Formella förfrågningar från andra kommuner")),
        ("incoming_telephone", _("Förfrågningar från andra kommuner via telefon")),
        ("persons_elsewhere", _("Personer som fått lägenhet i annan kommun")),
        ("housed_elsewhere", _("Hushåll som fått lägenhet i annan kommun")),
        ("outgoing_formal", _("Formella förfrågningar till andra kommuner")),
        ("outgoing_telephone", _("Förfrågningar till andra kommuner via telefon")),
    )
    for table in table1:
        sections.append(
            exports.Section(
                _("Tabell 1. Ärenden inom %(network)s som hanteras av Nexus") % {"network": table["network"]},
                [exports.Line(label, cells=table[key]) for key, label in table1_lines],
                headings=[_("Uppgift"), now, before, _("Förändring")],
            )
        )
    for table in beside.values():
        sections.append(
            exports.Section(
                table.caption,
                [
                    exports.Line(row.label, cells=row.cells, label2=row.label2, is_total=row.is_total)
                    for row in table.rows
                ],
                headings=table.headings(),
                label_columns=2 if table.label2_heading else 1,
            )
        )
    return sections


# --- relocation ---------------------------------------------------------------------------------------------------
HOUSED_HERE, HOUSED_THERE = 2, 5  # the partner table's columns of households housed, as `measures` lists them


def relocation_section(
    data, disclosure: Disclosure, persons: dict | None = None, assessments: dict | None = None
) -> dict:
    groups: dict[str, list] = {}
    for partner in data.partners:
        groups.setdefault(partner.network, []).append(partner)
    measures = lambda row: [  # noqa: E731
        row.incoming.formal,
        row.incoming.telephone,
        row.incoming.housed,
        row.outgoing.formal,
        row.outgoing.telephone,
        row.outgoing.housed,
    ]
    # The reciprocity table prints each partner's households housed here and there again, summed over its networks,
    # and their totals: it is protected together with the partner table so that neither gives the other away.
    where = {}
    for g, partners in enumerate(groups.values()):
        for r, partner in enumerate(partners):
            where.setdefault(partner.municipality, []).append((g, r))
    housed = [
        [[(g, r, column) for g, r in where[row.municipality]] for column in (HOUSED_HERE, HOUSED_THERE)]
        for row in data.reciprocity
    ]
    protected = disclosure.grouped_table(
        [[measures(p) for p in partners] for partners in groups.values()],
        sums=housed,
        sums_total=(HOUSED_HERE, HOUSED_THERE),
    )
    partner_rows = []
    for (network, partners), (rows, subtotal) in zip(groups.items(), protected.groups, strict=True):
        partner_rows += [Row(p.municipality, cells, label2=network) for p, cells in zip(partners, rows, strict=True)]
        partner_rows.append(Row(_("Summa %(network)s") % {"network": network}, subtotal, is_total=True))
    totals = protected.totals
    if not data.partners:
        totals = tuple(disclosure.count(0) for _ in range(6))
    decisions = data.decisions
    # The housing unit's decisions and the processing times of the same decisions, protected together: the time
    # table's "finished" is the decisions' total whenever they count the same (a decision reconsidered counts twice
    # in the one and once in the other).
    together = disclosure.together()
    together.counts("housing_decisions", [tally.count for tally in decisions.housing])
    times = {
        "nexus": data.nexus_assessment,
        "housing": data.housing_decision,
        "offer": data.request_to_offer,
    }
    for name, time in times.items():
        _add_time(together, name, time, same_as=("housing_decisions", "total") if name == "housing" else None)
    together.protect()
    housing_decisions = together.counts_of("housing_decisions")
    return {
        # Seed 000's Table 1 once per network (Kompotten, Länskompotten), from the partner table's protected
        # subtotals, so it hides what the partner table hides; the persons beside the households, protected apart.
        "table1_networks": _table1_networks(groups, protected, persons or {}, disclosure, data.network_names),
        # The whole period's totals (both networks), as the summary and the comparison read them.
        "table1": {
            "housed_here": totals[HOUSED_HERE],
            "incoming_formal": totals[0],
            "incoming_telephone": totals[1],
            "housed_elsewhere": totals[HOUSED_THERE],
            "outgoing_formal": totals[3],
            "outgoing_telephone": totals[4],
        },
        "partners": partner_rows,
        "totals": totals,
        "decisions": [
            Row(
                _("Överlämnade till bostadsenheten (skyddsbehovet bekräftat)"),
                (disclosure.count(decisions.handed_over),),
            ),
            Row(_("Avslag hos Nexus"), (disclosure.count(decisions.rejected_by_nexus),)),
            Row(_("Återtagna"), (disclosure.count(decisions.withdrawn),)),
            Row(_("Tackade nej"), (disclosure.count(decisions.declined_by_person),)),
            Row(_("Avslutade på annat sätt"), (disclosure.count(decisions.ended_otherwise),)),
            Row(
                _("Våra förfrågningar som samverkanskommunen tog emot"),
                (disclosure.count(decisions.accepted_by_partner),),
            ),
            Row(
                _("Våra förfrågningar som samverkanskommunen avslog"),
                (disclosure.count(decisions.rejected_by_partner),),
            ),
        ],
        "housing_decisions": _list_rows(decisions.housing, housing_decisions),
        "assessments": _assessment_rows(assessments or {}, disclosure),
        "times": [
            _time_row(_("Nexus bedömning av skyddsbehovet"), _("två veckor"), together, "nexus", times["nexus"]),
            _time_row(_("Bostadsenhetens beslut"), _("tre månader"), together, "housing", times["housing"]),
            _time_row(_("Från förfrågan till erbjuden lägenhet"), "–", together, "offer", times["offer"]),
        ],
        "reciprocity": _reciprocity(data.reciprocity, protected),
        "reserved_rows": [
            Row(
                _("Reserverade lägenheter"),
                (_agreed(data.reserved_flats.promised), disclosure.count(data.reserved_flats.used)),
            )
        ],
    }


def _assessment_rows(assessments: dict[str, int], disclosure: Disclosure) -> list[Row]:
    """Nexus's protection assessments of the period by result (a request's latest), each count on its own: no total
    is printed beside them, so a hidden count stays hidden."""
    return [
        Row(str(result.label), (disclosure.count(assessments.get(result.value, 0)),))
        for result in ProtectionAssessment.Result
    ]


def _table1_networks(groups: dict, protected, persons: dict, disclosure: Disclosure, names=()) -> list[dict]:
    """One Table 1 per network, laid out as seed 000 lays it out: households housed here, requests from other
    municipalities (formal, telephone), housed elsewhere, requests to other municipalities. The persons of the
    households housed are counted from the people of each request's case; a person count is printed on its own (no
    total of persons is printed) and is 0 exactly when the households are, so it cannot give a hidden household
    count back. A network of ours without a request in the period has its table too, of zeros, as the seed prints
    both every year."""
    result = []
    zeros = tuple(disclosure.count(0) for _ in range(6))
    subtotals = dict(zip(groups, (subtotal for _rows, subtotal in protected.groups), strict=True))
    for network in sorted({*groups, *names}):
        subtotal = subtotals.get(network, zeros)
        here, there = persons.get(network, (0, 0))
        result.append(
            {
                "network": network,
                "housed_here": subtotal[HOUSED_HERE],
                "persons_here": disclosure.count(here),
                "incoming_formal": subtotal[0],
                "incoming_telephone": subtotal[1],
                "housed_elsewhere": subtotal[HOUSED_THERE],
                "persons_elsewhere": disclosure.count(there),
                "outgoing_formal": subtotal[3],
                "outgoing_telephone": subtotal[4],
            }
        )
    return result


def _agreed(promised: int) -> Shown:
    """Flats a landlord promised: an agreement, not a count of people, so it is printed as it is."""
    return Shown(str(promised), value=promised)


def _add_time(together, name: str, time, *, same_as: tuple | None = None) -> None:
    """A processing step's finished items, split by the deadline where it has one, to protect with `together`."""
    if time.within_deadline is None:
        together.figure(name, time.count)
        return
    split = [time.within_deadline, time.count - time.within_deadline]
    together.counts(name, split, total_is=together.total_of(name, split, same_as) if same_as else None)


def _time_row(label: str, deadline: str, together, name: str, time) -> TimeRow:
    disclosure = together.disclosure
    if time.within_deadline is None:
        finished = together.figure_of(name)
        within = late = share = Shown("–")
    else:
        split = together.counts_of(name)
        finished, (within, late) = split.total, split.cells
        share = disclosure.share(time.within_deadline, time.count)
        if any(shown.hidden for shown in (finished, within, late)):
            share = disclosure.withheld()  # beside the printed ones, a share gives a hidden count back
    return TimeRow(label, deadline, finished, within, late, disclosure.median_days(time.median_days, time.count), share)


def _reciprocity(rows, protected) -> list[Row]:
    """Per partner: households we housed for them, they for us, and the balance; protected with the partner table.
    A balance is the difference of the two, so it is printed only when both are."""
    result = []
    for row, (here, there) in zip(rows, protected.sums, strict=True):
        balance = (
            Shown(f"{row.balance:+d}", value=row.balance)
            if not (here.hidden or there.hidden)
            else Shown("..", "secondary")
        )
        result.append(Row(row.municipality, (here, there, balance)))
    if rows:
        totals = protected.totals[HOUSED_HERE], protected.totals[HOUSED_THERE]
        result.append(Row(_("Summa"), (*totals, Shown("")), is_total=True))
    return result


# --- housing chain --------------------------------------------------------------------------------------------------
def housing_section(data, disclosure: Disclosure) -> dict:
    placements = disclosure.table(
        [[row.placements, row.children, row.children_housed] for row in data.placements_ended],
        row_totals=False,
        column_totals=True,
    )
    placement_rows = [Row(row.label, cells) for row, cells in zip(data.placements_ended, placements.cells, strict=True)]
    placement_rows.append(Row(_("Summa"), placements.column_totals, is_total=True))
    kundvard, nexus = data.kundvard, data.nexus_flats
    together = disclosure.together()  # the decisions and their processing time, as in the relocation section
    together.counts("decisions", [t.count for t in data.decisions])
    _add_time(together, "time", data.decision_time, same_as=("decisions", "total"))
    together.protect()
    return {
        "referrals": _list_rows(data.referrals, disclosure.counts([t.count for t in data.referrals])),
        "decisions": _list_rows(data.decisions, together.counts_of("decisions")),
        "times": [
            _time_row(_("Beslut om bostadssocialt kontrakt"), _("tre månader"), together, "time", data.decision_time)
        ],
        "contracts": [
            Row(_("Sociala kontrakt som började"), (disclosure.count(data.contracts_started),)),
            Row(_("Kontrakt som gick över till hyresgästen"), (disclosure.count(data.contracts_passed_to_tenant),)),
            Row(_("Kontrakt som avslutades"), (disclosure.count(data.contracts_ended),)),
        ],
        "placements": placement_rows,
        "placements_total": placements.column_totals[0],
        "kundvard": [
            Row(_("Ansökningar om kundvård"), (disclosure.count(kundvard.requested),)),
            Row(_("Beviljade"), (disclosure.count(kundvard.granted),)),
            Row(_("Avslagna"), (disclosure.count(kundvard.refused),)),
            Row(_("Flyttade"), (disclosure.count(kundvard.moved),)),
            Row(
                _("varav nytt kontrakt i den våldsutsattas namn"),
                (disclosure.count(kundvard.new_lease_in_victims_name),),
            ),
        ],
        "nexus_flats": [
            Row(_("Flyttade in i Nexus lägenheter"), (disclosure.count(nexus.moved_in),)),
            Row(_("Flyttade ut"), (disclosure.count(nexus.moved_out),)),
            Row(_("varav vidare till boendekedjan"), (disclosure.count(nexus.handed_over_to_chain),)),
        ],
        "quotas": [
            Row(
                row.landlord,
                (_agreed(row.promised), disclosure.count(row.used)),
                label2=f"{row.pool} ({row.kind_label})",
            )
            for row in data.quotas
        ],
    }


# --- eviction prevention ----------------------------------------------------------------------------------------
MONTH_COLUMNS = (
    "received",
    "with_children",
    "closed",
    "executed",
    "prevented",
    "children_affected",
    "letters",
    "visits",
    "ladder_steps",
)


def eviction_section(data, disclosure: Disclosure) -> dict:
    """The month table and the breakdowns, protected together: a breakdown of all the notices (or closures, letters,
    ladder steps) adds up to a column total of the month table, so one cannot print what the other hides; the
    evictions executed are the closures with that outcome, the visits the ladder's visit steps, the ladder's letter
    step the letters (one definition, `evictions.statistics.letters_made`). The notices routed elsewhere are a figure
    of their own beside the notices: they are in none of the team's totals."""
    together = disclosure.together()
    together.table(
        "months",
        [[getattr(month, name) for name in MONTH_COLUMNS] for month in data.months],
        row_totals=False,
        column_totals=True,
    )

    def column_total(name):
        return ("months", "total", MONTH_COLUMNS.index(name))

    lists = {
        "by_sender": (data.by_sender, "received"),
        "by_kind": (data.by_kind, "received"),
        "by_landlord_kind": (data.by_landlord_kind, "received"),
        "by_outcome": (data.by_outcome, "closed"),
        "letters": (data.letters, "letters"),
        "visit_outcomes": (data.visit_outcomes, None),
        "ladder_steps": (data.ladder_steps, "ladder_steps"),
    }
    for name, (tallies, column) in lists.items():
        counts = [t.count for t in tallies]
        same = together.total_of(name, counts, column_total(column)) if column else None
        together.counts(name, counts, total_is=same)
    together.counts("by_reason", [t.count for t in data.by_reason], total=False)
    _adds_up(together, "by_outcome", data.by_outcome, EXECUTED, column_total("executed"))
    _adds_up(together, "ladder_steps", data.ladder_steps, VISITS, column_total("visits"))
    _adds_up(together, "ladder_steps", data.ladder_steps, (ContactKind.LETTER,), column_total("letters"))
    chart_unit, chart_periods = charts.periods([(month.year, month.number) for month in data.months], MONTH_NAMES)
    if chart_unit != "month":
        _chart_sums(together, data.months, chart_periods)
    attended = [t.count for t in data.attendance]
    together.counts(
        "attendance", attended, total_is=together.total_of("attendance", attended, column_total("executed"))
    )
    together.counts("children_by_living", [t.count for t in data.children_by_living])
    for i, reach in enumerate(data.process_goal):
        # Reached and not reached add up to the households: a small "not reached" is protected like any other count.
        together.counts(f"goal_{i}", [reach.reached, reach.households - reach.reached])
    together.figure("households", data.households)
    together.figure("households_with_children", data.households_with_children)
    together.figure("routed", data.routed)
    together.protect()

    table = together.table_of("months")
    many_years = len({month.year for month in data.months}) > 1
    months = [
        Row(f"{MONTH_NAMES[month.number - 1]}{f' {month.year}' if many_years else ''}", cells)
        for month, cells in zip(data.months, table.cells, strict=True)
    ]
    months.append(Row(_("Summa"), table.column_totals, is_total=True))

    def breakdown(name, tallies):
        return _list_rows(tallies, together.counts_of(name))

    if chart_unit == "month":
        chart_cells = [tuple(cells[MONTH_COLUMNS.index(name)] for name in CHART_COLUMNS) for cells in table.cells]
    else:
        chart_cells = together.table_of("chart").cells
    return {
        "months": months,
        "chart": list(zip(chart_periods, chart_cells, strict=True)),
        "chart_unit": chart_unit,
        "totals": dict(zip(MONTH_COLUMNS, table.column_totals, strict=True)),
        "households": together.figure_of("households"),
        "households_with_children": together.figure_of("households_with_children"),
        "routed": together.figure_of("routed"),
        **{name: breakdown(name, tallies) for name, (tallies, _column) in lists.items()},
        "by_reason": breakdown("by_reason", data.by_reason),
        "attendance": breakdown("attendance", data.attendance),
        "children_by_living": breakdown("children_by_living", data.children_by_living),
        "process_goal": [_goal_row(together, i, reach) for i, reach in enumerate(data.process_goal)],
    }


def _goal_row(together, i: int, reach) -> Row:
    """The process goal's reach for a target group: households, reached, and the share (withheld beside a hidden
    count, as a share gives it back)."""
    split = together.counts_of(f"goal_{i}")
    households, reached = split.total, split.cells[0]
    if households.hidden or any(cell.hidden for cell in split.cells):
        share = together.disclosure.withheld()
    else:
        share = together.disclosure.share(reach.reached, reach.households)
    return Row(reach.target, (households, reached, share))


CHART_COLUMNS = ("received", "closed")  # the month table's columns that Diagram 1 draws


def _chart_sums(together, months, periods) -> None:
    """Diagram 1's quarters or years: new printed figures (sums of the month table's cells), so they are protected
    with the month table. Printed apart, a quarter less its printed months would give a hidden month back."""
    together.table(
        "chart",
        [[sum(getattr(months[i], name) for i in period.months) for name in CHART_COLUMNS] for period in periods],
        row_totals=False,
        column_totals=False,
    )
    for p, period in enumerate(periods):
        for j, name in enumerate(CHART_COLUMNS):
            together.adds_up([("months", i, MONTH_COLUMNS.index(name)) for i in period.months], ("chart", p, j))


def _adds_up(together, name: str, tallies, values: tuple, whole: tuple) -> None:
    """Link the cells of the breakdown `name` whose values are `values` to the figure they add up to, when they do."""
    parts = [(name, i) for i, tally in enumerate(tallies) if tally.value in values]
    if parts and sum(together.cells[part] for part in parts) == together.cells[whole]:
        together.adds_up(parts, whole)


def _list_rows(tallies, protected) -> list[Row]:
    rows = [Row(tally.label, (shown,)) for tally, shown in zip(tallies, protected.cells, strict=True)]
    if protected.total is not None:
        rows.append(Row(_("Summa"), (protected.total,), is_total=True))
    return rows


# --- summary and charts -----------------------------------------------------------------------------------------
def _summary(relocation: dict, housing: dict, evictions: dict) -> list[str]:
    table1, times, totals = relocation["table1"], relocation["times"], evictions["totals"]
    return [
        _(
            "Förfrågningar från andra kommuner: %(formal)s formella förfrågningar och %(phone)s via telefon; "
            "%(housed)s hushåll fick lägenhet här."
        )
        % {"formal": table1["incoming_formal"], "phone": table1["incoming_telephone"], "housed": table1["housed_here"]},
        _(
            "Förfrågningar till andra kommuner: %(formal)s formella förfrågningar och %(phone)s via telefon; "
            "%(housed)s hushåll fick lägenhet i annan kommun."
        )
        % {
            "formal": table1["outgoing_formal"],
            "phone": table1["outgoing_telephone"],
            "housed": table1["housed_elsewhere"],
        },
        _(
            "Nexus bedömning tog i median %(median)s dagar; %(share)s inom två veckor. Bostadsenhetens beslut tog i "
            "median %(h_median)s dagar; %(h_share)s inom tre månader."
        )
        % {"median": times[0].median, "share": times[0].share, "h_median": times[1].median, "h_share": times[1].share},
        _(
            "Boendekedjan: %(referrals)s remisser, %(contracts)s sociala kontrakt började och %(placements)s "
            "placeringar i skyddat boende avslutades."
        )
        % {
            "referrals": housing["referrals"][-1].cells[0],
            "contracts": housing["contracts"][0].cells[0],
            "placements": housing["placements_total"],
        },
        _(
            "Vräkningsförebyggande: %(received)s underrättelser, %(executed)s verkställda avhysningar, %(prevented)s "
            "förhindrade avhysningar och %(children)s berörda barn."
        )
        % {
            "received": totals["received"],
            "executed": totals["executed"],
            "prevented": totals["prevented"],
            "children": totals["children_affected"],
        },
    ]


def _notices_chart(evictions: dict, note: str) -> charts.Chart:
    """Diagram 1, by month, or by quarter or year over a long period (`charts.periods`)."""
    bars, unit = evictions["chart"], evictions["chart_unit"]
    if unit == "month":
        title = _("Underrättelser och avslutade ärenden per månad")
        caption = _("Diagram 1. Inkomna underrättelser om hotande avhysning och avslutade ärenden, per månad.")
    elif unit == "quarter":
        title = _("Underrättelser och avslutade ärenden per kvartal")
        caption = _("Diagram 1. Inkomna underrättelser om hotande avhysning och avslutade ärenden, per kvartal.")
    else:
        title = _("Underrättelser och avslutade ärenden per år")
        caption = _("Diagram 1. Inkomna underrättelser om hotande avhysning och avslutade ärenden, per år.")
    return charts.grouped_bars(
        title=title,
        categories=[period.label for period, _cells in bars],
        names=[period.name for period, _cells in bars],
        series=[
            (_("Underrättelser"), [cells[0] for _period, cells in bars]),
            (_("Avslutade ärenden"), [cells[1] for _period, cells in bars]),
        ],
        caption=caption,
        note=note,
    )


def _deadline_chart(relocation: dict, housing: dict, note: str) -> charts.Chart:
    return charts.against_deadline(
        title=_("Handläggningstid mot frist (median, dagar)"),
        rows=[
            (_("Nexus bedömning"), relocation["times"][0].median, NEXUS_DEADLINE_DAYS),
            (_("Bostadsenhetens beslut, förflyttning"), relocation["times"][1].median, HOUSING_DEADLINE_DAYS),
            (_("Bostadsenhetens beslut, alla"), housing["times"][0].median, HOUSING_DEADLINE_DAYS),
        ],
        caption=_("Diagram 2. Median för handläggningstiden jämfört med fristen på två veckor respektive tre månader."),
        note=note,
    )
