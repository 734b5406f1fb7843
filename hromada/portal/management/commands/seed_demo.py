"""The demo council (`make run`): departments, staff, a year of appeals, public questions and legal
consultations, and a resident with a cabinet (the author of a few of the appeals and of the petitions).
Everything is dated within the council year that ends today (core/clock.py), seeded (one seed, one
story) and made once (a second run adds nothing). Lives in the portal, the top layer, because it seeds
every domain app."""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from hromada.accounts.demo import DEMO_TOTP_SECRET, PASSWORD, give_demo_second_factor
from hromada.accounts.models import User
from hromada.appeals.demo import seed_demo
from hromada.kindergarten.demo import seed_kindergarten
from hromada.petitions.demo import seed_petitions
from hromada.questions.demo import seed_questions
from hromada.receptions.demo import seed_receptions
from hromada.residents.demo import DEMO_EMAIL, seed_resident


class Command(BaseCommand):
    help = (
        "Create the demo council: departments, staff users (password 'demo'), a year of appeals, "
        "public questions, legal consultations, e-petitions, a resident with a cabinet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--appeals", type=int, default=2400)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: object, **opts: int) -> None:
        started = time.monotonic()
        counts = seed_demo(appeals=opts["appeals"], seed=opts["seed"], progress=self.stdout.write)
        with transaction.atomic():
            seed_questions()
            seed_petitions()
            seed_receptions()
            seed_resident(PASSWORD)
            seed_kindergarten()
            give_demo_second_factor(User.objects.exclude(role=""))
        if counts.get("appeals"):
            detail = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            self.stdout.write(f"Demo council ready in {time.monotonic() - started:.0f} s ({detail}).")
        else:
            self.stdout.write("Demo council already there.")
        self.stdout.write(
            f"Logins (password “{PASSWORD}”): registrar, head, controller, executor_communal, "
            "executor_social, moderator, admin, cnap, osvita"
        )
        self.stdout.write(
            "Second factor (demo only): the code is `.venv/bin/hromada demo_totp USERNAME`, or add the "
            f"key {DEMO_TOTP_SECRET} to an authenticator app"
        )
        self.stdout.write(f"Resident's cabinet /kabinet/: {DEMO_EMAIL}, password “{PASSWORD}”")
