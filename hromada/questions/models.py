"""Запитання до міської влади (public questions) and Правова допомога (legal help consultations)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import Department
from hromada.reference.models import Topic


class QuestionStatus(models.TextChoices):
    """new → published (awaiting the answer) → answered; new → rejected."""

    NEW = "new", _("awaiting moderation")
    PUBLISHED = "published", _("awaiting answer")
    ANSWERED = "answered", _("answered")
    REJECTED = "rejected", _("rejected")


#: The states in which a question is on the public list.
PUBLIC_STATUSES = (QuestionStatus.PUBLISHED, QuestionStatus.ANSWERED)


class Question(models.Model):
    """Запитання до міської влади: a resident asks, a moderator checks, a department answers, and the
    pair is published. The author's name and e-mail are personal data and never published: the
    public sees `author_initials` only."""

    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic"))
    author_name = models.CharField(_("author's full name"), max_length=250)
    author_email = models.CharField(_("author's e-mail"), max_length=254)
    #: "К. І. П.": derived when the question is asked; the only trace of the author that is published.
    author_initials = models.CharField(_("author's initials"), max_length=60, blank=True)
    text = models.TextField(_("question as asked"))
    #: What the public reads: the original unless the moderator edited it when publishing.
    published_text = models.TextField(_("question as published"), blank=True)
    asked_at = models.DateTimeField(_("asked at"))
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answering department"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    #: The answering department's name as it was when the answer was given (the answer's signature).
    answer_signature = models.CharField(_("answer signed by"), max_length=250, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answer_corrected_at = models.DateTimeField(_("answer corrected at"), null=True, blank=True)
    answer_corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer corrected by"),
    )
    #: Lower-cased published text and answer (core.textsearch.search_key), kept by the services: SQLite
    #: folds only ASCII case, so a case-insensitive Cyrillic search compares lower-cased text.
    search_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("public question")
        verbose_name_plural = _("public questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=QuestionStatus.values), name="question_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=PUBLIC_STATUSES)
                | models.Q(department__isnull=False, published_at__isnull=False),
                name="question_public_has_department",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=QuestionStatus.ANSWERED) | models.Q(answered_at__isnull=False),
                name="question_answered_has_date",
            ),
        ]
        indexes = [
            # The public list: published questions, newest first.
            models.Index(
                fields=["-published_at", "-id"],
                name="question_public_idx",
                condition=models.Q(status__in=PUBLIC_STATUSES),
            ),
            models.Index(fields=["status", "-asked_at"], name="question_status_asked_idx"),
            models.Index(fields=["answered_at"], name="question_answered_at_idx"),
        ]

    def __str__(self) -> str:
        return f"№{self.pk} ({self.get_status_display()})"


class QuestionAction(models.TextChoices):
    ASKED = "asked", _("asked")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    REROUTED = "rerouted", _("passed to another department")
    ANSWERED = "answered", _("answered")
    ANSWER_CORRECTED = "answer_corrected", _("answer corrected")


class QuestionEvent(models.Model):
    """Хід розгляду запитання: who did what and when. Written by the services only, never changed.

    Append-only: database triggers (migration 0002) refuse UPDATE and DELETE. A question is never
    deleted (a refused one stays, rejected, with its reason), so it is PROTECTed here instead of
    cascading into a refused DELETE."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=QuestionAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    at = models.DateTimeField(_("when"))
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question event")
        verbose_name_plural = _("question events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.action}"


class LegalConsultation(models.Model):
    """Правова допомога: a lawyer's consultation published for everyone. Written as a general
    question and answer, with no personal data by design."""

    title = models.CharField(_("title"), max_length=250)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    is_published = models.BooleanField(_("published"), default=False)
    #: The first publication: unpublishing to correct a text and publishing again keeps its place.
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    #: Lower-cased title, question and answer for the public search (see Question.search_text).
    search_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("legal consultation")
        verbose_name_plural = _("legal consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(published_at__isnull=False),
                name="consultation_published_has_date",
            )
        ]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                name="consultation_published_idx",
                condition=models.Q(is_published=True),
            )
        ]

    def __str__(self) -> str:
        return self.title
