"""Server time of the staff list's search box on the benchmark register (issue 13: p95 ≤ 100 ms at
1,000,000 appeals).

    python -m bench.search [DBNAME] [--repeats 60] [--workers 3]

Like `bench.pages`: gunicorn with DEBUG off, real signed-in sessions, one request at a time, server
time from gunicorn's own log. Each request searches for a different appeal or person drawn at random
from the register, the way a clerk types it: the printed index, the number alone, the index typed
on a Latin keyboard in lower case, a name in reversed order, a surname alone, a phone as 0XXXXXXXXX,
an e-mail, words of the text; and "go to number" from the staff header.
"""

from __future__ import annotations

import argparse
import http.client
import random
import time
from urllib.parse import urlencode

from bench.api_load import HOST, Server, issue_tokens
from bench.common import DEFAULT_DB, check_db_name, save_results, say, setup_django, summary
from bench.pages import sessions

USERS = ["registrar", "executor_communal"]
WORDS = ["ліфт", "ремонт даху", "опалення", "вивезення сміття", "освітлення вулиці", "яма на дорозі"]
#: Cyrillic index letters as a Latin keyboard gives them (the look-alike glyph).
LATIN = {"А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t"}


def samples(db: str, count: int, seed: int) -> dict[str, list[str]]:
    """`count` queries of each kind, from random appeals and applicants of the register."""
    setup_django(db)
    from hromada.appeals.models import Appeal, Applicant

    rng = random.Random(seed)
    last = Appeal.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = [rng.randint(1, last) for _ in range(count * 3)]
    numbers = list(Appeal.objects.filter(pk__in=ids).values_list("number", flat=True))[:count]
    latin = [n for n in numbers if n[0] in LATIN][:count]
    people = list(
        Applicant.objects.filter(appeal_id__in=ids)
        .exclude(phone="")
        .exclude(email="")
        .values_list("name", "phone", "email")[:count]
    )
    return {
        "index К-123": numbers,
        "number alone": [n.split("-")[-1] for n in numbers],
        "index, latin lower case": [LATIN[n[0]] + n[1:].lower() for n in latin],
        "name reversed": [" ".join(reversed(name.split()[:2])) for name, _p, _e in people],
        "surname alone": [name.split()[0] for name, _p, _e in people],
        "phone 0XXXXXXXXX": ["0" + phone[-9:] for _n, phone, _e in people],
        "e-mail": [email for _n, _p, email in people],
        "text words": [rng.choice(WORDS) for _ in range(count)],
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=60, help="requests per kind of query and user")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    check_db_name(args.db)

    token = issue_tokens(args.db)["registrar"]
    cookies = sessions(args.db)
    queries = samples(args.db, args.repeats, args.seed)
    pages = [
        (f"list ?q= {kind}", [f"/staff/appeals/?{urlencode({'q': q})}" for q in qs])
        for kind, qs in queries.items()
    ]
    pages.append(
        ("go to number", [f"/staff/appeals/go/?{urlencode({'n': n})}" for n in queries["index К-123"]])
    )
    server = Server(args.db, args.port, args.workers, 1)
    measured: list[tuple[str, str, int, float]] = []  # label, bench id, status, client ms
    try:
        server.start(token)
        for user in USERS:
            conn = http.client.HTTPConnection(HOST, args.port, timeout=60)
            for k, (label, paths) in enumerate(pages):
                for n, path in enumerate(paths[:3] + paths):  # three unmeasured warm-ups
                    bench_id = f"{user}-{k}-{n}"
                    started = time.perf_counter()
                    conn.request("GET", path, headers={"Cookie": cookies[user], "X-Bench-Id": bench_id})
                    response = conn.getresponse()
                    response.read()
                    if n >= 3:
                        ms = (time.perf_counter() - started) * 1000
                        measured.append((f"{user}: {label}", bench_id, response.status, ms))
            conn.close()
    finally:
        server.stop()
    server_ms = server.server_times()
    results: dict = {"db": args.db, "workers": args.workers, "repeats": args.repeats, "pages": {}}
    say(f"-- the search box, one request at a time ({args.repeats} different queries each; ms)")
    for label in dict.fromkeys(s[0] for s in measured):
        group = [s for s in measured if s[0] == label]
        # "go to number" answers 302 (to the card, or to the list when the user may not see it).
        ok = [s for s in group if s[2] in (200, 302)]
        server_times = summary([server_ms[s[1]] for s in ok if s[1] in server_ms])
        client_times = summary([s[3] for s in ok])
        errors = len(group) - len(ok)
        results["pages"][label] = {"server_ms": server_times, "client_ms": client_times, "errors": errors}
        say(
            f"   {label:52s} server p50 {server_times['p50']:6.1f} p95 {server_times['p95']:6.1f} | "
            f"client p95 {client_times['p95']:6.1f}" + (f"  FAILED: {errors}" if errors else "")
        )
    save_results("search", results)
    return results


if __name__ == "__main__":
    main()
