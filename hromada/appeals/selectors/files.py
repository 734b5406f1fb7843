"""Вкладення, видані назад (attachments handed back): which file of which appeal a person may open.

The same row-level rule as the appeal itself: a member of staff opens a file of an appeal they may
see (`appeals_visible_to`), the author opens the files they sent (`appeals_of_author`). Any other
pair of ids is NotFound — the same answer as for a file that does not exist."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.appeals.models import Appeal, Attachment
from hromada.appeals.selectors.visibility import appeals_of_author, appeals_visible_to
from hromada.core.errors import NotFound

#: The system account that files the portal's e-appeals and stores their files.
PORTAL_ACCOUNT = "portal"

#: What a list of files shows (never the stored path's neighbours).
FILE_COLUMNS = ("appeal_id", "original_name", "content_type", "size", "uploaded_at", "file")


def _one(qs: QuerySet[Attachment]) -> Attachment:
    item = qs.only(*FILE_COLUMNS).first()
    if item is None:
        raise NotFound(_("File not found."), field="id")
    return item


def staff_attachment(user: User, appeal_id: int, attachment_id: int) -> Attachment:
    """A file of an appeal `user` may see (one query)."""
    return _one(
        Attachment.objects.filter(
            pk=attachment_id, appeal_id=appeal_id, appeal__in=appeals_visible_to(user).values("pk")
        )
    )


def sent_by_author(author: User | None) -> Q:
    """The files the author sent: with the e-appeal (stored by the portal's account) or added later
    from the cabinet (stored by their own account). A scan or a document staff attached is not theirs."""
    condition = Q(uploaded_by__username=PORTAL_ACCOUNT)
    if author is not None:
        condition |= Q(uploaded_by=author)
    return condition


def author_attachments(appeal: Appeal, author: User | None) -> list[Attachment]:
    """The files the author sent with this appeal (the caller has checked it is theirs), oldest first."""
    qs = Attachment.objects.filter(sent_by_author(author), appeal=appeal)
    return list(qs.only(*FILE_COLUMNS).order_by("uploaded_at", "id"))


def author_attachment(email: str, author: User | None, appeal_id: int, attachment_id: int) -> Attachment:
    """A file the author with this confirmed e-mail sent with their appeal (one query)."""
    return _one(
        Attachment.objects.filter(
            sent_by_author(author),
            pk=attachment_id,
            appeal_id=appeal_id,
            appeal__in=appeals_of_author(email).values("pk"),
        )
    )
