"""Tables of protected figures as files: CSV the way Excel opens it in Swedish, and an .xlsx workbook.

Excel in Swedish reads a CSV with semicolons between fields, a UTF-8 byte order mark (else å, ä and ö break) and a
decimal comma. A hidden figure ("≤3", "..") is text in both formats; a printed one is a number in the workbook.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reports.disclosure import Shown


@dataclass(frozen=True)
class Line:
    label: str
    shown: Shown
    is_share: bool = False
    is_total: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    lines: Sequence[Line]


def to_csv(title: str, period: str, sections: Sequence[Section], note: str, value_heading: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([title, period])
    writer.writerow([])
    for section in sections:
        writer.writerow([section.title, value_heading])
        for line in section.lines:
            writer.writerow([line.label, _csv_value(line)])
        writer.writerow([])
    if note:
        writer.writerow([note])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(line: Line) -> str:
    if line.is_share and line.shown.value is not None:
        return f"{line.shown.value * 100:.1f}".replace(".", ",")
    return line.shown.text.replace("\u00a0", "")


def to_xlsx(title: str, period: str, sections: Sequence[Section], note: str, value_heading: str) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - only the export task needs it
    from openpyxl.styles import Font  # noqa: PLC0415 - as the line above

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([title, period])
    sheet["A1"].font = Font(bold=True, size=13)
    for section in sections:
        sheet.append([])
        sheet.append([section.title, value_heading])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for line in section.lines:
            value = line.shown.value if line.shown.value is not None else line.shown.text
            sheet.append([line.label, value])
            if line.is_share and line.shown.value is not None:
                sheet.cell(row=sheet.max_row, column=2).number_format = "0.0%"
    if note:
        sheet.append([])
        sheet.append([note])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14
    book.properties.title = title
    book.properties.language = "sv-SE"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
