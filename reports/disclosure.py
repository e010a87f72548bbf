"""Disclosure control (röjandekontroll): the one place that decides which numbers a report that leaves the unit may
print. Every report builds its tables through this module.

The rule, stated once: a count from 1 up to and including the threshold T (`REPORTS_DISCLOSURE_THRESHOLD`, default 3)
could point at a person in a small municipality, so it is hidden and printed as "≤3" (primary suppression); the
note (`Disclosure.note`) says exactly that, under every report and on the dashboard. Zero is printed: knowing that
nobody is in a group reveals no one.

Hiding a small count is not enough where the table also prints totals: the published figures may pin it. "≤3" +
"≤3" under a subtotal of 6 are both 3; seven "≤3" under a total of 7 are each 1. So the tables are audited
(`intervals`): for every small count, a linear programme (HiGHS, through SciPy's `linprog`) finds the least and the
greatest value it can have given every printed figure of the table (and of a second table printed from the same
cells, `grouped_table(sums=...)`), the totals' equations, and what the marks tell a reader: a part marked "≤3" is 1..3,
a part marked ".." is above 3 (a zero is never hidden), a hidden total is at least 1. Protected means: that interval
holds at least two whole numbers (with T = 1 the mark says the count, so nothing more can be protected). While it
does not, one more cell is hidden (secondary suppression, printed ".."): the smallest non-zero part beside it first,
totals last. A hidden total is printed ".." even when it is small, since a total marked "≤3" over parts marked "≤3"
would bound them too. Where the marks themselves pin a count and nothing printed is left to hide (1, 1, 1 in three
months under a total that another table prints as a single part marked "≤3"), that part is printed ".." as a total
is, and the audit knows of it only that it is at least 1 (see `_suppress`); the audit's bounds are always true, and
no looser than what a reader can know. A median or share computed from 1..T cases describes those cases, so it is
withheld (printed ".." too), as is a share whose part or remainder is a small count.

Reports read only inside the unit may pass `Disclosure(leaves_unit=False)`, which prints everything as it is.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from scipy.optimize import linprog

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
        """The mark of a hidden small count: it says exactly what is hidden, 1 up to and including the limit."""
        return f"\u2264{self.limit}"

    def note(self) -> str:
        """The one statement of the rule, printed the same under every report and on the dashboard."""
        return _(
            "Antal från 1 till %(limit)d visas som ”%(mark)s” så att ingen enskild person kan pekas ut. En uppgift "
            "som visas som ”%(secondary)s” är dold: antingen för att den tillsammans med de andra uppgifterna "
            "annars skulle avslöja ett sådant antal eller ringa in det till ett enda värde, eller för att en median "
            "eller andel bygger på för få ärenden."
        ) % {"limit": self.limit, "mark": self.small_mark, "secondary": SECONDARY_MARK}

    def _is_small(self, value: int) -> bool:
        return self.leaves_unit and 1 <= value <= self.limit

    def _show(self, value: int, how: str, *, whole: bool = False) -> Shown:
        if how:
            self.used = True
            # A hidden total is "..", small or not: a total marked as small would say that its parts add up to at
            # most the limit (three parts marked "≤3" under a total marked "≤3" are 1 each).
            return Shown(self.small_mark if how == PRIMARY and not whole else SECONDARY_MARK, how)
        return Shown(_format_int(value), value=value)

    def withheld(self) -> Shown:
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
            return self.withheld()
        return Shown(_format_decimal(value), value=value)

    def share(self, part: int, whole: int) -> Shown:
        """A percentage: hidden when the whole is a small count, or the part a small count of it."""
        if whole == 0:
            return Shown("–")
        if self._is_small(whole) or self._is_small(part) or self._is_small(whole - part):
            return self.withheld()
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
        cells, equations = _table_cells((), _checked(values), row_totals, column_totals)
        return _shown_table((), values, self._protect(cells, equations), row_totals, column_totals)

    def together(self) -> "Together":
        """Several tables and figures of one report that share figures (a list whose total is a column total of
        another table, a figure printed on its own that is a sum of a list's cells), protected together."""
        return Together(self)

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
        marks, as_totals = _suppress(cells, equations, self._is_small, self.limit)
        return {key: self._show(value, marks.get(key, ""), whole=key in as_totals) for key, value in cells.items()}


def _table_cells(name: tuple, grid: list[list[int]], row_totals: bool, column_totals: bool) -> tuple[dict, list]:
    rows, columns = len(grid), (len(grid[0]) if grid else 0)
    cells = {(*name, r, c): grid[r][c] for r in range(rows) for c in range(columns)}
    equations = []
    if row_totals:
        for r in range(rows):
            cells[(*name, r, "total")] = sum(grid[r])
            equations.append(([(*name, r, c) for c in range(columns)], (*name, r, "total")))
    if column_totals:
        for c in range(columns):
            cells[(*name, "total", c)] = sum(row[c] for row in grid)
            equations.append(([(*name, r, c) for r in range(rows)], (*name, "total", c)))
    if row_totals and column_totals:
        cells[(*name, "total", "total")] = sum(map(sum, grid))
        equations.append(([(*name, r, "total") for r in range(rows)], (*name, "total", "total")))
        equations.append(([(*name, "total", c) for c in range(columns)], (*name, "total", "total")))
    return cells, equations


def _shown_table(name: tuple, values, shown: dict, row_totals: bool, column_totals: bool) -> ShownTable:
    rows, columns = len(values), (len(values[0]) if values else 0)
    return ShownTable(
        cells=tuple(tuple(shown[(*name, r, c)] for c in range(columns)) for r in range(rows)),
        row_totals=tuple(shown[(*name, r, "total")] for r in range(rows)) if row_totals else None,
        column_totals=tuple(shown[(*name, "total", c)] for c in range(columns)) if column_totals else None,
        grand_total=shown[(*name, "total", "total")] if row_totals and column_totals else None,
    )


class Together:
    """Tables, lists and single figures of one report protected as one: a figure two of them share has one key, so
    what one hides the other cannot print, and the audit sees every equation at once. Build with `table`, `counts`,
    `figure` and `adds_up`, then `protect()` and read each back by its name.

    Keys: a table's cell is (name, row, column), its column total (name, "total", column); a list's cell is
    (name, i), its total (name, "total") unless it is another's (`total_is`); a single figure is (name,)."""

    def __init__(self, disclosure: Disclosure):
        self.disclosure = disclosure
        self.cells: dict = {}
        self.equations: list = []
        self.shown: dict | None = None
        self._shapes: dict = {}

    def _add(self, cells: dict) -> None:
        if self.shown is not None:
            raise ValueError("Add every table before protecting them.")
        if set(cells) & set(self.cells):
            raise ValueError("Two tables under one name.")
        self.cells.update(cells)

    def table(self, name: str, values: Sequence[Sequence[int]], *, row_totals: bool, column_totals: bool) -> None:
        grid = _checked(values)
        cells, equations = _table_cells((name,), grid, row_totals, column_totals)
        self._add(cells)
        self.equations += equations
        self._shapes[name] = ("table", grid, row_totals, column_totals)

    def counts(self, name: str, values: Sequence[int], *, total: bool = True, total_is: tuple | None = None) -> None:
        """A breakdown; its total is printed under it, or is the figure `total_is` printed elsewhere (it must be
        equal: a breakdown of all the notices adds up to the notices)."""
        grid = _checked([[value] for value in values])
        cells = {(name, i): row[0] for i, row in enumerate(grid)}
        self._add(cells)
        if total and total_is is None:
            total_is = (name, "total")
            self._add({total_is: sum(values)})
        if total:
            self.adds_up([(name, i) for i in range(len(grid))], total_is)
        self._shapes[name] = ("counts", len(grid), total_is if total else None)

    def figure(self, name: str, value: int) -> tuple:
        """A count printed on its own; its key, to name it as a breakdown's total."""
        self._add({(name,): _checked([[value]])[0][0]})
        self._shapes[name] = ("figure",)
        return (name,)

    def adds_up(self, parts: list, whole: tuple) -> None:
        """Printed figures that add up to another printed figure, whichever tables they are in."""
        if sum(self.cells[part] for part in parts) != self.cells[whole]:
            raise ValueError("The parts do not add up to the whole they name.")
        self.equations.append((list(parts), whole))

    def total_of(self, name: str, values: Sequence[int], whole: tuple) -> tuple | None:
        """`whole` when `values` add up to it (a breakdown of the same things), else None: then the breakdown
        prints a total of its own."""
        return whole if sum(values) == self.cells[whole] else None

    def protect(self) -> "Together":
        self.shown = self.disclosure._protect(self.cells, self.equations)
        return self

    def table_of(self, name: str) -> ShownTable:
        _kind, grid, row_totals, column_totals = self._shapes[name]
        return _shown_table((name,), grid, self.shown, row_totals, column_totals)

    def counts_of(self, name: str) -> ShownList:
        _kind, length, total = self._shapes[name]
        return ShownList(tuple(self.shown[(name, i)] for i in range(length)), self.shown[total] if total else None)

    def figure_of(self, name: str) -> Shown:
        return self.shown[(name,)]


def _checked(values: Sequence[Sequence[int]]) -> list[list[int]]:
    grid = [list(row) for row in values]
    width = len(grid[0]) if grid else 0
    if any(len(row) != width for row in grid) or any(value < 0 for row in grid for value in row):
        raise ValueError("A table needs rows of equal length and counts that are never negative.")
    return grid


def _suppress(cells: dict, equations: list[tuple[list, object]], is_small, limit: int) -> tuple[dict, set]:
    """Which cells to hide, and why; and which hidden cells are printed ".." as a total is (`as_totals`: the wholes,
    and any small part printed that way). `equations` are (parts, whole): the parts add up to the whole.

    Every small count is hidden (primary). Then each of them, a part or a total, is audited
    (`intervals`): while what is printed still pins it to fewer than two whole numbers, one more cell is hidden
    (secondary): the smallest non-zero part of an equation the count is in, else the whole, else the same one step
    further out. A zero is never hidden, so a reader knows that a hidden part is 1..limit when it is marked as small
    and above the limit when it is marked "..", and the audit gives the reader exactly that knowledge. Hiding more
    only widens every interval, so a count found protected stays protected.

    When no printed non-zero cell is left to hide and the count is still pinned, the marks themselves pin it: three
    months of 1 under a total that another table breaks down as one outcome marked "≤3" (the months say the total
    is at least 3, the outcome at most 3). Hiding a zero would not help (it only adds to a side that is already too
    large) and would break what the marks tell a reader. Instead a small part further out is printed ".." as a total
    is (`_next_to_print_as_total`), so a reader knows of it only that it is at least 1; the cells hidden in vain for
    this count are printed again, and the search starts over. Every step hides a cell or widens a mark, so it ends;
    with every non-zero cell hidden and no upper bound left, doubling every hidden value satisfies what is printed,
    so no count is pinned then.

    At the end, a cell hidden on the way that the printed figures pin all the same is printed again.
    """
    marks = {key: PRIMARY for key, value in cells.items() if is_small(value)}
    as_totals = {whole for _parts, whole in equations}
    if not equations or not marks or limit < 2:  # with a limit of 1 the mark itself says the count: nothing to audit
        return marks, as_totals
    sensitive = [key for key in cells if key in marks]
    for key in sensitive:
        hidden_for_it = []
        while not _protected(key, cells, equations, marks, limit, as_totals):
            extra = _next_to_hide(key, cells, equations, marks, as_totals)
            if extra is not None:
                marks[extra] = SECONDARY
                hidden_for_it.append(extra)
                continue
            widened = _next_to_print_as_total(key, cells, equations, marks, limit, as_totals)
            if widened is None:
                raise RuntimeError("Disclosure control could not protect a small count.")  # never, with limit >= 2
            as_totals.add(widened)
            for cell in hidden_for_it:
                del marks[cell]
            hidden_for_it = []
    # A cell hidden on the way that the printed figures still pin gives nothing away, and hiding it protects nothing:
    # it is printed after all.
    extras = [key for key, how in marks.items() if how == SECONDARY]
    for key, (low, high) in intervals(cells, equations, marks, limit, as_totals, keys=extras).items():
        if high - low < EPSILON:
            del marks[key]
    return marks, as_totals


def _protected(key, cells: dict, equations: list, marks: dict, limit: int, as_totals: set) -> bool:
    """Whether what is printed leaves the hidden `key` at least two whole numbers."""
    low, high = intervals(cells, equations, marks, limit, as_totals, keys=[key])[key]
    return math.floor(high + EPSILON) - math.ceil(low - EPSILON) >= 1


EPSILON = 1e-6


def bounds(key, marks: dict, limit: int, wholes: set) -> tuple[float, float | None]:
    """What a reader knows of a hidden cell from its mark: a hidden total (printed "..") is at least 1, since a total
    of 0 is never hidden, and so is a small part printed ".." as a total is (in `wholes` too); a part marked as small
    is 1..limit; a part hidden as a secondary ".." is above the limit."""
    if key in wholes:
        return 1, None
    return (1, limit) if marks[key] == PRIMARY else (limit + 1, None)


def intervals(cells: dict, equations: list, marks: dict, limit: int, wholes: set | None = None, *, keys=None) -> dict:
    """The audit: for each hidden cell in `keys` (default: every hidden cell), the least and the greatest value it can
    take given every printed cell, the equations and what the marks say (`bounds`): a linear programme, minimised and
    maximised with HiGHS (SciPy's `linprog`), as statistical offices' tools do. A printed cell's interval is its
    value."""
    wholes = {whole for _parts, whole in equations} if wholes is None else wholes
    hidden = [key for key in cells if key in marks]
    column = {key: i for i, key in enumerate(hidden)}
    rows, rhs = [], []
    for parts, whole in equations:
        members = [(part, 1) for part in parts] + [(whole, -1)]
        if not any(member in column for member, _sign in members):
            continue
        row = [0.0] * len(hidden)
        constant = 0
        for member, sign in members:
            if member in column:
                row[column[member]] += sign
            else:
                constant -= sign * cells[member]
        rows.append(row)
        rhs.append(constant)
    box = [bounds(key, marks, limit, wholes) for key in hidden]
    result = {}
    for key in hidden if keys is None else keys:
        if key not in column:
            result[key] = (cells[key], cells[key])
            continue
        objective = [0.0] * len(hidden)
        found = []
        for sign in (1, -1):
            objective[column[key]] = sign
            solved = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=box, method="highs")
            if solved.status == 3:  # unbounded above
                found.append(math.inf)
            elif solved.status != 0:
                raise RuntimeError(f"Disclosure audit failed: {solved.message}")
            else:
                found.append(sign * solved.fun)
        result[key] = (found[0], found[1])
    return result


def _next_to_hide(key, cells: dict, equations: list, marks: dict, wholes: set):
    """The cell to hide next to protect `key`: among the equations it is in, the smallest non-zero printed part,
    else the smallest printed whole; failing that, the same among the equations of the hidden cells beside it."""
    seen, frontier, used = {key}, [key], set()
    while frontier:
        layer = [i for i, (parts, whole) in enumerate(equations) if i not in used and ({*parts, whole} & set(frontier))]
        used.update(layer)
        members = {member for i in layer for member in (*equations[i][0], equations[i][1])}
        candidates = [member for member in members if member not in marks and cells[member] != 0]
        if candidates:
            return min(candidates, key=lambda member: (member in wholes, cells[member], str(member)))
        frontier = [member for member in members if member in marks and member not in seen]
        seen.update(frontier)
    return None


def _next_to_print_as_total(key, cells: dict, equations: list, marks: dict, limit: int, as_totals: set):
    """The small part to print ".." instead of "≤limit" when nothing printed is left to hide: among the hidden small
    parts linked to `key` through equations of hidden cells, nearest first and the largest first (its upper bound
    is the one that pins), the first whose wider mark alone unpins `key`; else the first of them, to widen together
    with the next. `key` itself comes last: printing the count itself as ".." says the least about it."""
    seen, frontier, used, order = {key}, [key], set(), []
    while frontier:
        layer = [i for i, (parts, whole) in enumerate(equations) if i not in used and ({*parts, whole} & set(frontier))]
        used.update(layer)
        members = {member for i in layer for member in (*equations[i][0], equations[i][1])}
        order += sorted(
            (m for m in members if marks.get(m) == PRIMARY and m not in as_totals and m not in seen),
            key=lambda member: (-cells[member], str(member)),
        )
        frontier = [member for member in members if member in marks and member not in seen]
        seen.update(frontier)
    if marks.get(key) == PRIMARY and key not in as_totals:
        order.append(key)
    for candidate in order:
        if _protected(key, cells, equations, marks, limit, as_totals | {candidate}):
            return candidate
    return order[0] if order else None


def format_number(value: float) -> str:
    """A number as the reports print it: Swedish thousands separator and decimal comma, one decimal at most."""
    return _format_decimal(value)


def _format_int(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")  # Swedish thousands separator: a (non-breaking) space


def _format_decimal(value: float) -> str:
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return _format_int(int(rounded))
    return str(rounded).replace(".", ",")
