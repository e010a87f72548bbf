"""Every table of the committee report prints each figure beside the previous year's and the change; a change beside
a figure hidden in either year is hidden too; the CSV and the workbook hold the PDF's tables, figure for figure."""

import csv
import io
import re
from dataclasses import replace
from datetime import date

from django.urls import reverse

from openpyxl import load_workbook

from cases.storage import private_storage
from evictions import services as eviction_services
from kompotten.models import Unit, User
from reports import committee, services
from reports.committee import Row
from reports.disclosure import Disclosure
from reports.models import ReportFormat, ReportKind, ReportRun, RunState
from tests.evictions.conftest import notice_input, tenant
from tests.reports.report_files import tables_of
from tests.reports.world import build_world, last_year


def test_a_row_is_printed_beside_the_same_row_a_year_earlier_with_the_change():
    disclosure = Disclosure()
    now = [Row("Hyresvärd", (disclosure.count(12),)), Row("Summa", (disclosure.count(12),), is_total=True)]
    before = [
        Row("Hyresvärd", (disclosure.count(7),)),
        Row("Kronofogden", (disclosure.count(9),)),
        Row("Summa", (disclosure.count(16),), is_total=True),
    ]
    rows = committee.beside_rows(now, before)
    assert [(row.label, [str(cell) for cell in row.cells]) for row in rows] == [
        ("Hyresvärd", ["12", "7", "+5"]),
        ("Kronofogden", ["0", "9", "\u22129"]),  # a row of the previous year only is beside zeros
        ("Summa", ["12", "16", "\u22124"]),
    ]


def test_a_figure_hidden_in_either_year_hides_the_change_beside_it():
    disclosure = Disclosure()
    now = [Row("Hyresvärd", (disclosure.count(2),)), Row("Kronofogden", (disclosure.count(9),))]
    before = [Row("Hyresvärd", (disclosure.count(8),)), Row("Kronofogden", (disclosure.count(3),))]
    landlord, kronofogden = committee.beside_rows(now, before)
    assert [str(cell) for cell in landlord.cells] == ["\u22643", "8", ".."]
    assert [str(cell) for cell in kronofogden.cells] == ["9", "\u22643", ".."]
    assert landlord.cells[2].hidden and landlord.cells[2].value is None


def _notices_the_year_before(year: int, count: int) -> None:
    evictions = User.objects.get(email="vrakning@uppsala.example")
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    base = notice_input(received_on=date(year, 5, 12), served_on=date(year, 5, 10))
    for number in range(count):
        data = replace(base, tenants=(tenant(),), street_address=f"Kungsgatan {number + 1}")
        eviction_services.notice_register(data=data, unit=unit, acting_user=evictions)


def _make(manager, run_tasks, year, file_format):
    with run_tasks():
        run = services.report_run_request(
            kind=ReportKind.ANNUAL,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            file_format=file_format,
            acting_user=manager,
        )
    run.refresh_from_db()
    assert run.state == RunState.READY, run.failure_reason
    with private_storage().open(run.file_name, "rb") as handle:
        return handle.read()


def _pdf_tables(html: str) -> dict[str, list[list[str]]]:
    """The PDF's tables beside the previous year, the parts of a split table joined again (row labels once)."""
    joined: dict[str, list[list[str]]] = {}
    for table in tables_of(html):
        caption = re.sub(r" \(del \d+ av \d+\)$", "", table.caption)
        if caption not in joined:
            joined[caption] = [list(row) for row in table.rows]
            continue
        for row, more in zip(joined[caption], table.rows, strict=True):
            labels = len(more) - 3 * ((len(more) - 1) // 3)  # the label, and the second label where there is one
            row += more[labels:]
    return joined


def _same(pdf_cell: str, file_cell, file_format: str) -> bool:
    """A figure of the PDF and of a file: the same text, or the same number (a share in per cent in the CSV, as a
    fraction in the workbook; a decimal comma in the CSV)."""
    text = pdf_cell.replace("\u2212", "-")
    if isinstance(file_cell, str):
        file_cell = file_cell.replace("\u00a0", "").replace("\u2212", "-")
    if text == str(file_cell):
        return True
    share = text.endswith("%")
    try:
        number = float(text.rstrip("%").replace("\u00a0", "").replace(" ", "").replace(",", "."))
        other = float(str(file_cell).replace(",", "."))
    except ValueError:
        return False
    if share and file_format == "xlsx":
        other *= 100
    return abs(number - other) < 0.051


def test_known_figures_of_two_years_are_printed_beside_each_other_in_the_pdf_csv_and_workbook(
    networks, manager, run_tasks, rendered
):
    year = build_world(networks)  # last year: 6 notices from landlords, 2 from Kronofogden, in May
    _notices_the_year_before(year - 1, 11)  # the year before: 11 from landlords, in May
    _make(manager, run_tasks, year, ReportFormat.PDF)
    [(html, _content)] = rendered
    pdf = _pdf_tables(html)
    # Notices per sender: the landlords' six are hidden beside Kronofogden's two, so their change is hidden too;
    # the total, 8 against 11, is printed with its change.
    assert pdf["Underrättelser per avsändare"][-1] == ["Summa", "8", "11", "\u22123"]
    landlords = next(row for row in pdf["Underrättelser per avsändare"] if row[0] == "Hyresvärd")
    assert landlords == ["Hyresvärd", "..", "11", ".."]
    may = pdf["Månad för månad"][4]
    assert may[:4] == ["maj", "8", "11", "\u22123"]

    book = load_workbook(io.BytesIO(_make(manager, run_tasks, year, ReportFormat.XLSX)))
    sheet = next(iter(book))
    csv_rows = list(
        csv.reader(io.StringIO(_make(manager, run_tasks, year, ReportFormat.CSV).decode("utf-8-sig")), delimiter=";")
    )
    for name, rows in (("xlsx", [list(row) for row in sheet.iter_rows(values_only=True)]), ("csv", csv_rows)):
        files = _file_tables(rows)
        for caption, pdf_rows in pdf.items():
            if caption.startswith("Tabell 1.") or caption.startswith("Uppgifterna"):
                continue
            assert caption in files, (name, caption)
            file_rows = [[cell for cell in row if cell not in (None, "")] for row in files[caption]]
            assert len(file_rows) == len(pdf_rows), (name, caption)
            for pdf_row, file_row in zip(pdf_rows, file_rows, strict=True):
                assert len(pdf_row) == len(file_row), (name, caption, pdf_row, file_row)
                wrong = [(a, b) for a, b in zip(pdf_row, file_row, strict=True) if not _same(a, b, name)]
                assert wrong == [], (name, caption, pdf_row)
        assert ["Hyresvärd", "..", "11", ".."] in [
            [str(c) for c in row if c not in (None, "")] for row in files["Underrättelser per avsändare"]
        ]


def _file_tables(rows: list[list]) -> dict[str, list[list]]:
    """The sections of an exported report: a title line, a header line, the lines up to an empty one."""
    tables, i = {}, 0
    while i < len(rows):
        row = [cell for cell in rows[i] if cell not in (None, "")]
        if len(row) == 1 and i + 1 < len(rows) and rows[i + 1] and len(rows[i + 1]) > 1:
            body, j = [], i + 2
            while j < len(rows) and any(cell not in (None, "") for cell in rows[j]):
                body.append(rows[j])
                j += 1
            tables[str(row[0])] = body
            i = j
        else:
            i += 1
    return tables


def test_a_manager_orders_the_annual_report_as_a_workbook_and_downloads_it_from_the_run_page(
    client, manager, run_tasks
):
    """The same form and run as the PDF; the file is in the leak checks as every report file the suite makes
    (tests/conftest.py reads every ready run's file, whatever its format)."""
    year = last_year()
    client.force_login(manager)
    with run_tasks():
        response = client.post(
            reverse("reports:run_create"),
            {"kind": "annual", "arsrapport-year": year, "arsrapport-file_format": "xlsx"},
        )
    run = ReportRun.objects.get()
    assert response.url == reverse("reports:run_detail", args=[run.pk])
    assert run.state == RunState.READY and run.file_format == ReportFormat.XLSX
    page = client.get(response.url).content.decode()
    assert f"arsrapport-{year}.xlsx" in page
    download = client.get(reverse("reports:run_download", args=[run.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="arsrapport-{year}.xlsx"'
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    cells = [str(cell) for row in next(iter(book)).iter_rows(values_only=True) for cell in row if cell is not None]
    assert (
        "Månad för månad" in cells and f"Underrättelser {year - 1}" in cells and "Underrättelser, förändring" in cells
    )
