"""Лист-відповідь: the answer letter of an appeal as a printable page and as a DOCX download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from hromada.accounts.access import role_required
from hromada.accounts.http import StaffRequest
from hromada.accounts.models import Role, User
from hromada.appeals import letters
from hromada.appeals.models import Appeal
from hromada.core.audit import record_read
from hromada.core.errors import NotFound
from hromada.core.models import CouncilSettings

#: Roles that may ever print a letter; `letters.can_view_letter` decides for the appeal at hand.
LETTER_ROLES = (Role.REGISTRAR, Role.HEAD, Role.CONTROLLER, Role.EXECUTOR)


def _appeal(user: User, appeal_id: int) -> Appeal:
    """404 for an appeal the user may not see; 403 for one they see but whose letter is not theirs."""
    try:
        appeal = letters.letter_appeal(user, appeal_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    if not letters.can_view_letter(user, appeal):
        raise PermissionDenied
    return appeal


@role_required(*LETTER_ROLES)
@require_safe
def letter(request: StaffRequest, appeal_id: int) -> HttpResponse:
    """The letter as a page to read and print; a draft is marked, an anonymous appeal says why there
    is none, and an appeal with neither an answer nor a draft answers 404 with an explanation."""
    appeal = _appeal(request.user, appeal_id)
    state = letters.letter_state(appeal)
    if state != letters.MISSING:  # the "no letter yet" page shows nothing of the applicant
        record_read(
            actor=request.user,
            app="appeals",
            object_type="appeal",
            object_id=appeal.pk,
            page="letter",
            path=request.path,
        )
    council = CouncilSettings.load()
    letter = letters.build_letter(appeal, council=council) if state in letters.PRINTABLE else None
    context = {"appeal": appeal, "state": state, "letter": letter}
    return render(request, "appeals/letter.html", context, status=404 if state == letters.MISSING else 200)


@role_required(*LETTER_ROLES)
@require_GET  # not HEAD: every download is audited, a probe should not be
def letter_docx(request: StaffRequest, appeal_id: int) -> HttpResponse:
    """The letter as a DOCX attachment; the download is audited (the letter holds personal data)."""
    appeal = _appeal(request.user, appeal_id)
    if letters.letter_state(appeal) not in letters.PRINTABLE:
        raise Http404(_("This appeal has no answer letter."))
    council = CouncilSettings.load()
    letter = letters.build_letter(appeal, council=council)
    content = letters.render_docx(letter, council_name=council.council_name)
    record_read(
        actor=request.user,
        app="appeals",
        object_type="appeal",
        object_id=appeal.pk,
        page="letter.docx",
        path=request.path,
        format="docx",
    )
    response = HttpResponse(content, content_type=letters.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = letters.content_disposition(letter)
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns: list[URLPattern] = [
    path("<int:appeal_id>/letter/", letter, name="letter"),
    path("<int:appeal_id>/letter.docx", letter_docx, name="letter-docx"),
]
