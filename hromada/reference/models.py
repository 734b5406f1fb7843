"""Довідники: the vocabularies of the Classifier of citizens' appeals (CMU No. 858/2008) as data.

Codes are the primary keys: they are stable, they are what the API, imports and reports speak, and a
foreign key then needs no look-up. An administrator may add entries and deactivate old ones; code
refers to a few codes only where the law gives them meaning (e.g. result `not_considered`).
"""

from typing import ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceItem(models.Model):
    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=250)
    name_en = models.CharField(_("name in English"), max_length=250, blank=True)
    classifier = models.CharField(_("classifier point"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    # Every concrete vocabulary gets Django's default manager; declared for the type checker, which
    # gives an abstract model none, so code that takes any vocabulary (`type[ReferenceItem]`) may use it.
    objects: ClassVar[models.Manager[Self]]

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name


class ChannelGroup(models.TextChoices):
    WRITTEN = "written", _("written")
    ORAL = "oral", _("oral")
    ELECTRONIC = "electronic", _("electronic")
    PHONE = "phone", _("phone")
    HOTLINE = "hotline", _("hotline")


class Channel(ReferenceItem):
    """Канал надходження (Classifier 1.x)."""

    group = models.CharField(_("group"), max_length=20, choices=ChannelGroup.choices)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("channel")
        verbose_name_plural = _("channels")


class Feature(ReferenceItem):
    """Ознака надходження (Classifier 2.x): primary, repeated, duplicate…"""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("feature")
        verbose_name_plural = _("features")


class Kind(ReferenceItem):
    """Вид звернення (Law art. 3; Classifier 3.x)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("kind")
        verbose_name_plural = _("kinds")


class Sex(ReferenceItem):
    """Стать автора (Classifier 4.x)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("sex")
        verbose_name_plural = _("sexes")


class Subject(ReferenceItem):
    """Суб'єкт звернення (Classifier 5.x): individual, collective, anonymous."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


class AppealType(ReferenceItem):
    """Тип звернення (Classifier 6.x): telegram, letter, oral, electronic."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("appeal type")
        verbose_name_plural = _("appeal types")


class AuthorCategory(ReferenceItem):
    """Категорія автора (Classifier 7.x); `priority` marks benefits established by law (Law art. 20)."""

    priority = models.BooleanField(_("considered first"), default=False)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("author category")
        verbose_name_plural = _("author categories")


class SocialStatus(ReferenceItem):
    """Соціальний стан автора (Classifier 8.x)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("social status")
        verbose_name_plural = _("social statuses")


class Result(ReferenceItem):
    """Результат розгляду питання (Classifier 9.x and Law arts. 5, 7, 8)."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")


class Topic(ReferenceItem):
    """Тематика питання: the topic groups councils report by; extended by administrators."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


# classifier.json key → model
VOCABULARIES: dict[str, type[ReferenceItem]] = {
    "channels": Channel,
    "features": Feature,
    "kinds": Kind,
    "sexes": Sex,
    "subjects": Subject,
    "types": AppealType,
    "author_categories": AuthorCategory,
    "social_statuses": SocialStatus,
    "results": Result,
    "topics": Topic,
}
