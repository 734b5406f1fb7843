"""Заклади дошкільної освіти (ЗДО) and their age groups per school year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Institution(models.Model):
    """Заклад дошкільної освіти (ЗДО): a kindergarten of the community."""

    name = models.CharField(_("name"), max_length=250)
    #: Код ЄДРПОУ (open data annex 42 `institutionId`); empty when the institution has none.
    edrpou = models.CharField(_("EDRPOU code"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.CharField(_("district"), max_length=120, blank=True)
    territory = models.TextField(_("territory served"), blank=True)
    contact = models.CharField(_("contact"), max_length=250, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("preschool institution")
        verbose_name_plural = _("preschool institutions")

    def __str__(self) -> str:
        return self.name


class AgeGroup(models.Model):
    """Вікова група ЗДО на навчальний рік: one queue. Its row is the queue's lock."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="age_groups")
    #: The start year of the school year (2026 for 2026/2027).
    school_year = models.PositiveSmallIntegerField(_("school year"))
    #: Age in full years on the reference date (settings.HROMADA_KINDERGARTEN_REFERENCE_DAY).
    age = models.PositiveSmallIntegerField(_("age"))
    #: The group's name as the institution uses it ("Друга група раннього віку — від 2 до 3 років");
    #: empty: ages.age_group_title(age).
    name = models.CharField(_("group name"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=0)
    language = models.CharField(_("language"), max_length=60, blank=True)
    specialisation = models.CharField(_("specialisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["institution", "school_year", "age"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "school_year", "age"], name="kindergarten_one_group_per_age"
            )
        ]
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")

    def __str__(self) -> str:
        return f"{self.institution} · {self.school_year}/{self.school_year + 1} · {self.age}"
