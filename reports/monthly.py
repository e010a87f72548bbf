"""The monthly eviction-prevention statistics the team sends every month: notices received (by sender, kind,
landlord type and reason), files closed (by outcome), evictions executed and prevented, children affected, and the
letters, visits and ladder steps done. As PDF, as CSV for Excel and as an .xlsx workbook, from one table."""

from datetime import date

from django.utils.translation import gettext as _

from kompotten.pdf import render_pdf
from reports import exports, figures
from reports.disclosure import Disclosure
from reports.exports import Line, Section
from reports.models import ReportFormat, ReportRun


def sections(evictions, disclosure: Disclosure) -> list[Section]:
    totals = evictions.totals

    def breakdown(title, tallies, *, total=True):
        protected = disclosure.counts([tally.count for tally in tallies], total=total)
        lines = [Line(tally.label, shown) for tally, shown in zip(tallies, protected.cells, strict=True)]
        if protected.total is not None:
            lines.append(Line(_("Summa"), protected.total, is_total=True))
        return Section(title, lines)

    return [
        Section(
            _("Inkomna underrättelser"),
            [
                Line(_("Underrättelser"), disclosure.count(totals.received)),
                Line(_("varav hushåll med barn"), disclosure.count(totals.with_children)),
                Line(_("Andel med barn"), disclosure.share(totals.with_children, totals.received), is_share=True),
            ],
        ),
        breakdown(_("Underrättelser per avsändare"), evictions.by_sender),
        breakdown(_("Underrättelser per typ"), evictions.by_kind),
        breakdown(_("Underrättelser per typ av hyresvärd"), evictions.by_landlord_kind),
        breakdown(_("Skäl (en underrättelse kan ha flera)"), evictions.by_reason, total=False),
        Section(
            _("Avslutade ärenden"),
            [
                Line(_("Avslutade ärenden"), disclosure.count(totals.closed)),
                Line(_("Verkställda avhysningar"), disclosure.count(totals.executed)),
                Line(_("Förhindrade avhysningar"), disclosure.count(totals.prevented)),
                Line(_("Berörda barn"), disclosure.count(totals.children_affected)),
            ],
        ),
        breakdown(_("Avslutade ärenden per utfall"), evictions.by_outcome),
        Section(
            _("Insatser"),
            [
                Line(_("Brev"), disclosure.count(totals.letters)),
                Line(_("Hembesök och besök"), disclosure.count(totals.visits)),
                Line(_("Steg i kontakttrappan"), disclosure.count(totals.ladder_steps)),
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
