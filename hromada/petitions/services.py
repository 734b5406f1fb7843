"""Електронні петиції: every change of a petition, one function each (Law art. 23-1, the charter).

Every state change is one transaction with one PetitionEvent; e-mails go after commit (notify.py).
Signing is the hot path (a viral petition: ~1,000 signatures a second): checks that need no lock come
first, then one INSERT (the partial unique constraint refuses a second live signature) and one
`UPDATE … SET signature_count = signature_count + 1 … RETURNING` that both keeps the counter exact and
tells whether this very signature reached the threshold. See README.md for the flow and the rules.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import (
    Conflict,
    DomainError,
    FieldError,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from hromada.core.models import CouncilSettings
from hromada.core.textsearch import search_key
from hromada.core.uploads import FileRefused, detect_content_type
from hromada.petitions import notify
from hromada.petitions.models import (
    PUBLIC_STATUSES,
    CharterSettings,
    Invalidation,
    NotReachedAction,
    PaperSignatures,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionStatus,
    Signature,
)
from hromada.reference.models import Topic
from hromada.residents.models import Resident

logger = logging.getLogger(__name__)

#: The charter is read on every signature: each process keeps it this long (a save here forgets it).
CHARTER_CACHE_KEY = "petitions:charter"
CHARTER_CACHE_SECONDS = 2
#: The system account that registers a petition as an appeal when the charter says "convert".
SYSTEM_USERNAME = "petitions"
#: The appeal kind a converted petition is registered as (Заява/клопотання: it asks for something).
CONVERTED_APPEAL_KIND = "application"

TITLE_MAX = 200
TEXT_MAX = 20_000


# --- the charter ---------------------------------------------------------------------------------


def charter() -> CharterSettings:
    """Положення про е-петиції: the one row (created with the defaults on first use), cached ≤ 2 s."""
    rules = cache.get(CHARTER_CACHE_KEY)
    if rules is None:
        rules = CharterSettings.objects.order_by("pk").first() or CharterSettings.objects.create()
        cache.set(CHARTER_CACHE_KEY, rules, CHARTER_CACHE_SECONDS)
    return rules


def _forget_charter(**kwargs: Any) -> None:
    cache.delete(CHARTER_CACHE_KEY)


post_save.connect(_forget_charter, sender=CharterSettings, dispatch_uid="petitions_forget_charter")


def _calendar():  # type: ignore[no-untyped-def]
    return CouncilSettings.load().calendar


def _today(now: dt.datetime) -> dt.date:
    return timezone.localtime(now).date()


# --- helpers -------------------------------------------------------------------------------------


def _event(
    petition: Petition | int, action: str, *, actor: User | None, at: dt.datetime, **data: Any
) -> None:
    petition_id = petition if isinstance(petition, int) else petition.pk
    PetitionEvent.objects.create(petition_id=petition_id, at=at, action=action, actor=actor, data=data)


def _locked(petition_id: int, *, drafts: bool = False) -> Petition:
    """The petition, locked. A draft exists only for its author (`drafts=True`): for anyone else it is
    not found, as on every page, so staff cannot learn which draft ids exist."""
    petition = Petition.objects.select_for_update().filter(pk=petition_id).first()
    if petition is None or (petition.status == PetitionStatus.DRAFT and not drafts):
        raise NotFound(_("No such petition."))
    return petition


def _require_role(actor: User, *roles: str) -> None:
    if not actor.has_role(*roles):
        raise PermissionDenied(_("Your role does not allow this."))


def _wrong_state(petition: Petition) -> Conflict:
    return Conflict(
        _("The petition is %(status)s: this is not possible now.")
        % {"status": petition.get_status_display()},
        code="wrong_state",
    )


def _search_text(petition: Petition) -> str:
    return search_key(petition.title, petition.text, petition.answer_text)


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


def _store_uploads(
    petition: Petition, uploads: Sequence[UploadedFile], *, part: str, now: dt.datetime
) -> list[PetitionAttachment]:
    """Файли петиції: the appeals' limits (size, count, type read from the content, not the name)."""
    limit = settings.HROMADA_ATTACHMENT_MAX_BYTES
    max_count = settings.HROMADA_ATTACHMENT_MAX_COUNT
    have = petition.attachments.filter(part=part).count() if uploads else 0
    stored = []
    for upload in uploads:
        name = upload.name or "file"
        if upload.size is None or upload.size > limit:
            message = _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
            raise ValidationFailed([FieldError("attachments", f"{name}: {message}", "too_large")])
        if have >= max_count:
            message = _("A petition may have at most %(n)s files.") % {"n": max_count}
            raise ValidationFailed([FieldError("attachments", message, "too_many")])
        try:
            content_type = detect_content_type(upload)
        except FileRefused as refused:
            error = FieldError("attachments", f"{name}: {refused.message}", refused.code)
            raise ValidationFailed([error]) from refused
        attachment = PetitionAttachment(
            petition=petition,
            part=part,
            original_name=name[:255],
            content_type=content_type,
            size=upload.size,
            uploaded_at=now,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()
        stored.append(attachment)
        have += 1
    return stored


def _own_editable(author: Resident, petition_id: int) -> Petition:
    petition = _locked(petition_id, drafts=True)
    if petition.author_id != author.pk:
        raise NotFound(_("No such petition."))
    if petition.status not in (PetitionStatus.DRAFT, PetitionStatus.RETURNED):
        raise _wrong_state(petition)
    return petition


def _require_confirmed(resident: Resident) -> None:
    if not resident.is_confirmed:
        raise PermissionDenied(_("Confirm your e-mail address first."), code="unconfirmed")


# --- the author ----------------------------------------------------------------------------------


@transaction.atomic
def create_draft(
    *, author: Resident, title: str, text: str, category: str, uploads: Sequence[UploadedFile] = ()
) -> Petition:
    """Чернетка петиції: the author's name and e-mail come from the confirmed account, not a form."""
    _require_confirmed(author)
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
    petition.search_text = _search_text(petition)
    petition.save()
    _store_uploads(petition, uploads, part=PetitionAttachment.Part.PETITION, now=now)
    _event(petition, "created", actor=None, at=now)
    return petition


@transaction.atomic
def update_draft(
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
    if errors:
        raise ValidationFailed(errors)
    now = clock.now()
    petition.title, petition.text, petition.category = title, text, topic  # type: ignore[assignment]
    petition.author_name, petition.author_email = author.full_name, author.email
    petition.updated_at = now
    petition.search_text = _search_text(petition)
    petition.save()
    _store_uploads(petition, uploads, part=PetitionAttachment.Part.PETITION, now=now)
    _event(petition, "edited", actor=None, at=now)
    return petition


@transaction.atomic
def submit(*, author: Resident, petition_id: int) -> Petition:
    """To moderation: due the N-th working day after the submission day (Friday → Tuesday for 2)."""
    _require_confirmed(author)
    petition = _own_editable(author, petition_id)
    now = clock.now()
    petition.status = PetitionStatus.MODERATION
    petition.submitted_at = now
    petition.moderation_due = _calendar().add_working_days(_today(now), charter().moderation_working_days)
    petition.moderation_reason = ""
    petition.updated_at = now
    petition.save()
    _event(petition, "submitted", actor=None, at=now, moderation_due=petition.moderation_due.isoformat())
    return petition


# --- moderation ----------------------------------------------------------------------------------


def _moderated(actor: User, petition_id: int) -> Petition:
    _require_role(actor, Role.MODERATOR)
    petition = _locked(petition_id)
    if petition.status != PetitionStatus.MODERATION:
        raise _wrong_state(petition)
    return petition


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed([FieldError("reason", _("Give the reason."), "required")])
    return reason


@transaction.atomic
def publish(*, actor: User, petition_id: int) -> Petition:
    """Оприлюднення: collection runs from today through today + collection_days (calendar days)."""
    petition = _moderated(actor, petition_id)
    rules = charter()
    now = clock.now()
    petition.status = PetitionStatus.COLLECTING
    petition.moderated_at, petition.moderated_by = now, actor
    petition.moderation_reason = ""
    petition.published_at = now
    petition.deadline = _today(now) + dt.timedelta(days=rules.collection_days)
    petition.threshold = rules.threshold
    petition.updated_at = now
    petition.save()
    _event(
        petition,
        "published",
        actor=actor,
        at=now,
        deadline=petition.deadline.isoformat(),
        threshold=rules.threshold,
    )
    notify.published(petition)
    return petition


@transaction.atomic
def return_for_edits(*, actor: User, petition_id: int, reason: str) -> Petition:
    """Back to the author with a reason (private to them); they may edit and submit again."""
    reason = _reason(reason)
    petition = _moderated(actor, petition_id)
    now = clock.now()
    petition.status = PetitionStatus.RETURNED
    petition.moderated_at, petition.moderated_by = now, actor
    petition.moderation_reason = reason
    petition.updated_at = now
    petition.save()
    _event(petition, "returned", actor=actor, at=now, reason=reason)
    notify.returned(petition)
    return petition


@transaction.atomic
def refuse(*, actor: User, petition_id: int, reason: str) -> Petition:
    """Відмова в оприлюдненні: final; the reason is published with the petition."""
    reason = _reason(reason)
    petition = _moderated(actor, petition_id)
    now = clock.now()
    petition.status = PetitionStatus.REFUSED
    petition.moderated_at, petition.moderated_by = now, actor
    petition.moderation_reason = reason
    petition.updated_at = now
    petition.save()
    _event(petition, "refused", actor=actor, at=now, reason=reason)
    notify.refused(petition)
    return petition


# --- counting ------------------------------------------------------------------------------------


def _bump(
    petition_id: int, *, online: int = 0, paper: int = 0, collecting_only: bool = False
) -> tuple | None:
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


def _maybe_reached(petition_id: int, row: tuple, *, now: dt.datetime, actor: User | None = None) -> bool:
    """The threshold transition: when the total first reaches the threshold while collecting. The
    `status = collecting` guard makes it happen once even if two paths get here."""
    online, paper, threshold, status = row
    if status != PetitionStatus.COLLECTING or not threshold or online + paper < threshold:
        return False
    answer_due = _calendar().add_working_days(_today(now), charter().answer_working_days)
    changed = Petition.objects.filter(pk=petition_id, status=PetitionStatus.COLLECTING).update(
        status=PetitionStatus.CONSIDERATION, threshold_reached_at=now, answer_due=answer_due, updated_at=now
    )
    if not changed:
        return False
    _event(
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


def _ip_key(ip: str) -> str:
    """HMAC of the address: equal addresses compare equal, the address itself is never stored."""
    if not ip:
        return ""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"petition-ip:" + ip.strip().lower().encode(), hashlib.sha256
    ).hexdigest()


def birth_date_of(resident: Resident) -> dt.date | None:
    """A verified birth date (id.gov.ua identity) wins over the declared one."""
    verified = (
        resident.identities.filter(birth_date__isnull=False)
        .order_by("-verified_at")
        .values_list("birth_date", flat=True)
        .first()
    )
    return verified or resident.birth_date


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years on `day`. Born on 29 February: in a common year the birthday is 28 February (the
    Civil Code, art. 254: a term ending on a date the month lacks ends on the month's last day)."""
    try:
        birthday = birth.replace(year=day.year)
    except ValueError:  # 29 February in a common year
        birthday = dt.date(day.year, 2, 28)
    return day.year - birth.year - (1 if day < birthday else 0)


def lives_in_community(address: str, settlements: str) -> bool:
    """The address names one of the settlements (one per line): case-insensitive, a whole word."""
    address = address.lower()
    for name in settlements.splitlines():
        name = name.strip().lower()
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", address):
            return True
    return False


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


def _not_collecting() -> Conflict:
    return Conflict(_("The petition is not collecting signatures."), code="not_collecting")


class _StoppedCollecting(Exception):
    """The counter UPDATE matched nothing: another signature ended the collection meanwhile."""


# --- residents signing ---------------------------------------------------------------------------


def sign(
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
    today = _today(now)
    _require_confirmed(signer)
    found = Petition.objects.filter(pk=petition_id).values_list("status", "deadline").first()
    if found is None or found[0] not in PUBLIC_STATUSES:
        # A draft, a petition on moderation or returned to its author is not found for signers, as
        # on its page: a "not collecting" would tell that a private petition with this id exists.
        raise NotFound(_("No such petition."))
    status, deadline = found
    if status != PetitionStatus.COLLECTING or deadline is None or today > deadline:
        raise _not_collecting()
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
            row = _bump(petition_id, online=1, collecting_only=True)
            if row is None:
                raise _StoppedCollecting
            _maybe_reached(petition_id, row, now=now)
    except IntegrityError:
        raise Conflict(_("You have already signed this petition."), code="already_signed") from None
    except _StoppedCollecting:
        raise _not_collecting() from None
    return signature


def withdraw(*, signer: Resident, petition_id: int) -> None:
    """Відкликання підпису: only while collecting; the person may sign again later."""
    now = clock.now()
    with transaction.atomic():
        petition = _locked(petition_id)
        if petition.status not in PUBLIC_STATUSES:
            raise NotFound(_("No such petition."))  # as in sign(): a private petition is not found
        if petition.status != PetitionStatus.COLLECTING or _today(now) > (petition.deadline or _today(now)):
            raise _not_collecting()
        live = Signature.objects.filter(
            petition_id=petition_id, signer=signer, withdrawn_at__isnull=True
        ).first()
        if live is None:
            raise NotFound(_("You have not signed this petition."), code="not_signed")
        if live.invalidation_id is not None:
            # Withdrawing would free the slot for a fresh (valid) signature: the invalidation stands.
            raise Conflict(_("Your signature was invalidated by the moderator."), code="invalidated")
        Signature.objects.filter(pk=live.pk).update(withdrawn_at=now)
        _bump(petition_id, online=-1)
        _event(petition_id, "withdrawn", actor=None, at=now, signature=live.pk)


# --- moderator's counting ------------------------------------------------------------------------


@transaction.atomic
def add_paper_signatures(*, actor: User, petition_id: int, count: int, protocol: str) -> PaperSignatures:
    """Підписи на папері with the protocol; counted in the total, so they may reach the threshold."""
    _require_role(actor, Role.MODERATOR)
    errors = []
    if not isinstance(count, int) or count < 1:
        errors.append(FieldError("count", _("Give a positive number of signatures."), "invalid"))
    protocol = (protocol or "").strip()
    if not protocol:
        errors.append(FieldError("protocol", _("Give the protocol reference."), "required"))
    if errors:
        raise ValidationFailed(errors)
    petition = _locked(petition_id)
    now = clock.now()
    if petition.status != PetitionStatus.COLLECTING:
        raise _not_collecting()
    batch = PaperSignatures.objects.create(
        petition=petition, count=count, protocol=protocol[:200], added_by=actor, added_at=now
    )
    row = _bump(petition_id, paper=count)
    _event(petition, "paper_added", actor=actor, at=now, count=count, protocol=protocol, batch=batch.pk)
    _maybe_reached(petition_id, row, now=now, actor=actor)  # type: ignore[arg-type]
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


@transaction.atomic
def invalidate(
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
    _require_role(actor, Role.MODERATOR)
    reason = (reason or "").strip()
    email_domain = (email_domain or "").strip().lower().lstrip("@")
    ip_key = (ip_key or "").strip()
    errors = _invalidation_errors(reason, signature_ids, email_domain, ip_key, signed_from, signed_to)
    if errors:
        raise ValidationFailed(errors)
    petition = _locked(petition_id)
    if petition.status not in (PetitionStatus.COLLECTING, PetitionStatus.CONSIDERATION):
        raise _wrong_state(petition)
    now = clock.now()
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
    invalidation = Invalidation.objects.create(
        petition=petition, reason=reason, created_by=actor, created_at=now
    )
    changed = Signature.objects.filter(
        criteria, petition_id=petition_id, withdrawn_at__isnull=True, invalidation__isnull=True
    ).update(invalidation=invalidation)
    invalidation.signature_total = changed
    invalidation.save(update_fields=["signature_total"])
    if changed:
        _bump(petition_id, online=-changed)
    criteria_data = {
        "signature_ids": [int(i) for i in signature_ids],
        "email_domain": email_domain,
        "ip_key": ip_key,
        "signed_from": signed_from.isoformat() if signed_from else "",
        "signed_to": signed_to.isoformat() if signed_to else "",
    }
    _event(
        petition,
        "invalidated",
        actor=actor,
        at=now,
        invalidation=invalidation.pk,
        count=changed,
        reason=reason,
        **criteria_data,
    )
    record_audit(
        actor=actor,
        action="petition_signatures_invalidated",
        object_type="petition",
        object_id=petition.pk,
        invalidation=invalidation.pk,
        count=changed,
        reason=reason,
        **criteria_data,
    )
    return invalidation


@transaction.atomic
def revert_invalidation(*, actor: User, invalidation_id: int) -> Invalidation:
    """Restore the signatures of an invalidation (those not withdrawn since); may reach the threshold."""
    _require_role(actor, Role.MODERATOR)
    invalidation = Invalidation.objects.filter(pk=invalidation_id).first()
    if invalidation is None:
        raise NotFound(_("No such invalidation."))
    petition = _locked(invalidation.petition_id)
    invalidation = Invalidation.objects.select_for_update().get(pk=invalidation_id)
    if invalidation.reverted_at is not None:
        raise Conflict(_("This invalidation was already reverted."), code="already_reverted")
    if petition.status not in (PetitionStatus.COLLECTING, PetitionStatus.CONSIDERATION):
        raise _wrong_state(petition)
    now = clock.now()
    restored = Signature.objects.filter(invalidation=invalidation, withdrawn_at__isnull=True).update(
        invalidation=None
    )
    invalidation.reverted_at, invalidation.reverted_by = now, actor
    invalidation.save(update_fields=["reverted_at", "reverted_by"])
    row = _bump(petition.pk, online=restored)
    _event(
        petition, "invalidation_reverted", actor=actor, at=now, invalidation=invalidation.pk, count=restored
    )
    record_audit(
        actor=actor,
        action="petition_invalidation_reverted",
        object_type="petition",
        object_id=petition.pk,
        invalidation=invalidation.pk,
        count=restored,
    )
    _maybe_reached(petition.pk, row, now=now, actor=actor)  # type: ignore[arg-type]
    return invalidation


# --- the answer ----------------------------------------------------------------------------------


@transaction.atomic
def answer(
    *,
    actor: User,
    petition_id: int,
    supported: bool,
    text: str,
    decision_url: str = "",
    uploads: Sequence[UploadedFile] = (),
) -> Petition:
    """Відповідь на петицію (the head): supported or not, with the text; published and e-mailed."""
    _require_role(actor, Role.HEAD)
    text = (text or "").strip()
    decision_url = (decision_url or "").strip()
    errors = []
    if supported is None:
        errors.append(FieldError("supported", _("Say whether the petition is supported."), "required"))
    if not text:
        errors.append(FieldError("text", _("Write the answer."), "required"))
    if decision_url and not re.match(r"^https?://\S+$", decision_url):
        errors.append(FieldError("decision_url", _("Enter a valid link (https://…)."), "invalid"))
    if errors:
        raise ValidationFailed(errors)
    petition = _locked(petition_id)
    if petition.status != PetitionStatus.CONSIDERATION:
        raise _wrong_state(petition)
    now = clock.now()
    petition.status = PetitionStatus.ANSWERED
    petition.answer_supported = bool(supported)
    petition.answer_text = text
    petition.answer_decision_url = decision_url
    petition.answered_at, petition.answered_by = now, actor
    petition.updated_at = now
    petition.search_text = _search_text(petition)
    petition.save()
    _store_uploads(petition, uploads, part=PetitionAttachment.Part.ANSWER, now=now)
    _event(petition, "answered", actor=actor, at=now, supported=bool(supported))
    notify.answered(petition)
    return petition


# --- the daily job -------------------------------------------------------------------------------


def _system_user() -> User:
    """The account that registers a not-supported-in-time petition as an appeal (created on demand)."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.REGISTRAR, "first_name": "Е-петиції", "is_active": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _convert(petition: Petition, now: dt.datetime) -> int:
    """Register the petition as an ordinary appeal (collective: its author plus the signatories)."""
    from hromada.appeals.door import AppealRegisterIn, register_appeal

    signatories = max(1, petition.total_count)
    item = AppealRegisterIn(
        channel="web",
        received_at=now,
        kind=CONVERTED_APPEAL_KIND,
        applicants=[{"name": petition.author_name, "email": petition.author_email}],
        signatories=signatories,
        issues=[{"topic": petition.category_id, "text": petition.text}],
        summary=f"{_('E-petition')} №{petition.pk}: {petition.title}"[:500],
    )
    # The author gets our letter about the conversion, not the registration one.
    appeal = register_appeal(item, actor=_system_user(), now=now, notify_authors=False)
    return appeal.pk


def close_expired(day: dt.date, *, today: dt.date) -> int:
    """Daily job: petitions collecting past their last day (deadline < `day`) are closed, or registered
    as appeals when the charter says so. A missed day (catch-up) does the same: the deadline is what
    counts, not the day the job happens to run. Returns how many petitions it closed or converted."""
    now = clock.now()
    action = charter().not_reached_action
    done = 0
    ids = list(
        Petition.objects.filter(status=PetitionStatus.COLLECTING, deadline__lt=day)
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)
    )
    for petition_id in ids:
        with transaction.atomic():
            petition = _locked(petition_id)
            if (
                petition.status != PetitionStatus.COLLECTING
                or petition.deadline is None
                or petition.deadline >= day
            ):
                continue
            petition.closed_at = now
            petition.updated_at = now
            problem = ""
            if action == NotReachedAction.CONVERT:
                try:
                    with transaction.atomic():
                        petition.converted_appeal_id = _convert(petition, now)
                except DomainError as exc:  # one bad petition must not stop the job every day after
                    logger.warning("Petition %s not registered as an appeal: %s", petition.pk, exc)
                    problem = str(exc)
            petition.status = (
                PetitionStatus.CONVERTED if petition.converted_appeal_id else PetitionStatus.CLOSED
            )
            petition.save()
            _event(
                petition,
                petition.status,
                actor=None,
                at=now,
                day=day.isoformat(),
                total=petition.total_count,
                appeal=petition.converted_appeal_id,
                conversion_problem=problem,
            )
            notify.closed(petition)
            done += 1
    return done
