from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hromada.accounts"
    label = "accounts"
    verbose_name = _("Users and departments")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from hromada.accounts.middleware import stamp_session
        from hromada.accounts.signin import purge_sign_in_failures
        from hromada.core.daily import register_daily_job

        # Django's own update_last_login hangs on the same signal: the moment of signing in.
        user_logged_in.connect(stamp_session, dispatch_uid="hromada.accounts.stamp_session")
        register_daily_job("sign_in_failures_purge", purge_sign_in_failures)
