"""Журнал подій: the append-only record of every step taken on an appeal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.appeals.models.appeal import Appeal


class AppealEventAction(models.TextChoices):
    """What a journal entry records; the labels are the journal's words on the staff card."""

    REGISTERED = "registered", _("Registered")
    RESOLVED = "resolved", _("Resolution given")
    EXTENDED = "extended", _("Term extended")
    EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
    EXTENSION_DECLINED = "extension_declined", _("Requested extension declined")
    FORWARDED = "forwarded", _("Forwarded to the competent body")
    NOTE = "note", _("Progress note added")
    DRAFT_ANSWER = "draft_answer", _("Draft answer added")
    REASSIGNED = "reassigned", _("Executor changed")
    ANSWERED = "answered", _("Answer given")
    CLOSED = "closed", _("Taken off control")
    REOPENED = "reopened", _("Returned for rework")
    AUTHOR_INFORMATION = "author_information", _("The author added information")
    ATTACHMENT = "attachment", _("File attached")


class AppealEvent(models.Model):
    """Подія журналу: who did what to the appeal, when, with the values before and after.

    Append-only: database triggers (see migrations) refuse UPDATE and DELETE on this table.
    """

    appeal = models.ForeignKey(Appeal, on_delete=models.DO_NOTHING, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=True,
    )
    at = models.DateTimeField()
    action = models.CharField(max_length=30, choices=AppealEventAction.choices)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["appeal", "at"], name="event_appeal_at_idx")]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
