"""Мешканець: a resident's account on the portal, and the identities that prove who they are."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Resident(models.Model):
    """Кабінет мешканця: a portal account. The user has no staff role, so no staff page opens for it.

    `email` is stored normalised (trimmed, lower case) and is the key of "my appeals": only once it is
    confirmed does the cabinet list the appeals filed with it.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident")
    full_name = models.CharField(_("full name"), max_length=250)
    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    #: Declared in the cabinet's profile (or taken from a verified identity): the charter may limit
    #: petition signing to adults and to residents of the community.
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class ExternalIdentity(models.Model):
    """A verified identity from an outside provider (id.gov.ua: BankID, Diia) linked to a resident.

    (provider, subject) is unique: the provider's stable subject identifier signs in the same resident
    every time, whatever e-mail the provider reports.
    """

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="identities")
    provider = models.CharField(_("identity provider"), max_length=40)
    subject = models.CharField(_("subject identifier"), max_length=255)
    verified_name = models.CharField(_("verified full name"), max_length=250, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"))

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject}"
