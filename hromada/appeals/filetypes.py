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
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a cut multi-byte character at the end is fine
                return None
        return "text/plain"
    return None


def _office_type(head: bytes) -> str | None:
    # The first local file entry names the part: "[Content_Types].xml" (OOXML) or "mimetype" (ODF).
    if b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:200]:
        return "application/vnd.oasis.opendocument.text"
    if b"[Content_Types].xml" in head or b"word/" in head:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None
