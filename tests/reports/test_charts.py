"""Charts that tell the truth: a hidden figure is drawn as a placeholder with its mark (never as a missing bar), the
alt text names what is hidden in the words of the report's note, the legend sits below the plot, and a long period is
drawn by quarter or by year with its sums protected together with the month table."""

import base64
from datetime import date

from evictions.statistics import EvictionFigures, Month
from kompotten.statistics import months_of
from reports import charts, committee
from reports.disclosure import Disclosure

NOTE = Disclosure().note()


def months_of_the_year():
    return ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def notices_chart(received, closed):
    disclosure = Disclosure()
    return charts.grouped_bars(
        title="Underrättelser och avslutade ärenden per månad",
        categories=months_of_the_year(),
        series=[
            ("Underrättelser", [disclosure.count(n) for n in received]),
            ("Avslutade ärenden", [disclosure.count(n) for n in closed]),
        ],
        caption="Diagram 1.",
        note=NOTE,
    )


def svg(chart):
    return base64.b64decode(chart.data_url.split(",", 1)[1]).decode()


def test_a_hidden_figure_is_a_placeholder_bar_with_its_mark_and_a_true_zero_stays_zero():
    chart = notices_chart([9, 2, 0, 12, 7, 5, 8, 6, 4, 10, 11, 13], [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0])
    name, bars = chart.series[0]
    assert name == "Underrättelser"
    february, march = bars[1], bars[2]
    assert february.hidden and february.text == "≤3" and february.height > 0  # drawn, not left out
    assert not march.hidden and march.text == "0" and march.height == 0  # nobody: no bar
    assert [bar.hidden for bar in bars] == [False, True] + [False] * 10
    assert bars[3].height == 12 and bars[3].text == "12"
    # The placeholder's height is the same for every hidden figure and says nothing of the value.
    assert february.height == charts.PLACEHOLDER_SHARE * 13
    # Drawn hatched: the SVG carries a hatch pattern (a chart without hidden figures has none).
    assert "<pattern" in svg(chart)
    assert "<pattern" not in svg(notices_chart([9] * 12, [5] * 12))


def test_the_alt_text_names_every_hidden_figure_and_says_why_in_the_words_of_the_note():
    chart = notices_chart([9, 2, 0, 12, 7, 5, 8, 6, 4, 10, 11, 13], [5] * 11 + [1])
    assert "Underrättelser: jan: 9; feb: ≤3 (dold); mar: 0;" in chart.alt
    assert "Dolda uppgifter: Underrättelser feb (≤3), Avslutade ärenden dec (≤3)." in chart.alt
    assert chart.alt.endswith(NOTE)
    # Nothing hidden: no note.
    assert "Dolda" not in notices_chart([9] * 12, [5] * 12).alt and NOTE not in notices_chart([9] * 12, [5] * 12).alt


def test_a_withheld_median_is_a_placeholder_too_and_named_in_the_alt_text():
    disclosure = Disclosure()
    chart = charts.against_deadline(
        title="Handläggningstid mot frist (median, dagar)",
        rows=[("Nexus bedömning", disclosure.median_days(10, 2), 14), ("Beslut", disclosure.median_days(30, 9), 91)],
        caption="Diagram 2.",
        note=NOTE,
    )
    [(_name, bars)] = chart.series
    assert [(bar.hidden, bar.text) for bar in bars] == [(True, ".."), (False, "30")]
    assert "Nexus bedömning: median .. (dold) dagar" in chart.alt
    assert "Dolda uppgifter: Nexus bedömning (..)." in chart.alt and chart.alt.endswith(NOTE)


def test_the_legend_is_below_the_plot_clear_of_the_data_and_a_placeholder_carries_its_mark(monkeypatch):
    figures, figure_legend_texts, marks = [], [], []
    original = charts._to_chart

    def keeping(figure, pyplot, *args, **kwargs):
        figure.canvas.draw()
        [axes] = figure.axes
        [legend] = figure.legends
        figures.append((axes.get_window_extent(), legend.get_window_extent()))
        figure_legend_texts.extend(legend.get_texts())
        marks.extend(text.get_text() for text in axes.texts)
        return original(figure, pyplot, *args, **kwargs)

    monkeypatch.setattr(charts, "_to_chart", keeping)
    notices_chart([40, 2, 0, 12, 7, 5, 8, 6, 4, 10, 11, 45], [5] * 12)
    [(plot, legend)] = figures
    assert legend.y1 <= plot.y0  # wholly under the plot: December's bars are never covered
    assert marks == ["≤3"]  # the hidden February written on its placeholder
    # The placeholder has its own legend entry, once.
    assert [text.get_text() for text in figure_legend_texts] == ["Underrättelser", "Avslutade ärenden", "Dold uppgift"]


def eviction_figures(start, end, received):
    months = [Month(number=m, year=y) for y, m in months_of(start, end)]
    for month, count in zip(months, received, strict=True):
        month.received = count
    return EvictionFigures(start=start, end=end, months=months, totals=Month(number=0))


def test_two_years_are_drawn_by_month_with_the_year_where_it_changes():
    unit, periods = charts.periods(months_of(date(2024, 1, 1), date(2025, 12, 31)), committee.MONTH_NAMES)
    assert unit == "month" and len(periods) == 24
    assert [p.label for p in periods[:2]] == ["jan\n2024", "feb"] and periods[12].label == "jan\n2025"


def test_a_five_year_period_is_drawn_by_quarter_with_at_most_twenty_labels():
    start, end = date(2021, 1, 1), date(2025, 12, 31)
    received = [(i % 4) * 2 for i in range(60)]  # 0, 2, 4, 6, ...: many small counts
    section = committee.eviction_section(eviction_figures(start, end, received), Disclosure())
    assert section["chart_unit"] == "quarter"
    labels = [period.label for period, _cells in section["chart"]]
    assert len(labels) == 20
    assert labels[:2] == ["K1\n2021", "K2"] and labels[4] == "K1\n2022"
    # A quarter adds up its months (0 + 2 + 4 = 6, then 6 + 0 + 2 = 8): printed where that gives nothing away.
    chart = committee._notices_chart(section, NOTE)
    assert "per kvartal" in chart.alt
    assert "Underrättelser: kvartal 1 2021: 6; kvartal 2 2021: 8;" in chart.alt  # the year named in the alt text
    [(_name, bars)] = chart.series[:1]
    assert len(bars) == 20
    # The month table still prints every month; what it hides, no quarter gives back: a quarter whose printed months
    # would leave a single hidden month is hidden too (or more months are).
    table = [row.cells[0] for row in section["months"][:-1]]
    for (_label, cells), quarter in zip(section["chart"], range(20), strict=True):
        members = table[quarter * 3 : quarter * 3 + 3]
        hidden = [cell for cell in members if cell.hidden]
        assert not (len(hidden) == 1 and not cells[0].hidden), (quarter, members, cells[0])
        if not cells[0].hidden and not hidden:
            assert cells[0].value == sum(cell.value for cell in members)


def test_a_fifteen_year_period_is_drawn_by_year():
    start, end = date(2011, 1, 1), date(2025, 12, 31)
    section = committee.eviction_section(eviction_figures(start, end, [5] * 180), Disclosure())
    assert section["chart_unit"] == "year"
    assert [period.label for period, _cells in section["chart"]] == [str(year) for year in range(2011, 2026)]
    assert [cells[0].text for _period, cells in section["chart"]] == ["60"] * 15
    assert "per år" in committee._notices_chart(section, NOTE).caption


def test_a_period_that_starts_mid_quarter_names_its_first_year():
    unit, periods = charts.periods(months_of(date(2020, 2, 1), date(2025, 1, 31)), committee.MONTH_NAMES)
    assert unit == "quarter" and periods[0].label == "K1\n2020" and periods[0].months == (0, 1)
    assert len(periods) == 21
