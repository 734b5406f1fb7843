"""Пільга: staff check the document; only a confirmed benefit moves the application ahead, a refused
one leaves it in the general queue."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core.errors import FieldError, ValidationFailed
from hromada.kindergarten import notify
from hromada.kindergarten.errors import NoBenefitClaimed, WrongApplicationStatus
from hromada.kindergarten.models import QUEUED_STATUSES, Application, Benefit, BenefitStatus, PositionReason
from hromada.kindergarten.services.common import audit, group_ids_of, lock_application, require_manager
from hromada.kindergarten.services.queue import benefit_rank, recompute_queues

NOTE_MAX = 300


def confirm_benefit(*, actor: User, application: Application, note: str = "") -> Application:
    """The document is in order: the benefit counts from now on."""
    return _decide(actor, application, BenefitStatus.CONFIRMED, note)


def refuse_benefit(*, actor: User, application: Application, note: str) -> Application:
    """The document is missing or does not prove the benefit (the note says why, to the parent)."""
    if not (note or "").strip():
        raise ValidationFailed([FieldError("note", _("Say why the benefit is refused."), "required")])
    return _decide(actor, application, BenefitStatus.REFUSED, note)


def _decide(actor: User, application: Application, decision: str, note: str) -> Application:
    require_manager(actor)
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed([FieldError("note", _("The value is too long."), "too_long")])
    with transaction.atomic():
        application = lock_application(application)
        if application.benefit == Benefit.NONE:
            raise NoBenefitClaimed()
        if application.status not in QUEUED_STATUSES or application.benefit_status == decision:
            raise WrongApplicationStatus()
        before = benefit_rank(application.benefit, application.benefit_status)
        application.benefit_status = decision
        application.benefit_note = note
        application.save(update_fields=["benefit_status", "benefit_note"])
        if benefit_rank(application.benefit, decision) != before:  # a claimed → refused one stays put
            reason = (
                PositionReason.BENEFIT_CONFIRMED
                if decision == BenefitStatus.CONFIRMED
                else PositionReason.BENEFIT_REFUSED
            )
            recompute_queues(group_ids_of(application), reason=reason, cause=application, locked=True)
        audit(actor, f"benefit_{decision}", application, note=note)
        notify.benefit_decided(application)
    return application
