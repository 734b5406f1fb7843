from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "hromada.appeals"
    label = "appeals"
    verbose_name = "Звернення громадян"
