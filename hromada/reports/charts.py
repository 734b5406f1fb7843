"""Діаграми: the report's bar charts, drawn on the server — SVG for the page, bars for the DOCX.

No JavaScript and no chart library: a chart is a list of labelled bars. Every bar prints its value
as text next to it (nothing is said by colour alone), the SVG carries <title> and <desc> (the whole
series in words) for screen readers, and the page shows the same figures as tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hromada.reports.figures import AppealsReport

#: The most topics a chart shows (the table lists them all).
TOP_TOPICS = 10
BAR_COLOUR = "#0b4f9c"  # the site's accent: 8.6:1 against white

# SVG geometry, in user units (the chart scales to the page's width).
WIDTH = 640
VALUE_ROOM = 110
LABEL_HEIGHT = 20
BAR_HEIGHT = 14
GAP = 10
#: Labels longer than this are cut with an ellipsis in the picture (<desc> and the tables keep them whole).
LABEL_MAX = 75


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    #: What is printed next to the bar: "25 (38%)", "50%".
    text: str


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: list[Bar]
    #: The value of a full-length bar (100 for percent charts, else the largest value).
    scale: int

    @property
    def description(self) -> str:
        """The text alternative: every bar in words."""
        if not self.bars:
            return _("No data.")
        return "; ".join(f"{b.label}: {b.text}" for b in self.bars) + "."

    def length(self, value: int, full: float) -> float:
        return full * value / self.scale if self.scale else 0.0


def _count(count: int, percent: int) -> str:
    return f"{count} ({percent}%)"


def appeals_charts(report: AppealsReport) -> list[Chart]:
    """By channel, by topic, by month, and each department's on-time rate."""
    f = report.current
    channels = [Bar(s.name, s.count, _count(s.count, s.percent)) for s in f.by_channel if s.count]
    topics = [
        Bar(s.name, s.count, _count(s.count, s.percent))
        for s in sorted(f.by_topic, key=lambda s: -s.count)
        if s.count
    ][:TOP_TOPICS]
    months = [Bar(m.label, m.count, str(m.count)) for m in f.by_month]
    rates = [
        Bar(d.name, d.on_time_rate, f"{d.on_time_rate}%") for d in f.departments if d.on_time_rate is not None
    ]
    return [
        Chart("channels", _("Appeals by channel"), channels, max((b.value for b in channels), default=0)),
        Chart("topics", _("Leading topics of the issues"), topics, max((b.value for b in topics), default=0)),
        Chart(
            "months", _("Appeals by month of registration"), months, max((b.value for b in months), default=0)
        ),
        Chart("on_time", _("Answered on time by department, %"), rates, 100),
    ]


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1].rstrip() + "…"


def chart_svg(chart: Chart) -> SafeString:
    """The chart as inline SVG: each bar's label above it, the value to its right."""
    ident = f"chart-{chart.key}"
    step = LABEL_HEIGHT + BAR_HEIGHT + GAP
    height = max(step * len(chart.bars), LABEL_HEIGHT + GAP)
    full = WIDTH - VALUE_ROOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
    ]
    if not chart.bars:
        parts.append(f'<text x="0" y="{LABEL_HEIGHT - 4}" class="chart-label">{escape(_("No data."))}</text>')
    for i, bar in enumerate(chart.bars):
        top = i * step
        length = chart.length(bar.value, full)
        parts.append(
            f'<text x="0" y="{top + LABEL_HEIGHT - 5}" class="chart-label">{escape(_cut(bar.label))}</text>'
            f'<rect x="0" y="{top + LABEL_HEIGHT}" width="{length:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{length + 6:.1f}" y="{top + LABEL_HEIGHT + BAR_HEIGHT - 2}" class="chart-value">'
            f"{escape(bar.text)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
