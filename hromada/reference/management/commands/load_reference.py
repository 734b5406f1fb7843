from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from hromada.reference.services import load_classifier


class Command(BaseCommand):
    help = "Load the classifier's vocabularies (idempotent; keeps administrators' edits)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", default=None)
        parser.add_argument("--update-names", action="store_true")

    def handle(self, *args: object, **opts: object) -> None:
        file = opts["file"]
        path = Path(file) if isinstance(file, str) else None
        created = load_classifier(path, update_names=bool(opts["update_names"]))
        self.stdout.write(", ".join(f"{k}: +{v}" for k, v in created.items()))
