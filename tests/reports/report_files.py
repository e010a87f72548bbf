"""The text of a produced report file, and the leak check every report file the suite makes goes through
(tests/conftest.py runs it after every test that used the database)."""

import csv
import io

from django.db import DatabaseError, connection

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
    try:
        runs = list(ReportRun.objects.filter(state=RunState.READY))
    except DatabaseError:  # a test that left its transaction broken made no report either
        return
    if not runs:
        return
    with connection.cursor() as cursor:
        values = sensitive_values(cursor)
    for run in runs:
        assert find_leaks(file_text(run), values) == [], run
