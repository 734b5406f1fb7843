"""Звернення громадян (Law of Ukraine No. 393/96-ВР) and everything that happens to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hromada.accounts.models import Department
from hromada.core import clock
from hromada.reference.models import (
    AuthorCategory,
    Channel,
    Feature,
    Kind,
    Result,
    Sex,
    SocialStatus,
    Subject,
    Topic,
)


class Status(models.TextChoices):
    """Стан звернення. registered → in_progress → answered → closed; forwarded and closed may reopen."""

    REGISTERED = "registered", _("registered, awaiting resolution")
    IN_PROGRESS = "in_progress", _("in progress")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")
    FORWARDED = "forwarded", _("forwarded")


#: States in which the term runs: an appeal in them past its due date is overdue.
OPEN_STATUSES = (Status.REGISTERED, Status.IN_PROGRESS)


class Appeal(models.Model):
    """Звернення: one registered appeal (letter, call, e-appeal, contact-center card…)."""

    year = models.PositiveSmallIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("sequence number"))
    number = models.CharField(_("registration index"), max_length=40, db_index=True)
    # No single-column indexes on the vocabulary codes: a dozen values over millions of rows, never
    # searched alone; each index cost every registration and import (and misled the planner into
    # bitmap scans of a third of the table). The work-list indexes below carry what lists need.
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, db_index=False, verbose_name=_("channel"))
    kind = models.ForeignKey(Kind, on_delete=models.PROTECT, db_index=False, verbose_name=_("kind"))
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, db_index=False, verbose_name=_("subject"))
    feature = models.ForeignKey(Feature, on_delete=models.PROTECT, db_index=False, verbose_name=_("feature"))
    signatories = models.PositiveIntegerField(_("signatories"), default=1)
    received_at = models.DateTimeField(_("received at"))
    registered_on = models.DateField(_("registration date"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    priority = models.BooleanField(_("priority author"), default=False)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    text = models.TextField(_("full text"), blank=True)
    external_id = models.CharField(_("external number"), max_length=100, blank=True)
    repeated_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name=_("repeats appeal"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicates appeal"),
    )
    lead_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead department"),
    )
    lead_executor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead executor"),
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=250, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    #: An executor's pending request for a longer term (the head extends or declines it).
    extension_requested_until = models.DateField(_("extension requested until"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # a handful of registrars; never searched by
    )
    #: HMAC-SHA256 of the author's secret tracking code (e-appeals); the code itself is never stored.
    tracking_code_hash = models.CharField(max_length=64, blank=True)
    # Derived at registration, for detection and search; never shown.
    text_hash = models.CharField(max_length=40, blank=True)  # compared in memory, never looked up
    search_lemmas = models.TextField(blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="appeal_year_seq_uniq"),
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~models.Q(external_id=""),
                name="appeal_channel_external_id_uniq",
            ),
            models.CheckConstraint(condition=models.Q(signatories__gte=1), name="appeal_signatories_gte_1"),
        ]
        indexes = [
            models.Index(fields=["registered_on"], name="appeal_registered_on_idx"),
            models.Index(fields=["received_at"], name="appeal_received_at_idx"),
            models.Index(fields=["status", "due_date"], name="appeal_status_due_idx"),
            models.Index(fields=["-priority", "due_date", "-id"], name="appeal_worklist_idx"),
            # The open appeals (a few percent of the register) in work-list order, with what list
            # filters test: overdue and in-progress lists read only this, never the whole register.
            models.Index(
                fields=["-priority", "due_date", "-id"],
                name="appeal_open_worklist_idx",
                condition=models.Q(status__in=OPEN_STATUSES),
                include=["status", "channel", "lead_department"],
            ),
            models.Index(fields=["external_id"], name="appeal_external_id_idx"),
            models.Index(
                fields=["extension_requested_until"],
                name="appeal_extension_request_idx",
                condition=models.Q(extension_requested_until__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Applicant(models.Model):
    """Автор звернення (заявник). Personal data: shown only to staff whose role allows it."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="applicants")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("full name"), max_length=250)
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    # Vocabulary codes, never searched alone (see Appeal.channel): no indexes.
    sex = models.ForeignKey(
        Sex, on_delete=models.PROTECT, null=True, blank=True, db_index=False, verbose_name=_("sex")
    )
    social_status = models.ForeignKey(
        SocialStatus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
        verbose_name=_("social status"),
    )
    categories = models.ManyToManyField(AuthorCategory, blank=True, verbose_name=_("author categories"))
    # Normalised keys that identify "the same person" for repeated and duplicate appeals.
    name_key = models.CharField(max_length=250, db_index=True)
    email_key = models.CharField(max_length=254, blank=True)
    phone_key = models.CharField(max_length=20, blank=True)
    address_key = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        # The registration form's search for earlier applicants by phone or e-mail (most rows have
        # neither, hence partial).
        indexes = [
            models.Index(
                fields=["phone_key"], name="applicant_phone_key_idx", condition=~models.Q(phone_key="")
            ),
            models.Index(
                fields=["email_key"], name="applicant_email_key_idx", condition=~models.Q(email_key="")
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Issue(models.Model):
    """Питання: one question raised by an appeal, with its own topic and result."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="issues")
    position = models.PositiveSmallIntegerField(default=1)
    # Searched through issue_topic_appeal_idx (topic first), so no index of its own.
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, db_index=False, verbose_name=_("topic"))
    text = models.TextField(_("text"), blank=True)
    result = models.ForeignKey(
        Result, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("result")
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["appeal_id", "position"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        indexes = [models.Index(fields=["topic", "appeal"], name="issue_topic_appeal_idx")]

    def __str__(self) -> str:
        return f"{self.position}. {self.topic_id}"


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

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=255)
    format = models.CharField(max_length=10, choices=ImportFormat.choices)
    skip_invalid = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=ImportJobState.choices, default=ImportJobState.QUEUED)
    lines_done = models.PositiveIntegerField(default=0)
    lines_total = models.PositiveIntegerField(null=True, blank=True)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="appeals_importjob_by_user")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in (ImportJobState.DONE, ImportJobState.FAILED)

    @property
    def percent(self) -> int:
        return min(100, self.lines_done * 100 // self.lines_total) if self.lines_total else 0
