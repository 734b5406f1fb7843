from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "hromada.residents"
    verbose_name = "Кабінет мешканця"
