"""The look-ups of bench.kindergarten over HTTP: gunicorn on 127.0.0.1 (DEBUG off, X-Real-IP trusted, so
every request comes from an address of its own and the per-address rate limit is checked and counted
as in production) and `--clients` threads with one keep-alive connection each, POSTing
/api/v1/public/kindergarten/lookup back to back for `--seconds` (one in ten with a wrong code: 404)."""

from __future__ import annotations

import argparse
import http.client
import json
import random
import threading
import time
from collections import Counter
from typing import Any

from bench.common import summary


class _Looker(threading.Thread):
    """One client: a keep-alive connection, look-ups back to back until the deadline."""

    def __init__(self, port: int, pairs: list[tuple[str, str]], deadline: float, seed: int) -> None:
        super().__init__(daemon=True)
        self.port, self.pairs, self.deadline = port, pairs, deadline
        self.rng = random.Random(seed)
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while time.perf_counter() < self.deadline:
            number, code = self.rng.choice(self.pairs)
            wrong = self.rng.random() < 0.1  # one in ten mistyped: 404
            body = json.dumps({"number": number, "code": "ZZZZZZZZ" if wrong else code}).encode()
            r = self.rng
            headers = {
                "Content-Type": "application/json",
                "X-Real-IP": f"10.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}",
            }
            started = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/public/kindergarten/lookup", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                status = 0
            self.latencies.append((time.perf_counter() - started) * 1000)
            ok = status == (404 if wrong else 200)
            self.statuses[status if ok else -1 - status] += 1  # a failure counts below zero
        conn.close()


def lookup_load(db: str, pairs: list[tuple[str, str]], args: argparse.Namespace) -> dict[str, Any]:
    from bench.api_load import CpuMeter
    from bench.portal_load import PortalServer, free_port

    server = PortalServer(db, free_port(), args.workers, 1)
    # LOG_LEVEL: the mistyped codes' 404s would each print a warning.
    server.env.update(HROMADA_CLIENT_IP_HEADER="HTTP_X_REAL_IP", LOG_LEVEL="ERROR")
    server.start()
    try:
        warm = _Looker(server.port, pairs, time.perf_counter() + 3, 0)
        warm.run()
        meter = CpuMeter(db, server)
        before = meter.snapshot()
        deadline = time.perf_counter() + args.seconds
        clients = [_Looker(server.port, pairs, deadline, n + 1) for n in range(args.clients)]
        started = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        wall = time.perf_counter() - started
        cpu = CpuMeter.between(before, meter.snapshot())
        meter.close()
    finally:
        server.stop()
    statuses: Counter[int] = sum((c.statuses for c in clients), Counter())
    latencies = [ms for c in clients for ms in c.latencies]
    good = sum(n for s, n in statuses.items() if s >= 0)
    return {
        "requests": len(latencies),
        "rps": good / wall,
        "statuses": {str(k): v for k, v in statuses.items()},
        "latency_ms": summary(latencies),
        "cpu": cpu,
    }
