"""Tables of protected figures as files: CSV the way Excel opens it in Swedish, and an .xlsx workbook.

Excel in Swedish reads a CSV with semicolons between fields, a UTF-8 byte order mark (else å, ä and ö break) and a
decimal comma. A hidden figure ("≤3", "..") is text in both formats; a printed one is a number in the workbook.
The monthly statistics' sections have one value column; the committee report's tables several (each figure beside
the previous year's and the change), with the column headings the PDF prints. One writer makes both.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reports.disclosure import Shown


@dataclass(frozen=True)
class Line:
    """A row: its label and one figure (`shown`), or several (`cells`); `label2` fills a second label column."""

    label: str
    shown: Shown | None = None
    is_share: bool = False
    is_total: bool = False
    cells: tuple[Shown, ...] = ()
    label2: str = ""

    @property
    def values(self) -> tuple[Shown, ...]:
        return self.cells or (self.shown,)


@dataclass(frozen=True)
class Section:
    """A table: its title, its lines, and its header row when it has more than one value column (label columns
    first); without one the header is the title and the file's one value heading."""

    title: str
    lines: Sequence[Line]
    headings: Sequence[str] = ()
    label_columns: int = 1

    def header(self, value_heading: str) -> list[str]:
        return list(self.headings) if self.headings else [self.title, value_heading]

    def labels(self, line: Line) -> list[str]:
        return [line.label, line.label2] if self.label_columns == 2 else [line.label]


def to_csv(title: str, period: str, sections: Sequence[Section], note: str, value_heading: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([title, period])
    writer.writerow([])
    for section in sections:
        if section.headings:
            writer.writerow([section.title])
        writer.writerow(section.header(value_heading))
        for line in section.lines:
            writer.writerow([*section.labels(line), *(_csv_value(shown, line.is_share) for shown in line.values)])
        writer.writerow([])
    if note:
        writer.writerow([note])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _is_share(shown: Shown, is_share: bool) -> bool:
    """A printed percentage: a share line's figure, or a figure printed with a per cent sign."""
    return shown.value is not None and (is_share or shown.text.endswith("%"))


def _csv_value(shown: Shown, is_share: bool) -> str:
    if _is_share(shown, is_share):
        return f"{shown.value * 100:.1f}".replace(".", ",")
    if shown.value is not None and not isinstance(shown.value, int):
        return str(shown.value).replace(".", ",")
    return shown.text.replace("\u00a0", "").replace("\u2212", "-")


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
        if section.headings:
            sheet.append([section.title])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append(section.header(value_heading))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for line in section.lines:
            labels = section.labels(line)
            sheet.append([*labels, *(shown.text if shown.value is None else shown.value for shown in line.values)])
            for i, shown in enumerate(line.values):
                if _is_share(shown, line.is_share):
                    sheet.cell(row=sheet.max_row, column=len(labels) + 1 + i).number_format = "0.0%"
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
