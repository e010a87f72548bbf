"""The monthly eviction-prevention statistics the team sends every month: notices received (by sender, kind,
landlord type and reason), files closed (by outcome), evictions executed and prevented, children affected, and the
letters, visits and ladder steps done. As PDF, as CSV for Excel and as an .xlsx workbook, from one table."""

from datetime import date

from django.utils.translation import gettext as _

from evictions.statistics import EXECUTED
from kompotten.pdf import render_pdf
from reports import exports, figures
from reports.disclosure import Disclosure
from reports.exports import Line, Section
from reports.models import ReportFormat, ReportRun


def sections(evictions, disclosure: Disclosure) -> list[Section]:
    """The figures and the breakdowns, protected together: a breakdown of all the notices adds up to the notices
    printed above it, of all the closures to the closures, and the evictions executed are the closures with that
    outcome, so none of them can print what another hides. The notices routed elsewhere are a figure of their own
    beside the notices: they are in none of the team's totals."""
    totals = evictions.totals
    together = disclosure.together()
    names = ("received", "with_children", "closed", "executed", "prevented", "children_affected")
    names += ("letters", "visits", "ladder_steps")
    figures_ = {name: together.figure(name, getattr(totals, name)) for name in names}
    figures_["routed"] = together.figure("routed", evictions.routed)
    lists = {
        "by_sender": (evictions.by_sender, "received"),
        "by_kind": (evictions.by_kind, "received"),
        "by_landlord_kind": (evictions.by_landlord_kind, "received"),
        "by_outcome": (evictions.by_outcome, "closed"),
    }
    for name, (tallies, whole) in lists.items():
        counts = [tally.count for tally in tallies]
        together.counts(name, counts, total_is=together.total_of(name, counts, figures_[whole]))
    together.counts("by_reason", [tally.count for tally in evictions.by_reason], total=False)
    executed = [("by_outcome", i) for i, tally in enumerate(evictions.by_outcome) if tally.value in EXECUTED]
    if executed and sum(together.cells[key] for key in executed) == totals.executed:
        together.adds_up(executed, figures_["executed"])
    together.protect()
    shown = {name: together.figure_of(name) for name in figures_}

    def breakdown(title, name, tallies):
        protected = together.counts_of(name)
        lines = [Line(tally.label, cell) for tally, cell in zip(tallies, protected.cells, strict=True)]
        if protected.total is not None:
            lines.append(Line(_("Summa"), protected.total, is_total=True))
        return Section(title, lines)

    # A share beside a hidden count would give it back (the notices are the households with children / the share).
    if shown["received"].hidden or shown["with_children"].hidden:
        share = disclosure.withheld()
    else:
        share = disclosure.share(totals.with_children, totals.received)
    return [
        Section(
            _("Inkomna underrättelser"),
            [
                Line(_("Underrättelser"), shown["received"]),
                Line(_("varav hushåll med barn"), shown["with_children"]),
                Line(_("Andel med barn"), share, is_share=True),
                Line(_("Vidarebefordrade till annan enhet eller kommun"), shown["routed"]),
            ],
        ),
        breakdown(_("Underrättelser per avsändare"), "by_sender", evictions.by_sender),
        breakdown(_("Underrättelser per typ"), "by_kind", evictions.by_kind),
        breakdown(_("Underrättelser per typ av hyresvärd"), "by_landlord_kind", evictions.by_landlord_kind),
        breakdown(_("Skäl (en underrättelse kan ha flera)"), "by_reason", evictions.by_reason),
        Section(
            _("Avslutade ärenden"),
            [
                Line(_("Avslutade ärenden"), shown["closed"]),
                Line(_("Verkställda avhysningar"), shown["executed"]),
                Line(_("Förhindrade avhysningar"), shown["prevented"]),
                Line(_("Berörda barn"), shown["children_affected"]),
            ],
        ),
        breakdown(_("Avslutade ärenden per utfall"), "by_outcome", evictions.by_outcome),
        Section(
            _("Insatser"),
            [
                Line(_("Brev"), shown["letters"]),
                Line(_("Hembesök och besök"), shown["visits"]),
                Line(_("Steg i kontakttrappan"), shown["ladder_steps"]),
            ],
        ),
    ]


def build(run: ReportRun, progress) -> bytes:
    end = figures.covered_end(run.period_end)
    progress(20, _("Hämtar vräkningsförebyggande statistik"))
    evictions = figures.evictions(run.period_start, end)
    disclosure = Disclosure()
    table = sections(evictions, disclosure)
    title = _("Månadsstatistik, vräkningsförebyggande arbete")
    period = _period_text(run.period_start, end)
    note = disclosure.note() if disclosure.used else ""
    progress(60, _("Skapar filen"))
    if run.file_format == ReportFormat.CSV:
        return exports.to_csv(title, period, table, note, _("Antal"))
    if run.file_format == ReportFormat.XLSX:
        return exports.to_xlsx(title, period, table, note, _("Antal"))
    context = figures.document_context(title=title, period=period, run=run, end=end)
    return render_pdf("reports/monthly_pdf.html", {**context, "sections": table, "note": note})


def _period_text(start: date, end: date) -> str:
    return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"
