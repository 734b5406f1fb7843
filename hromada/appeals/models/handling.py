"""Розгляд: what the staff add while an appeal is handled — resolution, assignments, notes,
answers, files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import Department
from hromada.appeals.models.appeal import Appeal


class Term(models.TextChoices):
    SHORT = "15d", _("15 days (no further study needed)")
    MONTH = "1m", _("1 month")
    DATE = "date", _("an explicit date")


class Resolution(models.Model):
    """Резолюція керівника: executors, term, instruction. Later resolutions supersede earlier ones."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="resolutions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lead_department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    lead_executor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    co_departments = models.ManyToManyField(Department, blank=True, related_name="+")
    term = models.CharField(max_length=10, choices=Term.choices)
    due_date = models.DateField()
    instruction = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.lead_department_id} до {self.due_date}"


class Assignment(models.Model):
    """Who executes the appeal now: the lead department and co-executors. Drives row-level access."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="assignments")
    is_lead = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appeal", "department"], name="assignment_appeal_department_uniq")
        ]
        indexes = [
            models.Index(fields=["department", "appeal"], name="assignment_department_idx"),
            # Co-executors only: an executor sees the appeals their department leads (the appeal's
            # lead_department, in the open work-list index) or co-executes (this small index).
            models.Index(
                fields=["department", "appeal"],
                name="assignment_co_executor_idx",
                condition=models.Q(is_lead=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} → {self.department_id}"


class NoteKind(models.TextChoices):
    PROGRESS = "progress", _("progress note")
    DRAFT_ANSWER = "draft_answer", _("draft answer")
    EXTENSION_REQUEST = "extension_request", _("extension request")


class Note(models.Model):
    """Хід виконання: an executor's progress note or draft answer."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=NoteKind.choices, default=NoteKind.PROGRESS)
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.kind}"


class Answer(models.Model):
    """Відповідь заявнику (Law arts. 15, 19). The per-issue results live on the issues."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.created_at:%Y-%m-%d}"


class Attachment(models.Model):
    """Вкладення: a scan or file of the appeal. Type is checked by content at upload."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="appeals/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.original_name
