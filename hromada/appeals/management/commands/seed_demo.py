import time

from django.core.management.base import BaseCommand, CommandParser

from hromada.appeals.demo import PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo council: departments, staff users (password 'demo') and a year of appeals."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--appeals", type=int, default=2400)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: object, **opts: int) -> None:
        started = time.monotonic()
        counts = seed_demo(appeals=opts["appeals"], seed=opts["seed"], progress=self.stdout.write)
        if counts.get("appeals"):
            detail = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            self.stdout.write(f"Demo council ready in {time.monotonic() - started:.0f} s ({detail}).")
        else:
            self.stdout.write("Demo council already there.")
        self.stdout.write(
            f"Logins (password “{PASSWORD}”): registrar, head, controller, executor_communal, "
            "executor_social, moderator, admin"
        )
