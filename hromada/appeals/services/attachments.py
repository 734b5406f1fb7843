"""Вкладення and доповнення: files added by staff, information added by the author.

Staff and authors go through the same limits (size, count, type read from the content).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.appeals import notify, permissions
from hromada.appeals.models import OPEN_STATUSES, Appeal, Attachment
from hromada.appeals.selectors import author_appeal, get_appeal
from hromada.appeals.services.common import clock, deny, record_event
from hromada.core.errors import DomainError, FieldError, ValidationFailed
from hromada.core.files import atomic_with_files, store_file
from hromada.core.uploads import check_upload


@atomic_with_files()
def add_attachment(
    *, actor: User, appeal_id: int, upload: UploadedFile, now: dt.datetime | None = None
) -> Attachment:
    """Вкладення: size, count and type limits; the type is read from the content, not the name."""
    now = clock(now)
    appeal = get_appeal(actor, appeal_id, for_update=True)
    if not permissions.can_add_attachment(actor, appeal):
        raise deny()
    return _store_attachment(appeal, upload, uploaded_by=actor, now=now)


def _store_attachment(
    appeal: Appeal, upload: UploadedFile, *, uploaded_by: User, now: dt.datetime
) -> Attachment:
    """Check and save one file of a locked appeal: staff and authors go through the same limits."""
    too_many = _("An appeal may have at most %(n)s files.")
    content_type = check_upload(
        upload, already=appeal.attachments.count(), field="file", too_many=too_many, named=False
    )
    attachment = Attachment(
        appeal=appeal,
        original_name=(upload.name or "file")[:255],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=uploaded_by,
        uploaded_at=now,
    )
    store_file(attachment.file, upload.name or "file", upload)
    attachment.save()
    record_event(
        appeal, "attachment", actor=uploaded_by, at=now, name=attachment.original_name, size=attachment.size
    )
    return attachment


#: The most an author may add at once: as much as a whole e-appeal.
AUTHOR_INFORMATION_MAX_CHARS = 10_000


@atomic_with_files()
def add_author_information(
    *,
    author: User,
    email: str,
    appeal_id: int,
    text: str,
    uploads: Sequence[UploadedFile] = (),
    now: dt.datetime | None = None,
) -> Appeal:
    """Доповнення до звернення: the author adds information (text and files) while the appeal is open.

    `email` is the author's confirmed e-mail: the appeal must have an applicant with it, or it does not
    exist for them (Appeal.DoesNotExist, shown as 404). The text goes into the journal, where the
    executors see it, and the executors are told by e-mail.
    """
    now = clock(now)
    appeal = author_appeal(email, appeal_id, for_update=True)
    if appeal.status not in OPEN_STATUSES:
        raise DomainError(
            _(
                "Consideration of this appeal is completed: information can no longer be added. "
                "File a new appeal."
            ),
            code="appeal_closed",
        )
    text = text.strip()
    errors = []
    if not text and not uploads:
        errors.append(FieldError("text", _("Write what you want to add or attach a file."), "required"))
    elif len(text) > AUTHOR_INFORMATION_MAX_CHARS:
        errors.append(
            FieldError(
                "text",
                _("At most %(n)s characters.") % {"n": AUTHOR_INFORMATION_MAX_CHARS},
                "too_long",
            )
        )
    if errors:
        raise ValidationFailed(errors)
    names = []
    for upload in uploads:
        try:
            names.append(_store_attachment(appeal, upload, uploaded_by=author, now=now).original_name)
        except ValidationFailed as exc:
            raise ValidationFailed(
                [FieldError("attachments", f"{upload.name}: {e.message}", e.code) for e in exc.errors]
            ) from None
    record_event(appeal, "author_information", actor=author, at=now, text=text, files=names)
    notify.author_added_information(appeal)
    return appeal
