"""The author's steps: a draft (created, edited while a draft or returned) and its submission."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.core import clock
from hromada.core.errors import (
    FieldError,
    NotFound,
    ValidationFailed,
)
from hromada.core.files import atomic_with_files
from hromada.petitions.errors import wrong_state
from hromada.petitions.models import (
    Petition,
    PetitionAttachment,
    PetitionStatus,
)
from hromada.petitions.services.common import (
    charter,
    council_calendar,
    local_day,
    locked_petition,
    record_event,
    require_confirmed,
    search_text_of,
    store_uploads,
)
from hromada.reference.models import Topic
from hromada.residents.models import Resident

TITLE_MAX = 200
TEXT_MAX = 20_000


def _draft_errors(title: str, text: str, category: str) -> tuple[list[FieldError], Topic | None]:
    errors: list[FieldError] = []
    if not title:
        errors.append(FieldError("title", _("Give the petition a title."), "required"))
    elif len(title) > TITLE_MAX:
        errors.append(
            FieldError(
                "title", _("The title is longer than %(n)s characters.") % {"n": TITLE_MAX}, "too_long"
            )
        )
    if not text:
        errors.append(FieldError("text", _("Write the text of the petition."), "required"))
    elif len(text) > TEXT_MAX:
        errors.append(
            FieldError("text", _("The text is longer than %(n)s characters.") % {"n": TEXT_MAX}, "too_long")
        )
    topic = None
    if not category:
        errors.append(FieldError("category", _("Choose a category."), "required"))
    else:
        topic = Topic.objects.filter(code=category, is_active=True).first()
        if topic is None:
            errors.append(FieldError("category", _("Choose a category from the list."), "invalid"))
    return errors, topic


def _own_editable(author: Resident, petition_id: int) -> Petition:
    petition = locked_petition(petition_id, drafts=True)
    if petition.author_id != author.pk:
        raise NotFound(_("No such petition."))
    if petition.status not in (PetitionStatus.DRAFT, PetitionStatus.RETURNED):
        raise wrong_state(petition)
    return petition


@atomic_with_files()
def create_petition_draft(
    *, author: Resident, title: str, text: str, category: str, uploads: Sequence[UploadedFile] = ()
) -> Petition:
    """Чернетка петиції: the author's name and e-mail come from the confirmed account, not a form."""
    require_confirmed(author)
    title, text = (title or "").strip(), (text or "").strip()
    errors, topic = _draft_errors(title, text, category)
    if errors:
        raise ValidationFailed(errors)
    now = clock.now()
    petition = Petition(
        author=author,
        author_name=author.full_name,
        author_email=author.email,
        title=title,
        text=text,
        category=topic,
        status=PetitionStatus.DRAFT,
        created_at=now,
        updated_at=now,
    )
    petition.search_text = search_text_of(petition)
    petition.save()
    store_uploads(petition, uploads, part=PetitionAttachment.Part.PETITION, now=now)
    record_event(petition, "created", actor=None, at=now)
    return petition


@atomic_with_files()
def update_petition_draft(
    *,
    author: Resident,
    petition_id: int,
    title: str,
    text: str,
    category: str,
    uploads: Sequence[UploadedFile] = (),
) -> Petition:
    """Edit a draft or a petition returned for edits; only its author, only before publication."""
    petition = _own_editable(author, petition_id)
    title, text = (title or "").strip(), (text or "").strip()
    errors, topic = _draft_errors(title, text, category)
    if errors or topic is None:  # no topic comes with its error
        raise ValidationFailed(errors)
    now = clock.now()
    petition.title, petition.text, petition.category = title, text, topic
    petition.author_name, petition.author_email = author.full_name, author.email
    petition.updated_at = now
    petition.search_text = search_text_of(petition)
    petition.save()
    store_uploads(petition, uploads, part=PetitionAttachment.Part.PETITION, now=now)
    record_event(petition, "edited", actor=None, at=now)
    return petition


@transaction.atomic
def submit_petition(*, author: Resident, petition_id: int) -> Petition:
    """To moderation: due the N-th working day after the submission day (Friday → Tuesday for 2)."""
    require_confirmed(author)
    petition = _own_editable(author, petition_id)
    now = clock.now()
    petition.status = PetitionStatus.MODERATION
    petition.submitted_at = now
    petition.moderation_due = council_calendar().add_working_days(
        local_day(now), charter().moderation_working_days
    )
    petition.moderation_reason = ""
    petition.updated_at = now
    petition.save()
    record_event(
        petition, "submitted", actor=None, at=now, moderation_due=petition.moderation_due.isoformat()
    )
    return petition
