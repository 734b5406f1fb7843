from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionsConfig(AppConfig):
    """Особистий прийом і запис до ЦНАП: officials' personal receptions (Law 393/96-ВР art. 22) and
    the administrative-services centre's e-booking with its live queue."""

    name = "hromada.receptions"
    verbose_name = _("Receptions")

    def ready(self) -> None:
        from hromada.core.daily import register_daily_job
        from hromada.receptions.services.personal import send_reminders
        from hromada.receptions.services.queue import close_centre_day

        register_daily_job("receptions_reminders", send_reminders)
        register_daily_job("receptions_close_centre_day", close_centre_day)
