from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """Електронні петиції (Law art. 23-1 and the community charter)."""

    name = "hromada.petitions"
    verbose_name = _("E-petitions")

    def ready(self) -> None:
        from hromada.core.daily import register_daily_job
        from hromada.petitions.services import close_expired_petitions

        register_daily_job("petitions_close_expired", close_expired_petitions)
