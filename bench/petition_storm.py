"""A viral petition on PostgreSQL: signers and readers at once, then an exactness check (issue 6).

    python -m bench.petition_storm [DBNAME] [--signers 64] [--readers 16] [--duration 60] [--workers 2]

Needs locust (`pip install -e '.[bench]'`) and a migrated database (e.g. the register of
`bench.build_db`; the storm adds its own residents and petition). Steps:
1. create `--residents` confirmed residents (default: enough for the run) and a signed-in session for
   each (rows in django_session, as a sign-in would leave), and one petition collecting signatures
   with a threshold far above the run (so it keeps collecting);
2. start gunicorn (DEBUG off, `--workers` sync workers) on 127.0.0.1, trusting X-Real-IP;
3. run locust headless (bench/petition_locustfile.py) for `--duration` seconds: `--signers` users sign
   with fresh residents (one attempt in ten repeats a resident who signed: it must get 409) and
   `--readers` users read the petition page, no think time;
4. check exactness: the petition's counter = the valid signature rows = the signatures locust saw
   accepted, and no resident signed twice.
Figures go to var/bench/petition_storm-DBNAME.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import secrets
import subprocess
import sys
import time

from bench.api_load import CpuMeter
from bench.common import DEFAULT_DB, ROOT, VAR, say, setup_django, tool
from bench.portal_load import PortalServer, free_port, read_stats

TARGET_SIGNATURES = 1000
TARGET_READS = 1000
TARGET_P95_MS = 100
STORM_DOMAINS = ["ukr.net", "gmail.com", "i.ua", "meta.ua", "outlook.com", "bench.example"]


def prepare(residents: int) -> dict:
    """Residents with sessions and a collecting petition; returns the plan for the load generator."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import transaction

    from hromada.accounts.models import User
    from hromada.core import clock
    from hromada.petitions.models import Petition, PetitionStatus
    from hromada.reference.models import Topic
    from hromada.residents.models import Resident

    tag = secrets.token_hex(3)
    now = clock.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    username=f"storm-{tag}-{n}", email=f"storm{n}.{tag}@{STORM_DOMAINS[n % 6]}", password="!"
                )
                for n in range(residents)
            ],
            batch_size=2000,
        )
        people = Resident.objects.bulk_create(
            [
                Resident(
                    user=u,
                    full_name=f"Підписант {n} Навантаження",
                    email=u.email,
                    created_at=now,
                    email_confirmed_at=now,
                )
                for n, u in enumerate(users)
            ],
            batch_size=2000,
        )
        author = people[0]
        petition = Petition.objects.create(
            author=author,
            author_name=author.full_name,
            author_email=author.email,
            title=f"Збережемо сквер біля ставка ({tag})",
            text="Просимо раду не забудовувати сквер і облаштувати в ньому освітлення та лави.",
            category=Topic.objects.order_by("pk").first(),
            status=PetitionStatus.COLLECTING,
            created_at=now,
            updated_at=now,
            submitted_at=now,
            published_at=now,
            deadline=clock.today().replace(year=clock.today().year + 1),
            threshold=10**9,
            search_text="збережемо сквер",
        )
        store = SessionStore()
        sessions = []
        keys = []
        expire = now + dt.timedelta(days=1)
        for user in users:
            key = secrets.token_urlsafe(24).lower().replace("-", "a").replace("_", "b")[:32]
            data = {
                "_auth_user_id": str(user.pk),
                "_auth_user_backend": "hromada.accounts.backends.AccountBackend",
                "_auth_user_hash": user.get_session_auth_hash(),
            }
            sessions.append(Session(session_key=key, session_data=store.encode(data), expire_date=expire))
            keys.append(key)
        Session.objects.bulk_create(sessions, batch_size=2000)
    return {"petition": petition.pk, "sessions": keys, "csrf": secrets.token_hex(16)}


def exactness(petition_id: int) -> dict:
    from django.db.models import Count

    from hromada.petitions.models import Petition, Signature

    petition = Petition.objects.get(pk=petition_id)
    live = Signature.objects.filter(
        petition_id=petition_id, withdrawn_at__isnull=True, invalidation__isnull=True
    )
    doubles = (
        Signature.objects.filter(petition_id=petition_id, withdrawn_at__isnull=True)
        .values("signer_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {"counter": petition.signature_count, "valid_rows": live.count(), "signers_twice": doubles}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--signers", type=int, default=64)
    parser.add_argument("--readers", type=int, default=16)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--residents", type=int, default=0, help="default: 1,500 per second of the run")
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    setup_django(args.db)
    residents = args.residents or 1500 * args.duration
    say(f"== petition storm on {args.db}: {args.signers} signers + {args.readers} readers, {args.duration} s")
    started = time.perf_counter()
    plan = prepare(residents)
    plan_file = VAR / "petition-storm-plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    took = time.perf_counter() - started
    say(f"-- {residents:,} residents with sessions and petition {plan['petition']} in {took:.0f} s")

    server = PortalServer(args.db, free_port(), args.workers, 1)
    server.env.update(HROMADA_CLIENT_IP_HEADER="HTTP_X_REAL_IP", HROMADA_PORTAL_SIGNING_LIMIT="1000000")
    prefix = str(VAR / f"storm-{args.db}")
    accepted_file = VAR / "petition-storm-accepted.txt"
    accepted_file.unlink(missing_ok=True)
    server.start()
    try:
        env = dict(
            os.environ,
            STORM_PLAN=str(plan_file),
            STORM_SIGNERS=str(args.signers),
            STORM_READERS=str(args.readers),
            STORM_ACCEPTED=str(accepted_file),
        )
        users = args.signers + args.readers
        cmd = [
            tool("locust"),
            "-f",
            str(ROOT / "bench" / "petition_locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{args.duration}s",
            "--host",
            f"http://127.0.0.1:{server.port}",
            "--csv",
            prefix,
            "--only-summary",
            "--stop-timeout",
            "5",
            "--loglevel",
            "WARNING",
        ]
        say("   $ " + " ".join(["locust", *cmd[1:]]))
        meter = CpuMeter(args.db, server)
        before = meter.snapshot()
        children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, env=env, check=False, stdout=sys.stdout, stderr=sys.stderr)
        children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = CpuMeter.between(before, meter.snapshot())
        meter.close()
    finally:
        server.stop()
    stats = read_stats(prefix)
    check = exactness(plan["petition"])
    signed = stats.get("POST sign", {})
    # What the client saw accepted (302), counted by the locustfile itself: locust's CSV leaves out
    # the answers that come back while the users stop.
    accepted = int(accepted_file.read_text()) if accepted_file.exists() else 0
    reads = stats.get("GET petition page", {})
    locust_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "db": args.db,
        "signers": args.signers,
        "readers": args.readers,
        "duration_s": args.duration,
        "workers": args.workers,
        "stats": stats,
        "accepted_by_locust": accepted,
        "exactness": check,
        # Requests in flight when locust stops are served but never counted by it: at most one per signer.
        "exact": check["counter"] == check["valid_rows"]
        and check["signers_twice"] == 0
        and 0 <= check["counter"] - accepted <= args.signers,
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
            f"   {name:<20} {row['requests']:>7} req  {row['rps']:>7.1f}/s  failures {row['failures']:>4}  "
            f"median {row['median_ms']:>4.0f} ms  p95 {row['p95_ms']:>4.0f} ms  p99 {row['p99_ms']:>4.0f} ms"
        )
    say(
        f"   exactness: counter {check['counter']:,}, valid rows {check['valid_rows']:,}, accepted "
        f"{accepted:,} (+{check['counter'] - accepted} in flight at the stop), residents with two live "
        f"signatures {check['signers_twice']} → "
        f"{'exact' if result['exact'] else 'NOT EXACT'}"
    )
    per_second = signed.get("rps", 0) * (1 - signed.get("failures", 0) / max(1, signed.get("requests", 1)))
    result["accepted_per_s"] = per_second
    say(
        f"   targets: ≥ {TARGET_SIGNATURES} accepted signatures/s (got {per_second:.0f}), "
        f"p95 ≤ {TARGET_P95_MS} ms (got {signed.get('p95_ms', 0):.0f}), "
        f"≥ {TARGET_READS} reads/s (got {reads.get('rps', 0):.0f}); CPU {cpu['cores_busy']:.2f} cores busy"
    )
    (VAR / f"petition_storm-{args.db}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
