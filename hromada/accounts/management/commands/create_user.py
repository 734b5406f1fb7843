from django.core.management.base import BaseCommand, CommandError, CommandParser

from hromada.accounts.models import Role
from hromada.accounts.services import create_user
from hromada.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Create a staff user with a role: create_user USERNAME --role ROLE [--department CODE]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--department", default=None, help="department code (required for executors)")
        parser.add_argument("--password", default=None)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args: object, **opts: str) -> None:
        try:
            user = create_user(
                username=opts["username"],
                role=opts["role"],
                department_code=opts["department"],
                password=opts["password"],
                first_name=opts["first_name"],
                last_name=opts["last_name"],
                email=opts["email"],
            )
        except ValidationFailed as exc:
            raise CommandError("; ".join(f"{e.field}: {e.message}" for e in exc.errors)) from exc
        self.stdout.write(f"{user.username} ({user.role})")
