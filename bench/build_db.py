"""Build the benchmark register: a fresh PostgreSQL database with N appeals (default 1,000,000).

    python -m bench.build_db [DBNAME] [-n 1000000] [--years 3] [--reuse-file]

Phases (each timed):
1. drop and create the database, migrate, create the demo departments and staff;
2. generate N registration bodies over ~3 years with AppealFactory, streamed to var/bench/appeals-N.jsonl;
3. import them with `hromada import_appeals` in a subprocess (the same path as a contact-center
   batch), sampling the child's memory: lines/s and peak RSS are the import benchmark;
4. move the register into realistic states with set-based SQL (resolutions, assignments, answers,
   closures, a few percent left open and overdue) — not a million service calls;
5. VACUUM ANALYZE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import (
    DEFAULT_DB,
    PG_SERVER,
    VAR,
    check_db_name,
    db_url,
    django_env,
    phase,
    save_results,
    say,
    setup_django,
    tool,
)

#: "Today" of the benchmark register in the council's time zone (what the API calls today): appeals
#: are received up to the day before.
TODAY = dt.datetime.now(ZoneInfo("Europe/Kyiv")).date()


def create_database(name: str) -> None:
    import psycopg

    check_db_name(name)
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_hromada(db: str, *args: str) -> None:
    subprocess.run([tool("hromada"), *args], env=django_env(db), check=True, cwd=str(Path.cwd()))


def _weeks(start: dt.date, end: dt.date, n: int) -> list[tuple[dt.date, dt.date, int]]:
    """Split [start, end] into calendar weeks and share `n` appeals by the days each week has."""
    spans = []
    day = start
    while day <= end:
        week_end = min(end, day + dt.timedelta(days=6 - day.weekday()))
        spans.append((day, week_end))
        day = week_end + dt.timedelta(days=1)
    total_days = (end - start).days + 1
    out, given, days_so_far = [], 0, 0
    for first, last in spans:
        days_so_far += (last - first).days + 1
        upto = round(n * days_so_far / total_days)
        out.append((first, last, upto - given))
        given = upto
    return out


#: Lines received longer ago than this are sent as confirmed late registrations (the council's default
#: window is 365 days; a few days' margin keeps a run that crosses midnight valid).
LATE_MARGIN_DAYS = 360


def generate(path: Path, n: int, *, seed: int, people: int, start: dt.date, end: dt.date) -> None:
    """Registration bodies in the API's shape, one per line, in the order received. Week by week:
    only one week's receipt times are ever held in memory."""
    from hromada.appeals.factories import AppealFactory

    factory = AppealFactory(seed, people=people)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    written = 0
    late_before = TODAY - dt.timedelta(days=LATE_MARGIN_DAYS)
    with tmp.open("w", encoding="utf-8") as out:
        for first, last, count in _weeks(start, end, n):
            for moment in factory.received_times(first, last, count):
                body = factory.body(moment)
                # An archive of three years: the older lines are late registrations, confirmed as
                # the importer asks (the register's guard refuses them otherwise).
                body["late_registration"] = moment.date() < late_before
                out.write(json.dumps(body, ensure_ascii=False))
                out.write("\n")
            written += count
    tmp.replace(path)
    say(f"   {written:,} appeals, {path.stat().st_size / 2**20:,.0f} MB, {start} … {end}")


def _status_kb(pid: int) -> dict[str, int]:
    values = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                key, _sep, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        pass  # the import process has ended: keep the last sample
    return values


def import_file(db: str, path: Path, *, batch_size: int) -> dict[str, float]:
    """Run `hromada import_appeals` as a child and sample its RSS every 50 ms; VmHWM (the kernel's
    own high-water mark) read just before it exits is the peak."""
    cmd = [
        tool("hromada"),
        "import_appeals",
        str(path),
        "--format",
        "jsonl",
        "--actor",
        "registrar",
        "--batch-size",
        str(batch_size),
    ]
    say("   $ DATABASE_URL=… " + " ".join(["hromada", *cmd[1:]]))
    started = time.perf_counter()
    child = subprocess.Popen(cmd, env=django_env(db, LOG_LEVEL="WARNING"), stdout=subprocess.PIPE, text=True)
    peak_kb = 0
    while child.poll() is None:
        mem = _status_kb(child.pid)
        peak_kb = max(peak_kb, mem.get("VmHWM", 0), mem.get("VmRSS", 0))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    output = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise SystemExit(f"import failed ({child.returncode}): {output}")
    say(f"   {output.strip()}")
    lines = sum(1 for _ in path.open(encoding="utf-8"))
    return {"lines": lines, "seconds": seconds, "per_second": lines / seconds, "peak_rss_mb": peak_kb / 1024}


# Lead departments by the topic of the first issue: the demo council's first choice for each topic
# (hromada/appeals/demo_data.py).
def _topic_values() -> str:
    from hromada.appeals.demo_data import TOPIC_DEPARTMENTS

    return ", ".join(f"('{t}', '{d[0]}')" for t, d in TOPIC_DEPARTMENTS.items())


# The lifecycle of the demo council (demo.py `_live_through`) as one SELECT: each appeal registered
# before today gets a fate from its own random numbers. Old appeals are almost all closed; the last
# weeks are in progress; a few percent are left open past their due date (more among recent ones).
PLAN_SQL = """
CREATE UNLOGGED TABLE bench_plan AS
WITH base AS (
    SELECT a.id, a.registered_on, a.channel_id, i.topic_id AS topic,
           random() AS r_fwd, random() AS r_dept, random() AS r_co, random() AS r_term,
           random() AS r_state, random() AS r_ans, random() AS r_min,
           a.registered_on + 1 + CASE extract(isodow FROM a.registered_on + 1)::int
                                 WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS start
    FROM appeals_appeal a
    JOIN appeals_issue i ON i.appeal_id = a.id AND i.position = 1
    WHERE a.status = 'registered'
), chosen AS (
    SELECT b.*,
           CASE WHEN b.start >= %(today)s THEN 'awaiting'
                WHEN b.r_fwd < 0.03 THEN 'forwarded'
                ELSE 'resolved' END AS fate,
           CASE WHEN coalesce(m.dept, 'legal') = 'communal' AND b.r_dept < 0.125 THEN 'vodokanal'
                WHEN coalesce(m.dept, 'legal') = 'communal' AND b.r_dept < 0.25 THEN 'misksvitlo'
                ELSE coalesce(m.dept, 'legal') END AS dept,
           b.r_co < 0.05 AND coalesce(m.dept, 'legal') <> 'legal' AS with_legal,
           CASE WHEN b.r_term < 2.0 / 3 THEN '15d' ELSE '1m' END AS term
    FROM base b LEFT JOIN (VALUES {topics}) AS m(topic, dept) ON m.topic = b.topic
), termed AS (
    SELECT c.*,
           CASE WHEN c.term = '15d' THEN c.registered_on + 15
                ELSE (c.registered_on + interval '1 month')::date END AS raw_due,
           CASE WHEN c.registered_on >= %(today)s - 90 THEN %(p_recent)s ELSE %(p_old)s END AS p_overdue
    FROM chosen c
), settled AS (
    SELECT t.*,
           t.raw_due - CASE extract(isodow FROM t.raw_due)::int WHEN 6 THEN 1 WHEN 7 THEN 2 ELSE 0 END
               AS res_due
    FROM termed t
), fated AS (
    SELECT s.*,
           s.fate = 'resolved' AND s.r_state < s.p_overdue AND s.res_due < %(today)s AS overdue,
           CASE WHEN s.fate = 'resolved' AND s.r_state >= s.p_overdue AND s.r_state < s.p_overdue + 0.04
                THEN least(s.res_due + 14, s.registered_on + 45) ELSE s.res_due END AS final_due
    FROM settled s
), answered AS (
    SELECT f.*,
           f.start + 1 + floor(f.r_ans * greatest(1, f.final_due - f.start))::int AS answer_day
    FROM fated f
), closing AS (
    SELECT x.*,
           x.answer_day + 1 + CASE extract(isodow FROM x.answer_day + 1)::int
                              WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS close_day
    FROM answered x
)
SELECT c.id, c.registered_on, c.fate, c.dept, c.with_legal, c.term, c.res_due, c.final_due, c.r_min,
       d.id AS dept_id, u.id AS executor_id,
       CASE WHEN c.fate = 'awaiting' THEN 'registered'
            WHEN c.fate = 'forwarded' THEN 'forwarded'
            WHEN c.overdue OR c.answer_day >= %(today)s THEN 'in_progress'
            WHEN c.close_day >= %(today)s THEN 'answered'
            ELSE 'closed' END AS status,
       ((c.start + time '10:00') + c.r_min * interval '50 minutes') AT TIME ZONE %(tz)s AS resolved_at,
       least(c.registered_on + (ARRAY[2, 3, 4, 5, 7])[1 + floor(c.r_dept * 5)::int], %(today)s - 1)
           AS forwarded_on,
       ((c.answer_day + time '14:00') + c.r_min * interval '50 minutes') AT TIME ZONE %(tz)s AS answered_at,
       ((c.close_day + time '10:00') + c.r_min * interval '50 minutes') AT TIME ZONE %(tz)s AS closed_at
FROM closing c
LEFT JOIN accounts_department d ON d.code = c.dept AND c.fate = 'resolved'
LEFT JOIN accounts_user u ON u.username = 'executor_' || c.dept AND c.fate = 'resolved';
CREATE UNIQUE INDEX ON bench_plan (id);
ANALYZE bench_plan;
"""

LIVE_SQL = [
    (
        "resolutions",
        """
        INSERT INTO appeals_resolution
            (appeal_id, author_id, lead_department_id, lead_executor_id, term, due_date, instruction,
             created_at)
        SELECT p.id, (SELECT id FROM accounts_user WHERE username = 'head'), p.dept_id, p.executor_id,
               p.term, p.res_due, 'Розглянути, вжити заходів, надати відповідь заявнику.', p.resolved_at
        FROM bench_plan p WHERE p.fate = 'resolved' ORDER BY p.id
        """,
    ),
    (
        "co-executors",
        """
        INSERT INTO appeals_resolution_co_departments (resolution_id, department_id)
        SELECT r.id, (SELECT id FROM accounts_department WHERE code = 'legal')
        FROM appeals_resolution r JOIN bench_plan p ON p.id = r.appeal_id AND p.with_legal
        """,
    ),
    (
        "assignments",
        """
        INSERT INTO appeals_assignment (appeal_id, department_id, is_lead)
        SELECT p.id, p.dept_id, true FROM bench_plan p WHERE p.fate = 'resolved'
        UNION ALL
        SELECT p.id, (SELECT id FROM accounts_department WHERE code = 'legal'), false
        FROM bench_plan p WHERE p.fate = 'resolved' AND p.with_legal
        ORDER BY 1
        """,
    ),
    (
        "issue results",
        """
        UPDATE appeals_issue i
        SET result_id = CASE WHEN p.status = 'forwarded' THEN 'forwarded'
                             ELSE (ARRAY['explained', 'resolved', 'refused', 'returned', 'not_considered'])[
                                      width_bucket(random(), ARRAY[0, 0.55, 0.87, 0.95, 0.97]::float8[])]
                        END,
            answered_at = CASE WHEN p.status = 'forwarded'
                               THEN (p.forwarded_on + time '11:00') AT TIME ZONE %(tz)s
                               ELSE p.answered_at END
        FROM bench_plan p
        WHERE i.appeal_id = p.id AND p.status IN ('answered', 'closed', 'forwarded')
        """,
    ),
    (
        "answers",
        """
        INSERT INTO appeals_answer (appeal_id, author_id, text, created_at)
        SELECT p.id, p.executor_id,
               CASE i.result_id
                   WHEN 'resolved' THEN 'Питання вирішено: роботи виконано, заявника повідомлено.'
                   WHEN 'refused' THEN 'У задоволенні відмовлено з підстав, викладених у відповіді.'
                   WHEN 'returned' THEN 'Звернення повернуто автору: не зазначено відомостей, '
                                        || 'передбачених статтею 5 Закону.'
                   WHEN 'not_considered' THEN 'Звернення не підлягає розгляду відповідно до статті 8 Закону.'
                   ELSE 'Надано роз''яснення щодо порушеного питання та порядку його вирішення.'
               END,
               p.answered_at
        FROM bench_plan p JOIN appeals_issue i ON i.appeal_id = p.id AND i.position = 1
        WHERE p.status IN ('answered', 'closed')
        ORDER BY p.id
        """,
    ),
    (
        "appeal states",
        """
        UPDATE appeals_appeal a
        SET status = p.status,
            lead_department_id = p.dept_id,
            lead_executor_id = p.executor_id,
            due_date = CASE WHEN p.fate = 'resolved' THEN p.final_due ELSE a.due_date END,
            forwarded_to = CASE WHEN p.fate = 'forwarded'
                                THEN 'Головне управління Держгеокадастру в області' ELSE '' END,
            forwarded_on = CASE WHEN p.fate = 'forwarded' THEN p.forwarded_on END,
            answered_at = CASE WHEN p.status IN ('answered', 'closed') THEN p.answered_at END,
            closed_at = CASE WHEN p.status = 'closed' THEN p.closed_at
                             WHEN p.status = 'forwarded'
                             THEN (p.forwarded_on + time '11:00') AT TIME ZONE %(tz)s END
        FROM bench_plan p
        WHERE a.id = p.id AND p.fate <> 'awaiting'
        """,
    ),
]


def _index_definitions(conn, table: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, CREATE INDEX …) of the table's indexes that no constraint owns."""
    return conn.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = %s
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
        ORDER BY i.indexname
        """,
        [table],
    ).fetchall()


def rewrite_without_indexes(conn, table: str, sql: str, params: dict, timings: dict[str, float]) -> int:  # type: ignore[no-untyped-def]
    """A mass UPDATE the fast way: drop the table's secondary indexes (every updated row would
    otherwise be re-indexed in all of them, full-text index included), update, compact the table
    (VACUUM FULL: no dead half left behind) and build the same indexes again from their definitions."""
    indexes = _index_definitions(conn, table)
    for name, _definition in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    cur = conn.execute(sql, params)
    rowcount = cur.rowcount
    conn.execute(f"VACUUM FULL {table}")
    with phase(f"states: rebuild {len(indexes)} indexes of {table}", timings):
        for _name, definition in indexes:
            conn.execute(definition)
    return rowcount


#: Updates that touch most rows of a big table: done by `rewrite_without_indexes`.
REWRITES = {"issue results": "appeals_issue", "appeal states": "appeals_appeal"}


def live_through(db: str, *, p_old: float, p_recent: float, timings: dict[str, float]) -> dict[str, int]:
    """Give the register the states a real one has after three years, with a handful of statements."""
    import psycopg

    params = {
        "today": TODAY,
        "tz": "Europe/Kyiv",
        "p_old": p_old,
        "p_recent": p_recent,
    }
    with psycopg.connect(db_url(db), autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET work_mem = '256MB'")
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("SELECT setseed(0.2026)")
        conn.execute("DROP TABLE IF EXISTS bench_plan")
        with phase("states: plan", timings):
            sql = PLAN_SQL.replace("{topics}", _topic_values())
            for statement in sql.split(";\n"):
                if statement.strip():
                    conn.execute(statement, params if "%(" in statement else None)
        for name, sql in LIVE_SQL:
            with phase(f"states: {name}", timings):
                if name in REWRITES:
                    rows = rewrite_without_indexes(conn, REWRITES[name], sql, params, timings)
                else:
                    rows = conn.execute(sql, params if "%(" in sql else None).rowcount
                say(f"   {rows:,} rows")
        conn.execute("DROP TABLE bench_plan")
        rows = conn.execute(
            "SELECT status, count(*) FROM appeals_appeal GROUP BY status ORDER BY status"
        ).fetchall()
        counts = {status: n for status, n in rows}
        counts["overdue"] = conn.execute(
            "SELECT count(*) FROM appeals_appeal WHERE status IN ('registered', 'in_progress')"
            " AND due_date < %s",
            [TODAY],
        ).fetchone()[0]
    return counts


def vacuum(db: str) -> None:
    import psycopg

    with psycopg.connect(db_url(db), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def database_size(db: str) -> dict[str, str]:
    import psycopg

    with psycopg.connect(db_url(db), autocommit=True) as conn:
        total = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
        appeals = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('appeals_appeal'))").fetchone()[
            0
        ]
    return {"database": total, "appeals_appeal": appeals}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("db", nargs="?", default=DEFAULT_DB, help=f"database name (default {DEFAULT_DB})")
    parser.add_argument("-n", "--appeals", type=int, default=1_000_000)
    parser.add_argument("--years", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--people", type=int, default=None, help="distinct authors (default: one per 3 appeals)"
    )
    parser.add_argument("--batch-size", type=int, default=1000, help="import_appeals --batch-size")
    parser.add_argument("--file", type=Path, default=None, help="default: var/bench/appeals-N.jsonl")
    parser.add_argument(
        "--reuse-file", action="store_true", help="keep an existing JSONL file of the same size and seed"
    )
    parser.add_argument("--overdue-old", type=float, default=0.02, help="share of older appeals left overdue")
    parser.add_argument("--overdue-recent", type=float, default=0.05, help="the same, last 90 days")
    args = parser.parse_args(argv)
    check_db_name(args.db)
    args.file = args.file or VAR / f"appeals-{args.appeals}.jsonl"
    timings: dict[str, float] = {}
    results: dict = {"db": args.db, "appeals": args.appeals, "today": TODAY, "cpus": os.cpu_count()}
    started = time.perf_counter()

    with phase("create database, migrate, staff", timings):
        create_database(args.db)
        run_hromada(args.db, "migrate", "--no-input", "-v0")
        setup_django(args.db)
        from hromada.accounts.demo import ensure_staff

        ensure_staff()

    end = TODAY - dt.timedelta(days=1)
    start = end - dt.timedelta(days=round(365 * args.years) - 1)
    people = args.people or max(4000, args.appeals // 3)
    meta = {"n": args.appeals, "seed": args.seed, "people": people, "start": str(start), "end": str(end)}
    meta_path = args.file.with_suffix(".meta.json")
    reuse = (
        args.reuse_file
        and args.file.exists()
        and meta_path.exists()
        and json.loads(meta_path.read_text()) == meta
    )
    with phase("generate JSONL", timings):
        if reuse:
            say(f"   reusing {args.file}")
        else:
            generate(args.file, args.appeals, seed=args.seed, people=people, start=start, end=end)
            meta_path.write_text(json.dumps(meta))

    with phase("import", timings):
        results["import"] = imported = import_file(args.db, args.file, batch_size=args.batch_size)
    say(
        f"   import: {imported['lines']:,} lines in {imported['seconds']:.1f} s = "
        f"{imported['per_second']:,.0f} lines/s; peak RSS {imported['peak_rss_mb']:.0f} MB"
    )

    results["states"] = live_through(
        args.db, p_old=args.overdue_old, p_recent=args.overdue_recent, timings=timings
    )
    say("   " + ", ".join(f"{k}: {v:,}" for k, v in results["states"].items()))
    with phase("VACUUM ANALYZE", timings):
        vacuum(args.db)
    results["size"] = database_size(args.db)
    results["timings"] = timings
    results["total_seconds"] = time.perf_counter() - started
    say(f"== built {args.db} in {results['total_seconds'] / 60:.1f} min; size {results['size']}")
    path = save_results(f"build_db-{args.db}", results)
    say(f"   figures saved to {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return results


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
