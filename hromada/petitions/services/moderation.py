"""Модерація: publish, return for edits with a reason, or refuse with a published reason."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from hromada.accounts.models import User
from hromada.core import clock
from hromada.petitions import notify
from hromada.petitions.errors import wrong_state
from hromada.petitions.models import (
    Petition,
    PetitionStatus,
)
from hromada.petitions.permissions import (
    can_moderate_petition,
)
from hromada.petitions.services.common import (
    charter,
    local_day,
    locked_petition,
    record_event,
    require,
    required_reason,
)


def _moderated(actor: User, petition_id: int) -> Petition:
    require(can_moderate_petition(actor))
    petition = locked_petition(petition_id)
    if petition.status != PetitionStatus.MODERATION:
        raise wrong_state(petition)
    return petition


@transaction.atomic
def publish_petition(*, actor: User, petition_id: int) -> Petition:
    """Оприлюднення: collection runs from today through today + collection_days (calendar days)."""
    petition = _moderated(actor, petition_id)
    rules = charter()
    now = clock.now()
    petition.status = PetitionStatus.COLLECTING
    petition.moderated_at, petition.moderated_by = now, actor
    petition.moderation_reason = ""
    petition.published_at = now
    petition.deadline = local_day(now) + dt.timedelta(days=rules.collection_days)
    petition.threshold = rules.threshold
    petition.updated_at = now
    petition.save()
    record_event(
        petition,
        "published",
        actor=actor,
        at=now,
        deadline=petition.deadline.isoformat(),
        threshold=rules.threshold,
    )
    notify.published(petition)
    return petition


def _decide(actor: User, petition_id: int, reason: str, status: PetitionStatus, action: str) -> Petition:
    """Return or refuse: the reason is required and kept with the petition and in its journal."""
    reason = required_reason(reason)
    petition = _moderated(actor, petition_id)
    now = clock.now()
    petition.status = status
    petition.moderated_at, petition.moderated_by = now, actor
    petition.moderation_reason = reason
    petition.updated_at = now
    petition.save()
    record_event(petition, action, actor=actor, at=now, reason=reason)
    return petition


@transaction.atomic
def return_petition_for_edits(*, actor: User, petition_id: int, reason: str) -> Petition:
    """Back to the author with a reason (private to them); they may edit and submit again."""
    petition = _decide(actor, petition_id, reason, PetitionStatus.RETURNED, "returned")
    notify.returned(petition)
    return petition


@transaction.atomic
def refuse_petition(*, actor: User, petition_id: int, reason: str) -> Petition:
    """Відмова в оприлюдненні: final; the reason is published with the petition."""
    petition = _decide(actor, petition_id, reason, PetitionStatus.REFUSED, "refused")
    notify.refused(petition)
    return petition
