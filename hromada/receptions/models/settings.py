"""Налаштування прийомів: the rules the issue names as settings, with their defaults (one row)."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import SingletonSettings


class PriorityRule(models.TextChoices):
    """How visitors of the priority categories (Law art. 20) go first at a personal reception."""

    RESERVED = "reserved", _("reserved slots at the start of each reception")
    FIRST = "first", _("first in the day's order")


class ReceptionSettings(SingletonSettings):
    """The rules of personal receptions and of the ЦНАП's booking (one row)."""

    priority_rule = models.CharField(
        _("priority categories"), max_length=10, choices=PriorityRule.choices, default=PriorityRule.FIRST
    )
    reserved_slots = models.PositiveSmallIntegerField(
        _("reserved slots per reception"),
        default=2,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "With reserved slots: how many first slots of each reception only priority visitors book."
        ),
    )
    reminder_hour = models.TimeField(_("reminder letters at"), default=dt.time(9, 0))
    horizon_days = models.PositiveSmallIntegerField(
        _("booking horizon, days"), default=21, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    opening_time = models.TimeField(
        _("a new day opens for booking at"),
        default=dt.time(8, 0),
        help_text=_("The day at the end of the horizon opens for booking at this time."),
    )
    grid_minutes = models.PositiveSmallIntegerField(
        _("slot grid of the centre, minutes"),
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
        help_text=_("A service's visit lasts a whole number of grid steps."),
    )
    late_minutes = models.PositiveSmallIntegerField(
        _("a booker late by more than this many minutes loses the slot"),
        default=10,
        validators=[MaxValueValidator(120)],
    )
    max_active_bookings = models.PositiveSmallIntegerField(
        _("active bookings per person"), default=3, validators=[MinValueValidator(1)]
    )
    max_month_bookings = models.PositiveSmallIntegerField(
        _("bookings per person a month"), default=5, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("reception settings")
        verbose_name_plural = _("reception settings")

    def __str__(self) -> str:
        return str(_("Reception settings"))
