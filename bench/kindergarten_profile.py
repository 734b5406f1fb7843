"""Where the milliseconds of one queue change go (issue 15): cProfile and the statements of single
service calls on the database that `python -m bench.kindergarten` built (it changes that database).

    python -m bench.kindergarten_profile [DBNAME] [--calls 3]

For a confirmation of the latest claimed benefits (they jump ahead of most of their queues) and a
cancellation of the earliest applications (everyone behind moves up), it prints each call's time,
its number of statements and the slowest six, and the cProfile of the last call of each kind.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time

from bench.common import setup_django


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default="hromada_bench_kg")
    parser.add_argument("--calls", type=int, default=3)
    args = parser.parse_args()
    setup_django(args.db)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hromada.accounts.models import User
    from hromada.kindergarten import services
    from hromada.kindergarten.models import Application

    actor = User.objects.filter(role="education_officer").first()
    queued = Application.objects.filter(status="active")
    pools = {
        "confirm": list(
            queued.filter(benefit_status="claimed").order_by("-filed_at").values_list("pk", flat=True)
        ),
        "cancel": list(queued.order_by("filed_at").values_list("pk", flat=True)[: args.calls]),
    }
    for kind, pool in pools.items():
        profile = cProfile.Profile()
        for pk in pool[: args.calls]:
            application = Application.objects.get(pk=pk)
            profile = cProfile.Profile()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                profile.enable()
                if kind == "confirm":
                    services.confirm_benefit(actor=actor, application=application, note="profile")
                else:
                    services.cancel_application(actor=actor, application=application, note="profile")
                profile.disable()
                elapsed = (time.perf_counter() - started) * 1000
            print(f"{kind}: {elapsed:.0f} ms, {len(queries.captured_queries)} statements")
            for q in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:6]:
                print(f"    {float(q['time']) * 1000:6.1f} ms  {q['sql'][:110]}")
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(15)
        print(out.getvalue())


if __name__ == "__main__":
    main()
