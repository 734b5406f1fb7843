"""Users, their roles, departments and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Ролі працівників (domain.md §1). One role per account; a person with two jobs has two accounts."""

    REGISTRAR = "registrar", _("registrar")
    HEAD = "head", _("head")
    EXECUTOR = "executor", _("executor")
    CONTROLLER = "controller", _("controller")
    MODERATOR = "moderator", _("moderator")
    ADMINISTRATOR = "administrator", _("administrator")
    #: Адміністратор ЦНАП: serves visitors of the administrative-services centre at a window.
    CENTRE_ADMINISTRATOR = "centre_administrator", _("centre administrator")
    #: Спеціаліст управління освіти: keeps the kindergarten queue (benefits, offers, institutions).
    EDUCATION_OFFICER = "education_officer", _("education officer")


class DepartmentKind(models.TextChoices):
    EXECUTIVE_BODY = "executive_body", _("executive body")
    MUNICIPAL_ENTERPRISE = "municipal_enterprise", _("municipal enterprise")
    OTHER = "other", _("other")


class Department(models.Model):
    """Структурний підрозділ або комунальне підприємство: a body that executes appeals."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(
        _("kind"), max_length=30, choices=DepartmentKind.choices, default=DepartmentKind.EXECUTIVE_BODY
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """Працівник ради (or, later, a resident without a role)."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="executor") | models.Q(department__isnull=False),
                name="executor_has_department",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "hrm_" + secrets.token_urlsafe(32)


class SignInFailure(models.Model):
    """A failed sign-in: counted per username and per address for the lock-out."""

    at = models.DateTimeField(auto_now_add=True)
    username = models.CharField(max_length=150)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["username", "at"], name="signin_failure_user_idx"),
            models.Index(fields=["ip", "at"], name="signin_failure_ip_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%d.%m.%Y %H:%M}"
