from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from hromada.accounts.demo import current_code


class Command(BaseCommand):
    help = "Development only (DEBUG on): print the current second-factor code of a demo staff user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, **opts: str) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_totp works only with DEBUG on (a development installation).")
        device = TOTPDevice.objects.filter(user__username=opts["username"], confirmed=True).first()
        if device is None:
            raise CommandError(f"“{opts['username']}” has no confirmed second factor.")
        self.stdout.write(current_code(device))
