from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    """Електронні петиції (Law art. 23-1 and the community charter)."""

    name = "hromada.petitions"
    verbose_name = "Електронні петиції"
