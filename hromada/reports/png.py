"""A tiny PNG writer (zlib + struct, no imaging library): solid bars for the charts of the DOCX.

The format (RFC 2083): the signature, an IHDR chunk (size, 8-bit RGB), IDAT with the deflated rows
(each row starts with filter type 0), IEND; each chunk is length, type, data, CRC-32 of type + data.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def solid_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A `width` × `height` image of one colour."""
    if width < 1 or height < 1:
        raise ValueError("a PNG needs at least one pixel")
    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit, truecolour, no interlace
    return (
        SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(row * height, 9))
        + _chunk(b"IEND", b"")
    )


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """ "#0b4f9c" → (11, 79, 156)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
