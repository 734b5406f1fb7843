"""Файли, що видаються (stored files handed out): one way every app serves an uploaded file back.

A file is the uploader's content, so it is never trusted as a page: the response forbids sniffing,
is not cached by shared caches, and carries a Content-Security-Policy that allows no script. Only a
PDF, a JPEG or a PNG — types read from the content at upload (`core.uploads`) — may be shown inline
(a preview in the browser's own viewer); anything else is always a download. Images are also
sandboxed; a PDF is not, because Chromium refuses to open its PDF viewer in a sandboxed document, and
the viewer runs no page script anyway. The file name goes out in both `filename` and RFC 5987
`filename*` (Django's FileResponse), so a Cyrillic name survives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.urls import reverse

from hromada.core.uploads import JPEG, PDF, PNG

#: The types a browser may show in place: its image and PDF viewers render them without page script.
INLINE_TYPES = frozenset({PDF, JPEG, PNG})

_IMAGE_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
_PDF_POLICY = "default-src 'none'; object-src 'self'; img-src 'self'; style-src 'unsafe-inline'"
_DOWNLOAD_POLICY = "sandbox; default-src 'none'"


@dataclass(frozen=True)
class FileLink:
    """A stored file as a page lists it (`components/_files.html`): its download and, for a type that
    may be shown in place, its preview."""

    name: str
    size: int
    uploaded_at: dt.datetime
    url: str
    preview_url: str = ""


class StoredFile(Protocol):
    """What a listed file has (an appeal's attachment, a petition's file)."""

    original_name: str
    size: int
    uploaded_at: dt.datetime
    content_type: str


def file_link(item: StoredFile, *, download: str, preview: str, args: Sequence[object]) -> FileLink:
    """`item` as a page lists it: `download` and `preview` are URL names taking `args`; the preview
    only for a type shown in place."""
    return FileLink(
        item.original_name,
        item.size,
        item.uploaded_at,
        reverse(download, args=args),
        reverse(preview, args=args) if can_preview(item.content_type) else "",
    )


def can_preview(content_type: str) -> bool:
    """Whether the file may be shown in place (the card and the cabinet offer "view" only then)."""
    return content_type in INLINE_TYPES


def file_response(
    field_file: FieldFile, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """The stored file as a response: inline when asked and the type allows it, else a download."""
    show = inline and can_preview(content_type)
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=not show,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    if not show:
        response["Content-Security-Policy"] = _DOWNLOAD_POLICY
    else:
        response["Content-Security-Policy"] = _PDF_POLICY if content_type == PDF else _IMAGE_POLICY
    return response
