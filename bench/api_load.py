"""Load on the JSON API of the benchmark register: registrations, then the work lists.

    python -m bench.api_load [DBNAME] [--duration 30] [--clients 16] [--workers 4] [--threads 1]

Starts gunicorn (DEBUG off) on 127.0.0.1 against a database built by `bench.build_db`, issues API
tokens for a registrar and an executor, and drives it with its own load generator: threads with one
keep-alive HTTP connection each (http.client), loopback only.

1. Registration: `--clients` concurrent clients POST /api/v1/appeals for `--duration` seconds (after a
   warm-up), bodies from AppealFactory (the channel mix of a real council). Throughput counts 201s.
2. Lists: GET /api/v1/appeals with the filters of the work lists and the overdue list, as the
   registrar (whole register) and as an executor (rows of their department only), first one request
   at a time, then with `--list-clients` concurrent clients.

Client latency is measured around each request; server time is gunicorn's own request time (%(D)s
in its access log, matched by an X-Bench-Id header), which leaves out the load generator.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from bench.common import (
    DEFAULT_DB,
    VAR,
    check_db_name,
    children,
    db_url,
    django_env,
    machine_cpu,
    process_cpu,
    save_results,
    say,
    setup_django,
    summary,
    tool,
)

HOST = "127.0.0.1"

#: (label, query string) of GET /api/v1/appeals: the filtered work lists and the overdue list.
LIST_CASES = [
    ("status=in_progress&channel=gov_hotline", "status=in_progress&channel=gov_hotline"),
    ("topic=communal&department=communal", "topic=communal&department=communal"),
    ("priority=true", "priority=true"),
    ("overdue=true", "overdue=true"),
    ("no filter", ""),
]
LIST_USERS = ["registrar", "executor_communal"]


@dataclass
class Sample:
    kind: str
    label: str
    started: float
    ms: float
    status: int
    bench_id: str


class Client:
    """One keep-alive connection; reconnects if the server closes it."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method: str, path: str, body: bytes | None, bench_id: str) -> tuple[int, bytes]:
        headers = dict(self.headers, **{"X-Bench-Id": bench_id})
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


class Server:
    """gunicorn serving Hromada on the benchmark database, with a parseable access log."""

    def __init__(self, db: str, port: int, workers: int, threads: int) -> None:
        self.port = port
        VAR.mkdir(parents=True, exist_ok=True)
        self.access_log = VAR / "gunicorn-access.log"
        self.error_log = VAR / "gunicorn-error.log"
        for path in (self.access_log, self.error_log):
            path.unlink(missing_ok=True)
        self.cmd = [
            tool("gunicorn"),
            "hromada.wsgi",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "-b",
            f"{HOST}:{port}",
            "--no-control-socket",
            "--keep-alive",
            "30",
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            "%({x-bench-id}i)s %(s)s %(D)s",
            "--error-logfile",
            str(self.error_log),
        ]
        self.env = django_env(db, ALLOWED_HOSTS=HOST, DB_CONN_MAX_AGE="600")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, token: str) -> None:
        say("   $ " + " ".join(["gunicorn", *self.cmd[1:]]))
        self.proc = subprocess.Popen(self.cmd, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.proc.returncode}; see {self.error_log}")
            try:
                client = Client(self.port, token)
                status, _body = client.request("GET", "/api/v1/appeals?page_size=1", None, "ready")
                client.close()
                if status == 200:
                    return
            except OSError:
                pass  # not listening yet: try again until the deadline
            time.sleep(0.3)
        raise SystemExit("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def server_times(self) -> dict[str, float]:
        """bench id → server time in ms, from the access log."""
        times = {}
        if self.access_log.exists():
            for line in self.access_log.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[0] != "-":
                    times[parts[0]] = int(parts[2]) / 1000
        return times


class CpuMeter:
    """CPU used during a phase by gunicorn, by PostgreSQL's backends of the benchmark database, by
    the load generator itself, and by everything else on the machine (other jobs, PostgreSQL's own
    background processes): the machine is shared, so the figures say how busy it was."""

    def __init__(self, db: str, server: Server) -> None:
        import psycopg

        self.server = server
        self.conn = psycopg.connect(db_url(db), autocommit=True)
        self.db = db

    def _pids(self) -> tuple[list[int], list[int]]:
        master = self.server.proc.pid if self.server.proc else 0
        backends = [
            pid
            for (pid,) in self.conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.db]
            ).fetchall()
        ]
        return [master, *children(master)], backends

    def snapshot(self) -> dict:
        web, backends = self._pids()
        busy, total = machine_cpu()
        return {
            "at": time.perf_counter(),
            "web": {pid: process_cpu(pid) for pid in web},
            "db": {pid: process_cpu(pid) for pid in backends},
            "loadgen": process_cpu(os.getpid()),
            "busy": busy,
            "total": total,
        }

    @staticmethod
    def between(a: dict, b: dict) -> dict[str, float]:
        def used(key: str) -> float:
            return sum(b[key][pid] - a[key].get(pid, 0.0) for pid in b[key])

        web, db, loadgen = used("web"), used("db"), b["loadgen"] - a["loadgen"]
        busy = b["busy"] - a["busy"]
        return {
            "wall_s": b["at"] - a["at"],
            "cores_busy": busy / (b["at"] - a["at"]),
            "gunicorn_cpu_s": web,
            "postgres_cpu_s": db,
            "loadgen_cpu_s": loadgen,
            "other_cpu_s": max(0.0, busy - web - db - loadgen),
        }

    def close(self) -> None:
        self.conn.close()


def _cpu_line(cpu: dict[str, float], requests: int) -> str:
    per = 1000 / max(1, requests)
    web, db, gen = (cpu[k] * per for k in ("gunicorn_cpu_s", "postgres_cpu_s", "loadgen_cpu_s"))
    return (
        f"   CPU over {cpu['wall_s']:.0f} s: {cpu['cores_busy']:.2f} of {os.cpu_count()} cores busy; "
        f"per request gunicorn {web:.1f} ms, PostgreSQL {db:.1f} ms, load generator {gen:.1f} ms; "
        f"other processes {cpu['other_cpu_s']:.1f} CPU-s"
    )


def issue_tokens(db: str) -> dict[str, str]:
    """Fresh API tokens for the demo registrar and executor (made by build_db's ensure_staff)."""
    setup_django(db)
    from hromada.accounts.models import User
    from hromada.accounts.services import create_api_token

    return {name: create_api_token(user=User.objects.get(username=name)) for name in LIST_USERS}


def make_bodies(count: int, seed: int, tag: str) -> list[bytes]:
    """Registration bodies as a contact center or a clerk would send them (received now)."""
    from hromada.appeals.factories import AppealFactory

    factory = AppealFactory(seed, people=20_000)
    bodies = []
    for n in range(count):
        body = factory.body()
        if "external_id" in body:  # unique across runs: the register already holds the factory's cards
            body["external_id"] = f"{body['external_id'].split('-')[0]}-{tag}-{n}"
        bodies.append(json.dumps(body, ensure_ascii=False).encode())
    return bodies


def run_registrations(
    port: int,
    token: str,
    bodies: list[bytes],
    *,
    clients: int,
    warmup: float,
    duration: float,
    meter: CpuMeter,
) -> tuple[list[Sample], dict[str, float]]:
    """`clients` threads POST bodies as fast as answers come back; samples of the measured window."""
    lock = threading.Lock()
    feed = iter(enumerate(bodies))
    samples: list[Sample] = []
    start_at = time.perf_counter() + 0.5
    measure_from = start_at + warmup
    stop_at = measure_from + duration

    def worker() -> None:
        client = Client(port, token)
        local: list[Sample] = []
        while time.perf_counter() < start_at:
            time.sleep(0.01)
        while True:
            now = time.perf_counter()
            if now >= stop_at:
                break
            with lock:
                item = next(feed, None)
            if item is None:
                break
            n, body = item
            bench_id = f"reg-{n}"
            try:
                status, _answer = client.request("POST", "/api/v1/appeals", body, bench_id)
            except OSError:
                status = 0
            done = time.perf_counter()
            if now >= measure_from and done <= stop_at:
                local.append(
                    Sample("register", "POST /api/v1/appeals", now, (done - now) * 1000, status, bench_id)
                )
        client.close()
        with lock:
            samples.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    time.sleep(max(0.0, measure_from - time.perf_counter()))
    first = meter.snapshot()
    time.sleep(max(0.0, stop_at - time.perf_counter()))
    last = meter.snapshot()
    for t in threads:
        t.join()
    return samples, CpuMeter.between(first, last)


def run_lists_sequential(port: int, tokens: dict[str, str], *, repeats: int) -> list[Sample]:
    samples = []
    for user in LIST_USERS:
        client = Client(port, tokens[user])
        for label, query in LIST_CASES:
            path = f"/api/v1/appeals?{query}" if query else "/api/v1/appeals"
            for n in range(-3, repeats):  # three unmeasured warm-up requests per list
                bench_id = f"seq-{user}-{label}-{n}".replace(" ", "_").replace("&", "+")
                started = time.perf_counter()
                status, _answer = client.request("GET", path, None, bench_id)
                if n >= 0:
                    ms = (time.perf_counter() - started) * 1000
                    samples.append(Sample("list-seq", f"{user}: {label}", started, ms, status, bench_id))
        client.close()
    return samples


def run_lists_concurrent(
    port: int, tokens: dict[str, str], *, clients: int, duration: float, seed: int, meter: CpuMeter
) -> tuple[list[Sample], dict[str, float]]:
    lock = threading.Lock()
    samples: list[Sample] = []
    stop_at = time.perf_counter() + duration
    cases = [(user, label, query) for user in LIST_USERS for label, query in LIST_CASES]

    def worker(k: int) -> None:
        rng = random.Random(seed + k)
        conns = {user: Client(port, tokens[user]) for user in LIST_USERS}
        local: list[Sample] = []
        n = 0
        while time.perf_counter() < stop_at:
            user, label, query = rng.choice(cases)
            path = f"/api/v1/appeals?{query}" if query else "/api/v1/appeals"
            bench_id = f"con-{k}-{n}"
            n += 1
            started = time.perf_counter()
            status, _answer = conns[user].request("GET", path, None, bench_id)
            ms = (time.perf_counter() - started) * 1000
            local.append(Sample("list-con", f"{user}: {label}", started, ms, status, bench_id))
        for conn in conns.values():
            conn.close()
        with lock:
            samples.extend(local)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    first = meter.snapshot()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, CpuMeter.between(first, meter.snapshot())


def _row(label: str, client: dict[str, float], server: dict[str, float]) -> str:
    return (
        f"   {label:58s} n={client['n']:5d}  client p50 {client['p50']:6.1f} p95 {client['p95']:6.1f} "
        f"p99 {client['p99']:6.1f} ms | server p50 {server['p50']:6.1f} p95 {server['p95']:6.1f} ms"
    )


def report(samples: list[Sample], server_ms: dict[str, float]) -> dict[str, dict]:
    by_label: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_label[s.label].append(s)
    out = {}
    for label, group in by_label.items():
        ok = [s for s in group if 200 <= s.status < 300]
        client = summary([s.ms for s in ok])
        server = summary([server_ms[s.bench_id] for s in ok if s.bench_id in server_ms])
        out[label] = {"client_ms": client, "server_ms": server, "errors": len(group) - len(ok)}
        say(
            _row(label, client, server) + (f"  errors {len(group) - len(ok)}" if len(ok) < len(group) else "")
        )
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn worker processes (3 was best on 2 cores)"
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1: sync worker)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent registration clients")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of measured registration load")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--list-repeats", type=int, default=100, help="sequential requests per list and user")
    parser.add_argument("--list-clients", type=int, default=4)
    parser.add_argument("--list-duration", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--skip-register", action="store_true")
    parser.add_argument("--skip-lists", action="store_true")
    args = parser.parse_args(argv)
    check_db_name(args.db)

    tokens = issue_tokens(args.db)
    tag = f"B{args.seed}"
    expected = int((args.duration + args.warmup + 1) * 1000)
    bodies = [] if args.skip_register else make_bodies(expected, args.seed, tag)
    server = Server(args.db, args.port, args.workers, args.threads)
    results: dict = {
        "db": args.db,
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "clients": args.clients,
        "duration": args.duration,
        "cpus": os.cpu_count(),
        "loadavg_before": os.getloadavg(),
    }
    meter = None
    try:
        server.start(tokens["registrar"])
        meter = CpuMeter(args.db, server)
        if not args.skip_register:
            say(
                f"-- registration: {args.clients} clients, {args.warmup:.0f} s warm-up, {args.duration:.0f} s"
            )
            reg, reg_cpu = run_registrations(
                args.port,
                tokens["registrar"],
                bodies,
                clients=args.clients,
                warmup=args.warmup,
                duration=args.duration,
                meter=meter,
            )
        if not args.skip_lists:
            say(f"-- lists, one request at a time ({args.list_repeats} per list and user)")
            seq = run_lists_sequential(args.port, tokens, repeats=args.list_repeats)
            say(f"-- lists, {args.list_clients} concurrent clients for {args.list_duration:.0f} s")
            con, con_cpu = run_lists_concurrent(
                args.port,
                tokens,
                clients=args.list_clients,
                duration=args.list_duration,
                seed=args.seed,
                meter=meter,
            )
    finally:
        server.stop()
        if meter is not None:
            meter.close()
    server_ms = server.server_times()
    if not args.skip_register:
        say("== registration")
        created = sum(1 for s in reg if s.status == 201)
        statuses: dict[int, int] = defaultdict(int)
        for s in reg:
            statuses[s.status] += 1
        results["register"] = report(reg, server_ms)
        results["register"]["throughput_per_s"] = created / reg_cpu["wall_s"]
        results["register"]["statuses"] = dict(statuses)
        results["register"]["cpu"] = reg_cpu
        rate = created / reg_cpu["wall_s"]
        say(f"   throughput {rate:,.0f} registrations/s (201s); statuses {dict(statuses)}")
        say(_cpu_line(reg_cpu, created))
    if not args.skip_lists:
        say("== lists, one request at a time")
        results["lists_sequential"] = report(seq, server_ms)
        say(f"== lists, {args.list_clients} concurrent clients")
        results["lists_concurrent"] = report(con, server_ms)
        results["lists_concurrent"]["cpu"] = con_cpu
        say(_cpu_line(con_cpu, len(con)))
    results["loadavg_after"] = os.getloadavg()
    path = save_results(f"api_load-{args.db}", results)
    say(f"   figures saved to {path}")
    return results


if __name__ == "__main__":
    main()
