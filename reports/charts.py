"""Charts for the report PDFs, drawn by matplotlib as SVG (vector graphics: sharp in print and at any zoom).

Why matplotlib rather than pygal: its SVG is plain paths that WeasyPrint renders exactly, with no script or CSS that
the PDF renderer would have to interpret; it is the most widely maintained plotting library in Python; and with
`svg.fonttype = "path"` the chart's text is drawn, not typed, so the PDF's text layer carries the figures once, in the
tables and the text alternative. Each chart is a `Chart`: the SVG as a data URL for an <img>, and its text alternative
(every value the chart shows) for the PDF/UA tag. Charts show only what the tables may print: a hidden figure
draws no bar, and the text alternative names it as hidden.
"""

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports.disclosure import Shown

COLOURS = ("#1d70b8", "#f47738", "#00703c", "#4c2c92")


@dataclass(frozen=True)
class Chart:
    data_url: str
    alt: str
    caption: str


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
        }
    )
    from matplotlib import pyplot  # noqa: PLC0415 - heavy, and only after the backend is chosen above

    return pyplot


def _to_chart(figure, pyplot, alt: str, caption: str) -> Chart:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    pyplot.close(figure)
    encoded = base64.b64encode(buffer.getvalue().encode()).decode()
    return Chart(f"data:image/svg+xml;base64,{encoded}", alt, caption)


def _number(shown: Shown) -> float:
    return float(shown.value) if shown.value is not None else 0.0


def _describe(labels: Sequence[str], values: Sequence[Shown]) -> str:
    return "; ".join(
        f"{label}: {value.text if not value.hidden else _('dold')}" for label, value in zip(labels, values, strict=True)
    )


def grouped_bars(
    *, title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Shown]]], caption: str
) -> Chart:
    """Bars per category (months), one colour per series (received, closed)."""
    pyplot = _pyplot()
    figure, axes = pyplot.subplots(figsize=(6.8, 2.6))
    width = 0.8 / max(len(series), 1)
    for index, (name, values) in enumerate(series):
        positions = [x + index * width - 0.4 + width / 2 for x in range(len(categories))]
        axes.bar(positions, [_number(v) for v in values], width=width, label=name, color=COLOURS[index % 4])
    axes.set_xticks(range(len(categories)), categories)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(frameon=False, loc="upper right")
    axes.set_title(title, loc="left")
    alt = f"{title}. " + " ".join(f"{name}: {_describe(categories, values)}." for name, values in series)
    return _to_chart(figure, pyplot, alt, caption)


def horizontal_bars(*, title: str, labels: Sequence[str], values: Sequence[Shown], caption: str) -> Chart:
    """One bar per category (outcomes)."""
    pyplot = _pyplot()
    figure, axes = pyplot.subplots(figsize=(6.8, 0.45 * max(len(labels), 2) + 0.6))
    axes.barh(range(len(labels)), [_number(v) for v in values], color=COLOURS[0])
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title(title, loc="left")
    return _to_chart(figure, pyplot, f"{title}. {_describe(labels, values)}.", caption)


def against_deadline(*, title: str, rows: Sequence[tuple[str, Shown, int]], caption: str) -> Chart:
    """Median processing time per step beside the step's deadline, both in days."""
    pyplot = _pyplot()
    figure, axes = pyplot.subplots(figsize=(6.8, 0.6 * max(len(rows), 2) + 0.6))
    labels = [label for label, _median, _deadline in rows]
    axes.barh(
        range(len(rows)),
        [_number(median) for _label, median, _deadline in rows],
        color=COLOURS[0],
        label=_("Median (dagar)"),
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
    axes.legend(frameon=False, loc="lower right")
    axes.set_title(title, loc="left")
    described = "; ".join(
        _("%(step)s: median %(median)s dagar, frist %(deadline)d dagar")
        % {"step": label, "median": median.text if not median.hidden else _("dold"), "deadline": deadline}
        for label, median, deadline in rows
    )
    return _to_chart(figure, pyplot, f"{title}. {described}.", caption)
