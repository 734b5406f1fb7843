from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "hromada.reference"
    label = "reference"
    verbose_name = "Довідники"
