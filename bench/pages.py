"""Server time of the staff pages on the benchmark register (issue: ≤ 150 ms p95 at 1,000,000 appeals).

    python -m bench.pages [DBNAME] [--repeats 60] [--workers 3]

Starts gunicorn (DEBUG off) like `bench.api_load`, signs in the demo registrar, head, controller and the
communal department's executor with real sessions, and requests one page at a time: the dashboards,
the appeal lists with the filters the dashboards link to, and the cards of randomly chosen appeals the
user may see. Server time is gunicorn's own request time (%(D)s), matched by an X-Bench-Id header.
"""

from __future__ import annotations

import argparse
import http.client
import random
import time

from bench.api_load import HOST, Server, issue_tokens
from bench.common import DEFAULT_DB, check_db_name, save_results, say, setup_django, summary

USERS = ["registrar", "head", "controller", "executor_communal"]
LISTS = [
    ("list: no filter", "/staff/appeals/"),
    ("list: overdue", "/staff/appeals/?overdue=1"),
    ("list: in progress + 1545", "/staff/appeals/?status=in_progress&channel=gov_hotline"),
    ("list: topic + department", "/staff/appeals/?topic=communal&department=communal"),
    ("list: awaiting resolution", "/staff/appeals/?awaiting=resolution"),
    ("list: text 'ліфт'", "/staff/appeals/?text=%D0%BB%D1%96%D1%84%D1%82"),
    ("list: sorted by received", "/staff/appeals/?sort=-received"),
]


def sessions(db: str) -> dict[str, str]:
    """A signed-in session cookie per user (the same as the sign-in page would set)."""
    setup_django(db)
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from hromada.accounts.models import User

    cookies = {}
    for name in USERS:
        user = User.objects.get(username=name)
        # Every staff role signs in with a second factor: the session is one verified by a TOTP device,
        # as a real one is after the code step.
        device, _created = TOTPDevice.objects.get_or_create(user=user, name="authenticator", confirmed=True)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "hromada.accounts.backends.AccountBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        cookies[name] = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    return cookies


def card_ids(db: str, count: int, seed: int) -> dict[str, list[int]]:
    """Random appeals each user may open: any for the register's staff, the department's for the executor."""
    setup_django(db)
    from hromada.accounts.models import User
    from hromada.appeals.models import Appeal, Assignment

    rng = random.Random(seed)
    last = Appeal.objects.order_by("-id").values_list("id", flat=True).first() or 0
    anyone = [rng.randint(1, last) for _ in range(count)]
    department = User.objects.get(username="executor_communal").department_id
    ids = list(
        Assignment.objects.filter(department_id=department)
        .order_by("?")
        .values_list("appeal_id", flat=True)[:count]
    )
    return {name: (ids if name.startswith("executor") else anyone) for name in USERS}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=60, help="requests per page and user")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    check_db_name(args.db)

    token = issue_tokens(args.db)["registrar"]
    cookies = sessions(args.db)
    cards = card_ids(args.db, args.repeats, args.seed)
    server = Server(args.db, args.port, args.workers, 1)
    samples: list[tuple[str, str, int, float]] = []  # label, bench id, status, client ms
    try:
        server.start(token)
        for user in USERS:
            conn = http.client.HTTPConnection(HOST, args.port, timeout=60)
            pages = [("dashboard", ["/staff/"] * args.repeats)]
            pages += [(label, [path] * args.repeats) for label, path in LISTS]
            pages.append(("card", [f"/staff/appeals/{i}/" for i in cards[user]]))
            for k, (label, paths) in enumerate(pages):
                for n, path in enumerate([paths[0]] * 3 + paths):  # three unmeasured warm-ups
                    bench_id = f"{user}-{k}-{n}"
                    started = time.perf_counter()
                    conn.request("GET", path, headers={"Cookie": cookies[user], "X-Bench-Id": bench_id})
                    response = conn.getresponse()
                    response.read()
                    if n >= 3:
                        ms = (time.perf_counter() - started) * 1000
                        samples.append((f"{user}: {label}", bench_id, response.status, ms))
            conn.close()
    finally:
        server.stop()
    server_ms = server.server_times()
    results: dict = {"db": args.db, "workers": args.workers, "repeats": args.repeats, "pages": {}}
    labels = list(dict.fromkeys(s[0] for s in samples))
    say(f"-- staff pages, one request at a time ({args.repeats} each; ms)")
    for label in labels:
        group = [s for s in samples if s[0] == label]
        ok = [s for s in group if s[2] == 200]
        server_times = summary([server_ms[s[1]] for s in ok if s[1] in server_ms])
        client_times = summary([s[3] for s in ok])
        errors = len(group) - len(ok)
        results["pages"][label] = {"server_ms": server_times, "client_ms": client_times, "errors": errors}
        say(
            f"   {label:48s} server p50 {server_times['p50']:6.1f} p95 {server_times['p95']:6.1f} | "
            f"client p95 {client_times['p95']:6.1f}" + (f"  NOT 200: {errors}" if errors else "")
        )
    save_results("pages", results)
    return results


if __name__ == "__main__":
    main()
