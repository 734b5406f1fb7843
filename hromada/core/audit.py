"""record_audit(): one line in the audit log (журнал дій) for what must be answerable later —
who exported which list of personal data, who read whose record, who was locked out of signing in.

Reads of a personal record by staff are `<app>.read` entries written by `record_read`: one INSERT per
read, keyed by (object_type, object_id) so that "who looked at this person's data" is an indexed
lookup (see `entries_about`), with the page it was read from in `details`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from hromada.core.models import AuditEntry

#: The longest object_id the column holds; longer keys (a long searched name) are cut to it.
OBJECT_ID_LENGTH = AuditEntry._meta.get_field("object_id").max_length or 60


def record_audit(
    *, actor: Any, action: str, object_type: str = "", object_id: str | int = "", **details: Any
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:OBJECT_ID_LENGTH],
        details=details,
    )


def record_read(
    *, actor: Any, app: str, object_type: str, object_id: str | int, page: str, path: str = "", **details: Any
) -> AuditEntry:
    """A member of staff read a personal record: `page` names where (card, api, letter, …), `path`
    is the address asked for."""
    return record_audit(
        actor=actor,
        action=f"{app}.read",
        object_type=object_type,
        object_id=object_id,
        page=page,
        path=path,
        **details,
    )


def entries_about(
    targets: Iterable[tuple[str, Iterable[str | int]]],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[AuditEntry]:
    """Every entry about any of the records in `targets` ((object_type, ids) pairs), newest first,
    with the actor. Each pair is served by the (object_type, object_id, at) index."""
    condition = Q()
    for object_type, ids in targets:
        keys = sorted({str(i)[:OBJECT_ID_LENGTH] for i in ids})
        if keys:
            condition |= Q(object_type=object_type, object_id__in=keys)
    if not condition:
        return AuditEntry.objects.none()
    return _between(AuditEntry.objects.filter(condition), since, until)


def exports_between(
    *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> QuerySet[AuditEntry]:
    """Every export of personal data in the period, newest first. An export records its filters and
    the number of rows, not the rows: whether a person was in it cannot be told afterwards."""
    return _between(AuditEntry.objects.filter(action__endswith=".export"), since, until)


def _between(
    qs: QuerySet[AuditEntry], since: dt.datetime | None, until: dt.datetime | None
) -> QuerySet[AuditEntry]:
    if since is not None:
        qs = qs.filter(at__gte=since)
    if until is not None:
        qs = qs.filter(at__lt=until)
    return qs.select_related("actor").order_by("-at", "-id")
