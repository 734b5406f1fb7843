"""Діаграма підписів за годинами: the fraud page's column chart, drawn on the server as SVG.

Not hromada.reports.charts: reports sit above petitions in the import layers, and their charts are
horizontal bars of a few labelled categories, while this is a time series of up to a collection
period's hours (60 days = 1,440 columns). The same accessibility rules apply: the SVG has <title>
and <desc> (the series summed up in words), the page shows every figure in a table beside it, and
nothing is said by colour alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BAR_COLOUR = "#0b4f9c"  # the site's accent: 8.6:1 against white
PEAK_COLOUR = "#b00020"  # the busiest hour, also named in words in <desc> and the table
HOUR = dt.timedelta(hours=1)

# SVG geometry in user units; the chart scales to the page's width.
WIDTH = 720
MIN_COLUMN = 0.25  # so that the chart keeps the page's width (and legible labels) for 60 days
TOP = 22
PLOT_HEIGHT = 160
AXIS_ROOM = 34
LEFT = 40
#: A few hours are drawn as columns of this width, left-aligned, not stretched over the page.
MAX_COLUMN = 24.0
LABEL_ROOM = 48


@dataclass(frozen=True)
class HourBar:
    start: dt.datetime  # local time, the hour's beginning
    count: int

    @property
    def end(self) -> dt.datetime:
        return self.start + HOUR


@dataclass(frozen=True)
class HourChart:
    bars: list[HourBar]  # every hour from the first signature's to the last one's, zeros included

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)

    @property
    def peak(self) -> HourBar | None:
        return max(self.bars, key=lambda b: b.count, default=None)

    @property
    def busy(self) -> list[HourBar]:
        """The hours with signatures (the table's rows)."""
        return [b for b in self.bars if b.count]

    @property
    def title(self) -> str:
        return _("Signatures per hour")

    @property
    def description(self) -> str:
        peak = self.peak
        if peak is None or not self.total:
            return _("No signatures.")
        return _(
            "From %(start)s to %(end)s: %(signatures)s in %(hours)s; the busiest hour began at %(peak)s "
            "with %(peak_count)s."
        ) % {
            "start": f"{self.bars[0].start:%d.%m.%Y %H:%M}",
            "end": f"{self.bars[-1].end:%d.%m.%Y %H:%M}",
            "signatures": signatures_phrase(self.total),
            "hours": ngettext("%(count)s hour", "%(count)s hours", len(self.bars))
            % {"count": len(self.bars)},
            "peak": f"{peak.start:%d.%m.%Y %H:%M}",
            "peak_count": signatures_phrase(peak.count),
        }


def signatures_phrase(count: int) -> str:
    return ngettext("%(count)s signature", "%(count)s signatures", count) % {"count": count}


def hour_chart(series: Iterable[tuple[dt.datetime, int]]) -> HourChart:
    """Fill the hours without signatures with zeros, in the council's time zone."""
    counts: dict[dt.datetime, int] = {}
    for moment, count in series:
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        start = local.replace(minute=0, second=0, microsecond=0)
        counts[start] = counts.get(start, 0) + count
    if not counts:
        return HourChart([])
    first, last = min(counts), max(counts)
    bars = []
    hour = first
    while hour <= last:
        bars.append(HourBar(hour, counts.get(hour, 0)))
        # Adding in UTC keeps one column per real hour across a clock change.
        hour = timezone.localtime(hour + HOUR) if timezone.is_aware(hour) else hour + HOUR
    return HourChart(bars)


def chart_svg(chart: HourChart) -> SafeString:
    """Columns left to right in time; each day's midnight (or the first hour) is labelled below."""
    ident = "chart-hours"
    n = len(chart.bars)
    column = min(MAX_COLUMN, max(MIN_COLUMN, (WIDTH - LEFT) / n)) if n else MIN_COLUMN
    width = max(WIDTH, LEFT + column * n)
    height = TOP + PLOT_HEIGHT + AXIS_ROOM
    peak = chart.peak
    scale = peak.count if peak and peak.count else 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height}" aria-labelledby="{ident}-title {ident}-desc" '
        f'preserveAspectRatio="xMinYMin meet" font-size="11" font-family="sans-serif">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>',
    ]
    if not chart.total:
        parts.append(f'<text x="0" y="{TOP}" class="chart-label">{escape(_("No signatures."))}</text>')
        parts.append("</svg>")
        return mark_safe("".join(parts))  # the texts are escaped
    base = TOP + PLOT_HEIGHT
    parts.append(f'<text x="0" y="{TOP - 8}" class="chart-label">{scale}</text>')
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{width:.0f}" y2="{TOP}" stroke="#999" stroke-dasharray="3"/>'
    )
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{width:.0f}" y2="{base}" stroke="#333"/>')
    # Label every `step`-th midnight so that the "dd.mm" labels (about 40 units wide) do not overlap.
    step = max(1, math.ceil(LABEL_ROOM / (24 * column)))
    midnights = 0
    for i, bar in enumerate(chart.bars):
        x = LEFT + i * column
        if bar.count:
            h = PLOT_HEIGHT * bar.count / scale
            colour = PEAK_COLOUR if bar is peak else BAR_COLOUR
            parts.append(
                f'<rect x="{x:.2f}" y="{base - h:.2f}" width="{max(column * 0.8, 0.25):.2f}" '
                f'height="{h:.2f}" fill="{colour}"/>'
            )
        label = i == 0
        if bar.start.hour == 0 and i:
            midnights += 1
            label = midnights % step == 0 and x - LEFT >= LABEL_ROOM
        if label:
            parts.append(
                f'<line x1="{x:.2f}" y1="{base}" x2="{x:.2f}" y2="{base + 5}" stroke="#333"/>'
                f'<text x="{x:.2f}" y="{base + 18}" class="chart-label">{bar.start:%d.%m}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped or a number
