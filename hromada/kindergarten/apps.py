from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KindergartenConfig(AppConfig):
    """Електронна черга в ЗДО: the queue of applications to the community's preschool institutions."""

    name = "hromada.kindergarten"
    label = "kindergarten"
    verbose_name = _("Kindergarten queue")

    def ready(self) -> None:
        from hromada.core.daily import register_daily_job
        from hromada.kindergarten.services import archive_aged_out, expire_offers

        register_daily_job("kindergarten_expire_offers", expire_offers)
        register_daily_job("kindergarten_archive_aged_out", archive_aged_out)
