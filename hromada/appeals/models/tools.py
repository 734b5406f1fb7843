"""The staff's tools around the register: saved list filters and queued imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.core import clock


class SavedFilter(models.Model):
    """Збережений фільтр: a staff member's named query of the appeal list, private to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_appeal_filters"
    )
    name = models.CharField(_("name"), max_length=100)
    #: The list's query string without the page ("status=in_progress&overdue=1"), as the list parsed it.
    query = models.CharField(_("query"), max_length=2000, blank=True)
    created = models.DateTimeField(_("created"), default=clock.now)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_filter_user_name_uniq")]

    def __str__(self) -> str:
        return self.name


class ImportJobState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("import job", "queued")
    RUNNING = "running", pgettext_lazy("import job", "running")
    DONE = "done", pgettext_lazy("import job", "done")
    FAILED = "failed", pgettext_lazy("import job", "failed")


class ImportFormat(models.TextChoices):
    JSONL = "jsonl", "JSON Lines"
    CSV = "csv", "CSV"


class ImportJob(models.Model):
    """Завдання імпорту: a batch uploaded on the import page, run by the task worker (a large batch would
    outlast the web server's timeout). Progress (lines done of the total) is written while the import's
    own transaction is still open; the report is kept as JSON when it ends."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("import job", "uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField(pgettext_lazy("import job", "file"), upload_to="imports/%Y/%m/", blank=True)
    file_name = models.CharField(pgettext_lazy("import job", "file name"), max_length=255)
    format = models.CharField(
        pgettext_lazy("import job", "format"), max_length=10, choices=ImportFormat.choices
    )
    skip_invalid = models.BooleanField(pgettext_lazy("import job", "skip invalid lines"), default=False)
    state = models.CharField(
        pgettext_lazy("import job", "state"),
        max_length=10,
        choices=ImportJobState.choices,
        default=ImportJobState.QUEUED,
    )
    lines_done = models.PositiveIntegerField(pgettext_lazy("import job", "lines done"), default=0)
    lines_total = models.PositiveIntegerField(
        pgettext_lazy("import job", "lines in all"), null=True, blank=True
    )
    report = models.JSONField(pgettext_lazy("import job", "report"), null=True, blank=True)
    error = models.TextField(pgettext_lazy("import job", "error"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("import job", "uploaded at"), default=clock.now)
    started_at = models.DateTimeField(pgettext_lazy("import job", "started at"), null=True, blank=True)
    finished_at = models.DateTimeField(pgettext_lazy("import job", "finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="appeals_importjob_by_user")]
        verbose_name = _("import of contact-center cards")
        verbose_name_plural = _("imports of contact-center cards")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in (ImportJobState.DONE, ImportJobState.FAILED)

    @property
    def percent(self) -> int:
        return min(100, self.lines_done * 100 // self.lines_total) if self.lines_total else 0
