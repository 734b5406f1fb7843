"""Сповіщення: every e-mail the council sends, and the once-a-day marks of scheduled jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core import clock


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Notification(models.Model):
    """Сповіщення: one e-mail to one recipient — who, what, about which object, delivered or not.

    `failed` with a `next_attempt_at` means a retry is scheduled; `failed` without it means the
    attempts are used up."""

    recipient = models.EmailField(_("recipient"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="notification_object_idx"),
            models.Index(fields=["recipient", "created_at"], name="notification_recipient_idx"),
            models.Index(
                fields=["status", "created_at"],
                name="notification_unsent_idx",
                condition=~models.Q(status="sent"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient}"


class ScheduledRun(models.Model):
    """A daily job done for one day. The unique (job, day) row is the lock: whichever worker inserts it
    first runs the job for that day; every other worker's insert fails and it skips."""

    job = models.CharField(_("job"), max_length=60)
    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("started at"), default=clock.now)
    #: False when a missed day was caught up only for the record (a stale digest is not sent).
    performed = models.BooleanField(_("performed"), default=True)
    queued = models.PositiveIntegerField(_("e-mails queued"), default=0)

    class Meta:
        ordering = ["-day", "job"]
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="scheduled_run_job_day_uniq")]

    def __str__(self) -> str:
        return f"{self.job} {self.day:%d.%m.%Y}"
