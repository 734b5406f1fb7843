"""All benchmarks in order (`make bench`): build the 1,000,000-appeal register, load the API, then
the public portal (locust).

    python -m bench.run_all [DBNAME] [-n 1000000] [--reuse-file] [--duration 30]

The figures are printed and kept in var/bench/build_db-DBNAME.json and var/bench/api_load-DBNAME.json;
docs/benchmarks.md explains them.
"""

from __future__ import annotations

import argparse
import time

from bench import api_load, build_db, portal_load
from bench.common import DEFAULT_DB, say


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB)
    parser.add_argument("-n", "--appeals", type=int, default=1_000_000)
    parser.add_argument(
        "--reuse-file", action="store_true", help="keep var/bench/appeals-N.jsonl if it matches"
    )
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of registration load")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    build_argv = [args.db, "-n", str(args.appeals)] + (["--reuse-file"] if args.reuse_file else [])
    built = build_db.main(build_argv)
    loaded = api_load.main([args.db, "--duration", str(args.duration)])
    portal = portal_load.main([args.db])
    imported = built["import"]
    register = loaded.get("register", {})
    say("")
    say(f"== summary ({(time.perf_counter() - started) / 60:.1f} min)")
    say(
        f"   import: {imported['per_second']:,.0f} appeals/s (target ≥ 5,000), "
        f"peak RSS {imported['peak_rss_mb']:.0f} MB (target < 300)"
    )
    if register:
        posted = register["POST /api/v1/appeals"]
        say(
            f"   registration: {register['throughput_per_s']:,.0f}/s (target ≥ 300), "
            f"p95 {posted['client_ms']['p95']:.0f} ms client, {posted['server_ms']['p95']:.0f} ms server"
        )
    label, worst = max(loaded["lists_sequential"].items(), key=lambda kv: kv[1]["server_ms"]["p95"])
    p95 = worst["server_ms"]["p95"]
    say(f"   lists (one at a time): slowest p95 {p95:.1f} ms server, {label} (target ≤ 50)")
    everything = portal["stats"]["all"]
    say(
        f"   portal (form + tracking + filing): {everything['rps']:.0f} req/s, "
        f"p95 {everything['p95_ms']:.0f} ms (target ≥ 200 req/s, p95 ≤ 100 ms)"
    )


if __name__ == "__main__":
    main()
