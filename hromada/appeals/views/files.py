"""Вкладення на картці: a file of an appeal opened by staff — downloaded, or previewed in place when it
is a PDF or an image. Whoever may open the card may open its files (`selectors.staff_attachment`);
anyone else gets 404, as for a file that does not exist. Every open is a read of personal data and is
recorded in the audit log, like the card itself."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import User
from hromada.appeals import selectors
from hromada.appeals.models import Attachment
from hromada.appeals.views.card import CARD_ROLES
from hromada.core.audit import record_read
from hromada.core.downloads import file_response
from hromada.core.errors import NotFound


def serve_attachment(
    request: HttpRequest, actor: User, item: Attachment, *, inline: bool, page: str
) -> FileResponse:
    """The file, with the read recorded (shared by the staff page and the API)."""
    record_read(
        actor=actor,
        app="appeals",
        object_type="appeal",
        object_id=item.appeal_id,
        page=page,
        path=request.path,
        attachment=item.pk,
        name=item.original_name,
    )
    return file_response(
        item.file, filename=item.original_name, content_type=item.content_type, inline=inline
    )


def _open(request: StaffRequest, appeal_id: int, attachment_id: int, *, inline: bool) -> FileResponse:
    try:
        item = selectors.staff_attachment(request.user, appeal_id, attachment_id)
    except NotFound:
        raise Http404 from None
    return serve_attachment(request, request.user, item, inline=inline, page="attachment")


@require_GET
@role_required(*CARD_ROLES)
def download(request: StaffRequest, appeal_id: int, attachment_id: int) -> FileResponse:
    return _open(request, appeal_id, attachment_id, inline=False)


@require_GET
@role_required(*CARD_ROLES)
def preview(request: StaffRequest, appeal_id: int, attachment_id: int) -> FileResponse:
    """In place for a PDF or an image; any other type still comes as a download."""
    return _open(request, appeal_id, attachment_id, inline=True)


urlpatterns: list[URLPattern] = [
    path("<int:appeal_id>/files/<int:attachment_id>/", download, name="attachment"),
    path("<int:appeal_id>/files/<int:attachment_id>/view/", preview, name="attachment-preview"),
]
