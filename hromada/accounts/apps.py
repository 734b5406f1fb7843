from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hromada.accounts"
    label = "accounts"
    verbose_name = "Користувачі та підрозділи"
