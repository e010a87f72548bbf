"""Every column of every table on the page and in the text layer: the committee report and the monthly statistics
PDFs, made from known figures (tests/reports/world.py), read back with pypdf. The tables the test looks for are the
ones the report rendered (captured on their way to WeasyPrint), so the column headers and rows come from the code
that builds the tables, not from a copy here."""

from datetime import date
from io import BytesIO

from pypdf import PdfReader

from reports import services
from reports.models import ReportKind, RunState
from tests.reports.report_files import missing_columns, tables_of, text_on_the_page
from tests.reports.world import build_world


def make(manager, run_tasks, kind, start, end):
    with run_tasks():
        run = services.report_run_request(kind=kind, period_start=start, period_end=end, acting_user=manager)
    run.refresh_from_db()
    assert run.state == RunState.READY, run.failure_reason
    return run


def test_every_column_of_every_table_of_the_committee_report_is_in_its_text(networks, manager, run_tasks, rendered):
    year = build_world(networks)
    make(manager, run_tasks, ReportKind.ANNUAL, date(year, 1, 1), date(year, 12, 31))
    [(html, content)] = rendered
    assert missing_columns(html, text_on_the_page(content)) == []
    # The tables that were cut before: Table 2's last column, the processing times' share, and the month table's
    # children, letters, visits and ladder steps, with May's eight notices and the year's total. Each figure is now
    # beside the previous year's (none in this world) and the change, so the wide tables are split in parts with the
    # row labels repeated.
    tables = {table.caption: table for table in tables_of(html)}
    previous = str(year - 1)
    partners = tables["Tabell 2. Förfrågningar per nätverk och samverkanskommun (del 2 av 2)"]
    assert partners.headers[:4] == ["Kommun", "Nätverk", "Från oss, formella", "Från oss, telefon"]
    assert partners.headers[4] == "Fick lägenhet där" and partners.headers[-3:] == [str(year), previous, "Förändring"]
    times = tables["Handläggningstid för beslut (del 2 av 2)"]
    assert times.headers[3] == "Andel inom fristen"
    assert times.rows == [["Beslut om bostadssocialt kontrakt", "tre månader", "30", "–", "–", "100 %", "–", "–"]]
    assert tables["Handläggningstid för beslut (del 1 av 2)"].rows[0][2:5] == ["5", "0", "+5"]
    months = [tables[f"Månad för månad (del {n} av 3)"] for n in (1, 2, 3)]
    assert months[2].headers[:3] == ["Månad", "Brev", "Besök"] and months[1].headers[3] == "Berörda barn"
    assert [months[0].rows[4][0], *months[0].rows[4][1:4]] == ["maj", "8", "0", "+8"]
    assert months[0].rows[-1][:4] == ["Summa", "8", "0", "+8"]
    assert all(part.rows[4][0] == "maj" for part in months)  # the row labels repeated in each part


def test_every_column_of_the_monthly_statistics_is_in_its_text(networks, manager, run_tasks, rendered):
    year = build_world(networks)
    make(manager, run_tasks, ReportKind.MONTHLY, date(year, 5, 1), date(year, 5, 31))
    [(html, content)] = rendered
    assert missing_columns(html, text_on_the_page(content)) == []


def test_the_wide_tables_keep_the_report_tagged_with_its_language_and_the_charts_alt_text(
    networks, manager, run_tasks, rendered
):
    year = build_world(networks)
    make(manager, run_tasks, ReportKind.ANNUAL, date(year, 1, 1), date(year, 12, 31))
    [(_html, content)] = rendered
    reader = PdfReader(BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv" and root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    alts = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure" and "/Alt" in node:
            alts.append(str(node["/Alt"]))
        if "/K" in node:
            walk(node["/K"])

    walk(root["/StructTreeRoot"])
    assert len(alts) == 3 and all(alts)
