"""Вкладення звернення in the JSON API: the list of an appeal's files and each file itself, for
whoever may see the appeal (404 otherwise); every file handed out is an audited read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import FileResponse
from django.urls import reverse
from ninja import File, Router, Status
from ninja.files import UploadedFile
from pydantic import BaseModel

from hromada.accounts.http import ApiRequest
from hromada.appeals import selectors, services
from hromada.appeals.api.schemas import AppealOut
from hromada.appeals.api.staff import appeal_out
from hromada.appeals.models import Attachment
from hromada.appeals.views.files import serve_attachment
from hromada.core.api_types import ObjectId
from hromada.core.downloads import can_preview
from hromada.core.uploads import DOCX, JPEG, ODT, PDF, PNG, TEXT

router = Router(tags=["appeals"])

#: Every type an upload may have (`core.uploads`): the file comes back with its own.
_FILE_BODY = {
    "responses": {
        200: {
            "description": "The file's bytes, with its own content type (a download unless `inline`)",
            "content": {
                kind: {"schema": {"type": "string", "format": "binary"}}
                for kind in (PDF, JPEG, PNG, TEXT, DOCX, ODT, "application/octet-stream")
            },
        }
    }
}


class AppealAttachmentOut(BaseModel):
    id: int
    name: str
    content_type: str
    size: int
    uploaded_at: dt.datetime
    previewable: bool
    url: str


def _out(request: ApiRequest, item: Attachment) -> dict[str, Any]:
    path = reverse("api:appeal-attachment", kwargs={"appeal_id": item.appeal_id, "attachment_id": item.pk})
    return {
        "id": item.pk,
        "name": item.original_name,
        "content_type": item.content_type,
        "size": item.size,
        "uploaded_at": item.uploaded_at,
        "previewable": can_preview(item.content_type),
        "url": request.build_absolute_uri(path),
    }


# Declared first: the path's URL keeps the name it had (api:attach).
@router.post(
    "/appeals/{appeal_id}/attachments",
    response={201: AppealOut},
    summary="Attach a file",
    operation_id="hromada_appeals_api_attach",
)
def attach(request: ApiRequest, appeal_id: ObjectId, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    services.add_attachment(actor=request.auth, appeal_id=appeal_id, upload=file)
    return Status(201, appeal_out(selectors.appeal_detail(request.auth, appeal_id)))


@router.get(
    "/appeals/{appeal_id}/attachments",
    response=list[AppealAttachmentOut],
    summary="List an appeal's files",
    operation_id="hromada_appeals_api_list_attachments",
)
def list_attachments(request: ApiRequest, appeal_id: ObjectId) -> list[dict[str, Any]]:
    appeal = selectors.get_appeal(request.auth, appeal_id)
    rows = appeal.attachments.only("appeal_id", "original_name", "content_type", "size", "uploaded_at")
    return [_out(request, item) for item in rows.order_by("uploaded_at", "id")]


@router.get(
    "/appeals/{appeal_id}/attachments/{attachment_id}",
    summary="Download one file of an appeal",
    operation_id="hromada_appeals_api_download_attachment",
    url_name="appeal-attachment",
    openapi_extra=_FILE_BODY,
)
def download_attachment(
    request: ApiRequest, appeal_id: ObjectId, attachment_id: ObjectId, inline: bool = False
) -> FileResponse:
    item = selectors.staff_attachment(request.auth, appeal_id, attachment_id)
    return serve_attachment(request, request.auth, item, inline=inline, page="api")
