"""Disclosure control: small counts hidden as "<3", and a second cell hidden wherever a total would give one back."""

import itertools

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


def test_counts_from_one_to_the_threshold_are_shown_as_less_than_the_threshold(settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 3
    disclosure = Disclosure()
    assert texts([disclosure.count(n) for n in (0, 1, 2, 3, 4, 1234)]) == ["0", "<3", "<3", "<3", "4", "1\u00a0234"]
    assert disclosure.used


def test_the_threshold_is_a_setting(settings):
    settings.REPORTS_DISCLOSURE_THRESHOLD = 5
    disclosure = Disclosure()
    assert texts([disclosure.count(n) for n in (5, 6)]) == ["<5", "6"]
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
    assert texts(protected.cells) == ["..", "<3", "0", "7"]
    assert [cell.suppressed for cell in protected.cells] == [SECONDARY, PRIMARY, "", ""]
    assert str(protected.total) == "14"


def test_a_hidden_zero_is_not_enough_so_the_total_goes_too():
    """Beside a hidden 1 and a hidden 0, the total would say the 1 exactly."""
    protected = Disclosure().counts([1, 0])
    assert texts(protected.cells) == ["<3", "0"]
    assert protected.total.hidden


def test_two_small_counts_protect_each_other():
    protected = Disclosure().counts([2, 1, 9])
    assert texts(protected.cells) == ["<3", "<3", "9"]
    assert str(protected.total) == "12"


def test_a_list_without_a_total_hides_only_the_small_counts():
    protected = Disclosure().counts([5, 2, 7], total=False)
    assert texts(protected.cells) == ["5", "<3", "7"] and protected.total is None


def test_a_table_with_row_and_column_totals_hides_a_rectangle():
    table = Disclosure().table([[5, 2], [6, 8]], row_totals=True, column_totals=True)
    assert [texts(row) for row in table.cells] == [["..", "<3"], ["..", ".."]]
    assert texts(table.row_totals) == ["7", "14"] and texts(table.column_totals) == ["11", "10"]
    assert str(table.grand_total) == "21"


def test_a_small_total_is_hidden_too():
    table = Disclosure().table([[1, 0], [0, 1]], row_totals=True, column_totals=True)
    assert texts(table.row_totals) == ["<3", "<3"]
    assert str(table.grand_total) == "<3"


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
    assert [texts(row) for row in first_rows] == [["..", "<3"], ["6", "0"]]
    assert texts(first_subtotal) == ["..", "<3"]
    assert [texts(row) for row in second_rows] == [["<3", ".."]] and texts(second_subtotal) == ["<3", ".."]
    assert texts(protected.totals) == ["11", "10"]


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
    assert str(norrkoping) == "<3" and str(protected.groups[0][0][1][0]) == "<3"
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
