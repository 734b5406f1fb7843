"""The fraud page's hour chart: gaps filled with zeros in the council's time zone, the busiest hour
named in words, the SVG accessible (<title>, <desc>) and escaped."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from hromada.petitions.charts import chart_svg, hour_chart
from hromada.testing import kyiv


def test_hours_without_signatures_are_filled_with_zeros_when_the_series_has_gaps():
    chart = hour_chart([(kyiv(2026, 11, 20, 9), 2), (kyiv(2026, 11, 20, 12), 5)])
    assert [(b.start.hour, b.count) for b in chart.bars] == [(9, 2), (10, 0), (11, 0), (12, 5)]
    assert chart.total == 7 and chart.peak is not None and chart.peak.start.hour == 12
    assert [b.count for b in chart.busy] == [2, 5]


def test_utc_hours_are_shown_in_kyiv_time():
    utc = kyiv(2026, 11, 20, 12).astimezone(dt.UTC)
    chart = hour_chart([(utc, 1)])
    assert timezone.localtime(chart.bars[0].start).hour == 12


def test_svg_has_title_and_a_description_in_words(settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        svg = chart_svg(hour_chart([(kyiv(2026, 11, 20, 9), 1), (kyiv(2026, 11, 20, 10), 3)]))
    assert '<title id="chart-hours-title">Signatures per hour</title>' in svg
    assert "From 20.11.2026 09:00 to 20.11.2026 11:00: 4 signatures in 2 hours" in svg
    assert "the busiest hour began at 20.11.2026 10:00 with 3 signatures." in svg
    assert svg.count("<rect") == 2


def test_empty_series_draws_a_chart_that_says_there_is_nothing():
    with __import__("django.utils.translation", fromlist=["override"]).override("en"):
        svg = chart_svg(hour_chart([]))
    assert "No signatures." in svg and "<rect" not in svg


def test_a_long_collection_labels_some_days_without_crowding():
    start = kyiv(2026, 9, 1, 0)
    series = [(start + dt.timedelta(hours=h), 1) for h in range(0, 60 * 24, 7)]
    svg = chart_svg(hour_chart(series))
    labels = svg.count('class="chart-label">') - 1  # minus the scale's label
    assert 5 <= labels <= 20
