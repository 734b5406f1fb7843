from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Публічний сайт: e-appeals and tracking for residents, without an account."""

    name = "hromada.portal"
    label = "portal"
    verbose_name = _("Public portal")
