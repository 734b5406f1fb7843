"""Центр надання адміністративних послуг (ЦНАП): services, windows, e-booking and the live queue.

A booking claims grid steps of one window's day (`SlotClaim`, unique per window, day and minute):
a visit of 30 minutes on a 15-minute grid holds two claims, and a second booking of any overlapping
time fails on the unique index, whatever the concurrency. A person's limits are counted under a
lock on their `CentrePerson` row. On the day every visitor holds a `QueueTicket`: a booked one from
check-in, a walk-in (or a late booker) from the kiosk.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: Codes are read aloud and typed at a kiosk: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_code() -> str:
    """A short booking code (31**6 ≈ 887 million: guessing one is not a way in)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(24)


class CentreService(models.Model):
    """Адміністративна послуга ЦНАП, as the catalogue shows it."""

    code = models.CharField(_("code"), max_length=40, unique=True, help_text=_("E.g. КУБГ2004."))
    name = models.CharField(_("name"), max_length=400)
    group = models.CharField(_("group"), max_length=200)
    documents = models.TextField(_("documents to bring"), blank=True)
    minutes = models.PositiveSmallIntegerField(
        _("minutes per visit"), default=15, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    fee = models.DecimalField(_("administrative fee, UAH"), max_digits=10, decimal_places=2, default=0)
    authority = models.CharField(_("the authority that decides"), max_length=300, blank=True)
    authority_code = models.CharField(_("EDRPOU code of the authority"), max_length=10, blank=True)
    is_bookable = models.BooleanField(_("booked online"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["group", "name"]
        verbose_name = _("administrative service")
        verbose_name_plural = _("administrative services")

    def __str__(self) -> str:
        return self.name


class Window(models.Model):
    """Вікно (робоче місце адміністратора ЦНАП): where visitors are served, and which services."""

    number = models.CharField(_("window"), max_length=10, unique=True)
    administrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("administrator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="centre_windows",
    )
    services = models.ManyToManyField(CentreService, verbose_name=_("services"), related_name="windows")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("window")
        verbose_name_plural = _("windows")

    def __str__(self) -> str:
        return str(_("Window %(number)s") % {"number": self.number})


class WindowHours(models.Model):
    """Години роботи вікна: one weekday's hours (with a break as two rows)."""

    window = models.ForeignKey(Window, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "starts"]
        verbose_name = _("window hours")
        verbose_name_plural = _("window hours")
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="window_hours_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.window} {self.weekday} {self.starts:%H:%M}–{self.ends:%H:%M}"


class CentrePerson(models.Model):
    """The person behind bookings (a normalised e-mail or phone): its row is locked while their
    limits are counted, so two simultaneous bookings of one person cannot both pass."""

    key = models.CharField(max_length=260, unique=True)

    class Meta:
        verbose_name = _("booking person")
        verbose_name_plural = _("booking persons")

    def __str__(self) -> str:
        return self.key


class CentreBookingStatus(models.TextChoices):
    BOOKED = "booked", _("booked")
    CHECKED_IN = "checked_in", _("checked in")
    LATE = "late", _("late: moved to the live queue")
    SERVED = "served", _("served")
    NO_SHOW = "no_show", _("did not come")
    CANCELLED = "cancelled", _("cancelled")


class CentreBooking(models.Model):
    """Попередній запис до ЦНАП: a service at a time at one window, with a short code."""

    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, default=new_code)
    service = models.ForeignKey(CentreService, on_delete=models.PROTECT, related_name="bookings")
    window = models.ForeignKey(Window, on_delete=models.PROTECT, related_name="bookings")
    day = models.DateField(_("day"))
    starts = models.TimeField(_("time"))
    ends = models.TimeField(_("until"))
    status = models.CharField(
        _("status"), max_length=12, choices=CentreBookingStatus.choices, default=CentreBookingStatus.BOOKED
    )
    person = models.ForeignKey(CentrePerson, on_delete=models.PROTECT, related_name="bookings")
    resident = models.ForeignKey(
        "residents.Resident", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(_("booked at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    token = models.CharField(max_length=40, default=new_token, unique=True, editable=False)

    class Meta:
        ordering = ["day", "starts"]
        verbose_name = _("centre booking")
        verbose_name_plural = _("centre bookings")
        indexes = [
            models.Index(fields=["day", "window", "starts"], name="centre_booking_day"),
            models.Index(fields=["person", "created_at"], name="centre_booking_person"),
        ]

    def __str__(self) -> str:
        return self.code


class SlotClaim(models.Model):
    """One grid step of one window's day held by a booking: the unique index is the no-double-booking
    rule. Rows of a cancelled booking are deleted (the slot is free again)."""

    window = models.ForeignKey(Window, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    minute = models.PositiveSmallIntegerField(help_text="minutes since midnight of the step's start")
    booking = models.ForeignKey(CentreBooking, on_delete=models.CASCADE, related_name="claims")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["window", "day", "minute"], name="one_booking_per_window_step")
        ]

    def __str__(self) -> str:
        return f"{self.window_id} {self.day} {self.minute}"


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    CALLED = "called", _("called")
    SERVED = "served", _("served")
    NOT_PRESENT = "not_present", _("not present")
    REDIRECTED = "redirected", _("redirected")


class QueueTicket(models.Model):
    """Талон черги: a visitor present in the hall today, booked (from check-in) or live."""

    day = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, default=new_code)
    service = models.ForeignKey(CentreService, on_delete=models.PROTECT, related_name="tickets")
    booking = models.OneToOneField(
        CentreBooking, on_delete=models.PROTECT, null=True, blank=True, related_name="ticket"
    )
    due_at = models.DateTimeField(
        _("booked time"), null=True, blank=True, help_text=_("Booked visitors are called at their time.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    window = models.ForeignKey(Window, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    issued_at = models.DateTimeField(_("issued at"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    redirected_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["day", "number"]
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        constraints = [models.UniqueConstraint(fields=["day", "number"], name="one_ticket_number_a_day")]
        indexes = [models.Index(fields=["day", "status", "number"], name="queue_ticket_waiting")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What the hall display shows: З for a visitor called at a booked time, Ч for the live queue
        (walk-ins, late bookers and redirected visitors), and the day's number."""
        return f"{'З' if self.due_at else 'Ч'}-{self.number:03d}"
