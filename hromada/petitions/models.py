"""Електронні петиції: a resident's petition from draft to the council's published answer.

The counts are exact by construction: `Petition.signature_count` changes only inside the transaction
that inserts, withdraws, invalidates or restores a signature, and the database allows one live
signature per person and petition (a partial unique constraint).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hromada.core.models import SingletonSettings
from hromada.reference.models import Topic
from hromada.residents.models import Resident


class NotReachedAction(models.TextChoices):
    CLOSE = "close", _("close the petition")
    CONVERT = "convert", _("register it as an ordinary appeal")


class CharterSettings(SingletonSettings):
    """Положення про е-петиції зі статуту громади: threshold, period and who may sign. One row."""

    #: Read on every signature: each process keeps the row this long.
    CACHE_SECONDS = 2.0

    threshold = models.PositiveIntegerField(_("signatures needed"), default=250)
    collection_days = models.PositiveSmallIntegerField(_("collection period, days"), default=60)
    moderation_working_days = models.PositiveSmallIntegerField(_("moderation term, working days"), default=2)
    answer_working_days = models.PositiveSmallIntegerField(_("answer term, working days"), default=10)
    min_signer_age = models.PositiveSmallIntegerField(
        _("minimum age of a signer"), default=0, help_text=_("0: no age check; 18: adults only.")
    )
    residence_required = models.BooleanField(_("only residents of the community may sign"), default=False)
    residence_settlements = models.TextField(
        _("settlements of the community"),
        blank=True,
        help_text=_("One per line; a signer's declared or verified address must name one of them."),
    )
    not_reached_action = models.CharField(
        _("when the threshold is not reached"),
        max_length=10,
        choices=NotReachedAction.choices,
        default=NotReachedAction.CLOSE,
    )

    class Meta:
        verbose_name = _("petition rules of the charter")
        verbose_name_plural = _("petition rules of the charter")

    def __str__(self) -> str:
        return str(_("petition rules of the charter"))


class PetitionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    MODERATION = "moderation", _("on moderation")
    RETURNED = "returned", _("returned for edits")
    REFUSED = "refused", _("refused")
    COLLECTING = "collecting", _("collecting signatures")
    CONSIDERATION = "consideration", _("under consideration")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed: threshold not reached")
    CONVERTED = "converted", _("registered as an appeal")


#: The states the public sees (a draft, a petition on moderation or returned to its author are private).
PUBLIC_STATUSES = (
    PetitionStatus.COLLECTING,
    PetitionStatus.CONSIDERATION,
    PetitionStatus.ANSWERED,
    PetitionStatus.CLOSED,
    PetitionStatus.CONVERTED,
    PetitionStatus.REFUSED,
)


class Petition(models.Model):
    author = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="petitions")
    author_name = models.CharField(_("author's full name"), max_length=250)
    author_email = models.EmailField(_("author's e-mail"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    category = models.ForeignKey(Topic, on_delete=models.PROTECT, verbose_name=_("category"))
    status = models.CharField(
        _("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    moderation_due = models.DateField(_("moderation due"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Why it was returned (private to the author) or refused (public).
    moderation_reason = models.TextField(_("moderation reason"), blank=True)
    published_at = models.DateTimeField(_("collection started"), null=True, blank=True)
    deadline = models.DateField(_("collection ends"), null=True, blank=True)
    threshold = models.PositiveIntegerField(_("signatures needed"), null=True, blank=True)
    signature_count = models.PositiveIntegerField(_("valid online signatures"), default=0)
    paper_count = models.PositiveIntegerField(_("paper signatures"), default=0)
    threshold_reached_at = models.DateTimeField(_("threshold reached at"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answer_supported = models.BooleanField(_("supported"), null=True, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_decision_url = models.URLField(_("decision link"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    converted_appeal_id = models.BigIntegerField(_("appeal registered from it"), null=True, blank=True)
    #: Lower-cased title + text + answer, maintained by the services: case-insensitive search on
    #: SQLite too (its LIKE folds ASCII only).
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("e-petition")
        verbose_name_plural = _("e-petitions")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="petition_status_published_idx"),
            models.Index(fields=["status", "deadline"], name="petition_status_deadline_idx"),
            models.Index(fields=["status", "moderation_due"], name="petition_moderation_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in PetitionStatus]), name="petition_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def total_count(self) -> int:
        """What the public total shows: valid online signatures plus paper ones."""
        return self.signature_count + self.paper_count


class Signature(models.Model):
    """A person's signature. Withdrawn ones stay (with `withdrawn_at`) for the record; invalidated ones
    keep their slot, so an invalidated signer cannot simply sign again."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    signer = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="signatures")
    name = models.CharField(_("name"), max_length=250)
    signed_at = models.DateTimeField(_("signed at"))
    wants_updates = models.BooleanField(_("wants to hear of the answer"), default=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    invalidation = models.ForeignKey(
        "Invalidation", on_delete=models.PROTECT, null=True, blank=True, related_name="signatures"
    )
    #: HMAC of the signer's address (never the address itself) and the e-mail's domain: fraud checks.
    ip_key = models.CharField(max_length=64, blank=True)
    email_domain = models.CharField(max_length=253, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "signer"],
                condition=Q(withdrawn_at__isnull=True),
                name="signature_one_per_person",
            )
        ]
        indexes = [
            models.Index(fields=["petition", "signed_at"], name="signature_petition_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.name}"

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_at is None and self.invalidation_id is None


class Invalidation(models.Model):
    """A moderator's bulk invalidation of signatures with a reason; reversible (audited both ways)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="invalidations")
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    signature_total = models.PositiveIntegerField(_("signatures invalidated"), default=0)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reverted_at = models.DateTimeField(_("reverted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invalidation of signatures")
        verbose_name_plural = _("invalidations of signatures")

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.reason[:40]}"


class PaperSignatures(models.Model):
    """Підписи на папері: counted in the public total and shown separately, with the protocol."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="paper_batches")
    count = models.PositiveIntegerField(_("signatures"))
    protocol = models.CharField(_("protocol reference"), max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("paper signatures")
        verbose_name_plural = _("paper signatures")

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.count} ({self.protocol})"


class PetitionAttachment(models.Model):
    """A file of the petition (by its author) or of the answer (by staff); type sniffed from content."""

    class Part(models.TextChoices):
        PETITION = "petition", _("petition")
        ANSWER = "answer", _("answer")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    part = models.CharField(max_length=10, choices=Part.choices, default=Part.PETITION)
    file = models.FileField(upload_to="petitions/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.original_name


class PetitionEventAction(models.TextChoices):
    """What a journal entry records; the labels are the journal's words on the staff card."""

    CREATED = "created", _("Draft created")
    EDITED = "edited", _("Draft edited")
    SUBMITTED = "submitted", _("Submitted for moderation")
    PUBLISHED = "published", _("Published for signing")
    RETURNED = "returned", _("Returned for edits")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("A signature withdrawn by its signer")
    PAPER_ADDED = "paper_added", _("Paper signatures added")
    THRESHOLD_REACHED = "threshold_reached", _("Threshold reached: under consideration")
    INVALIDATED = "invalidated", _("Signatures invalidated")
    INVALIDATION_REVERTED = "invalidation_reverted", _("Invalidation reverted")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed: threshold not reached")
    CONVERTED = "converted", _("Registered as an appeal")


class PetitionEvent(models.Model):
    """Журнал петиції: who did what and when (moderation, thresholds, answers, invalidations).

    Append-only: database triggers (migration 0002) refuse UPDATE and DELETE. A petition, drafts
    included, is never deleted (no service does; a draft its author abandons simply stays a draft),
    so the petition is PROTECTed here instead of cascading into a refused DELETE."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    action = models.CharField(max_length=30, choices=PetitionEventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["petition", "at"], name="petition_event_idx")]
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")

    def __str__(self) -> str:
        return f"{self.petition_id} {self.action}"
