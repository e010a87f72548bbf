"""Every column of every table on the page and in the text layer: the committee report and the monthly statistics
PDFs, made from known figures (tests/reports/world.py), read back with pypdf. The tables the test looks for are the
ones the report rendered (captured on their way to WeasyPrint), so the column headers and rows come from the code
that builds the tables, not from a copy here."""

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from io import BytesIO

import pytest
from pypdf import PdfReader

from kompotten import pdf
from reports import services
from reports.models import ReportKind, RunState
from tests.reports.report_files import normalised
from tests.reports.world import build_world


@dataclass
class Table:
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


class Tables(HTMLParser):
    """The tables of a rendered report: caption, the header cells of its head, and the cells of each body row."""

    def __init__(self):
        super().__init__()
        self.tables: list[Table] = []
        self.part = None  # "caption", "thead" or "tbody" while inside one
        self.cell: list[str] | None = None
        self.row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(Table())
        elif tag in ("caption", "thead", "tbody"):
            self.part = tag
        elif tag == "tr" and self.part == "tbody":
            self.row = []
        elif tag in ("th", "td"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            text = normalised("".join(self.cell))
            if self.part == "thead":
                self.tables[-1].headers.append(text)
            elif self.row is not None and text:
                self.row.append(text)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].rows.append(self.row)
            self.row = None
        elif tag in ("caption", "thead", "tbody"):
            self.part = None

    def handle_data(self, data):
        if self.part == "caption":
            self.tables[-1].caption += data
        elif self.cell is not None:
            self.cell.append(data)


@pytest.fixture
def rendered(monkeypatch):
    """Every PDF made while the test runs, with its HTML as WeasyPrint got it."""
    pages = []
    original = pdf.render_pdf_from_html

    def keeping(html):
        made = original(html)
        pages.append((html, made))
        return made

    monkeypatch.setattr(pdf, "render_pdf_from_html", keeping)
    return pages


def text_on_the_page(content: bytes) -> str:
    """The text layer as a reader sees it on paper: every piece of text that starts on its page, in the order it
    was drawn. Text drawn beyond the page's edge is in the file but on no page, so it is left out."""
    pieces = []
    for page in PdfReader(BytesIO(content)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def keep(text, cm, tm, _font, _size, width=width, height=height):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if 0 <= x < width and 0 <= y < height:
                pieces.append(text)

        page.extract_text(visitor_text=keep)
        pieces.append("\n")
    return normalised(" ".join(pieces))


def tables_of(html: str) -> list[Table]:
    parser = Tables()
    parser.feed(html)
    for table in parser.tables:
        table.caption = normalised(table.caption)
    return parser.tables


def missing_columns(html: str, text: str) -> list[str]:
    """What of each table is not in the text layer: a column header, the head read left to right, or a whole body
    row read from its label to its last column."""
    tables = tables_of(html)
    assert tables and all(table.caption for table in tables)
    starts, position = [], 0
    for table in tables:
        position = text.index(table.caption, position)
        starts.append(position)
    missing = []
    for table, start, end in zip(tables, starts, [*starts[1:], len(text)], strict=True):
        part = text[start:end]
        missing += [f"{table.caption}: column {header!r}" for header in table.headers if header not in part]
        if table.headers and " ".join(table.headers) not in part:
            missing.append(f"{table.caption}: head {' '.join(table.headers)!r}")
        missing += [f"{table.caption}: row {' '.join(row)!r}" for row in table.rows if " ".join(row) not in part]
    return missing


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
    # children, letters, visits and ladder steps, with May's eight notices and the year's total.
    tables = {table.caption: table for table in tables_of(html)}
    assert tables["Tabell 2. Förfrågningar per nätverk och samverkanskommun"].headers[-1] == "Fick lägenhet där"
    assert tables["Handläggningstid för beslut"].headers[-1] == "Andel inom fristen"
    assert tables["Handläggningstid för beslut"].rows == [
        ["Beslut om bostadssocialt kontrakt", "tre månader", "5", "5", "0", "30", "100 %"]
    ]
    months = tables["Månad för månad"]
    assert months.headers[-4:] == ["Berörda barn", "Brev", "Besök", "Steg i trappan"]
    assert len(months.headers) == 10 and months.rows[4][:2] == ["maj", "8"] and months.rows[-1][1] == "8"


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
