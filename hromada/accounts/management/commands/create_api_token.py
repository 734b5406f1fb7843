from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.accounts.models import User
from hromada.accounts.services import create_api_token
from hromada.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Issue an API token for a user and print only the token."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: object, **opts: str) -> None:
        user = User.objects.filter(username=opts["username"]).first()
        if user is None:
            raise CommandError(f"No user “{opts['username']}”.")
        try:
            token = create_api_token(user=user)
        except ValidationFailed as exc:
            raise CommandError("; ".join(str(e.message) for e in exc.errors)) from exc
        self.stdout.write(token)
