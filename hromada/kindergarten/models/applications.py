"""Заява на зарахування до ЗДО, its preferred institutions with positions, and the history of positions."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hromada.kindergarten.models.institutions import AgeGroup, Institution


class Benefit(models.TextChoices):
    NONE = "none", _("general")
    FIRST_IN_TURN = "first_in_turn", _("first in turn")
    OUT_OF_TURN = "out_of_turn", _("out of turn")


class BenefitStatus(models.TextChoices):
    CLAIMED = "claimed", _("claimed")
    CONFIRMED = "confirmed", _("confirmed")
    REFUSED = "refused", _("refused")


class Sex(models.IntegerChoices):
    """ISO/IEC 5218, as open data annex 42 `gender` wants it."""

    UNKNOWN = 0, _("not known")
    MALE = 1, _("boy")
    FEMALE = 2, _("girl")
    NOT_APPLICABLE = 9, _("not applicable")


class ApplicationStatus(models.TextChoices):
    ACTIVE = "active", _("in the queue")
    OFFERED = "offered", _("place offered")
    ENROLLED = "enrolled", _("enrolled")
    CANCELLED = "cancelled", _("cancelled")
    ARCHIVED = "archived", _("archived")


#: The statuses that hold positions in the queues (and one child may have only one such application).
QUEUED_STATUSES = (ApplicationStatus.ACTIVE, ApplicationStatus.OFFERED)


class Application(models.Model):
    """Заява на зарахування дитини до ЗДО (електронна черга)."""

    #: ДНЗ-2026-000123, given at filing (the row is inserted with a random placeholder, then numbered
    #: by its id in the same transaction).
    number = models.CharField(_("number"), max_length=20, unique=True)
    #: SHA-256 of the random public lookup code; the code itself is shown once, when filed.
    code_hash = models.CharField(max_length=64)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    child_surname = models.CharField(_("child's surname"), max_length=100)
    child_name = models.CharField(_("child's name"), max_length=100)
    child_patronymic = models.CharField(_("child's patronymic"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"))
    sex = models.PositiveSmallIntegerField(_("sex"), choices=Sex.choices, default=Sex.UNKNOWN)
    certificate_series = models.CharField(_("birth certificate series"), max_length=10)
    certificate_number = models.CharField(_("birth certificate number"), max_length=20)
    parent_name = models.CharField(_("parent's name"), max_length=250)
    parent_phone = models.CharField(_("parent's phone"), max_length=30)
    parent_email = models.EmailField(_("parent's e-mail"), blank=True)
    parent_address = models.CharField(_("parent's address"), max_length=300, blank=True)
    registered_in_community = models.BooleanField(_("registered in the community"), default=False)
    school_year = models.PositiveSmallIntegerField(_("desired school year"))
    start_month = models.PositiveSmallIntegerField(_("desired start month"), default=9)
    benefit = models.CharField(_("benefit"), max_length=20, choices=Benefit.choices, default=Benefit.NONE)
    benefit_status = models.CharField(
        _("benefit status"), max_length=20, choices=BenefitStatus.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.ACTIVE
    )
    filed_at = models.DateTimeField(_("filed at"))
    offer_preference = models.ForeignKey(
        "Preference", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_deadline = models.DateTimeField(null=True, blank=True)
    enrolled_group = models.ForeignKey(
        AgeGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="enrolled"
    )
    enrolled_at = models.DateTimeField(null=True, blank=True)
    #: When the application left the queue (enrolled, cancelled, archived) and why, for the parent.
    closed_at = models.DateTimeField(null=True, blank=True)
    status_note = models.CharField(_("note"), max_length=300, blank=True)
    #: Why staff confirmed or refused the benefit (shown to the parent).
    benefit_note = models.CharField(_("benefit note"), max_length=300, blank=True)
    #: When the "about to age out" letter went (once per application).
    aged_out_warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_series", "certificate_number"],
                condition=Q(status__in=["active", "offered"]),
                name="kindergarten_one_queued_application_per_child",
            )
        ]
        indexes = [
            # The daily jobs: open offers past their deadline; queued children by birth date.
            models.Index(fields=["status", "offer_deadline"], name="kindergarten_app_offer"),
            models.Index(fields=["status", "birth_date"], name="kindergarten_app_birth"),
        ]
        verbose_name = _("kindergarten application")
        verbose_name_plural = _("kindergarten applications")

    def __str__(self) -> str:
        return self.number

    #: The lookup code's letters: no 0/O, 1/I/L, so that it can be read aloud and typed from a letter.
    CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    CODE_LENGTH = 8

    @classmethod
    def new_code(cls) -> str:
        return "".join(secrets.choice(cls.CODE_ALPHABET) for _ in range(cls.CODE_LENGTH))

    @staticmethod
    def normalise_code(code: str) -> str:
        """Codes are typed by hand: any case, spaces and dashes ignored."""
        return "".join(ch for ch in (code or "").upper() if ch.isalnum())

    @classmethod
    def hash_code(cls, code: str) -> str:
        return hashlib.sha256(cls.normalise_code(code).encode()).hexdigest()

    @property
    def benefit_counts(self) -> bool:
        """Only a benefit whose document staff checked moves the application ahead."""
        return self.benefit != Benefit.NONE and self.benefit_status == BenefitStatus.CONFIRMED


class Preference(models.Model):
    """Бажаний ЗДО заяви: one queue the application stands in, with its position there.

    Every change of a position writes a new row version into EVERY index of this table (position is
    indexed, so no update is HOT), and one change can renumber thousands of rows; so the table keeps
    only the indexes it reads through: the queue (age_group, position) and the unique (application,
    institution), which also serves "the preferences of an application". The foreign keys get no
    index of their own (bench/kindergarten.py, docs/benchmarks.md)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="preferences", db_index=False
    )
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+", db_index=False)
    age_group = models.ForeignKey(
        AgeGroup, on_delete=models.PROTECT, related_name="preferences", db_index=False
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    #: 1..n among the queued applications of the age group; empty once the application left the queue.
    position = models.PositiveIntegerField(_("position"), null=True, blank=True)
    #: The position last told to the parent; a letter goes when it improves by
    #: HROMADA_KINDERGARTEN_NOTIFY_STEP or more.
    notified_position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["application", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "institution"], name="kindergarten_pref_once"),
        ]
        indexes = [models.Index(fields=["age_group", "position"], name="kindergarten_pref_queue")]
        verbose_name = _("preferred institution")
        verbose_name_plural = _("preferred institutions")

    def __str__(self) -> str:
        return f"{self.application_id} · {self.age_group_id} · {self.position}"


class PositionReason(models.TextChoices):
    FILED = "filed", _("an application was filed")
    BENEFIT_CONFIRMED = "benefit_confirmed", _("a benefit was confirmed")
    BENEFIT_REFUSED = "benefit_refused", _("a benefit was refused")
    PREFERENCES_CHANGED = "preferences_changed", _("preferred institutions were changed")
    CANCELLED = "cancelled", _("an application was cancelled")
    ENROLLED = "enrolled", _("a child was enrolled")
    OFFER = "offer", _("a place was offered or declined")
    ARCHIVED = "archived", _("a child aged out of the queue")


class PositionChange(models.Model):
    """Зміна місця в черзі: old → new position of one application in one queue, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="position_changes")
    preference = models.ForeignKey(
        Preference, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: No index of its own, nor on `cause`: history is read by application (see Meta.indexes) and
    #: written in thousands of rows by one change.
    age_group = models.ForeignKey(AgeGroup, on_delete=models.PROTECT, related_name="+", db_index=False)
    old_position = models.PositiveIntegerField(null=True, blank=True)
    new_position = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=30, choices=PositionReason.choices)
    #: The application whose change caused this one (itself, or the one that left or came in ahead).
    cause = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("position change")
        verbose_name_plural = _("position changes")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.old_position} → {self.new_position} ({self.reason})"
