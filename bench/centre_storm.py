"""A storm of ЦНАП e-bookings on PostgreSQL, then a no-double-booking check (issue 14).

    python -m bench.centre_storm [DBNAME] [--seconds 60] [--bookers 64] [--windows 24]

There is no booking API endpoint yet, so the bookers call the service function
`hromada.receptions.services.centre_booking.book_centre_visit` directly: 64 threads in this process,
each with its own database connection (Django keeps one per thread), no think time. All threads share
one interpreter lock: with 64 of them the figures measure this process's GIL as much as the booking
(latency's long tail is threads waiting for their turn); `--bookers 8` shows the service itself. Steps:
1. drop and recreate the scratch database DBNAME (it must say "bench"), migrate it, and create a
   centre: `--windows` windows open 08:00–20:00 every weekday, each serving three services of 15,
   30 and 45 minutes;
2. for `--seconds`, every booker reads the free slots of a random service on a random open day and
   books one of the first eight (so bookers collide on the popular times); one attempt in ten comes
   from a small pool of repeat persons, who soon reach their limits;
3. counts bookings, 409s (SlotTaken, LimitReached) and other refusals, and checks by SQL that no two
   live bookings overlap on one window and that no grid step is claimed twice.
Prints bookings/s, attempts/s and the p50/p95 latency of a booking attempt; figures go to
var/bench/centre_storm-DBNAME.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import threading
import time
from collections import Counter
from typing import Any

from bench.common import PG_SERVER, check_db_name, save_results, say, setup_django, summary

DEFAULT_DB = "hromada_centre_bench"
SERVICES = [("БЕНЧ15", 15), ("БЕНЧ30", 30), ("БЕНЧ45", 45)]
REPEATERS = 20


def create_database(name: str) -> None:
    import psycopg

    check_db_name(name)
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(windows: int) -> dict[str, Any]:
    """The centre of the storm: services, windows and their hours; returns the services and open days."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from hromada.receptions import centre_slots
    from hromada.receptions.models import CentreService, Window, WindowHours

    services = [
        CentreService.objects.create(code=code, name=f"Послуга {code}", group="Бенчмарк", minutes=minutes)
        for code, minutes in SERVICES
    ]
    for n in range(1, windows + 1):
        window = Window.objects.create(number=str(n))
        window.services.set(services)
        WindowHours.objects.bulk_create(
            [WindowHours(window=window, weekday=d, starts=dt.time(8), ends=dt.time(20)) for d in range(7)]
        )
    days = [d for d in centre_slots.open_days(services[0]) if d > dt.date.today()]
    return {"services": services, "days": days}


def booker(n: int, plan: dict[str, Any], deadline: float, out: dict[str, Any], lock: threading.Lock) -> None:
    """One booker thread: read the free slots, book one, repeat until the deadline."""
    from django.db import connection

    from hromada.core.errors import DomainError
    from hromada.receptions import centre_slots
    from hromada.receptions.errors import LimitReached, SlotTaken
    from hromada.receptions.services.centre_booking import book_centre_visit

    rng = random.Random(n)
    counts: Counter[str] = Counter()
    latencies: list[float] = []
    attempt = 0
    try:
        while time.perf_counter() < deadline:
            attempt += 1
            service = rng.choice(plan["services"])
            day = rng.choice(plan["days"])
            slots = centre_slots.free_slots(service, day)
            if not slots:
                counts["day_full"] += 1
                continue
            slot = rng.choice(slots[:8])
            repeat = rng.random() < 0.1
            email = (
                f"repeat{rng.randrange(REPEATERS)}@bench.example"
                if repeat
                else f"b{n}.{attempt}@bench.example"
            )
            started = time.perf_counter()
            try:
                book_centre_visit(
                    service=service,
                    day=day,
                    starts=slot.starts,
                    full_name="Бенч Букер",
                    phone="",
                    email=email,
                )
                counts["booked"] += 1
            except SlotTaken:
                counts["slot_taken"] += 1
            except LimitReached:
                counts["limit_reached"] += 1
            except DomainError as exc:
                counts[exc.code] += 1
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        connection.close()
    with lock:
        out["counts"].update(counts)
        out["latencies"].extend(latencies)


def no_double_booking() -> dict[str, int]:
    """SQL checks: live bookings overlapping on one window, steps claimed twice, live rows vs claims."""
    from django.db import connection

    from hromada.receptions.models import CentreBooking, SlotClaim

    b, c = CentreBooking._meta.db_table, SlotClaim._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT count(*) FROM {b} x JOIN {b} y ON x.window_id = y.window_id AND x.day = y.day
                AND x.id < y.id AND x.starts < y.ends AND y.starts < x.ends
                WHERE x.status <> 'cancelled' AND y.status <> 'cancelled'"""
        )
        overlaps = cur.fetchone()[0]
        cur.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {c} GROUP BY window_id, day, minute HAVING count(*) > 1) t"
        )
        doubled = cur.fetchone()[0]
        cur.execute(f"SELECT count(*) FROM {b} WHERE status <> 'cancelled'")
        live = cur.fetchone()[0]
    return {"overlapping_pairs": overlaps, "steps_claimed_twice": doubled, "live_bookings": live}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--bookers", type=int, default=64)
    parser.add_argument("--windows", type=int, default=24)
    args = parser.parse_args(argv)
    create_database(args.db)
    setup_django(args.db)
    from django.db import connection

    say(f"== centre storm on {args.db}: {args.bookers} bookers, {args.windows} windows, {args.seconds} s")
    plan = prepare(args.windows)
    connection.close()
    say(f"-- centre ready: {len(plan['days'])} open days, {len(plan['services'])} services")
    out: dict[str, Any] = {"counts": Counter(), "latencies": []}
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + args.seconds
    threads = [
        threading.Thread(target=booker, args=(n, plan, deadline, out, lock)) for n in range(args.bookers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    counts: Counter[str] = out["counts"]
    lat = summary(out["latencies"])
    check = no_double_booking()
    attempts = len(out["latencies"])
    exact = check["overlapping_pairs"] == 0 and check["steps_claimed_twice"] == 0
    exact = exact and check["live_bookings"] == counts["booked"]
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "db": args.db,
        "bookers": args.bookers,
        "windows": args.windows,
        "seconds": round(elapsed, 1),
        "counts": dict(counts),
        "bookings_per_s": counts["booked"] / elapsed,
        "attempts_per_s": attempts / elapsed,
        "latency_ms": lat,
        "check": check,
        "no_double_booking": exact,
    }
    say(f"   attempts {attempts:,} ({result['attempts_per_s']:.1f}/s): {dict(counts)}")
    say(f"   bookings {counts['booked']:,} ({result['bookings_per_s']:.1f}/s)")
    say(f"   409s: slot taken {counts['slot_taken']:,}, limit reached {counts['limit_reached']:,}")
    say(
        f"   latency of an attempt: p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms, p99 {lat['p99']:.1f} ms"
    )
    say(f"   check: {check} → {'no double booking' if exact else 'DOUBLE BOOKING OR MISMATCH'}")
    save_results(f"centre_storm-{args.db}", result)
    if not exact:
        raise SystemExit(1)
    return result


if __name__ == "__main__":
    main()
