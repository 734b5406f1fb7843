"""Residents signing (the hot path: ~1,000 signatures a second on a viral petition).

Checks that need no lock come first, then one INSERT (the partial unique constraint refuses a second
live signature) and one counter UPDATE that both keeps the count exact and tells whether this very
signature reached the threshold."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hromada.core import clock
from hromada.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
)
from hromada.petitions.errors import StoppedCollecting, not_collecting
from hromada.petitions.models import (
    PUBLIC_STATUSES,
    CharterSettings,
    Petition,
    PetitionStatus,
    Signature,
)
from hromada.petitions.services.common import (
    bump_counts,
    charter,
    local_day,
    locked_petition,
    maybe_reached,
    record_event,
    require_confirmed,
)
from hromada.residents.eligibility import age_on, birth_date_of, lives_in_community
from hromada.residents.models import Resident


def _ip_key(ip: str) -> str:
    """HMAC of the address: equal addresses compare equal, the address itself is never stored."""
    if not ip:
        return ""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"petition-ip:" + ip.strip().lower().encode(), hashlib.sha256
    ).hexdigest()


def _check_signer(rules: CharterSettings, signer: Resident, today: dt.date) -> None:
    if rules.min_signer_age:
        birth = birth_date_of(signer)
        if birth is None or age_on(birth, today) < rules.min_signer_age:
            raise PermissionDenied(
                _("Only residents aged %(age)s or older may sign; give your birth date in your profile.")
                % {"age": rules.min_signer_age},
                code="under_age",
            )
    if rules.residence_required and not lives_in_community(signer.address, rules.residence_settlements):
        raise PermissionDenied(
            _("Only residents of the community may sign; give your address in your profile."),
            code="not_resident",
        )


def sign_petition(
    *,
    signer: Resident,
    petition_id: int,
    wants_updates: bool = False,
    ip: str = "",
    now: dt.datetime | None = None,
) -> Signature:
    """Підпис: lock-free checks, then INSERT + counter UPDATE in one short transaction (3 queries).

    A second live signature of the same person is refused by the partial unique constraint; the
    IntegrityError rolls back this transaction (a savepoint when the caller has one) → 409."""
    now = now or clock.now()
    today = local_day(now)
    require_confirmed(signer)
    found = Petition.objects.filter(pk=petition_id).values_list("status", "deadline").first()
    if found is None or found[0] not in PUBLIC_STATUSES:
        # A draft, a petition on moderation or returned to its author is not found for signers, as
        # on its page: a "not collecting" would tell that a private petition with this id exists.
        raise NotFound(_("No such petition."))
    status, deadline = found
    if status != PetitionStatus.COLLECTING or deadline is None or today > deadline:
        raise not_collecting()
    _check_signer(charter(), signer, today)
    email = signer.email or ""
    signature = Signature(
        petition_id=petition_id,
        signer=signer,
        name=signer.full_name,
        signed_at=now,
        wants_updates=wants_updates,
        ip_key=_ip_key(ip),
        email_domain=email.rpartition("@")[2].lower() if "@" in email else "",
    )
    try:
        with transaction.atomic():
            signature.save(force_insert=True)
            row = bump_counts(petition_id, online=1, collecting_only=True)
            if row is None:
                raise StoppedCollecting
            maybe_reached(petition_id, row, now=now)
    except IntegrityError:
        raise Conflict(_("You have already signed this petition."), code="already_signed") from None
    except StoppedCollecting:
        raise not_collecting() from None
    return signature


def withdraw_signature(*, signer: Resident, petition_id: int) -> None:
    """Відкликання підпису: only while collecting; the person may sign again later."""
    now = clock.now()
    with transaction.atomic():
        petition = locked_petition(petition_id)
        if petition.status not in PUBLIC_STATUSES:
            raise NotFound(_("No such petition."))  # as in sign_petition(): a private petition is not found
        if petition.status != PetitionStatus.COLLECTING or local_day(now) > (
            petition.deadline or local_day(now)
        ):
            raise not_collecting()
        live = Signature.objects.filter(
            petition_id=petition_id, signer=signer, withdrawn_at__isnull=True
        ).first()
        if live is None:
            raise NotFound(_("You have not signed this petition."), code="not_signed")
        if live.invalidation_id is not None:
            # Withdrawing would free the slot for a fresh (valid) signature: the invalidation stands.
            raise Conflict(_("Your signature was invalidated by the moderator."), code="invalidated")
        Signature.objects.filter(pk=live.pk).update(withdrawn_at=now)
        bump_counts(petition_id, online=-1)
        record_event(petition_id, "withdrawn", actor=None, at=now, signature=live.pk)
