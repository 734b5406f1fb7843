from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "hromada.appeals"
    label = "appeals"
    verbose_name = "Звернення громадян"

    def ready(self) -> None:
        from hromada.appeals import notify
        from hromada.core.daily import register_daily_job

        register_daily_job("appeal_reminders", notify.send_executor_reminders)
        register_daily_job("controller_digest", notify.send_controller_digest)
