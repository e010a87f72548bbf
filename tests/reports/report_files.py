"""The text of a produced report file, what of a PDF's tables is missing from its pages, and the leak check every
report file the suite makes goes through (tests/conftest.py runs it after every test that used the database)."""

import csv
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import DatabaseError, connection
from django.db.models import Q

from pypdf import PdfReader

from cases.storage import private_storage
from reports.models import ReportFormat, ReportKind, ReportRun, RunState
from tests.leaks import find_leaks, sensitive_values


def file_text(run: ReportRun) -> str:
    """Every piece of text in a finished run's file: a PDF's text layer, a CSV's fields, a workbook's cells."""
    with private_storage().open(run.file_name, "rb") as handle:
        content = handle.read()
    return content_text(content, run.file_format)


def content_text(content: bytes, file_format: str) -> str:
    if file_format == ReportFormat.PDF and not content.startswith(b"%PDF"):
        return content.decode()  # the HTML a test's PDF stand-in kept (`kompotten.pdf.render_pdf_from_html`)
    if file_format == ReportFormat.PDF:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if file_format == ReportFormat.CSV:
        return "\n".join(";".join(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    from openpyxl import load_workbook  # noqa: PLC0415

    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        " ".join(str(cell) for cell in row if cell is not None)
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
    )


def normalised(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def assert_no_leaks() -> None:
    """Every report file the test made, against every name, identity number and address in the database; and the
    commentary of every run, in whatever state (free text the manager writes, kept with the run and printed). A
    register extract names its own person, and nobody else (`own_values`)."""
    try:
        runs = list(ReportRun.objects.filter(Q(state=RunState.READY) | ~Q(commentary="")))
    except DatabaseError:  # a test that left its transaction broken made no report either
        return
    if not runs:
        return
    with connection.cursor() as cursor:
        values = sensitive_values(cursor)
    for run in runs:
        assert find_leaks(run.commentary, values) == [], run
        if run.state == RunState.READY:
            allowed = own_values(run) if run.kind == ReportKind.REGISTER_EXTRACT else set()
            assert find_leaks(file_text(run), values - allowed) == [], run


def own_values(run: ReportRun) -> set[str]:
    """What a person's own register extract may say of her: her name and number; her address, phone and workplace
    too unless she was protected when it was asked for (then they are not printed)."""
    person = run.register_extract.person
    number = person.identity_number or ""
    digits = number.replace("-", "").replace("+", "")
    values = {person.full_name, person.family_name, number, digits, number[2:], digits[2:]}
    if not run.parameters.get("protected", person.is_protected):
        values |= {person.street_address, person.phone, person.workplace}
    return {value for value in values if value}


# --- every column on the page ----------------------------------------------------------------------------------
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


def text_on_the_page(content: bytes) -> str:
    """The text layer as a reader sees it on paper: every piece of text that starts on its page, in the order it
    was drawn. Text drawn beyond the page's edge is in the file but on no page, so it is left out."""
    pieces = []
    for page in PdfReader(io.BytesIO(content)).pages:
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
