"""What the public, cabinet and staff pages of petitions share: a file handed out and a read of
personal data recorded."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest

from hromada.core.audit import record_read
from hromada.core.downloads import file_response
from hromada.petitions.models import Petition, PetitionAttachment


def download(item: PetitionAttachment) -> FileResponse:
    """A petition's file, always as a download: its type is the uploader's, never shown inline."""
    return file_response(item.file, filename=item.original_name, content_type=item.content_type)


def record_petition_read(request: HttpRequest, petition: Petition, page: str, **extra: Any) -> None:
    """A staff page showing people's data of this petition: one entry in the audit log of reads."""
    record_read(
        actor=request.user,
        app="petitions",
        object_type="petition",
        object_id=petition.pk,
        page=page,
        path=request.path,
        **extra,
    )
