"""Disclosure control (röjandekontroll): the one place that decides which numbers a report that leaves the unit may
print. Every report builds its tables through this module.

Reports carry counts only. A count from 1 up to the threshold (`REPORTS_DISCLOSURE_THRESHOLD`, default 3) could point
at a person in a small municipality, so it is printed as "<3" (primary suppression). Where a table also prints a
total, hiding one cell is not enough: the total minus the visible cells gives it back. So wherever a row, column or
list with a printed total would have exactly one hidden cell, a second cell is hidden too (secondary suppression,
printed as ".."), repeating until no total gives a hidden number back. Zero is printed: knowing that nobody is in a
group reveals no one. A median or share computed from 1..threshold cases describes those cases, so it is withheld
(printed as ".." too), as is a share whose part or remainder is a small count.

Reports read only inside the unit may pass `Disclosure(leaves_unit=False)`, which prints everything as it is.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

PRIMARY = "primary"
SECONDARY = "secondary"
SECONDARY_MARK = ".."


def threshold() -> int:
    return int(getattr(settings, "REPORTS_DISCLOSURE_THRESHOLD", 3))


@dataclass(frozen=True)
class Shown:
    """One printed figure: its text, and whether (and why) the true value is hidden."""

    text: str
    suppressed: str = ""  # "", PRIMARY or SECONDARY
    value: int | float | None = None  # the number itself when it is printed (for spreadsheets); None when hidden

    def __str__(self) -> str:
        return self.text

    @property
    def hidden(self) -> bool:
        return bool(self.suppressed)


@dataclass(frozen=True)
class ShownList:
    """A list of counts with its total, protected together."""

    cells: tuple[Shown, ...]
    total: Shown | None


@dataclass(frozen=True)
class ShownTable:
    """A table of counts with the totals it prints (per row, per column, and their grand total)."""

    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...] | None
    column_totals: tuple[Shown, ...] | None
    grand_total: Shown | None


@dataclass(frozen=True)
class ShownGroups:
    """Grouped rows: per group its rows and subtotal row, and the total row of all groups."""

    groups: tuple[tuple[tuple[tuple[Shown, ...], ...], tuple[Shown, ...]], ...]
    totals: tuple[Shown, ...]
    sums: tuple[tuple[Shown, ...], ...] = ()  # the rows of `sums=`, protected together with the groups


class Disclosure:
    """The rules for one report: its threshold and whether it leaves the unit."""

    def __init__(self, *, leaves_unit: bool = True, limit: int | None = None):
        self.leaves_unit = leaves_unit
        self.limit = threshold() if limit is None else limit
        self.used = False  # whether anything was hidden: the report then prints the note

    @property
    def small_mark(self) -> str:
        return f"<{self.limit}" if self.limit > 1 else "<2"

    def note(self) -> str:
        return _(
            "Antal från 1 till %(limit)d visas som ”%(mark)s” så att ingen enskild person kan pekas ut. En uppgift "
            "som visas som ”%(secondary)s” är dold: antingen för att en summa annars skulle avslöja ett sådant antal, "
            "eller för att en median eller andel bygger på för få ärenden."
        ) % {"limit": self.limit, "mark": self.small_mark, "secondary": SECONDARY_MARK}

    def _is_small(self, value: int) -> bool:
        return self.leaves_unit and 1 <= value <= self.limit

    def _show(self, value: int, how: str) -> Shown:
        if how:
            self.used = True
            return Shown(self.small_mark if how == PRIMARY else SECONDARY_MARK, how)
        return Shown(_format_int(value), value=value)

    def _withheld(self) -> Shown:
        """A median or share not printed: it would describe too few cases (or give a small count back)."""
        self.used = True
        return Shown(SECONDARY_MARK, PRIMARY)

    # --- single figures ---------------------------------------------------------------------------------------
    def count(self, value: int) -> Shown:
        """A count printed on its own (no total beside it gives it away)."""
        if value < 0:
            raise ValueError("Counts are never negative.")
        return self._show(value, PRIMARY if self._is_small(value) else "")

    def median_days(self, value: float | None, cases: int) -> Shown:
        """A median in days, computed from `cases` cases: hidden when there are too few of them to publish."""
        if value is None or cases == 0:
            return Shown("–")
        if self._is_small(cases):
            return self._withheld()
        return Shown(_format_decimal(value), value=value)

    def share(self, part: int, whole: int) -> Shown:
        """A percentage: hidden when the whole is a small count, or the part a small count of it."""
        if whole == 0:
            return Shown("–")
        if self._is_small(whole) or self._is_small(part) or self._is_small(whole - part):
            return self._withheld()
        return Shown(f"{_format_decimal(part * 100 / whole)} %", value=part / whole)

    # --- lists and tables ---------------------------------------------------------------------------------------
    def counts(self, values: Sequence[int], *, total: bool = True) -> ShownList:
        """Counts that add up to a printed total (a breakdown by category). Without a printed total (categories that
        overlap), each count is protected on its own."""
        table = self.table([[value] for value in values], row_totals=False, column_totals=total)
        cells = tuple(row[0] for row in table.cells)
        return ShownList(cells, table.column_totals[0] if table.column_totals else None)

    def table(self, values: Sequence[Sequence[int]], *, row_totals: bool, column_totals: bool) -> ShownTable:
        """A table of counts with the totals it prints; both the cells and the totals are protected."""
        grid = _checked(values)
        rows, columns = len(grid), (len(grid[0]) if grid else 0)
        cells = {(r, c): grid[r][c] for r in range(rows) for c in range(columns)}
        equations = []
        if row_totals:
            for r in range(rows):
                cells[(r, "total")] = sum(grid[r])
                equations.append(([(r, c) for c in range(columns)], (r, "total")))
        if column_totals:
            for c in range(columns):
                cells[("total", c)] = sum(row[c] for row in grid)
                equations.append(([(r, c) for r in range(rows)], ("total", c)))
        if row_totals and column_totals:
            cells[("total", "total")] = sum(map(sum, grid))
            equations.append(([(r, "total") for r in range(rows)], ("total", "total")))
            equations.append(([("total", c) for c in range(columns)], ("total", "total")))
        shown = self._protect(cells, equations)
        return ShownTable(
            cells=tuple(tuple(shown[(r, c)] for c in range(columns)) for r in range(rows)),
            row_totals=tuple(shown[(r, "total")] for r in range(rows)) if row_totals else None,
            column_totals=tuple(shown[("total", c)] for c in range(columns)) if column_totals else None,
            grand_total=shown[("total", "total")] if row_totals and column_totals else None,
        )

    def grouped_table(
        self,
        groups: Sequence[Sequence[Sequence[int]]],
        *,
        sums: Sequence[Sequence[Sequence[tuple[int, int, int]]]] = (),
        sums_total: Sequence[int] = (),
    ) -> ShownGroups:
        """Rows in groups (partners within networks), each group with a subtotal row and all with a total row; the
        columns are separate measures, so nothing is added across a row.

        `sums` is a second table printed in the same report whose every cell adds up cells of this one, given as
        (group, row, column) coordinates (a partner's figures summed over the networks it is in). Its column j adds
        up to this table's total of column `sums_total[j]`, which it prints again. Both tables are protected
        together: protected one at a time, a cell hidden in one could be printed, or worked back, in the other."""
        grids = [_checked(rows) for rows in groups]
        columns = next((len(grid[0]) for grid in grids if grid), 0)
        cells, equations = {}, []
        for g, grid in enumerate(grids):
            for c in range(columns):
                for r, row in enumerate(grid):
                    cells[(g, r, c)] = row[c]
                cells[(g, "subtotal", c)] = sum(row[c] for row in grid)
                equations.append(([(g, r, c) for r in range(len(grid))], (g, "subtotal", c)))
        for c in range(columns):
            cells[("total", c)] = sum(cells[(g, "subtotal", c)] for g in range(len(grids)))
            equations.append(([(g, "subtotal", c) for g in range(len(grids))], ("total", c)))
        for s, row in enumerate(sums):
            for j, parts in enumerate(row):
                cells[("sums", s, j)] = sum(cells[part] for part in parts)
                equations.append((list(parts), ("sums", s, j)))
        for j, c in enumerate(sums_total if sums else ()):
            if sum(cells[("sums", s, j)] for s in range(len(sums))) != cells[("total", c)]:
                raise ValueError("The second table's column does not add up to the total it names.")
            equations.append(([("sums", s, j) for s in range(len(sums))], ("total", c)))
        shown = self._protect(cells, equations)
        return ShownGroups(
            groups=tuple(
                (
                    tuple(tuple(shown[(g, r, c)] for c in range(columns)) for r in range(len(grid))),
                    tuple(shown[(g, "subtotal", c)] for c in range(columns)),
                )
                for g, grid in enumerate(grids)
            ),
            totals=tuple(shown[("total", c)] for c in range(columns)),
            sums=tuple(tuple(shown[("sums", s, j)] for j in range(len(row))) for s, row in enumerate(sums)),
        )

    def _protect(self, cells: dict, equations: list) -> dict:
        marks = _suppress(cells, equations, self._is_small)
        return {key: self._show(value, marks.get(key, "")) for key, value in cells.items()}


def _checked(values: Sequence[Sequence[int]]) -> list[list[int]]:
    grid = [list(row) for row in values]
    width = len(grid[0]) if grid else 0
    if any(len(row) != width for row in grid) or any(value < 0 for row in grid for value in row):
        raise ValueError("A table needs rows of equal length and counts that are never negative.")
    return grid


def _suppress(cells: dict, equations: list[tuple[list, object]], is_small) -> dict:
    """Which cells to hide, and why. `equations` are (parts, whole): the parts add up to the whole, all printed.

    An equation with exactly one hidden member gives that member back, so another member is hidden: the smallest
    non-zero part, else the whole, and a zero only when nothing else is left (a hidden zero beside a hidden 1 still
    gives the 1 away). Repeated until every equation has none, or two or more, hidden members.
    """
    marks = {key: PRIMARY for key, value in cells.items() if is_small(value)}
    wholes = {whole for _parts, whole in equations}
    changed = True
    while changed:
        changed = False
        for parts, whole in equations:
            members = [*parts, whole]
            if sum(member in marks for member in members) != 1:
                continue
            candidates = [member for member in members if member not in marks]
            if candidates:
                cheapest = min(candidates, key=lambda key: (cells[key] == 0, key in wholes, cells[key]))
                marks[cheapest] = SECONDARY
                changed = True
    return marks


def _format_int(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")  # Swedish thousands separator: a (non-breaking) space


def _format_decimal(value: float) -> str:
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return _format_int(int(rounded))
    return str(rounded).replace(".", ",")
