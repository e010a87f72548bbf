"""Report test helpers: the text of a produced file, and the leak check every report the suite makes goes through."""

import csv
import io

from django.db import connection

import pytest
from pypdf import PdfReader

from cases.storage import private_storage
from reports.models import ReportFormat, ReportRun, RunState
from tests.leaks import find_leaks, sensitive_values


def file_text(run: ReportRun) -> str:
    """Every piece of text in a finished run's file: a PDF's text layer, a CSV's fields, a workbook's cells."""
    with private_storage().open(run.file_name, "rb") as handle:
        content = handle.read()
    return content_text(content, run.file_format)


def content_text(content: bytes, file_format: str) -> str:
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
    """Every report file the test made, against every name, identity number and address in the database."""
    with connection.cursor() as cursor:
        values = sensitive_values(cursor)
    for run in ReportRun.objects.filter(state=RunState.READY):
        assert find_leaks(file_text(run), values) == [], run


@pytest.fixture(autouse=True)
def reports_carry_no_personal_data(request):
    """After each report test that used the database, before its data is gone: the leak check."""
    names = set(request.fixturenames)
    if not names & {"db", "transactional_db"}:
        yield
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
    yield
    assert_no_leaks()
