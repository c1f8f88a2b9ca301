"""Chart geometry for server-rendered SVG: scales, ticks, polylines, markers and stacked bars, computed here
and drawn by the dashboard template (no JavaScript, nothing from outside the site).

Each series has a colour with at least 3:1 contrast on white, and its own dash pattern and marker shape (bars:
solid or hatched), so colour is never the only way to tell series apart. Each chart carries its data as rows
for the table shown beside it.
"""
import math
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent
from flask_babel import get_locale

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 40, 16, 44
MAX_MARKERS = 62  # past this many days, markers every few points keep the lines readable
STYLES = [  # colour (contrast on white), dash pattern, marker
    {"color": "#0b4a7d", "dash": "", "marker": "circle"},
    {"color": "#a3420d", "dash": "7 4", "marker": "square"},
    {"color": "#1a6b3c", "dash": "2 3", "marker": "triangle"},
    {"color": "#6b2fa0", "dash": "10 4 2 4", "marker": "diamond"},
]


@dataclass
class Series:
    label: str
    values: list
    color: str = ""
    dash: str = ""
    marker: str = ""
    points: str = ""  # "x,y x,y ..." for a polyline
    markers: list = field(default_factory=list)  # [(x, y)]
    pattern: bool = False  # bars: hatched instead of solid


@dataclass
class Chart:
    id: str
    title: str
    description: str
    kind: str  # "line" or "bars"
    series: list
    days: list
    percent: bool = False
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT
    y_ticks: list = field(default_factory=list)  # [(y, label)]
    x_ticks: list = field(default_factory=list)  # [(x, label)]
    bars: list = field(default_factory=list)  # [(x, y, width, height, series index)]

    @property
    def rows(self) -> list:
        """The data table: one row per day, the day then each series' value as text."""
        return [[day.isoformat()] + [self.format(s.values[i]) for s in self.series] for i, day in enumerate(self.days)]

    def format(self, value, tick: bool = False) -> str:
        locale = get_locale()
        if self.percent:
            return format_percent(value, "#,##0%" if tick else "#,##0.0%", locale=locale)
        return format_decimal(value, locale=locale)


def nice_ceiling(value: float, steps=(1, 2, 2.5, 5, 10)) -> float:
    """The smallest of `steps` × 10^n at or above value (at least 1)."""
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in steps:
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _day_label(day: date) -> str:
    return format_skeleton("MMMd", day, locale=get_locale())


def _frame(chart: Chart, top_value: float) -> float:
    """Y ticks (5 lines) and X ticks (about 7 labels); returns the value at the top of the plot."""
    if chart.percent:  # four steps of a round number of percent, up to 100%
        ceiling = min(1.0, 4 * nice_ceiling(top_value * 100 / 4) / 100)
    else:  # counts: four whole, round steps
        ceiling = 4 * max(1, nice_ceiling(top_value / 4, steps=(1, 2, 5, 10)))
    height = chart.bottom - chart.top
    for step in range(5):
        value = ceiling * step / 4
        chart.y_ticks.append((round(chart.bottom - height * step / 4, 1), chart.format(value, tick=True)))
    count = len(chart.days)
    every = max(1, math.ceil(count / 7))
    for index in range(0, count, every):
        chart.x_ticks.append((round(_x(chart, index), 1), _day_label(chart.days[index])))
    return ceiling


def _x(chart: Chart, index: int) -> float:
    count = len(chart.days)
    width = chart.right - chart.left
    if chart.kind == "bars":
        return chart.left + width * (index + 0.5) / max(1, count)
    return chart.left + (width * index / (count - 1) if count > 1 else width / 2)


def _y(chart: Chart, value: float, ceiling: float) -> float:
    return chart.bottom - (chart.bottom - chart.top) * (value / ceiling if ceiling else 0)


def _styled(series: list[tuple[str, list]]) -> list[Series]:
    return [Series(label, list(values), **STYLES[n % len(STYLES)]) for n, (label, values) in enumerate(series)]


def line_chart(chart_id: str, title: str, description: str, days: list, series: list[tuple[str, list]],
               percent: bool = False) -> Chart:
    chart = Chart(chart_id, title, description, "line", _styled(series), list(days), percent=percent)
    top_value = max([max(s.values, default=0) for s in chart.series] + [0])
    ceiling = _frame(chart, top_value)
    every = max(1, math.ceil(len(days) / MAX_MARKERS))
    for s in chart.series:
        coords = [(round(_x(chart, i), 1), round(_y(chart, v, ceiling), 1)) for i, v in enumerate(s.values)]
        s.points = " ".join(f"{x},{y}" for x, y in coords)
        s.markers = coords[::every]
    return chart


def stacked_bars(chart_id: str, title: str, description: str, days: list, series: list[tuple[str, list]]) -> Chart:
    """Bars of the series stacked per day: the first solid, the second hatched."""
    chart = Chart(chart_id, title, description, "bars", _styled(series), list(days))
    for n, s in enumerate(chart.series):
        s.pattern = n % 2 == 1
    totals = [sum(s.values[i] for s in chart.series) for i in range(len(days))]
    ceiling = _frame(chart, max(totals, default=0))
    slot = (chart.right - chart.left) / max(1, len(days))
    width = max(0.6, slot * 0.7)
    for i in range(len(days)):
        base = 0
        for n, s in enumerate(chart.series):
            value = s.values[i]
            if value:
                y_top, y_base = _y(chart, base + value, ceiling), _y(chart, base, ceiling)
                chart.bars.append((round(_x(chart, i) - width / 2, 1), round(y_top, 1), round(width, 1),
                                   round(y_base - y_top, 1), n))
            base += value
    return chart
