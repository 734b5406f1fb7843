from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Публічний сайт: e-appeals and tracking for residents, without an account."""

    name = "hromada.portal"
    label = "portal"
    verbose_name = "Портал"
