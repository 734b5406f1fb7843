"""Charts: a valid PNG bar for the DOCX, accessible SVG for the page."""

from __future__ import annotations

import struct
import zlib

from hromada.reports.charts import Bar, Chart, chart_svg
from hromada.reports.png import SIGNATURE, solid_png


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data.startswith(SIGNATURE)
    pos, found = len(SIGNATURE), []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        found.append((kind, body))
        pos += 12 + length
    return found


def test_png_has_valid_chunks_and_pixels_when_written():
    chunks = _chunks(solid_png(5, 3, (11, 79, 156)))
    assert [k for k, _b in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (width, height, depth, colour) == (5, 3, 8, 2)
    assert zlib.decompress(chunks[1][1]) == (b"\x00" + bytes((11, 79, 156)) * 5) * 3


def test_svg_names_and_describes_the_chart_when_drawn():
    chart = Chart("x", "Канали <1>", [Bar("Поштою & інше", 2, "2 (25%)"), Bar("Телефон", 1, "1 (13%)")], 2)
    svg = str(chart_svg(chart))
    assert 'role="img"' in svg and 'aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert '<title id="chart-x-title">Канали &lt;1&gt;</title>' in svg
    assert '<desc id="chart-x-desc">Поштою &amp; інше: 2 (25%); Телефон: 1 (13%).</desc>' in svg
    assert svg.count("<rect ") == 2 and 'width="530.0"' in svg and 'width="265.0"' in svg
    assert ">2 (25%)</text>" in svg  # the value is text, not only a length


def test_svg_says_no_data_when_the_chart_is_empty():
    svg = str(chart_svg(Chart("e", "Порожньо", [], 0)))
    assert "Даних немає." in svg and "<rect" not in svg


def test_svg_cuts_a_very_long_label_but_describes_it_whole():
    label = "Дуже довга назва " * 10
    svg = str(chart_svg(Chart("l", "T", [Bar(label, 1, "1")], 1)))
    assert "…</text>" in svg and label.strip() in svg  # whole in <desc>
