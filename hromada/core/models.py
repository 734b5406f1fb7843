"""Council-wide settings and counters."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, TypeVar

from django.core.validators import RegexValidator
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from hromada.core.calendar import MARTIAL_LAW_START, WorkCalendar


class DueDateShift(models.TextChoices):
    PREVIOUS = "previous", _("to the previous working day")
    NEXT = "next", _("to the next working day")
    KEEP = "keep", _("keep the date")


class SingletonSettings(models.Model):
    """Settings kept in one row (налаштування одним рядком): `load()` gives the row, created with the
    defaults on first use, and keeps it in this process for `CACHE_SECONDS`. A change saved in this
    process is seen at once (`save()` forgets the kept row); other processes see it within that time.
    No signal: only `save()` changes the row (an `update()` on the table is not seen until it expires)."""

    #: How long a process keeps the row it read.
    CACHE_SECONDS = 5.0
    #: (monotonic time, row) per concrete class; set on the subclass by `load()`.
    _cached: tuple[float, Any] | None = None

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        type(self).forget()

    @classmethod
    def load(cls: type[S]) -> S:
        """The row, from this process's copy while it is fresh."""
        now = time.monotonic()
        hit = cls._cached
        if hit is not None and now - hit[0] <= cls.CACHE_SECONDS:
            return hit[1]
        obj = cls.objects.order_by("pk").first()  # type: ignore[attr-defined]
        if obj is None:
            obj, _created = cls.objects.get_or_create(pk=1)  # type: ignore[attr-defined]
        cls._cached = (now, obj)
        return obj

    @classmethod
    def forget(cls) -> None:
        """Read the row again on the next `load()` (after a save, and between tests)."""
        cls._cached = None


S = TypeVar("S", bound=SingletonSettings)


class CouncilSettings(SingletonSettings):
    """Налаштування ради: the domain's Rules, each a setting with the stated default (one row)."""

    council_name = models.CharField(_("council name"), max_length=200, default="Міська рада")
    martial_law = models.BooleanField(
        _("martial law"), default=True, help_text=_("While on, public holidays are working days.")
    )
    martial_law_since = models.DateField(_("martial law since"), default=MARTIAL_LAW_START)
    due_date_shift = models.CharField(
        _("due date on a non-working day"),
        max_length=10,
        choices=DueDateShift.choices,
        default=DueDateShift.PREVIOUS,
    )
    working_day_start = models.TimeField(_("working day starts"), default=dt.time(9, 0))
    working_day_end = models.TimeField(_("working day ends"), default=dt.time(18, 0))
    short_term_days = models.PositiveSmallIntegerField(_("short term, days"), default=15)
    max_term_days = models.PositiveSmallIntegerField(_("longest term with extensions, days"), default=45)
    forward_days = models.PositiveSmallIntegerField(_("forwarding limit, days"), default=5)
    register_start = models.DateField(
        _("register kept since"),
        null=True,
        blank=True,
        help_text=_(
            "The first day of this register. An appeal received earlier is registered only when the "
            "registrar confirms a late registration."
        ),
    )
    late_registration_days = models.PositiveSmallIntegerField(
        _("late registration after, days"),
        default=365,
        help_text=_(
            "An appeal received more days ago than this is registered only when the registrar confirms "
            "a late registration."
        ),
    )
    number_format = models.CharField(
        _("registration index format"),
        max_length=60,
        default="{prefix}-{seq}",
        help_text=_("Placeholders: {prefix} (surname letter, КО or БП), {seq}, {year}."),
    )
    # Бланк листа: what the answer letters (лист-відповідь) print in their letterhead and signature.
    letterhead_name = models.CharField(
        _("official name for letters"),
        max_length=300,
        blank=True,
        help_text=_(
            "As on the letterhead, e.g. “ВИКОНАВЧИЙ КОМІТЕТ … МІСЬКОЇ РАДИ”. Empty: the council name."
        ),
    )
    letterhead_address = models.CharField(_("postal address"), max_length=300, blank=True)
    letterhead_phone = models.CharField(_("phone"), max_length=100, blank=True)
    letterhead_email = models.EmailField(_("e-mail"), blank=True)
    letterhead_website = models.CharField(_("website"), max_length=200, blank=True)
    edrpou = models.CharField(
        _("EDRPOU code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("The EDRPOU code has 8 digits."))],
    )
    #: The community's code in the codifier of administrative-territorial units (КАТОТТГ), as open data
    #: (Resolution 835) asks for it: e.g. UA05020030000031843.
    katottg = models.CharField(
        _("KATOTTG code"),
        max_length=19,
        blank=True,
        validators=[RegexValidator(r"^UA\d{17}$", _("The KATOTTG code is UA and 17 digits."))],
    )
    letter_signatory_position = models.CharField(
        _("letters are signed by (position)"), max_length=200, default="Міський голова"
    )
    letter_signatory_name = models.CharField(
        _("letters are signed by (name)"),
        max_length=200,
        blank=True,
        help_text=_("As letters write it: first name and SURNAME, e.g. “Іван ПЕТРЕНКО”."),
    )

    class Meta:
        verbose_name = _("council settings")
        verbose_name_plural = _("council settings")

    def __str__(self) -> str:
        return self.council_name

    def earliest_received(self, today: dt.date) -> dt.date:
        """The earliest receipt date registered without a confirmed late registration: the later of
        the register's start and `late_registration_days` before today."""
        earliest = today - dt.timedelta(days=self.late_registration_days)
        if self.register_start is not None and self.register_start > earliest:
            return self.register_start
        return earliest

    @property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar(martial_law=self.martial_law, martial_law_since=self.martial_law_since)


class Counter(models.Model):
    """A gap-free yearly sequence (registration numbers). Taken with one atomic UPDATE ... RETURNING."""

    name = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="counter_name_year_uniq")]

    def __str__(self) -> str:
        return f"{self.name}/{self.year}={self.value}"

    @classmethod
    def take(cls, name: str, year: int, count: int = 1) -> int:
        """Reserve `count` numbers and return the first. Must run inside the caller's transaction,
        so that a rolled-back registration gives its numbers back (no gaps)."""
        assert transaction.get_connection().in_atomic_block, "Counter.take needs a transaction"
        table = cls._meta.db_table
        sql = f"UPDATE {table} SET value = value + %s WHERE name = %s AND year = %s RETURNING value"
        with connection.cursor() as cursor:
            cursor.execute(sql, [count, name, year])
            row = cursor.fetchone()
            if row is None:  # first number of the year
                cls.objects.get_or_create(name=name, year=year)
                cursor.execute(sql, [count, name, year])
                row = cursor.fetchone()
        return int(row[0]) - count + 1


class AuditEntry(models.Model):
    """Журнал дій: reads and exports of personal data and other staff actions that are not a state
    change of a domain object (those have their own event history, e.g. AppealEvent)."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("who")
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=60, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
            # "Who looked at this person's data": every entry about one record, newest first …
            models.Index(fields=["object_type", "object_id", "at"], name="audit_object_at_idx"),
            # … and everything one member of staff did.
            models.Index(fields=["actor", "at"], name="audit_actor_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.action}"


class RateLimitCount(models.Model):
    """How many attempts one hashed key (IP, e-mail, e-mail domain; never stored raw) made in one
    bucket of time (a tenth of the limit's window) for one `scope` (filing, tracking, signing…).

    A check reads at most the window's ten buckets and a hit increments one row, so their cost does not
    grow with the traffic — a viral petition's "gmail.com" has one row per bucket, not one per signature.
    """

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    bucket = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "portal_ratelimitcount"  # created by the portal's migrations, moved here in 0006
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "bucket"], name="portal_ratelimit_bucket_unique")
        ]
        indexes = [models.Index(fields=["scope", "bucket"], name="portal_ratelimit_purge_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.bucket}: {self.count}"
