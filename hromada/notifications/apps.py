from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "hromada.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from hromada.notifications import schedule

        # Each `migrate` (every deployment, every `make run`) makes sure the worker's daily-jobs chain
        # exists; see schedule.ensure_daily_tick.
        post_migrate.connect(schedule.start_after_migrate, sender=self, dispatch_uid="notifications_tick")
