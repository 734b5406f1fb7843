"""The moderator's counting: paper signatures with their protocol, invalidation of signatures by
number, e-mail domain, address or time, and its reversal. Each may move the threshold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import (
    Conflict,
    FieldError,
    NotFound,
    ValidationFailed,
)
from hromada.petitions.errors import not_collecting, wrong_state
from hromada.petitions.models import (
    Invalidation,
    PaperSignatures,
    Petition,
    PetitionStatus,
    Signature,
)
from hromada.petitions.permissions import (
    can_add_paper_signatures,
    can_invalidate_signatures,
)
from hromada.petitions.services.common import (
    bump_counts,
    locked_petition,
    maybe_reached,
    record_event,
    require,
)


@transaction.atomic
def add_paper_signatures(*, actor: User, petition_id: int, count: int, protocol: str) -> PaperSignatures:
    """Підписи на папері with the protocol; counted in the total, so they may reach the threshold."""
    require(can_add_paper_signatures(actor))
    errors = []
    if not isinstance(count, int) or count < 1:
        errors.append(FieldError("count", _("Give a positive number of signatures."), "invalid"))
    protocol = (protocol or "").strip()
    if not protocol:
        errors.append(FieldError("protocol", _("Give the protocol reference."), "required"))
    if errors:
        raise ValidationFailed(errors)
    petition = locked_petition(petition_id)
    now = clock.now()
    if petition.status != PetitionStatus.COLLECTING:
        raise not_collecting()
    batch = PaperSignatures.objects.create(
        petition=petition, count=count, protocol=protocol[:200], added_by=actor, added_at=now
    )
    row = bump_counts(petition_id, paper=count)
    record_event(petition, "paper_added", actor=actor, at=now, count=count, protocol=protocol, batch=batch.pk)
    maybe_reached(petition_id, row, now=now, actor=actor)
    return batch


def _invalidation_errors(
    reason: str,
    signature_ids: Sequence[int],
    email_domain: str,
    ip_key: str,
    signed_from: Any,
    signed_to: Any,
) -> list[FieldError]:
    errors = []
    if not reason:
        errors.append(FieldError("reason", _("Give the reason."), "required"))
    if not (signature_ids or email_domain or ip_key or signed_from or signed_to):
        errors.append(
            FieldError(
                "signature_ids",
                _("Choose the signatures: by number, e-mail domain, address or time."),
                "required",
            )
        )
    if signed_from and signed_to and signed_from > signed_to:
        errors.append(FieldError("signed_to", _("The end of the period is before its start."), "invalid"))
    return errors


def _criteria(
    signature_ids: Sequence[int],
    email_domain: str,
    ip_key: str,
    signed_from: dt.datetime | None,
    signed_to: dt.datetime | None,
) -> Q:
    """The union of the criteria given (a time range is one criterion: both its ends apply)."""
    criteria = Q()
    if signature_ids:
        criteria |= Q(pk__in=list(signature_ids))
    if email_domain:
        criteria |= Q(email_domain=email_domain)
    if ip_key:
        criteria |= Q(ip_key=ip_key)
    if signed_from or signed_to:
        period = Q()
        if signed_from:
            period &= Q(signed_at__gte=signed_from)
        if signed_to:
            period &= Q(signed_at__lte=signed_to)
        criteria |= period
    return criteria


def _journal(
    petition: Petition, action: str, audit_action: str, *, actor: User, at: dt.datetime, **data: Any
) -> None:
    """An invalidation and its reversal are in the petition's journal and in the audit log alike."""
    record_event(petition, action, actor=actor, at=at, **data)
    record_audit(actor=actor, action=audit_action, object_type="petition", object_id=petition.pk, **data)


@transaction.atomic
def invalidate_signatures(
    *,
    actor: User,
    petition_id: int,
    reason: str,
    signature_ids: Sequence[int] = (),
    email_domain: str = "",
    ip_key: str = "",
    signed_from: dt.datetime | None = None,
    signed_to: dt.datetime | None = None,
) -> Invalidation:
    """Визнання підписів недійсними: the union of the criteria, valid signatures only; reversible."""
    require(can_invalidate_signatures(actor))
    reason = (reason or "").strip()
    email_domain = (email_domain or "").strip().lower().lstrip("@")
    ip_key = (ip_key or "").strip()
    errors = _invalidation_errors(reason, signature_ids, email_domain, ip_key, signed_from, signed_to)
    if errors:
        raise ValidationFailed(errors)
    petition = locked_petition(petition_id)
    if petition.status not in (PetitionStatus.COLLECTING, PetitionStatus.CONSIDERATION):
        raise wrong_state(petition)
    now = clock.now()
    criteria = _criteria(signature_ids, email_domain, ip_key, signed_from, signed_to)
    invalidation = Invalidation.objects.create(
        petition=petition, reason=reason, created_by=actor, created_at=now
    )
    changed = Signature.objects.filter(
        criteria, petition_id=petition_id, withdrawn_at__isnull=True, invalidation__isnull=True
    ).update(invalidation=invalidation)
    invalidation.signature_total = changed
    invalidation.save(update_fields=["signature_total"])
    if changed:
        bump_counts(petition_id, online=-changed)
    criteria_data = {
        "signature_ids": [int(i) for i in signature_ids],
        "email_domain": email_domain,
        "ip_key": ip_key,
        "signed_from": signed_from.isoformat() if signed_from else "",
        "signed_to": signed_to.isoformat() if signed_to else "",
    }
    _journal(
        petition,
        "invalidated",
        "petition_signatures_invalidated",
        actor=actor,
        at=now,
        invalidation=invalidation.pk,
        count=changed,
        reason=reason,
        **criteria_data,
    )
    return invalidation


@transaction.atomic
def revert_invalidation(*, actor: User, invalidation_id: int) -> Invalidation:
    """Restore the signatures of an invalidation (those not withdrawn since); may reach the threshold."""
    require(can_invalidate_signatures(actor))
    invalidation = Invalidation.objects.filter(pk=invalidation_id).first()
    if invalidation is None:
        raise NotFound(_("No such invalidation."))
    petition = locked_petition(invalidation.petition_id)
    invalidation = Invalidation.objects.select_for_update().get(pk=invalidation_id)
    if invalidation.reverted_at is not None:
        raise Conflict(_("This invalidation was already reverted."), code="already_reverted")
    if petition.status not in (PetitionStatus.COLLECTING, PetitionStatus.CONSIDERATION):
        raise wrong_state(petition)
    now = clock.now()
    restored = Signature.objects.filter(invalidation=invalidation, withdrawn_at__isnull=True).update(
        invalidation=None
    )
    invalidation.reverted_at, invalidation.reverted_by = now, actor
    invalidation.save(update_fields=["reverted_at", "reverted_by"])
    row = bump_counts(petition.pk, online=restored)
    _journal(
        petition,
        "invalidation_reverted",
        "petition_invalidation_reverted",
        actor=actor,
        at=now,
        invalidation=invalidation.pk,
        count=restored,
    )
    maybe_reached(petition.pk, row, now=now, actor=actor)
    return invalidation
