"""Recognising an uploaded file by its first bytes, so that a renamed executable is not a "scan.pdf"."""

from __future__ import annotations


def sniff_content_type(head: bytes, name: str) -> str | None:
    """The MIME type of an allowed file, or None. `head` is the file's first bytes (8 KiB is plenty)."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"PK\x03\x04"):
        return _office_type(head)
    if head and _is_text(head):
        return "text/plain"
    return None


_CONTROL = set(range(32)) - {9, 10, 12, 13} | {127}


def _is_text(head: bytes) -> bool:
    """UTF-8 without control characters (an ELF or other binary fails here)."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a multi-byte character cut at the end of `head` is fine
            return False
        text = head[: exc.start].decode("utf-8")
    return not any(ord(ch) in _CONTROL for ch in text)


def _office_type(head: bytes) -> str | None:
    # The first local file entry names the part: "[Content_Types].xml" (OOXML) or "mimetype" (ODF).
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:200]:
        return "application/vnd.oasis.opendocument.text"
    if b"[Content_Types].xml" in head or b"word/" in head:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None
