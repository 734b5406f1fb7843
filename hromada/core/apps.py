from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hromada.core"
    label = "core"
    verbose_name = "Ядро"

    def ready(self) -> None:
        from hromada.core import checks  # noqa: F401  (registers the deployment checks)
