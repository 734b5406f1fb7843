"""Відповідь на петицію: the head's answer, published and e-mailed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.errors import (
    FieldError,
    ValidationFailed,
)
from hromada.core.files import atomic_with_files
from hromada.petitions import notify
from hromada.petitions.errors import wrong_state
from hromada.petitions.models import (
    Petition,
    PetitionAttachment,
    PetitionStatus,
)
from hromada.petitions.permissions import (
    can_answer_petition,
)
from hromada.petitions.services.common import (
    locked_petition,
    record_event,
    require,
    search_text_of,
    store_uploads,
)


@atomic_with_files()
def answer_petition(
    *,
    actor: User,
    petition_id: int,
    supported: bool | None,
    text: str,
    decision_url: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Petition:
    """Відповідь на петицію (the head): supported or not, with the text; published and e-mailed."""
    require(can_answer_petition(actor))
    text = (text or "").strip()
    decision_url = (decision_url or "").strip()
    errors = []
    if supported is None:
        errors.append(FieldError("supported", _("Say whether the petition is supported."), "required"))
    if not text:
        errors.append(FieldError("text", _("Write the answer."), "required"))
    if decision_url and not re.match(r"^https?://\S+$", decision_url):
        errors.append(FieldError("decision_url", _("Enter a valid link (https://…)."), "invalid"))
    if errors:
        raise ValidationFailed(errors)
    petition = locked_petition(petition_id)
    if petition.status != PetitionStatus.CONSIDERATION:
        raise wrong_state(petition)
    now = clock.now()
    petition.status = PetitionStatus.ANSWERED
    petition.answer_supported = bool(supported)
    petition.answer_text = text
    petition.answer_decision_url = decision_url
    petition.answered_at, petition.answered_by = now, actor
    petition.updated_at = now
    petition.search_text = search_text_of(petition)
    petition.save()
    store_uploads(petition, uploads, part=PetitionAttachment.Part.ANSWER, now=now)
    record_event(petition, "answered", actor=actor, at=now, supported=bool(supported))
    notify.answered(petition)
    return petition
