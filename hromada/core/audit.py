"""record_audit(): one line in the audit log (журнал дій) for what must be answerable later —
who exported which list of personal data, who was locked out of signing in."""

from __future__ import annotations

from typing import Any

from hromada.core.models import AuditEntry


def record_audit(
    *, actor: Any, action: str, object_type: str = "", object_id: str | int = "", **details: Any
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=details,
    )
