"""Особистий прийом громадян (Law 393/96-ВР art. 22): who receives, when, and who booked.

A reception's slots are not rows: they follow from the official's weekly hours, the exceptions and
the council calendar (`slots.py`). A booking holds (official, day, start); the database refuses a
second live booking of the same slot, whatever the concurrency. Walk-ins have no start.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """The secret of a booking's cancellation link (in the letter only)."""
    return secrets.token_urlsafe(24)


class Official(models.Model):
    """Посадова особа, що веде особистий прийом: the mayor, a deputy, a department head."""

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=250)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("the official's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="receptions_held",
        help_text=_("The official sees the day page of their own receptions."),
    )
    place = models.CharField(_("place"), max_length=250)
    topics = models.ManyToManyField("reference.Topic", verbose_name=_("topics taken"), blank=True)
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per visitor"), default=15, validators=[MinValueValidator(5), MaxValueValidator(120)]
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_suspended = models.BooleanField(_("receptions suspended"), default=False)
    suspension_reason = models.CharField(_("public reason of the suspension"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order on the page"), default=100)

    class Meta:
        ordering = ["order", "full_name"]
        verbose_name = _("receiving official")
        verbose_name_plural = _("receiving officials")

    def __str__(self) -> str:
        return f"{self.full_name}, {self.position}"


class ReceptionHours(models.Model):
    """Графік прийому: one weekday's hours of an official, from a date (and until one)."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)], help_text=_("0 is Monday, 6 is Sunday.")
    )
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["weekday", "starts"]
        verbose_name = _("reception hours")
        verbose_name_plural = _("reception hours")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="reception_hours_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.official_id} {self.weekday} {self.starts:%H:%M}–{self.ends:%H:%M}"


class ExceptionKind(models.TextChoices):
    HOLIDAY = "holiday", _("holiday")
    LEAVE = "leave", _("leave")
    CANCELLED = "cancelled", _("reception cancelled")
    EXTRA = "extra", _("extra reception day")


class ScheduleException(models.Model):
    """Виняток графіка: a day with no reception (holiday, leave) or a one-off extra one."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="exceptions")
    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=10, choices=ExceptionKind.choices)
    starts = models.TimeField(_("from"), null=True, blank=True)
    ends = models.TimeField(_("until"), null=True, blank=True)
    reason = models.CharField(_("public note"), max_length=300, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("schedule exception")
        verbose_name_plural = _("schedule exceptions")
        constraints = [
            models.UniqueConstraint(fields=["official", "day"], name="one_exception_per_official_day"),
            models.CheckConstraint(
                condition=~Q(kind="extra") | (Q(starts__isnull=False) & Q(ends__gt=models.F("starts"))),
                name="extra_day_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y} {self.get_kind_display()}"


class BookingChannel(models.TextChoices):
    PORTAL = "portal", _("portal")
    PHONE = "phone", _("by phone")
    WALK_IN = "walk_in", _("walk-in")


class ReceptionBookingStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CAME = "came", _("came")
    NOT_CAME = "not_came", _("did not come")
    CANCELLED = "cancelled", _("cancelled")


#: A booking that holds its slot.
HOLDING = ("booked", "came", "not_came")


class ReceptionBooking(models.Model):
    """Запис на особистий прийом: a visitor of one official's reception on one day."""

    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="bookings")
    day = models.DateField(_("day"))
    starts = models.TimeField(_("time"), null=True, blank=True, help_text=_("Empty for a walk-in."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReceptionBookingStatus.choices,
        default=ReceptionBookingStatus.BOOKED,
    )
    channel = models.CharField(_("booked"), max_length=10, choices=BookingChannel.choices)
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    topic = models.ForeignKey("reference.Topic", verbose_name=_("topic"), on_delete=models.PROTECT)
    question = models.TextField(_("the question in brief"), max_length=2000, blank=True)
    category = models.ForeignKey(
        "reference.AuthorCategory",
        verbose_name=_("priority category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("booked at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    arrived_at = models.DateTimeField(_("marked at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    appeal_id = models.PositiveIntegerField(_("registered appeal"), null=True, blank=True)
    result = models.TextField(_("result of the reception"), max_length=2000, blank=True)
    token = models.CharField(max_length=40, default=new_token, unique=True, editable=False)

    class Meta:
        ordering = ["day", "starts", "created_at"]
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")
        constraints = [
            # No two live bookings of one slot (a cancelled one frees it): the database decides.
            models.UniqueConstraint(
                fields=["official", "day", "starts"],
                condition=Q(starts__isnull=False) & Q(status__in=HOLDING),
                name="one_live_booking_per_reception_slot",
            )
        ]
        indexes = [models.Index(fields=["day", "official"], name="reception_booking_day")]

    def __str__(self) -> str:
        return f"{self.official} {self.day} {self.starts or ''}"
