from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "hromada.appeals"
    label = "appeals"
    verbose_name = _("Citizens' appeals")

    def ready(self) -> None:
        from hromada.appeals import notify
        from hromada.core.daily import register_daily_job

        register_daily_job("appeal_reminders", notify.send_executor_reminders)
        register_daily_job("controller_digest", notify.send_controller_digest)
