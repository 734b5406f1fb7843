"""Правова допомога: staff write lawyers' consultations as drafts, publish and unpublish them. Each
step writes an audit line (who changed which consultation); consultations hold no personal data, so
they need no event history of their own."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.accounts.models import User
from hromada.core import clock
from hromada.core.audit import record_audit
from hromada.core.errors import FieldError, PermissionDenied, ValidationFailed
from hromada.core.textsearch import search_key
from hromada.questions import permissions
from hromada.questions.errors import too_long
from hromada.questions.models import LegalConsultation
from hromada.questions.selectors import get_consultation
from hromada.reference import selectors as ref
from hromada.reference.models import Topic

TITLE_MAX = 250
TEXT_MAX = 20_000


def _check(actor: User) -> None:
    if not permissions.can_manage_legal_help(actor):
        raise PermissionDenied(_("Your role does not allow this action."))


def _clean(*, title: str, question: str, answer: str, topic: str) -> tuple[str, str, str, str | None]:
    title, question, answer, topic = title.strip(), question.strip(), answer.strip(), topic.strip()
    errors: list[FieldError] = []
    if not title:
        errors.append(FieldError("title", _("Give the title."), "required"))
    elif len(title) > TITLE_MAX:
        errors.append(FieldError("title", too_long(TITLE_MAX), "too_long"))
    for field, value, message in (
        ("question", question, _("Write the question.")),
        ("answer", answer, _("Write the answer.")),
    ):
        if not value:
            errors.append(FieldError(field, message, "required"))
        elif len(value) > TEXT_MAX:
            errors.append(FieldError(field, too_long(TEXT_MAX), "too_long"))
    if topic and topic not in ref.active(Topic):
        errors.append(FieldError("topic", _("Unknown topic “%(code)s”.") % {"code": topic}, "unknown"))
    if errors:
        raise ValidationFailed(errors)
    return title, question, answer, topic or None


def _audit(actor: User, action: str, consultation: LegalConsultation) -> None:
    record_audit(
        actor=actor,
        action=f"legal_help.{action}",
        object_type="legal_consultation",
        object_id=consultation.pk,
        title=consultation.title,
    )


@transaction.atomic
def create_consultation(
    *,
    actor: User,
    title: str,
    question: str,
    answer: str,
    topic: str = "",
    now: dt.datetime | None = None,
) -> LegalConsultation:
    """A new consultation, as a draft (nobody outside sees it until it is published)."""
    _check(actor)
    title, question, answer, topic_id = _clean(title=title, question=question, answer=answer, topic=topic)
    at = now or clock.now()
    consultation = LegalConsultation.objects.create(
        title=title,
        question=question,
        answer=answer,
        topic_id=topic_id,
        created_at=at,
        created_by=actor,
        updated_at=at,
        updated_by=actor,
        search_text=search_key(title, question, answer),
    )
    _audit(actor, "create", consultation)
    return consultation


@transaction.atomic
def update_consultation(
    *,
    actor: User,
    consultation_id: int,
    title: str,
    question: str,
    answer: str,
    topic: str = "",
    now: dt.datetime | None = None,
) -> LegalConsultation:
    """Change the texts; a published consultation stays published with the new texts."""
    _check(actor)
    consultation = get_consultation(consultation_id, for_update=True)
    title, question, answer, topic_id = _clean(title=title, question=question, answer=answer, topic=topic)
    consultation.title, consultation.question, consultation.answer = title, question, answer
    consultation.topic_id = topic_id
    consultation.updated_at = now or clock.now()
    consultation.updated_by = actor
    consultation.search_text = search_key(title, question, answer)
    consultation.save()
    _audit(actor, "update", consultation)
    return consultation


@transaction.atomic
def publish_consultation(
    *, actor: User, consultation_id: int, now: dt.datetime | None = None
) -> LegalConsultation:
    """On the public list at once; the first publication date is kept if it was published before."""
    return _set_published(actor, consultation_id, True, now)


@transaction.atomic
def unpublish_consultation(
    *, actor: User, consultation_id: int, now: dt.datetime | None = None
) -> LegalConsultation:
    """Off the public site (its page says 404); the texts stay as a draft."""
    return _set_published(actor, consultation_id, False, now)


def _set_published(
    actor: User, consultation_id: int, published: bool, now: dt.datetime | None
) -> LegalConsultation:
    """Publish or withdraw; a consultation already so is left as it is (nothing audited)."""
    _check(actor)
    consultation = get_consultation(consultation_id, for_update=True)
    if consultation.is_published != published:
        at = now or clock.now()
        consultation.is_published = published
        if published:
            consultation.published_at = consultation.published_at or at
        consultation.updated_at = at
        consultation.updated_by = actor
        consultation.save()
        _audit(actor, "publish" if published else "unpublish", consultation)
    return consultation
