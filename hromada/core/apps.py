from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hromada.core"
    label = "core"
    verbose_name = _("Council settings and audit log")

    def ready(self) -> None:
        from hromada.core import checks  # noqa: F401  (registers the deployment checks)
