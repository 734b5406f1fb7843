"""Reads of public questions and legal consultations: who sees which question (only here), the
public lists (only published rows, only columns that carry no personal data), the counts of the
dashboard and the annual report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from hromada.accounts.models import Role, User
from hromada.core.errors import NotFound
from hromada.core.textsearch import search_key
from hromada.questions.models import (
    PUBLIC_STATUSES,
    LegalConsultation,
    Question,
    QuestionEvent,
    QuestionStatus,
)

#: The columns a public page may read: no author name, no e-mail, no original text.
PUBLIC_QUESTION_FIELDS = (
    "id",
    "status",
    "topic_id",
    "author_initials",
    "published_text",
    "asked_at",
    "published_at",
    "department__name",
    "answer",
    "answer_signature",
    "answered_at",
)


def questions_visible_to(user: User) -> QuerySet[Question]:
    """The moderator sees every question; the head sees the published ones of every department; an
    executor sees the published ones of their own department; anyone else sees none."""
    qs = Question.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.role == Role.MODERATOR:
        return qs
    if user.role == Role.HEAD:
        return qs.filter(status__in=PUBLIC_STATUSES)
    if user.role == Role.EXECUTOR and user.department_id:
        return qs.filter(status__in=PUBLIC_STATUSES, department_id=user.department_id)
    return qs.none()


def get_question(user: User, question_id: int, *, for_update: bool = False) -> Question:
    """The question if `user` may see it; otherwise NotFound (never say that it exists)."""
    qs = questions_visible_to(user).filter(pk=question_id)
    if for_update:
        qs = (
            qs.select_for_update(of=("self",))
            if connection.features.has_select_for_update_of
            else qs.select_for_update()
        )
    else:
        qs = qs.select_related("department", "moderated_by", "answered_by", "answer_corrected_by")
    question = qs.first()
    if question is None:
        raise NotFound(_("Question not found."), field="id")
    return question


def question_events(question: Question) -> list[QuestionEvent]:
    return list(question.events.select_related("actor").order_by("at", "id"))


@dataclass(frozen=True)
class QuestionFilter:
    status: str = ""
    topic: str = ""
    department: str = ""


def staff_questions(user: User, f: QuestionFilter) -> QuerySet[Question]:
    """The staff list: what `user` may see, filtered, newest question first."""
    qs = questions_visible_to(user)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.topic:
        qs = qs.filter(topic_id=f.topic)
    if f.department:
        qs = qs.filter(department__code=f.department)
    return (
        qs.select_related("department")
        .only(
            "id",
            "status",
            "topic_id",
            "text",
            "published_text",
            "asked_at",
            "answered_at",
            "department__name",
            "department__code",
        )
        .order_by("-asked_at", "-id")
    )


def status_counts(user: User) -> dict[str, int]:
    """How many questions `user` sees in each state (one GROUP BY)."""
    rows = questions_visible_to(user).values("status").annotate(n=Count("id")).order_by()
    counts = {status: 0 for status in QuestionStatus.values}
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def awaiting_moderation_count() -> int:
    return Question.objects.filter(status=QuestionStatus.NEW).count()


def awaiting_answer_count(user: User) -> int:
    """Published questions still without an answer that `user` sees: the department's own for an
    executor, every department's for the head and the moderator."""
    return questions_visible_to(user).filter(status=QuestionStatus.PUBLISHED).count()


def answered_count(start: dt.datetime, end: dt.datetime) -> int:
    """Questions answered in [start, end): the annual report's "public questions answered"."""
    return Question.objects.filter(
        status=QuestionStatus.ANSWERED, answered_at__gte=start, answered_at__lt=end
    ).count()


# --- the public site ------------------------------------------------------------------------------


def public_questions(*, query: str = "", topic: str = "", status: str = "") -> QuerySet[Question]:
    """Published questions (awaiting and answered), newest publication first; `query` is looked for
    in the published question and the answer, case-insensitively (Cyrillic included)."""
    qs = Question.objects.filter(status__in=PUBLIC_STATUSES)
    key = search_key(query)
    if key:
        qs = qs.filter(search_text__contains=key)
    if topic:
        qs = qs.filter(topic_id=topic)
    if status in PUBLIC_STATUSES:
        qs = qs.filter(status=status)
    fields = [f for f in PUBLIC_QUESTION_FIELDS if f != "answer"]  # the list shows no answer text
    return qs.select_related("department").only(*fields).order_by("-published_at", "-id")


def public_question(question_id: int) -> Question | None:
    """One published question with its answer; None for a new or rejected one (the page says 404)."""
    return (
        Question.objects.filter(pk=question_id, status__in=PUBLIC_STATUSES)
        .select_related("department")
        .only(*PUBLIC_QUESTION_FIELDS)
        .first()
    )


def public_consultations(*, query: str = "", topic: str = "") -> QuerySet[LegalConsultation]:
    """Published consultations, newest first; `query` in the title, question and answer."""
    qs = LegalConsultation.objects.filter(is_published=True)
    key = search_key(query)
    if key:
        qs = qs.filter(search_text__contains=key)
    if topic:
        qs = qs.filter(topic_id=topic)
    return qs.only("id", "title", "question", "topic_id", "published_at").order_by("-published_at", "-id")


def public_consultation(consultation_id: int) -> LegalConsultation | None:
    return (
        LegalConsultation.objects.filter(pk=consultation_id, is_published=True)
        .only("id", "title", "question", "answer", "topic_id", "published_at", "updated_at")
        .first()
    )


def staff_consultations() -> QuerySet[LegalConsultation]:
    """Drafts and published consultations, the latest changed first."""
    return LegalConsultation.objects.select_related("updated_by").order_by("-updated_at", "-id")


def get_consultation(consultation_id: int, *, for_update: bool = False) -> LegalConsultation:
    qs = LegalConsultation.objects.filter(pk=consultation_id)
    if for_update:
        qs = qs.select_for_update()
    consultation = qs.first()
    if consultation is None:
        raise NotFound(_("Consultation not found."), field="id")
    return consultation


def question_ids_by_author_email(email: str, *, limit: int = 1000) -> list[int]:
    """The questions a person asked with this e-mail, for the administrator's audit page."""
    if not email:
        return []
    return list(
        Question.objects.filter(author_email__iexact=email)
        .order_by("-id")
        .values_list("id", flat=True)[:limit]
    )
