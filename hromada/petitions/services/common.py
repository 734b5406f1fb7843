"""What every petition service shares: the charter, the calendar, the row lock, the journal
entry, the uploads and the exact counter (one `UPDATE … RETURNING` that also tells whether the
threshold is reached)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal, overload

from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core.calendar import WorkCalendar
from hromada.core.errors import (
    FieldError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from hromada.core.files import store_file
from hromada.core.models import CouncilSettings
from hromada.core.textsearch import search_key
from hromada.core.uploads import check_upload
from hromada.petitions import notify
from hromada.petitions.models import (
    CharterSettings,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionStatus,
)
from hromada.residents.models import Resident


def charter() -> CharterSettings:
    """Положення про е-петиції: the one row (created with the defaults on first use), cached briefly."""
    return CharterSettings.load()


def require(allowed: bool) -> None:
    """The permission predicate said no (permissions.py): the service refuses, whoever calls it."""
    if not allowed:
        raise PermissionDenied(_("Your role does not allow this."))


def council_calendar() -> WorkCalendar:
    return CouncilSettings.load().calendar


def local_day(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date()


def record_event(
    petition: Petition | int, action: str, *, actor: User | None, at: dt.datetime, **data: Any
) -> None:
    petition_id = petition if isinstance(petition, int) else petition.pk
    PetitionEvent.objects.create(petition_id=petition_id, at=at, action=action, actor=actor, data=data)


def locked_petition(petition_id: int, *, drafts: bool = False) -> Petition:
    """The petition, locked. A draft exists only for its author (`drafts=True`): for anyone else it is
    not found, as on every page, so staff cannot learn which draft ids exist."""
    petition = Petition.objects.select_for_update().filter(pk=petition_id).first()
    if petition is None or (petition.status == PetitionStatus.DRAFT and not drafts):
        raise NotFound(_("No such petition."))
    return petition


def search_text_of(petition: Petition) -> str:
    return search_key(petition.title, petition.text, petition.answer_text)


def store_uploads(
    petition: Petition, uploads: Sequence[UploadedFile], *, part: str, now: dt.datetime
) -> list[PetitionAttachment]:
    """Файли петиції, stored with `store_file` (removed again if the caller's `atomic_with_files` rolls
    back): the appeals' limits (size, count, type read from the content, not the name)."""
    have = petition.attachments.filter(part=part).count() if uploads else 0
    stored = []
    for upload in uploads:
        name = upload.name or "file"
        content_type = check_upload(
            upload,
            already=have,
            field="attachments",
            too_many=_("A petition may have at most %(n)s files."),
            named=True,
        )
        attachment = PetitionAttachment(
            petition=petition,
            part=part,
            original_name=name[:255],
            content_type=content_type,
            size=upload.size or 0,
            uploaded_at=now,
        )
        store_file(attachment.file, name, upload)
        attachment.save()
        stored.append(attachment)
        have += 1
    return stored


def require_confirmed(resident: Resident) -> None:
    if not resident.is_confirmed:
        raise PermissionDenied(_("Confirm your e-mail address first."), code="unconfirmed")


def required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed([FieldError("reason", _("Give the reason."), "required")])
    return reason


#: A petition's counters after a change: (online, paper, threshold, status).
Counts = tuple[int, int, int, str]


@overload
def bump_counts(
    petition_id: int, *, online: int = 0, paper: int = 0, collecting_only: Literal[False] = False
) -> Counts: ...
@overload
def bump_counts(
    petition_id: int, *, online: int = 0, paper: int = 0, collecting_only: bool
) -> Counts | None: ...
def bump_counts(
    petition_id: int, *, online: int = 0, paper: int = 0, collecting_only: bool = False
) -> Counts | None:
    """Change the counters in place and return (online, paper, threshold, status) after the change, or
    None when `collecting_only` and the petition stopped collecting meanwhile. The row stays locked
    until the transaction ends, so the counters always equal what this transaction sees."""
    table = Petition._meta.db_table
    sql = (
        f"UPDATE {table} SET signature_count = signature_count + %s, paper_count = paper_count + %s "
        "WHERE id = %s"
    )
    params: list[Any] = [online, paper, petition_id]
    if collecting_only:
        sql += " AND status = %s"
        params.append(PetitionStatus.COLLECTING.value)
    sql += " RETURNING signature_count, paper_count, threshold, status"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def maybe_reached(petition_id: int, row: Counts, *, now: dt.datetime, actor: User | None = None) -> bool:
    """The threshold transition: when the total first reaches the threshold while collecting. The
    `status = collecting` guard makes it happen once even if two paths get here."""
    online, paper, threshold, status = row
    if status != PetitionStatus.COLLECTING or not threshold or online + paper < threshold:
        return False
    answer_due = council_calendar().add_working_days(local_day(now), charter().answer_working_days)
    changed = Petition.objects.filter(pk=petition_id, status=PetitionStatus.COLLECTING).update(
        status=PetitionStatus.CONSIDERATION, threshold_reached_at=now, answer_due=answer_due, updated_at=now
    )
    if not changed:
        return False
    record_event(
        petition_id,
        "threshold_reached",
        actor=actor,
        at=now,
        online=online,
        paper=paper,
        threshold=threshold,
        answer_due=answer_due.isoformat(),
    )
    notify.threshold_reached(petition_id)
    return True
