"""The third-party apps under names in the admin's language: each config here stands in
INSTALLED_APPS for the package's own (same label, same models, same migrations)."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig
from django_tasks_db.apps import TasksAppConfig


def _name_models(config: AppConfig, names: dict[str, tuple[Promise, Promise]]) -> None:
    """Ukrainian model names in the admin where the package gives plain English ones. Only the
    display names of `_meta` change, not the Meta options that migrations read (`original_attrs`),
    so no migration of the package is asked for."""
    for model_name, (singular, plural) in names.items():
        meta = config.get_model(model_name)._meta
        meta.verbose_name, meta.verbose_name_plural = singular, plural  # type: ignore[assignment]


class OtpTotpConfig(TotpConfig):
    """Instead of "django_otp.plugins.otp_totp": the staff's authenticator apps (другий фактор)."""

    verbose_name = _("Second factor: authenticator apps")

    def ready(self) -> None:
        super().ready()
        _name_models(self, {"TOTPDevice": (_("authenticator app"), _("authenticator apps"))})


class OtpStaticConfig(StaticConfig):
    """Instead of "django_otp.plugins.otp_static": the staff's recovery codes."""

    verbose_name = _("Second factor: recovery codes")

    def ready(self) -> None:
        super().ready()
        _name_models(self, {"StaticDevice": (_("set of recovery codes"), _("sets of recovery codes"))})


class TasksDbConfig(TasksAppConfig):
    """Instead of "django_tasks_db": the task worker's results (the package's own catalogue has no
    Ukrainian, so the model's names are ours too)."""

    verbose_name = _("Background tasks")  # type: ignore[assignment]  # the package typed it as str

    def ready(self) -> None:
        super().ready()
        _name_models(self, {"DBTaskResult": (_("background task result"), _("background task results"))})
