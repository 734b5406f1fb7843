"""What every benchmark script shares: where things live, the database URL, timers, percentiles."""

from __future__ import annotations

import json
import math
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
DEFAULT_DB = "hromada_bench"
#: The PostgreSQL server (no database name). Loopback only: the benchmarks never leave the machine.
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
_SAFE_NAME = re.compile(r"^[a-z][a-z0-9_]*bench[a-z0-9_]*$")


def check_db_name(name: str) -> str:
    """Benchmarks drop and recreate their database: refuse any name that does not say "bench"."""
    if not _SAFE_NAME.match(name):
        raise SystemExit(f"refusing database name {name!r}: use lower-case letters and 'bench' in it")
    return name


def db_url(name: str) -> str:
    return f"{PG_SERVER}/{check_db_name(name)}"


def tool(name: str) -> str:
    """A console script of the running virtualenv (hromada, gunicorn)."""
    path = Path(sys.executable).parent / name
    return str(path if path.exists() else name)


def django_env(db: str, **extra: str) -> dict[str, str]:
    """The environment of a Hromada process working on the benchmark database: DEBUG off, as in
    production, but plain HTTP on loopback (HROMADA_HTTPS=0: no redirect, no Secure cookies)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url(db),
        DJANGO_SETTINGS_MODULE="hromada.settings",
        SECRET_KEY=env.get("SECRET_KEY") or "bench-only-secret-key-not-for-production-0123456789",
        DEBUG="0",
        HROMADA_HTTPS="0",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def setup_django(db: str) -> None:
    """Configure Django in this process for the benchmark database."""
    os.environ.update(django_env(db))
    import django

    django.setup()


def say(message: str) -> None:
    print(message, flush=True)


@contextmanager
def phase(name: str, timings: dict[str, float]) -> Iterator[None]:
    """Time a phase, print it when it ends and remember it in `timings`."""
    say(f"-- {name} …")
    started = time.perf_counter()
    yield
    seconds = time.perf_counter() - started
    timings[name] = seconds
    say(f"-- {name}: {seconds:.1f} s")


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted sequence (nan if empty)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summary(values: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean of latencies in milliseconds."""
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "p50": percentile(ordered, 50),
        "p95": percentile(ordered, 95),
        "p99": percentile(ordered, 99),
        "max": ordered[-1] if ordered else math.nan,
        "mean": sum(ordered) / len(ordered) if ordered else math.nan,
    }


def save_results(name: str, data: dict[str, Any]) -> Path:
    """Keep the figures of a run as JSON next to the data (var/bench/NAME.json)."""
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return path


_TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far; 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def children(pid: int) -> list[int]:
    """Direct children of a process (gunicorn's workers)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                    ppid = int(f.read().rpartition(")")[2].split()[1])
            except OSError:
                continue
            if ppid == pid:
                found.append(int(entry))
    return found


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, all cores together."""
    with open("/proc/stat", encoding="ascii") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])
    return (total - idle) / _TICK, total / _TICK
