"""Charts for the report PDFs, drawn by matplotlib as SVG (vector graphics: sharp in print and at any zoom).

Why matplotlib rather than pygal: its SVG is plain paths that WeasyPrint renders exactly, with no script or CSS that
the PDF renderer would have to interpret; it is the most widely maintained plotting library in Python; and with
`svg.fonttype = "path"` the chart's text is drawn, not typed, so the PDF's text layer carries the figures once, in the
tables and the text alternative. Each chart is a `Chart`: the SVG as a data URL for an <img>, its text alternative
(every value the chart shows) for the PDF/UA tag, and the bars it drew (`series`).

Charts show only what the tables may print, and show suppression as suppression: a hidden figure is drawn as a
hatched, outlined placeholder bar of a fixed small height with its mark ("≤3" or "..") on it, never as a missing bar
(which would read as 0); a true zero stays zero. The text alternative names every hidden figure and ends with the
disclosure note (`Disclosure.note`), word for word as under the report's tables. Legends sit below the plot, clear of
the data. A long period is drawn by quarter or by year (`periods`); the committee report protects those sums together
with its month table, so the chart prints nothing the tables may not.
"""

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports.disclosure import Shown

COLOURS = ("#1d70b8", "#f47738", "#00703c", "#4c2c92")
HIDDEN_COLOUR = "#505a5f"
PLACEHOLDER_SHARE = 0.06  # a hidden figure's placeholder bar: this share of the axis, whatever the figure is
MAX_BARS = 24  # per series: months up to this many, else quarters, else years


@dataclass(frozen=True)
class Bar:
    """One bar as drawn: its category, its height on the axis (a placeholder's for a hidden figure), and its text."""

    label: str
    height: float
    text: str
    hidden: bool


@dataclass(frozen=True)
class Chart:
    data_url: str
    alt: str
    caption: str
    series: tuple[tuple[str, tuple[Bar, ...]], ...] = ()


@dataclass(frozen=True)
class Period:
    """One bar's stretch of a long period: its label and the indexes of the months it adds up."""

    label: str  # under the bar: the year only where it changes
    months: tuple[int, ...]
    name: str = ""  # in the text alternative: whole ("kvartal 4 2021")


def periods(months: Sequence[tuple[int, int]], month_names: Sequence[str]) -> tuple[str, list[Period]]:
    """How a chart draws the (year, month) pairs of a period: by month up to `MAX_BARS` months, else by quarter up to
    `MAX_BARS` quarters, else by year. Returns the unit ("month", "quarter" or "year") and the bars' periods, in order.
    A label names the year only where it changes, so a reader sees the years without reading them on every bar."""
    many_years = len({year for year, _month in months}) > 1
    if len(months) <= MAX_BARS:

        def month_label(i: int, year: int, month: int) -> str:
            name = month_names[month - 1]
            return f"{name}\n{year}" if many_years and (i == 0 or month == 1) else name

        return "month", [
            Period(month_label(i, year, month), (i,), f"{month_names[month - 1]} {year}" if many_years else "")
            for i, (year, month) in enumerate(months)
        ]
    quarters: dict[tuple[int, int], list[int]] = {}
    for i, (year, month) in enumerate(months):
        quarters.setdefault((year, (month - 1) // 3 + 1), []).append(i)
    if len(quarters) <= MAX_BARS:
        return "quarter", [
            Period(
                _("K%(quarter)d") % {"quarter": quarter} + (f"\n{year}" if i == 0 or quarter == 1 else ""),
                tuple(members),
                _("kvartal %(quarter)d %(year)d") % {"quarter": quarter, "year": year},
            )
            for i, ((year, quarter), members) in enumerate(quarters.items())
        ]
    years: dict[int, list[int]] = {}
    for i, (year, _month) in enumerate(months):
        years.setdefault(year, []).append(i)
    return "year", [Period(str(year), tuple(members), str(year)) for year, members in years.items()]


def _pyplot():
    import matplotlib  # noqa: PLC0415 - heavy; loaded by the report task only

    matplotlib.use("svg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "path",
            "svg.hashsalt": "kompotten",  # the same chart gives the same SVG (no random ids)
            "font.family": "DejaVu Sans",
            "font.size": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "hatch.color": HIDDEN_COLOUR,
        }
    )
    from matplotlib import pyplot  # noqa: PLC0415 - heavy, and only after the backend is chosen above

    return pyplot


def _to_chart(figure, pyplot, alt: str, caption: str, series=()) -> Chart:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    pyplot.close(figure)
    encoded = base64.b64encode(buffer.getvalue().encode()).decode()
    return Chart(f"data:image/svg+xml;base64,{encoded}", alt, caption, tuple(series))


def bars_of(labels: Sequence[str], values: Sequence[Shown], top: float) -> tuple[Bar, ...]:
    """The bars of one series on an axis reaching `top`: a printed figure at its value, a hidden one as a placeholder
    of `PLACEHOLDER_SHARE` of the axis, carrying its mark."""
    return tuple(
        Bar(label, top * PLACEHOLDER_SHARE if value.hidden else float(value.value or 0), value.text, value.hidden)
        for label, value in zip(labels, values, strict=True)
    )


def _top(*series: Sequence[Shown], also: Sequence[float] = ()) -> float:
    """The axis' reach: the largest printed figure (at least 1, so placeholders show on an axis of zeros)."""
    printed = [float(v.value) for values in series for v in values if not v.hidden and v.value is not None]
    return max([*printed, *also, 1.0])


def _draw(
    axes, positions, bars: Sequence[Bar], *, colour: str, width: float, horizontal: bool, label=None, hidden_label=None
):
    """Printed figures as solid bars; hidden ones as hatched, dashed-outline placeholders with their mark."""
    draw = axes.barh if horizontal else axes.bar
    size = {"height": width} if horizontal else {"width": width}
    draw(positions, [0 if b.hidden else b.height for b in bars], color=colour, label=label, **size)
    hidden = [(p, b) for p, b in zip(positions, bars, strict=True) if b.hidden]
    if not hidden:
        return False
    draw(
        [p for p, _b in hidden],
        [b.height for _p, b in hidden],
        fill=False,
        hatch="////",
        edgecolor=HIDDEN_COLOUR,
        linestyle="--",
        linewidth=0.6,
        label=hidden_label,
        **size,
    )
    for position, bar in hidden:
        if horizontal:
            axes.annotate(bar.text, (bar.height, position), xytext=(2, 0), textcoords="offset points", va="center")
        else:
            axes.annotate(
                bar.text,
                (position, bar.height),
                xytext=(0, 1),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
            )
    return True


def _legend_below(figure, columns: int) -> None:
    """The legend under the plot, outside the axes: it never covers a bar (December's included)."""
    [axes] = figure.axes
    handles, labels = axes.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda i: labels[i] == _("Dold uppgift"))  # the placeholder's entry last
    figure.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="outside lower center",
        ncols=columns,
        frameon=False,
    )


def _hidden_sentence(named: Sequence[tuple[str, Shown]], note: str) -> str:
    """The alt text's account of what is hidden: each hidden figure by name with its mark, then the report's note."""
    hidden = [f"{name} ({value.text})" for name, value in named if value.hidden]
    if not hidden:
        return ""
    return " " + _("Dolda uppgifter: %(hidden)s.") % {"hidden": ", ".join(hidden)} + (f" {note}" if note else "")


def _describe(labels: Sequence[str], values: Sequence[Shown]) -> str:
    return "; ".join(
        f"{label}: {value.text if not value.hidden else _('%(mark)s (dold)') % {'mark': value.text}}"
        for label, value in zip(labels, values, strict=True)
    )


def _flat(label: str) -> str:
    return label.replace("\n", " ")


def grouped_bars(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Shown]]],
    caption: str,
    note: str = "",
    names: Sequence[str] = (),
) -> Chart:
    """Bars per category (months, quarters or years), one colour per series (received, closed). `names` are the
    categories as the text alternative says them, when a label under a bar leaves out its year."""
    pyplot = _pyplot()
    top = _top(*(values for _name, values in series))
    drawn = [(name, bars_of(categories, values, top)) for name, values in series]
    figure, axes = pyplot.subplots(figsize=(6.8, 2.9), layout="constrained")
    width = 0.8 / max(len(series), 1)
    legend_hidden = True
    for index, (name, bars) in enumerate(drawn):
        positions = [x + index * width - 0.4 + width / 2 for x in range(len(categories))]
        hidden_label = _("Dold uppgift") if legend_hidden else None
        if _draw(
            axes,
            positions,
            bars,
            colour=COLOURS[index % 4],
            width=width,
            horizontal=False,
            label=name,
            hidden_label=hidden_label,
        ):
            legend_hidden = False
    axes.set_xticks(range(len(categories)), categories)
    axes.set_ylim(0, top * 1.1)
    axes.yaxis.get_major_locator().set_params(integer=True)
    _legend_below(figure, len(series) + (not legend_hidden))
    axes.set_title(title, loc="left")
    labels = [
        name or _flat(category) for name, category in zip(names or [""] * len(categories), categories, strict=True)
    ]
    alt = f"{title}. " + " ".join(f"{name}: {_describe(labels, values)}." for name, values in series)
    alt += _hidden_sentence(
        [(f"{name} {label}", value) for name, values in series for label, value in zip(labels, values, strict=True)],
        note,
    )
    return _to_chart(figure, pyplot, alt, caption, drawn)


def horizontal_bars(
    *, title: str, labels: Sequence[str], values: Sequence[Shown], caption: str, note: str = ""
) -> Chart:
    """One bar per category (outcomes)."""
    pyplot = _pyplot()
    top = _top(values)
    bars = bars_of(labels, values, top)
    figure, axes = pyplot.subplots(figsize=(6.8, 0.45 * max(len(labels), 2) + 0.6))
    _draw(axes, list(range(len(labels))), bars, colour=COLOURS[0], width=0.8, horizontal=True)
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.1)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title(title, loc="left")
    alt = f"{title}. {_describe(labels, values)}." + _hidden_sentence(list(zip(labels, values, strict=True)), note)
    return _to_chart(figure, pyplot, alt, caption, [(title, bars)])


def against_deadline(*, title: str, rows: Sequence[tuple[str, Shown, int]], caption: str, note: str = "") -> Chart:
    """Median processing time per step beside the step's deadline, both in days."""
    pyplot = _pyplot()
    labels = [label for label, _median, _deadline in rows]
    medians = [median for _label, median, _deadline in rows]
    top = _top(medians, also=[deadline for _label, _median, deadline in rows])
    bars = bars_of(labels, medians, top)
    figure, axes = pyplot.subplots(figsize=(6.8, 0.6 * max(len(rows), 2) + 0.9), layout="constrained")
    hidden = _draw(
        axes,
        list(range(len(rows))),
        bars,
        colour=COLOURS[0],
        width=0.8,
        horizontal=True,
        label=_("Median (dagar)"),
        hidden_label=_("Dold uppgift"),
    )
    for index, (_label, _median, deadline) in enumerate(rows):
        axes.plot(
            [deadline, deadline],
            [index - 0.4, index + 0.4],
            color=COLOURS[1],
            linewidth=2,
            label=_("Frist (dagar)") if index == 0 else None,
        )
    axes.set_yticks(range(len(rows)), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.1)
    _legend_below(figure, 2 + hidden)
    axes.set_title(title, loc="left")
    described = "; ".join(
        _("%(step)s: median %(median)s dagar, frist %(deadline)d dagar")
        % {
            "step": label,
            "median": median.text if not median.hidden else _("%(mark)s (dold)") % {"mark": median.text},
            "deadline": deadline,
        }
        for label, median, deadline in rows
    )
    alt = f"{title}. {described}." + _hidden_sentence(list(zip(labels, medians, strict=True)), note)
    return _to_chart(figure, pyplot, alt, caption, [(_("Median (dagar)"), bars)])
