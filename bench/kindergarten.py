"""The kindergarten e-queue at a city's size on PostgreSQL (issue 15).

    python -m bench.kindergarten [DBNAME] [--applications 50000] [--institutions 60] [--ops 300]
        [--lists 200] [--seconds 30] [--workers 2] [--clients 12] [--reuse]

Steps:
1. drop and recreate the scratch database DBNAME (its name must say "bench"; `--reuse` keeps a built
   one), migrate it and build the queue: `--institutions` institutions with five age groups each
   (1–5 years, school year 2027/2028, some institutions far more wanted than others), `--applications`
   queued applications with three preferred institutions each (bulk_create: ~150,000 preferences; one
   in ten claims a benefit, most of those confirmed), then ONE recompute per group (the positions and
   the first history rows, as the services write them);
2. changes (`--ops`, in-process, the services themselves): a paper application filed in three
   institutions, a claimed benefit confirmed, a queued application cancelled — in turn; each timed
   around the service call, which includes the recompute of every queue it touches and its history
   rows (target p95 ≤ 100 ms);
3. the public list of a group (`--lists` requests each, in-process with Django's test client, DEBUG
   off, the page cache off): the page /dytsadok/cherga/<id>/ (its first page) and the API
   GET /api/v1/public/kindergarten/queues/<id>, the groups picked in proportion to their queues
   (target p95 ≤ 100 ms);
4. the look-up by number and code over HTTP: gunicorn (`--workers` sync workers, DEBUG off) on
   127.0.0.1 trusting X-Real-IP (every request from an address of its own, so the per-address rate
   limit is checked and counted as in production), `--clients` threads with a keep-alive connection
   each POST /api/v1/public/kindergarten/lookup for `--seconds` (target ≥ 300 requests/s).
Figures go to var/bench/kindergarten-DBNAME.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from collections import Counter, defaultdict
from typing import Any

from bench.common import VAR, say, setup_django, summary
from bench.kindergarten_lookup import lookup_load

DEFAULT_DB = "hromada_bench_kg"
SCHOOL_YEAR = 2027
AGES = (1, 2, 3, 4, 5)
CODES = 5000
TARGET_CHANGE_P95_MS = 100
TARGET_LIST_P95_MS = 100
TARGET_LOOKUP_RPS = 300


def _weights(count: int, rng: random.Random) -> list[float]:
    """How wanted each institution is: a few popular ones, a long tail (Zipf-like, shuffled)."""
    weights = [1 / (rank**0.7) for rank in range(1, count + 1)]
    rng.shuffle(weights)
    return weights


def _birth_date(rng: random.Random) -> dt.date:
    """A child of 1–5 full years on 1.09.2027."""
    first = dt.date(2021, 9, 2)
    return first + dt.timedelta(days=rng.randrange((dt.date(2026, 9, 1) - first).days))


def _pick(rng: random.Random, institutions: list[Any], weights: list[float], k: int = 3) -> list[Any]:
    chosen: list[Any] = []
    while len(chosen) < k:
        one = rng.choices(institutions, weights)[0]
        if one not in chosen:
            chosen.append(one)
    return chosen


def _institutions(count: int) -> tuple[list[Any], dict[tuple[int, int], int]]:
    from hromada.kindergarten.models import AgeGroup, Institution

    made = Institution.objects.bulk_create(
        [
            Institution(
                name=f"Заклад дошкільної освіти № {n}",
                edrpou=f"{40000000 + n}" if n % 4 else "",
                address=f"вул. Бенчмаркова, {n}",
                district=f"Район {n % 6 + 1}",
            )
            for n in range(1, count + 1)
        ]
    )
    groups = AgeGroup.objects.bulk_create(
        [AgeGroup(institution=i, school_year=SCHOOL_YEAR, age=age, capacity=25) for i in made for age in AGES]
    )
    return made, {(g.institution_id, g.age): g.pk for g in groups}


def _application(n: int, rng: random.Random, now: dt.datetime, code: str) -> Any:
    from hromada.kindergarten.models import Application, ApplicationStatus

    roll = rng.random()
    benefit = "out_of_turn" if roll < 0.03 else "first_in_turn" if roll < 0.10 else "none"
    status = "" if benefit == "none" else ("confirmed" if rng.random() < 0.7 else "claimed")
    return Application(
        number=f"bench-{n}",  # unique until the id is known (application_number below)
        code_hash=Application.hash_code(code),
        child_surname=f"Бенчук{n}",
        child_name="Дитина",
        birth_date=_birth_date(rng),
        sex=rng.choice((1, 2)),
        certificate_series="І-БН",
        certificate_number=f"{n:07d}",
        parent_name=f"Бенчук Батько {n}",
        parent_phone=f"+38050{n:07d}",
        parent_email=f"parent{n}@bench.example",
        registered_in_community=True,
        school_year=SCHOOL_YEAR,
        benefit=benefit,
        benefit_status=status,
        status=ApplicationStatus.ACTIVE,
        filed_at=now - dt.timedelta(seconds=rng.randrange(3 * 365 * 86400)),
    )


def build(applications: int, institutions: int, seed: int) -> dict[str, Any]:
    """The queue of a city: institutions, groups, applications, preferences, then one recompute per
    group. Returns the number + code pairs of `CODES` applications (for the look-up)."""
    from django.db import connection, transaction

    from hromada.core import clock
    from hromada.kindergarten.ages import age_group_age
    from hromada.kindergarten.models import Application, PositionReason, Preference
    from hromada.kindergarten.services.filing import application_number
    from hromada.kindergarten.services.queue import recompute_queue

    rng = random.Random(seed)
    made, groups = _institutions(institutions)
    weights = _weights(len(made), rng)
    now = clock.now()
    codes = [Application.new_code() for _ in range(CODES)]
    pairs: list[tuple[str, str]] = []
    batch = 5000
    for start in range(0, applications, batch):
        rows = [
            _application(n, rng, now, codes[n] if n < CODES else Application.new_code())
            for n in range(start, min(start + batch, applications))
        ]
        with transaction.atomic():
            Application.objects.bulk_create(rows)
            for a in rows:
                a.number = application_number(a)
            Application.objects.bulk_update(rows, ["number"], batch_size=1000)
            Preference.objects.bulk_create(
                [
                    Preference(
                        application=a,
                        institution=inst,
                        age_group_id=groups[(inst.pk, age_group_age(a.birth_date, SCHOOL_YEAR))],
                        rank=rank,
                    )
                    for a in rows
                    for rank, inst in enumerate(_pick(rng, made, weights), start=1)
                ],
                batch_size=batch,
            )
        pairs += [(a.number or "", codes[i]) for i, a in enumerate(rows, start=start) if i < CODES]
        say(f"   {start + len(rows):,} applications")
    for gid in sorted(groups.values()):
        with transaction.atomic():
            recompute_queue(gid, reason=PositionReason.FILED)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"pairs": pairs, "institutions": [i.pk for i in made], "weights": weights}


def _officer() -> Any:
    from hromada.accounts.models import Role, User

    user, _created = User.objects.get_or_create(
        username="bench-osvita", defaults={"role": Role.EDUCATION_OFFICER, "first_name": "Бенч"}
    )
    return user


def _change_ops(ops: int, seed: int, plan: dict[str, Any]) -> dict[str, list[float]]:
    """File, confirm, cancel in turn; each timed around the service call (the recompute included)."""
    from hromada.kindergarten import services
    from hromada.kindergarten.models import Application, Institution

    rng = random.Random(seed + 1)
    actor = _officer()
    institutions = list(Institution.objects.filter(pk__in=plan["institutions"]).order_by("pk"))
    weights = plan["weights"]
    claimed = list(
        Application.objects.filter(status="active", benefit_status="claimed").values_list("pk", flat=True)
    )
    active = list(Application.objects.filter(status="active").values_list("pk", flat=True)[:20000])
    rng.shuffle(claimed)
    rng.shuffle(active)
    times: dict[str, list[float]] = defaultdict(list)
    for n in range(ops):
        kind = ("file", "confirm", "cancel")[n % 3]
        if kind == "file":
            data = services.ApplicationInput(
                child_surname=f"Новенька{n}", child_name="Дитина", child_patronymic="",
                birth_date=_birth_date(rng), sex=2, certificate_series="НВ-БН",
                certificate_number=f"{seed}{n:06d}", parent_name="Бенч Мати",
                parent_phone="+380501112233", parent_email=f"new{n}@bench.example", parent_address="",
                registered_in_community=True, school_year=SCHOOL_YEAR, start_month=9,
                benefit="first_in_turn" if n % 10 == 0 else "none",
                institution_ids=[i.pk for i in _pick(rng, institutions, weights)],
            )  # fmt: skip
            started = time.perf_counter()
            services.file_application(actor=actor, data=data, on_paper=True)
        else:
            pool = claimed if kind == "confirm" else active
            application = Application.objects.get(pk=pool.pop())
            started = time.perf_counter()
            if kind == "confirm":
                services.confirm_benefit(actor=actor, application=application, note="Довідка")
            else:
                services.cancel_application(actor=actor, application=application, note="Бенчмарк")
        times[kind].append((time.perf_counter() - started) * 1000)
    times["all"] = [t for kind in ("file", "confirm", "cancel") for t in times[kind]]
    return times


def _lists(requests: int, seed: int) -> dict[str, list[float]]:
    """The group's public page and the API's queue, in-process (test client, no network)."""
    from django.db.models import Count, Q
    from django.test import Client

    from hromada.kindergarten.models import AgeGroup

    rng = random.Random(seed + 2)
    sizes = list(
        AgeGroup.objects.annotate(n=Count("preferences", filter=Q(preferences__position__isnull=False)))
        .filter(n__gt=0)
        .values_list("pk", "n")
    )
    ids, weights = [g for g, _n in sizes], [n for _g, n in sizes]
    client = Client()
    times: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[str] = Counter()
    for name, url in (("page", "/dytsadok/cherga/{}/"), ("api", "/api/v1/public/kindergarten/queues/{}")):
        client.get(url.format(ids[0]))  # warm: templates, translations
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url.format(rng.choices(ids, weights)[0]))
            times[name].append((time.perf_counter() - started) * 1000)
            statuses[f"{name} {response.status_code}"] += 1
    say(f"   statuses: {dict(statuses)}; queues: {len(ids)}, the longest {max(weights)}")
    return times


def _line(name: str, values: list[float]) -> dict[str, float]:
    row = summary(values)
    p50, p95, top = row["p50"], row["p95"], row["max"]
    say(f"   {name:<24} n {row['n']:>4}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {top:7.1f} ms")
    return row


def _prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Build the queue (or, with --reuse, read the plan of the one built before)."""
    from django.core.management import call_command

    from bench.centre_storm import create_database

    plan_file = VAR / f"kindergarten-plan-{args.db}.json"
    if args.reuse and plan_file.exists():
        setup_django(args.db)
        return dict(json.loads(plan_file.read_text(encoding="utf-8")))
    create_database(args.db)
    setup_django(args.db)
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    plan = build(args.applications, args.institutions, args.seed)
    plan["build_s"] = time.perf_counter() - started
    VAR.mkdir(parents=True, exist_ok=True)
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return plan


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--institutions", type=int, default=60)
    parser.add_argument("--ops", type=int, default=300, help="changes timed (file, confirm, cancel in turn)")
    parser.add_argument("--lists", type=int, default=200, help="requests of the page and of the API each")
    parser.add_argument("--seconds", type=int, default=30, help="of look-ups over HTTP")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--clients", type=int, default=12, help="look-up client threads")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="keep the database built by an earlier run")
    args = parser.parse_args(argv)
    import os

    # The in-process client's host; the public page cache off, so every request does the work.
    os.environ.update(ALLOWED_HOSTS="127.0.0.1,testserver", HROMADA_PUBLIC_PAGE_CACHE_SECONDS="0")
    say(f"== kindergarten queue on {args.db}: {args.applications:,} applications, {args.institutions} places")
    plan = _prepare(args)
    from django.db import connection

    from hromada.kindergarten.models import Application, PositionChange, Preference

    sizes = {
        "applications": Application.objects.count(),
        "preferences": Preference.objects.count(),
        "history": PositionChange.objects.count(),
        "build_s": plan.get("build_s"),
    }
    say(f"-- built: {sizes}")
    say("-- changes (service call incl. the recompute of its queues)")
    changes = {k: _line(k, v) for k, v in _change_ops(args.ops, args.seed, plan).items()}
    say("-- public list of a group (in-process)")
    lists = {k: _line(k, v) for k, v in _lists(args.lists, args.seed).items()}
    connection.close()
    say(f"-- look-up over HTTP: {args.workers} workers, {args.clients} clients, {args.seconds} s")
    lookups = lookup_load(args.db, [tuple(p) for p in plan["pairs"]], args)
    lat, cpu = lookups["latency_ms"], lookups["cpu"]
    say(
        f"   {lookups['rps']:.0f} req/s ({lookups['statuses']}), p50 {lat['p50']:.1f} ms, "
        f"p95 {lat['p95']:.1f} ms; CPU gunicorn {cpu['gunicorn_cpu_s']:.0f} s, "
        f"postgres {cpu['postgres_cpu_s']:.0f} s, this process {cpu['loadgen_cpu_s']:.0f} s, "
        f"others {cpu['other_cpu_s']:.0f} s ({cpu['cores_busy']:.2f} cores busy)"
    )
    met = {
        "changes": changes["all"]["p95"] <= TARGET_CHANGE_P95_MS,
        "lists": max(lists["page"]["p95"], lists["api"]["p95"]) <= TARGET_LIST_P95_MS,
        "lookup": lookups["rps"] >= TARGET_LOOKUP_RPS,
    }
    say(f"   targets: {met}")
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "args": vars(args),
        "sizes": sizes,
        "changes_ms": changes,
        "lists_ms": lists,
        "lookup": lookups,
        "met": met,
    }
    (VAR / f"kindergarten-{args.db}.json").write_text(
        json.dumps(result, indent=2, default=str), encoding="utf-8"
    )
    return result


if __name__ == "__main__":
    main()
