"""Звернення: the appeal, its authors and its issues, as registered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.accounts.models import Department
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
    signed = models.BooleanField(
        _("signed and dated"),
        default=False,
        help_text=_("A letter bears the author's signature and date (Law art. 5); unsigned it is anonymous."),
    )
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
            # A found number or person (≤ 1,001 ids): ordered in the work-list order and checked against
            # the executor's lead department from this index alone. Reading the rows instead cost one
            # random page of the 2.4 GB table per appeal (0.3–0.8 s cold at a million appeals).
            models.Index(
                fields=["id"],
                name="appeal_found_order_idx",
                include=["priority", "due_date", "lead_department"],
            ),
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
    # Indexed below: by equality and order, and by prefix with the appeal for the search box.
    name_key = models.CharField(max_length=250)
    email_key = models.CharField(max_length=254, blank=True)
    phone_key = models.CharField(max_length=20, blank=True)
    address_key = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        # The registration form's search for earlier applicants by phone or e-mail (most rows have
        # neither, hence partial). The name prefix index carries the appeal so that the search box
        # finds a person's newest appeals from the index alone, with no read of the table's rows.
        indexes = [
            models.Index(fields=["name_key"], name="applicant_name_key_idx"),
            models.Index(
                fields=["name_key", "appeal"],
                name="applicant_name_prefix_idx",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
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
