from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "hromada.reports"
    label = "reports"
    verbose_name = "Звіти"
