"""The ЦНАП opening-day storm over HTTP: 64 bookers against gunicorn on PostgreSQL (issue 14).

    python -m bench.centre_http_storm [DBNAME] [--bookers 64] [--seconds 60] [--workers 3] [--windows 24]

Needs locust (`pip install -e '.[bench]'`, which `make bench` does). Steps:
1. drop and recreate the scratch database DBNAME (its name must say "bench"), migrate it and create the
   centre of bench.centre_storm (`--windows` windows 08:00–20:00, three services of 15/30/45 min);
2. start gunicorn (DEBUG off, `--workers` sync workers) on 127.0.0.1, trusting X-Real-IP;
3. run locust headless (bench/centre_locustfile.py) for `--seconds`: every booker reads the free
   times of a random service on a random open day (GET) and books one of the first eight (POST), no
   think time; one attempt in ten comes from 20 repeat persons;
4. check by SQL that no two live bookings overlap on a window and no grid step is claimed twice, and
   that the live bookings equal what the clients saw booked (+ those in flight at the stop).
Figures go to var/bench/centre_http_storm-DBNAME.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from typing import Any

from bench.api_load import CpuMeter
from bench.centre_storm import create_database, no_double_booking, prepare
from bench.common import ROOT, VAR, say, setup_django, tool
from bench.portal_load import PortalServer, free_port, read_stats

DEFAULT_DB = "hromada_centre_http_bench"
TARGET_BOOKINGS = 200
TARGET_P95_MS = 250


def _locust(args: argparse.Namespace, port: int, env: dict[str, str], prefix: str) -> float:
    cmd = [
        tool("locust"),
        "-f",
        str(ROOT / "bench" / "centre_locustfile.py"),
        "--headless",
        "--users",
        str(args.bookers),
        "--spawn-rate",
        str(args.bookers),
        "--run-time",
        f"{args.seconds}s",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        prefix,
        "--only-summary",
        "--stop-timeout",
        "5",
        "--loglevel",
        "WARNING",
    ]
    say("   $ " + " ".join(["locust", *cmd[1:]]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, check=False, stdout=sys.stdout, stderr=sys.stderr)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--bookers", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--windows", type=int, default=24)
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    create_database(args.db)
    setup_django(args.db)
    from django.db import connection

    say(f"== centre storm over HTTP on {args.db}: {args.bookers} bookers, {args.workers} workers")
    made = prepare(args.windows)
    plan = {"services": [s.pk for s in made["services"]], "days": [d.isoformat() for d in made["days"]]}
    connection.close()
    plan_file, seen_file = VAR / "centre-storm-plan.json", VAR / "centre-storm-seen.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    seen_file.unlink(missing_ok=True)
    server = PortalServer(args.db, free_port(), args.workers, 1)
    server.env.update(HROMADA_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    prefix = str(VAR / f"centre-storm-{args.db}")
    server.start()
    try:
        env = dict(os.environ, STORM_PLAN=str(plan_file), STORM_SEEN=str(seen_file))
        meter = CpuMeter(args.db, server)
        before = meter.snapshot()
        locust_cpu = _locust(args, server.port, env, prefix)
        cpu = CpuMeter.between(before, meter.snapshot())
        meter.close()
    finally:
        server.stop()
    stats = read_stats(prefix)
    seen = json.loads(seen_file.read_text()) if seen_file.exists() else {}
    check = no_double_booking()
    booked = int(seen.get("booked", 0))
    exact = check["overlapping_pairs"] == 0 and check["steps_claimed_twice"] == 0
    exact = exact and 0 <= check["live_bookings"] - booked <= args.bookers
    posts = stats.get("POST booking", {})
    per_s = booked / args.seconds
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "db": args.db,
        "bookers": args.bookers,
        "workers": args.workers,
        "windows": args.windows,
        "seconds": args.seconds,
        "stats": stats,
        "seen": seen,
        "bookings_per_s": per_s,
        "check": check,
        "no_double_booking": exact,
        "cpu_s": {
            "gunicorn": cpu["gunicorn_cpu_s"],
            "postgres": cpu["postgres_cpu_s"],
            "locust": locust_cpu,
            "cores_busy": cpu["cores_busy"],
        },
    }
    say("")
    for name, row in stats.items():
        say(
            f"   {name:<16} {row['requests']:>7} req  {row['rps']:>7.1f}/s  failures {row['failures']:>4}  "
            f"median {row['median_ms']:>4.0f} ms  p95 {row['p95_ms']:>4.0f} ms  p99 {row['p99_ms']:>4.0f} ms"
        )
    say(f"   seen by the clients: {seen}")
    say(f"   check: {check} → {'no double booking' if exact else 'DOUBLE BOOKING OR MISMATCH'}")
    say(
        f"   targets: ≥ {TARGET_BOOKINGS} bookings/s (got {per_s:.0f}; booking attempts "
        f"{posts.get('rps', 0):.0f}/s), p95 ≤ {TARGET_P95_MS} ms (got {posts.get('p95_ms', 0):.0f}); "
        f"CPU: gunicorn {cpu['gunicorn_cpu_s']:.0f} s, postgres {cpu['postgres_cpu_s']:.0f} s, "
        f"locust {locust_cpu:.0f} s ({cpu['cores_busy']:.2f} cores busy)"
    )
    (VAR / f"centre_http_storm-{args.db}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    if not exact:
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    main()
