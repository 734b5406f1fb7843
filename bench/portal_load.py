"""Load on the public portal with locust: the e-appeal form and the tracking page (issue 5).

    python -m bench.portal_load [DBNAME] [--users 32] [--duration 60] [--workers 3] [--codes 2000]

Needs locust (`pip install -e '.[bench]'`, which `make bench` does) and a register built by
`bench.build_db`. Steps:
1. issue tracking codes for `--codes` appeals picked at random across the register (their number +
   code pairs go to var/bench/portal-codes.json for the simulated residents);
2. start gunicorn (DEBUG off) on 127.0.0.1 with `--workers` sync workers, trusting X-Real-IP as the
   client address (as behind the council's reverse proxy) so that each simulated resident has an
   address of its own and the per-address rate limits are checked and counted as in production;
3. run locust headless on loopback for `--duration` seconds with `--users` concurrent residents and no
   think time (bench/portal_locustfile.py: form 4, tracking 4 of which 1 in 10 with a wrong code →
   404, filing 1), then read its CSV: requests/s, failures, median/p95/p99 per request kind and
   overall. The figures are kept in var/bench/portal_load-DBNAME.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import socket
import subprocess
import sys
import time

from bench.api_load import HOST, CpuMeter, Server
from bench.common import DEFAULT_DB, ROOT, VAR, machine_cpu, say, setup_django, tool

TARGET_RPS = 200
TARGET_P95_MS = 100


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def issue_codes(count: int, seed: int) -> list[tuple[str, str]]:
    from django.db.models import Max, Min

    from hromada.appeals.models import Appeal
    from hromada.appeals.services import issue_tracking_code

    bounds = Appeal.objects.aggregate(lo=Min("id"), hi=Max("id"))
    rng = random.Random(seed)
    ids = rng.sample(range(bounds["lo"], bounds["hi"] + 1), min(count * 2, bounds["hi"] - bounds["lo"] + 1))
    pairs = []
    for appeal in Appeal.objects.filter(pk__in=ids).only("id", "number")[:count]:
        pairs.append((appeal.number, issue_tracking_code(appeal)))
    return pairs


class PortalServer(Server):
    """gunicorn as in the API benchmark, ready when the tracking page answers."""

    def start(self, token: str = "") -> None:
        import http.client

        say("   $ " + " ".join(["gunicorn", *self.cmd[1:]]))
        self.proc = subprocess.Popen(self.cmd, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.proc.returncode}; see {self.error_log}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", "/zvernennia/stan/")
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
            except OSError:
                pass  # not listening yet
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer within 60 s")


def read_stats(prefix: str) -> dict[str, dict[str, float]]:
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["Name"] if row["Type"] else "all"
            rows[name if row["Name"] != "Aggregated" else "all"] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "median_ms": float(row["Median Response Time"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
                "max_ms": float(row["Max Response Time"]),
            }
    return rows


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn sync workers (one per core measured best)"
    )
    parser.add_argument("--codes", type=int, default=2000)
    parser.add_argument("--filing-weight", type=int, default=1, help="0: no filings")
    parser.add_argument(
        "--rate", type=float, default=220, help="offered requests/s in all (0: as fast as possible)"
    )
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    setup_django(args.db)

    say(f"== portal load on {args.db}: {args.users} users, {args.duration} s, {args.workers} workers")
    codes_file = VAR / "portal-codes.json"
    codes = issue_codes(args.codes, seed=2026)
    codes_file.write_text(json.dumps(codes, ensure_ascii=False), encoding="utf-8")
    say(f"-- tracking codes issued for {len(codes)} appeals")

    server = PortalServer(args.db, free_port(), args.workers, 1)
    server.env.update(HROMADA_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    prefix = str(VAR / f"portal-{args.db}")
    server.start()
    try:
        env = dict(
            os.environ,
            PORTAL_BENCH_CODES=str(codes_file),
            PORTAL_BENCH_FILING_WEIGHT=str(args.filing_weight),
            PORTAL_BENCH_USER_RATE=str(args.rate / args.users if args.rate else 0),
        )
        cmd = [
            tool("locust"),
            "-f",
            str(ROOT / "bench" / "portal_locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{args.duration}s",
            "--host",
            f"http://{HOST}:{server.port}",
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
        busy0, _total0 = machine_cpu()
        started = time.perf_counter()
        subprocess.run(cmd, env=env, check=False, stdout=sys.stdout, stderr=sys.stderr)
        wall = time.perf_counter() - started
        busy1, _total1 = machine_cpu()
        children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = CpuMeter.between(before, meter.snapshot())
        meter.close()
        locust_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
    finally:
        server.stop()
    stats = read_stats(prefix)
    overall = stats["all"]
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "db": args.db,
        "users": args.users,
        "duration_s": args.duration,
        "workers": args.workers,
        "offered_rps": args.rate,
        "cores_busy": (busy1 - busy0) / wall,
        "cpu_s": {
            "gunicorn": cpu["gunicorn_cpu_s"],
            "postgres": cpu["postgres_cpu_s"],
            "locust": locust_cpu,
            "other": max(0.0, busy1 - busy0 - cpu["gunicorn_cpu_s"] - cpu["postgres_cpu_s"] - locust_cpu),
        },
        "stats": stats,
        "meets_target": overall["rps"] >= TARGET_RPS
        and overall["p95_ms"] <= TARGET_P95_MS
        and not overall["failures"],
    }
    (VAR / f"portal_load-{args.db}.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    say("")
    for name, row in stats.items():
        say(
            f"   {name:<20} {row['requests']:>7} req  {row['rps']:>7.1f}/s  failures {row['failures']:>4}  "
            f"median {row['median_ms']:>4.0f} ms  p95 {row['p95_ms']:>4.0f} ms  p99 {row['p99_ms']:>4.0f} ms"
        )
    per = 1000 / max(1, overall["requests"])
    say("   CPU per request: " + ", ".join(f"{k} {v * per:.1f} ms" for k, v in result["cpu_s"].items()))
    say(
        f"   target: ≥ {TARGET_RPS} req/s with p95 ≤ {TARGET_P95_MS} ms → "
        f"{'met' if result['meets_target'] else 'MISSED'}; {result['cores_busy']:.2f} cores busy"
    )
    return result


if __name__ == "__main__":
    main()
