"""The appeals report over the benchmark register (issue 4: the quarterly report in ≤ 1 s as JSON).

    python -m bench.reports [DBNAME] [--repeats 10] [--no-api] [--explain]

Reads only: the database built by `bench.build_db` is not changed (no tokens, no sessions). In this
process, with DEBUG off, it times the JSON of the appeals report — `appeals_report()` (this period
and the same period a year earlier, counted by PostgreSQL) plus `report_json()` and `json.dumps` —
for the last full quarter and the last full year before "today" (clock.today()), one unmeasured
warm-up then `--repeats` runs each. With the API (the default) it also times
GET /api/v1/reports/appeals?from=&to= through the real URL resolver, ninja's parsing, the response
schema and rendering, as a signed-in head (a user object on the request: nothing is written).
It times the staff page /staff/reports/ the same way (the counting, the note, the tables and the
SVG charts rendered into the page). `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of the report's
queries for the quarter.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from bench.common import DEFAULT_DB, check_db_name, save_results, say, setup_django, summary


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def time_in_process(period: Any, today: Any, repeats: int) -> dict[str, float]:
    from hromada.reports.as_json import report_json
    from hromada.reports.figures import appeals_report

    def once() -> int:
        return len(json.dumps(report_json(appeals_report(period, today=today)), ensure_ascii=False))

    once()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        once()
        samples.append(_ms(started))
    return summary(samples)


def time_get(path: str, period: Any, repeats: int) -> dict[str, float]:
    """GET `path`?from=&to= through the URL resolver and the view, as the first active head."""
    from django.test import RequestFactory
    from django.urls import resolve

    from hromada.accounts.models import Role, User

    user = User.objects.filter(role=Role.HEAD, is_active=True).order_by("id").first()
    if user is None:
        raise SystemExit("no active head in the benchmark database")
    query = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    view = resolve(path).func
    factory = RequestFactory()

    def once() -> int:
        request = factory.get(path, query, HTTP_ACCEPT_LANGUAGE="uk")
        request.user = user
        response = view(request)
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code} {response.content[:300]!r}")
        return len(response.content)

    once()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        once()
        samples.append(_ms(started))
    return summary(samples)


def explain(period: Any, today: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hromada.reports.figures import appeals_report

    with CaptureQueriesContext(connection) as captured:
        appeals_report(period, today=today)
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('jit', 'off', false), set_config('work_mem', '32MB', false)")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or "set_config" in sql:
                continue
            say(f"\n-- {query['time']} s: {sql[:160]}…")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            for (line,) in cursor.fetchall():
                say(line)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--no-api", action="store_true", help="time only the report, not the API and page")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the quarter's queries")
    args = parser.parse_args(argv)
    check_db_name(args.db)
    setup_django(args.db)

    from django.db import connection

    from hromada.appeals.models import Appeal
    from hromada.core import clock
    from hromada.reports import periods

    today = clock.today()
    quarter = periods.previous_quarter(today)
    year = periods.year(today.year - 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [Appeal._meta.db_table]
        )
        appeals = cursor.fetchone()[0]
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'appeal_report_idx'")
        covering = cursor.fetchone() is not None
    say(f"-- {args.db}: ~{appeals:,} appeals; appeal_report_idx {'present' if covering else 'MISSING'}")
    results: dict[str, Any] = {
        "db": args.db,
        "appeals": appeals,
        "today": today.isoformat(),
        "covering_index": covering,
        "repeats": args.repeats,
        "cases": {},
    }
    for label, period in (("quarter", quarter), ("year", year)):
        name = f"{label} {period.start}…{period.end} (+ a year earlier)"
        figures = {"in_process_ms": time_in_process(period, today, args.repeats)}
        if not args.no_api:
            figures["api_ms"] = time_get("/api/v1/reports/appeals", period, args.repeats)
            figures["page_ms"] = time_get("/staff/reports/", period, args.repeats)
        results["cases"][name] = figures
        for kind, stats in figures.items():
            say(f"   {name}, {kind}: p50 {stats['p50']:.0f}  p95 {stats['p95']:.0f}  max {stats['max']:.0f}")
    if args.explain:
        explain(quarter, today)
    path = save_results(f"reports-{args.db}", results)
    say(f"-- figures kept in {path}")
    return results


if __name__ == "__main__":
    main()
