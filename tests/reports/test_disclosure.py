"""Disclosure control: small counts hidden as "≤3", and more cells hidden until no printed figure pins one."""

import itertools
import math
import random
import re

import pytest

from reports.disclosure import PRIMARY, SECONDARY, Disclosure


def texts(cells):
    return [str(cell) for cell in cells]


def recoverable(values, hidden, equations):
    """Whether some hidden cell is the only hidden member of an equation (parts + whole all printed)."""
    for parts, whole in equations:
        members = [*parts, whole]
        if sum(member in hidden for member in members) == 1:
            return True
    return False


def test_counts_from_one_to_the_threshold_are_shown_as_at_most_the_threshold(settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 3
    disclosure = Disclosure()
    assert texts([disclosure.count(n) for n in (0, 1, 2, 3, 4, 1234)]) == ["0", "≤3", "≤3", "≤3", "4", "1\u00a0234"]
    assert disclosure.used


def test_the_threshold_is_a_setting(settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 5
    disclosure = Disclosure()
    assert texts([disclosure.count(n) for n in (5, 6)]) == ["≤5", "6"]
    assert "1 till 5" in disclosure.note()


def test_nothing_is_hidden_in_a_report_that_stays_in_the_unit():
    disclosure = Disclosure(leaves_unit=False)
    assert texts(disclosure.counts([5, 2, 0]).cells) == ["5", "2", "0"]
    assert not disclosure.used


def test_zero_is_printed_and_needs_no_note():
    disclosure = Disclosure()
    assert texts(disclosure.counts([0, 7, 9]).cells) == ["0", "7", "9"]
    assert not disclosure.used


def test_a_list_with_a_total_hides_the_smallest_other_count_beside_a_small_one():
    protected = Disclosure().counts([5, 2, 0, 7])
    assert texts(protected.cells) == ["..", "≤3", "0", "7"]
    assert [cell.suppressed for cell in protected.cells] == [SECONDARY, PRIMARY, "", ""]
    assert str(protected.total) == "14"


def test_a_hidden_zero_is_not_enough_so_the_total_goes_too():
    """Beside a hidden 1 and a hidden 0, the total would say the 1 exactly."""
    protected = Disclosure().counts([1, 0])
    assert texts(protected.cells) == ["≤3", "0"]
    assert protected.total.hidden


def test_two_small_counts_protect_each_other():
    protected = Disclosure().counts([2, 1, 9])
    assert texts(protected.cells) == ["≤3", "≤3", "9"]
    assert str(protected.total) == "12"


def test_a_list_without_a_total_hides_only_the_small_counts():
    protected = Disclosure().counts([5, 2, 7], total=False)
    assert texts(protected.cells) == ["5", "≤3", "7"] and protected.total is None


def test_a_table_with_row_and_column_totals_hides_a_rectangle():
    table = Disclosure().table([[5, 2], [6, 8]], row_totals=True, column_totals=True)
    assert [texts(row) for row in table.cells] == [["..", "≤3"], ["..", ".."]]
    assert texts(table.row_totals) == ["7", "14"] and texts(table.column_totals) == ["11", "10"]
    assert str(table.grand_total) == "21"


def test_a_small_total_is_hidden_too_as_dots():
    """A total marked "≤3" would tell a reader that its parts add up to at most 3."""
    table = Disclosure().table([[1, 0], [0, 1]], row_totals=True, column_totals=True)
    assert [texts(row) for row in table.cells] == [["≤3", "0"], ["0", "≤3"]]
    assert texts(table.row_totals) == ["..", ".."]
    assert str(table.grand_total) == ".."


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_count_can_be_worked_back_from_any_printed_total(seed):
    """Random tables: after protection, no equation of the table has exactly one hidden member."""
    import random  # noqa: PLC0415

    rng = random.Random(seed)
    rows, columns = rng.randint(1, 5), rng.randint(1, 5)
    grid = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 9, 17]) for _ in range(columns)] for _ in range(rows)]
    table = Disclosure().table(grid, row_totals=True, column_totals=True)
    hidden = {(r, c) for r, c in itertools.product(range(rows), range(columns)) if table.cells[r][c].hidden}
    hidden |= {(r, "t") for r in range(rows) if table.row_totals[r].hidden}
    hidden |= {("t", c) for c in range(columns) if table.column_totals[c].hidden}
    hidden |= {("t", "t")} if table.grand_total.hidden else set()
    equations = [([(r, c) for c in range(columns)], (r, "t")) for r in range(rows)]
    equations += [([(r, c) for r in range(rows)], ("t", c)) for c in range(columns)]
    equations += [([(r, "t") for r in range(rows)], ("t", "t")), ([("t", c) for c in range(columns)], ("t", "t"))]
    assert not recoverable(grid, hidden, equations)
    for r, c in itertools.product(range(rows), range(columns)):
        assert table.cells[r][c].hidden or not 1 <= grid[r][c] <= 3


def test_grouped_rows_protect_their_subtotals_and_the_total():
    protected = Disclosure().grouped_table([[[4, 1], [6, 0]], [[1, 9]]])
    (first_rows, first_subtotal), (second_rows, second_subtotal) = protected.groups
    assert [texts(row) for row in first_rows] == [["4", "≤3"], ["6", "0"]]
    assert texts(first_subtotal) == ["10", ".."]
    assert [texts(row) for row in second_rows] == [["≤3", "9"]] and texts(second_subtotal) == ["..", "9"]
    assert texts(protected.totals) == ["..", ".."]  # 11 - 10 and 10 - 9 would give the hidden 1s back


def test_a_median_of_few_cases_and_a_share_that_gives_a_small_count_back_are_withheld():
    disclosure = Disclosure()
    assert str(disclosure.median_days(4.5, 9)) == "4,5"
    assert str(disclosure.median_days(30.0, 9)) == "30"
    assert str(disclosure.median_days(12, 2)) == ".."
    assert str(disclosure.median_days(None, 0)) == "–"
    assert str(disclosure.share(30, 40)) == "75 %"
    assert str(disclosure.share(10, 12)) == ".."  # two late cases
    assert str(disclosure.share(2, 40)) == ".."
    assert str(disclosure.share(0, 0)) == "–"


def test_negative_counts_and_ragged_tables_are_refused():
    with pytest.raises(ValueError):
        Disclosure().count(-1)
    with pytest.raises(ValueError):
        Disclosure().table([[1, 2], [3]], row_totals=True, column_totals=False)


def _partner_tables(networks: list[list[tuple[str, int]]]):
    """A one-column partner table (households housed per partner within each network) and the reciprocity table
    that prints each partner's figure again, summed over its networks; protected together."""
    where: dict[str, list] = {}
    for g, partners in enumerate(networks):
        for r, (name, _count) in enumerate(partners):
            where.setdefault(name, []).append((g, r, 0))
    names = sorted(where)
    protected = Disclosure().grouped_table(
        [[[count] for _name, count in partners] for partners in networks],
        sums=[[where[name]] for name in names],
        sums_total=(0,),
    )
    return protected, names, where


def _all_equations(networks, names, where):
    equations = [([(g, r) for r in range(len(partners))], (g, "sub")) for g, partners in enumerate(networks)]
    equations.append(([(g, "sub") for g in range(len(networks))], "total"))
    equations += [([(g, r) for g, r, _c in where[name]], name) for name in names]
    equations.append((list(names), "total"))
    return equations


def _hidden(protected, names):
    hidden = set()
    for g, (rows, subtotal) in enumerate(protected.groups):
        hidden |= {(g, r) for r, row in enumerate(rows) if row[0].hidden}
        hidden |= {(g, "sub")} if subtotal[0].hidden else set()
    hidden |= {"total"} if protected.totals[0].hidden else set()
    hidden |= {name for name, row in zip(names, protected.sums, strict=True) if row[0].hidden}
    return hidden


def test_a_partner_in_two_networks_cannot_be_worked_back_from_the_reciprocity_table():
    """Protected one table at a time, Västerås's 9 in the reciprocity table minus its visible 4 in Länskompotten
    gives back the 5 hidden in Kompotten, and then Norrköping's 2 from Kompotten's subtotal."""
    networks = [[("Västerås", 5), ("Norrköping", 2)], [("Västerås", 4), ("Enköping", 6)]]
    protected, names, where = _partner_tables(networks)
    assert names == ["Enköping", "Norrköping", "Västerås"]
    assert not recoverable(None, _hidden(protected, names), _all_equations(networks, names, where))
    norrkoping = protected.sums[names.index("Norrköping")][0]
    assert str(norrkoping) == ".." and str(protected.groups[0][0][1][0]) == "≤3"
    vasteras = [protected.groups[0][0][0][0], protected.groups[1][0][0][0], protected.sums[names.index("Västerås")][0]]
    assert sum(cell.hidden for cell in vasteras) != 1  # its 5 hidden in Kompotten: 4 or 9 goes too
    assert vasteras[0].hidden


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_count_can_be_worked_back_across_the_partner_and_reciprocity_tables(seed):
    import random  # noqa: PLC0415

    rng = random.Random(seed)
    towns = ["A", "B", "C", "D", "E"]
    networks = [
        [(name, rng.choice([0, 1, 2, 3, 4, 5, 9, 17])) for name in rng.sample(towns, rng.randint(1, 4))]
        for _ in range(rng.randint(1, 3))
    ]
    protected, names, where = _partner_tables(networks)
    assert not recoverable(None, _hidden(protected, names), _all_equations(networks, names, where))
    for name, row in zip(names, protected.sums, strict=True):
        value = sum(networks[g][r][1] for g, r, _c in where[name])
        assert row[0].hidden or str(row[0]) == str(value)
        assert row[0].hidden or not 1 <= value <= 3


def test_the_second_table_must_add_up_to_the_total_it_names():
    with pytest.raises(ValueError):
        Disclosure().grouped_table([[[4], [5]]], sums=[[[(0, 0, 0)]]], sums_total=(0,))


# --- the audit: what a reader can work out, by linear programming -------------------------------------------------
LIMIT = 3


def reader_intervals(equations, printed, *, dots_at_least=LIMIT + 1):
    """What a reader can work out of each hidden cell from the printed texts alone: a part printed "≤3" is 1..3, a
    part printed ".." is above 3 (zeros are printed), a total printed ".." is at least 1; the published totals'
    equations hold. Min and max of each hidden cell by linear programming, written here independently of the module.
    `dots_at_least=1`: a reader who knows only that zeros are printed (a small part may be printed ".." too)."""
    from scipy.optimize import linprog  # noqa: PLC0415 - only these tests need it

    wholes = {whole for _parts, whole in equations}
    hidden = [key for key, text in printed.items() if text in ("..", f"\u2264{LIMIT}")]
    index = {key: i for i, key in enumerate(hidden)}

    def known(key):
        return int(printed[key].replace("\u00a0", ""))

    rows, rhs = [], []
    for parts, whole in equations:
        row, constant = [0] * len(hidden), 0
        for member, sign in [*((part, 1) for part in parts), (whole, -1)]:
            if member in index:
                row[index[member]] += sign
            else:
                constant -= sign * known(member)
        if any(row):
            rows.append(row)
            rhs.append(constant)
        else:
            assert constant == 0
    box = [
        (1, None) if key in wholes else (1, LIMIT) if printed[key] == f"\u2264{LIMIT}" else (dots_at_least, None)
        for key in hidden
    ]
    result = {}
    for key in hidden:
        ends = []
        for sign in (1, -1):
            objective = [0] * len(hidden)
            objective[index[key]] = sign
            solved = linprog(objective, A_eq=rows or None, b_eq=rhs or None, bounds=box, method="highs")
            ends.append(math.inf if solved.status == 3 else sign * solved.fun)
        result[key] = (ends[0], ends[1])
    return result


def whole_numbers_in(interval):
    low, high = interval
    return math.inf if high == math.inf else math.floor(high + 1e-6) - math.ceil(low - 1e-6) + 1


def assert_protected(values, printed, equations, *, dots_at_least=LIMIT + 1):
    """Every small count is hidden, every printed figure is true, and no hidden small count is pinned: what a reader
    can work out leaves it at least two whole numbers (and the true value among them)."""
    intervals = reader_intervals(equations, printed, dots_at_least=dots_at_least)
    for key, value in values.items():
        if 1 <= value <= LIMIT:
            assert key in intervals, (key, value)
        if key in intervals:
            low, high = intervals[key]
            assert low - 1e-6 <= value <= high + 1e-6, (key, value, intervals[key])  # the reader's model is true
            if 1 <= value <= LIMIT:
                assert whole_numbers_in(intervals[key]) >= 2, (key, value, intervals[key])
        else:
            assert printed[key] == str(value)


def test_two_small_partners_under_a_subtotal_of_six_are_found_and_protected():
    """Enköping "≤3" + Östhammar "≤3" under a subtotal of 6: hiding the two alone leaves both at exactly 3."""
    networks = [[[3], [3]], [[5], [8]]]  # Länskompotten: Enköping, Östhammar; Kompotten: two larger partners
    values = {(g, r): networks[g][r][0] for g in range(2) for r in range(2)}
    values |= {(g, "sub"): sum(row[0] for row in networks[g]) for g in range(2)} | {"total": 19}
    equations = [([(g, 0), (g, 1)], (g, "sub")) for g in range(2)] + [([(0, "sub"), (1, "sub")], "total")]
    naive = {key: "≤3" if 1 <= value <= 3 else str(value) for key, value in values.items()}
    assert reader_intervals(equations, naive) == {(0, 0): (3, 3), (0, 1): (3, 3)}  # the attack works on the old rule

    protected = Disclosure().grouped_table(networks)
    printed = {(g, r): str(protected.groups[g][0][r][0]) for g in range(2) for r in range(2)}
    printed |= {(g, "sub"): str(protected.groups[g][1][0]) for g in range(2)} | {"total": str(protected.totals[0])}
    assert printed[(0, 0)] == printed[(0, 1)] == "≤3" and printed[(0, "sub")] == ".."
    assert_protected(values, printed, equations)


def test_seven_small_outcomes_under_a_total_of_seven_are_found_and_protected():
    naive = dict.fromkeys(range(7), "≤3") | {"total": "7"}
    equations = [(list(range(7)), "total")]
    assert set(reader_intervals(equations, naive).values()) == {(1, 1)}  # each is 1

    protected = Disclosure().counts([1] * 7)
    printed = {i: str(cell) for i, cell in enumerate(protected.cells)} | {"total": str(protected.total)}
    assert printed["total"] == ".."
    assert_protected(dict.fromkeys(range(7), 1) | {"total": 7}, printed, equations)


def test_two_small_counts_whose_total_says_they_are_three_keep_a_range():
    """1 + 2 under a total of 12 with the 9 printed: the two add up to 3, so each is 1 or 2 — still two values."""
    protected = Disclosure().counts([2, 1, 9])
    printed = {0: str(protected.cells[0]), 1: str(protected.cells[1]), 2: str(protected.cells[2])}
    printed["total"] = str(protected.total)
    assert_protected({0: 2, 1: 1, 2: 9, "total": 12}, printed, [([0, 1, 2], "total")])


def _random_counts(rng, n):
    return [rng.choice([0, 0, 1, 1, 2, 3, 3, 4, 5, 6, 9, 17, 40]) for _ in range(n)]


@pytest.mark.parametrize("seed", range(100))
def test_no_hidden_small_count_is_pinned_in_random_tables_with_shared_marginals(seed):
    """A table with row and column totals, and grouped rows printed again as a second table summed across the groups
    (the partner and reciprocity tables): after protection, a reader working with every printed figure of both
    tables by linear programming cannot narrow a hidden small count to fewer than two values."""
    rng = random.Random(seed)
    rows, columns = rng.randint(1, 6), rng.randint(1, 5)
    grid = [_random_counts(rng, columns) for _ in range(rows)]
    table = Disclosure().table(grid, row_totals=True, column_totals=True)
    values = {(r, c): grid[r][c] for r in range(rows) for c in range(columns)}
    values |= {(r, "t"): sum(grid[r]) for r in range(rows)}
    values |= {("t", c): sum(row[c] for row in grid) for c in range(columns)}
    values[("t", "t")] = sum(map(sum, grid))
    printed = {(r, c): str(table.cells[r][c]) for r in range(rows) for c in range(columns)}
    printed |= {(r, "t"): str(table.row_totals[r]) for r in range(rows)}
    printed |= {("t", c): str(table.column_totals[c]) for c in range(columns)}
    printed[("t", "t")] = str(table.grand_total)
    equations = [([(r, c) for c in range(columns)], (r, "t")) for r in range(rows)]
    equations += [([(r, c) for r in range(rows)], ("t", c)) for c in range(columns)]
    equations += [([(r, "t") for r in range(rows)], ("t", "t")), ([("t", c) for c in range(columns)], ("t", "t"))]
    assert_protected(values, printed, equations)

    towns = ["A", "B", "C", "D", "E", "F"]
    networks = [
        [(name, *_random_counts(rng, 2)) for name in rng.sample(towns, rng.randint(1, 5))]
        for _ in range(rng.randint(1, 3))
    ]
    where: dict[str, list] = {}
    for g, partners in enumerate(networks):
        for r, (name, *_counts) in enumerate(partners):
            where.setdefault(name, []).append((g, r))
    names = sorted(where)
    protected = Disclosure().grouped_table(
        [[counts for _name, *counts in partners] for partners in networks],
        sums=[[[(g, r, c) for g, r in where[name]] for c in range(2)] for name in names],
        sums_total=(0, 1),
    )
    values, printed, equations = {}, {}, []
    for c in range(2):
        for g, ((cells, subtotal), partners) in enumerate(zip(protected.groups, networks, strict=True)):
            for r, partner in enumerate(partners):
                values[(g, r, c)], printed[(g, r, c)] = partner[1 + c], str(cells[r][c])
            values[(g, "sub", c)] = sum(partner[1 + c] for partner in partners)
            printed[(g, "sub", c)] = str(subtotal[c])
            equations.append(([(g, r, c) for r in range(len(partners))], (g, "sub", c)))
        values[("total", c)] = sum(values[(g, "sub", c)] for g in range(len(networks)))
        printed[("total", c)] = str(protected.totals[c])
        equations.append(([(g, "sub", c) for g in range(len(networks))], ("total", c)))
        for s, name in enumerate(names):
            values[(name, c)] = sum(values[(g, r, c)] for g, r in where[name])
            printed[(name, c)] = str(protected.sums[s][c])
            equations.append(([(g, r, c) for g, r in where[name]], (name, c)))
        equations.append(([(name, c) for name in names], ("total", c)))
    assert_protected(values, printed, equations)


@pytest.mark.parametrize("limit", [2, 3, 5])
def test_the_printed_rule_says_exactly_what_is_hidden(settings, limit):
    """The note states the range and the mark; every count in that range, and no other, is printed as that mark."""
    settings.REPORTS_DISCLOSURE_THRESHOLD = limit
    disclosure = Disclosure()
    low, high, mark = re.search(r"Antal från (\d+) till (\d+) visas som ”([^”]+)”", disclosure.note()).groups()
    assert mark == disclosure.small_mark == f"\u2264{high}" and (int(low), int(high)) == (1, limit)
    for n in range(0, 12):
        assert (str(disclosure.count(n)) == mark) == (int(low) <= n <= int(high))


# --- tables that share figures ------------------------------------------------------------------------------------
def test_a_breakdown_whose_total_is_printed_in_another_table_is_protected_with_it():
    """Seven outcomes of 1 each: the breakdown alone would hide its total, but the month table prints the same 7 as
    its column total of closures. Protected together, the shared total is hidden in both, and nothing is pinned."""
    closed = [1, 0, 2, 0, 0, 1, 0, 3, 0, 0, 0, 0]  # closures per month: 7
    together = Disclosure().together()
    together.table("months", [[n] for n in closed], row_totals=False, column_totals=True)
    total = ("months", "total", 0)
    together.counts("outcomes", [1] * 7, total_is=together.total_of("outcomes", [1] * 7, total))
    together.protect()
    months, outcomes = together.table_of("months"), together.counts_of("outcomes")
    assert outcomes.total is months.column_totals[0] and str(outcomes.total) == ".."
    values = {("m", i): n for i, n in enumerate(closed)} | {("o", i): 1 for i in range(7)} | {"closed": 7}
    printed = {("m", i): str(cell[0]) for i, cell in enumerate(months.cells)}
    printed |= {("o", i): str(cell) for i, cell in enumerate(outcomes.cells)} | {"closed": str(outcomes.total)}
    equations = [([("m", i) for i in range(12)], "closed"), ([("o", i) for i in range(7)], "closed")]
    assert_protected(values, printed, equations)


def test_three_evictions_in_three_months_of_one_outcome_are_protected_without_a_zero_hidden():
    """The demo's year: evictions executed 1, 1, 1 in three months and 0 in the others (column total 3), the
    outcome "Avhystes" 3 among 62 + 17 other closures, attendance 2 + 1 + 0 adding up to the executed evictions.
    The three months say the total is at least 3 and the outcome printed "≤3" says it is at most 3: every month is
    pinned to 1, and no printed non-zero cell is left whose hiding could help (a zero is never hidden). The outcome
    is then printed ".." like the total it equals, so a reader knows only that it is at least 1."""
    executed = [0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0]
    closed = [3, 4, 5, 5, 4, 10, 11, 6, 7, 10, 10, 7]  # 82
    together = Disclosure().together()
    together.table(
        "months", [[c, e] for c, e in zip(closed, executed, strict=True)], row_totals=False, column_totals=True
    )
    closed_total, executed_total = ("months", "total", 0), ("months", "total", 1)
    together.counts("by_outcome", [62, 17, 3, 0], total_is=closed_total)
    together.adds_up([("by_outcome", 2)], executed_total)
    together.counts("attendance", [2, 1, 0], total_is=executed_total)
    together.protect()  # raised "Disclosure control could not protect a small count"

    months, outcomes, attendance = (
        together.table_of("months"),
        together.counts_of("by_outcome"),
        together.counts_of("attendance"),
    )
    values = {("m", i, j): row[j] for i, row in enumerate(zip(closed, executed, strict=True)) for j in range(2)}
    values |= {("o", i): n for i, n in enumerate([62, 17, 3, 0])} | {("a", i): n for i, n in enumerate([2, 1, 0])}
    values |= {"closed": 82, "executed": 3}
    printed = {("m", i, j): str(months.cells[i][j]) for i in range(12) for j in range(2)}
    printed |= {("o", i): str(cell) for i, cell in enumerate(outcomes.cells)}
    printed |= {("a", i): str(cell) for i, cell in enumerate(attendance.cells)}
    printed |= {"closed": str(months.column_totals[0]), "executed": str(months.column_totals[1])}
    equations = [
        ([("m", i, 0) for i in range(12)], "closed"),
        ([("m", i, 1) for i in range(12)], "executed"),
        ([("o", i) for i in range(4)], "closed"),
        ([("o", 2)], "executed"),
        ([("a", i) for i in range(3)], "executed"),
    ]
    assert [printed[("m", i, 1)] for i in range(12)] == ["≤3" if n else "0" for n in executed]  # zeros stay printed
    assert printed["executed"] == printed[("o", 2)] == ".." and printed[("o", 3)] == "0"
    assert outcomes.cells[2].suppressed == PRIMARY
    # The closures keep what protects their own small count and the outcome's (62 + 17 + ".." = 82 would give the
    # 3 back); nothing else is hidden in vain on the way.
    assert [printed[("m", i, 0)] for i in range(12)] == ["≤3", ".."] + [str(n) for n in closed[2:]]
    assert (printed["closed"], printed[("o", 0)], printed[("o", 1)]) == ("82", "62", "..")
    assert_protected(values, printed, equations, dots_at_least=1)


@pytest.mark.parametrize("seed", range(40))
def test_no_small_count_is_pinned_in_random_month_tables_linked_to_their_breakdowns(seed):
    """The eviction section's shape with random small counts: a month table of closures and executed evictions,
    the closures broken down by outcome (one of which is the executed evictions, printed on its own in another
    line of the report) and the executed evictions by attendance. Protection always succeeds (two of these seeds raised
    before a small part could be printed ".." as a total is), zeros are printed, and a reader who knows only that
    hidden parts are at least 1 cannot pin a small count."""
    rng = random.Random(seed)
    months = rng.randint(1, 12)
    executed = [rng.choice([0, 0, 1, 1, 1, 2]) for _ in range(months)]
    closed = [e + rng.choice([0, 1, 2, 3, 5, 9]) for e in executed]
    others = sum(closed) - sum(executed)
    stayed = rng.randint(0, others)
    outcomes = [stayed, others - stayed, sum(executed), 0]
    attended = rng.randint(0, sum(executed))
    attendance = [attended, sum(executed) - attended, 0]

    together = Disclosure().together()
    together.table(
        "months", [list(pair) for pair in zip(closed, executed, strict=True)], row_totals=False, column_totals=True
    )
    closed_total, executed_total = ("months", "total", 0), ("months", "total", 1)
    together.counts("by_outcome", outcomes, total_is=closed_total)
    together.adds_up([("by_outcome", 2)], executed_total)
    together.counts("attendance", attendance, total_is=executed_total)
    together.protect()

    table, by_outcome, by_attendance = (
        together.table_of("months"),
        together.counts_of("by_outcome"),
        together.counts_of("attendance"),
    )
    values = {("m", i, j): row[j] for i, row in enumerate(zip(closed, executed, strict=True)) for j in range(2)}
    values |= {("o", i): n for i, n in enumerate(outcomes)} | {("a", i): n for i, n in enumerate(attendance)}
    values |= {"closed": sum(closed), "executed": sum(executed)}
    printed = {("m", i, j): str(table.cells[i][j]) for i in range(months) for j in range(2)}
    printed |= {("o", i): str(cell) for i, cell in enumerate(by_outcome.cells)}
    printed |= {("a", i): str(cell) for i, cell in enumerate(by_attendance.cells)}
    printed |= {"closed": str(table.column_totals[0]), "executed": str(table.column_totals[1])}
    equations = [
        ([("m", i, 0) for i in range(months)], "closed"),
        ([("m", i, 1) for i in range(months)], "executed"),
        ([("o", i) for i in range(4)], "closed"),
        ([("o", 2)], "executed"),
        ([("a", i) for i in range(3)], "executed"),
    ]
    assert all(printed[key] == "0" for key, value in values.items() if value == 0)
    assert_protected(values, printed, equations, dots_at_least=1)


def test_a_breakdown_that_does_not_add_up_to_the_other_figure_keeps_a_total_of_its_own():
    together = Disclosure().together()
    received = together.figure("received", 9)
    assert together.total_of("landlords", [4, 4], received) is None
    together.counts("landlords", [4, 4], total_is=None)
    together.protect()
    assert str(together.counts_of("landlords").total) == "8" and str(together.figure_of("received")) == "9"


def test_the_annual_reports_outcomes_cannot_be_worked_back_from_the_month_table():
    """The committee report's eviction section: four closures in February, one of each outcome. Alone, the outcomes
    would hide their total 4 (four "≤3" under 4 are 1 each); but the month table prints February's 4 and its column
    total 4, and the evictions executed are the "Avhystes" count. Protected together, all of them are hidden."""
    from evictions.statistics import EvictionFigures, Month  # noqa: PLC0415 - only this test builds figures by hand
    from kompotten.statistics import Tally  # noqa: PLC0415
    from reports.committee import eviction_section  # noqa: PLC0415

    months = [Month(number=m, year=2025) for m in range(1, 13)]
    months[1].closed, months[1].executed = 4, 1
    outcomes = [Tally(value, value, 1) for value in ("stayed", "moved", "evicted", "other")]
    data = EvictionFigures(
        start=None, end=None, months=months, totals=Month(number=0, closed=4, executed=1), by_outcome=outcomes
    )
    section = eviction_section(data, Disclosure())
    closed = section["months"][1].cells[2]
    closed_total, outcome_total = section["totals"]["closed"], section["by_outcome"][-1].cells[0]
    assert closed_total is outcome_total
    assert str(closed) == str(closed_total) == ".."
    assert texts(row.cells[0] for row in section["by_outcome"][:-1]) == ["≤3"] * 4
    assert section["totals"]["executed"].hidden and section["months"][1].cells[3].hidden


def test_the_monthly_statistics_do_not_print_the_notices_that_their_breakdown_hides():
    """Four notices from four senders: "Underrättelser 4" above the breakdown would pin each sender's "≤3" to 1, so
    the figure is hidden with the breakdown's total, and the share of families beside it is withheld."""
    from evictions.statistics import EvictionFigures, Month  # noqa: PLC0415 - only this test builds figures by hand
    from kompotten.statistics import Tally  # noqa: PLC0415
    from reports.monthly import sections  # noqa: PLC0415

    senders = [Tally(value, value, 1) for value in ("landlord", "lawyer", "kronofogden", "care")]
    data = EvictionFigures(
        start=None, end=None, months=[], totals=Month(number=0, received=4, with_children=0), by_sender=senders
    )
    notices, by_sender = sections(data, Disclosure())[:2]
    assert [(line.label, str(line.shown)) for line in notices.lines] == [
        ("Underrättelser", ".."),
        ("varav hushåll med barn", "0"),
        ("Andel med barn", ".."),
        ("Vidarebefordrade till annan enhet eller kommun", "0"),
    ]
    assert texts(line.shown for line in by_sender.lines) == ["≤3", "≤3", "≤3", "≤3", ".."]


def test_the_decisions_and_their_processing_time_hide_the_same_total():
    """One approval and one refusal: the decisions' total and the processing time's "finished" are the same 2, one
    figure hidden in both tables; the share beside hidden counts is withheld."""
    from types import SimpleNamespace  # noqa: PLC0415 - only this test builds figures by hand

    from housing.statistics import OutcomeRow  # noqa: PLC0415
    from kompotten.statistics import ProcessingTime, Tally  # noqa: PLC0415
    from reports.committee import housing_section  # noqa: PLC0415

    zero = SimpleNamespace(requested=0, granted=0, refused=0, moved=0, new_lease_in_victims_name=0)
    data = SimpleNamespace(
        referrals=[Tally("nexus", "Nexus", 0)],
        decisions=[Tally("approved", "Bifall", 1), Tally("refused", "Avslag", 1)],
        decision_time=ProcessingTime(count=2, median_days=30, within_deadline=1),
        contracts_started=0,
        contracts_passed_to_tenant=0,
        contracts_ended=0,
        placements_ended=[OutcomeRow("housed", "Fick bostad", 0, 0, 0)],
        kundvard=zero,
        nexus_flats=SimpleNamespace(moved_in=0, moved_out=0, handed_over_to_chain=0),
        quotas=[],
    )
    section = housing_section(data, Disclosure())
    [time] = section["times"]
    assert time.finished is section["decisions"][-1].cells[0] and str(time.finished) == ".."
    assert texts([time.within, time.late, time.median, time.share]) == ["≤3", "≤3", "..", ".."]


@pytest.mark.parametrize(("letters", "printed"), [(5, "5"), (2, None)])
def test_the_committee_reports_letters_and_the_ladder_s_letter_step_are_the_same_figure(letters, printed):
    """One definition of a letter: the month table's "Brev" and the ladder's "Brev" count the same letters, so they
    print the same figure, or are hidden together (a total as "..", a part as "≤3")."""
    from evictions.statistics import EvictionFigures, Month  # noqa: PLC0415 - only this test builds figures by hand
    from kompotten.statistics import Tally  # noqa: PLC0415
    from reports.committee import eviction_section  # noqa: PLC0415

    months = [Month(number=m, year=2025) for m in range(1, 13)]
    months[1].letters, months[1].ladder_steps = letters, letters + 4
    data = EvictionFigures(
        start=None,
        end=None,
        months=months,
        totals=Month(number=0, letters=letters, ladder_steps=letters + 4),
        letters=[Tally("visit", "Besöksbrev", letters), Tally("contact", "Kontaktbrev", 0)],
        ladder_steps=[Tally("letter", "Brev", letters), Tally("call", "Telefonsamtal", 4)],
    )
    section = eviction_section(data, Disclosure())
    ladder_letters = section["ladder_steps"][0].cells[0]
    same = [section["totals"]["letters"], section["letters"][-1].cells[0], ladder_letters]
    if printed:
        assert texts(same) == [printed] * 3
    else:
        assert all(shown.hidden for shown in same)
