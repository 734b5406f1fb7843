"""The `hromada` console script: the project's manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:  # a missing SECRET_KEY and the like: say it, no traceback
        sys.stderr.write(f"hromada: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
