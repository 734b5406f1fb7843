"""Locust users of the ЦНАП booking storm over HTTP (run by bench.centre_http_storm; not imported by
Hromada).

Each booker reads a service's free times on an opening day through the public API and books one of
the first eight at once (so that bookers collide on the popular times, as at 08:00), no think time.
One attempt in ten comes from a small pool of repeat persons, who soon reach their limits. Every
request comes from its own address (X-Real-IP, trusted as behind the council's proxy).

A refusal must be 409: `slot_taken` with the next free slots (`alternatives`, empty only when the
service has no free time left at all) or `limit_reached`; anything else is a failure.
"""

from __future__ import annotations

import json
import os
import random

from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["STORM_PLAN"], encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
BOOKED: list[str] = []
COUNTS: dict[str, int] = {}
REPEATERS = 20
PREFIX = "/api/v1/public/receptions/centre/services"


@events.quitting.add_listener
def _save_counts(environment, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """What this client saw, whenever it came back (also during the stop, after locust's CSV)."""
    with open(os.environ["STORM_SEEN"], "w", encoding="utf-8") as out:
        json.dump({"booked": len(BOOKED), **COUNTS}, out)


def _count(key: str) -> None:
    COUNTS[key] = COUNTS.get(key, 0) + 1


def _address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Booker(FastHttpUser):
    wait_time = constant(0)

    @task
    def book(self) -> None:
        service = random.choice(PLAN["services"])
        day = random.choice(PLAN["days"])
        headers = {"X-Real-IP": _address(), "Accept-Language": "uk"}
        with self.client.get(
            f"{PREFIX}/{service}/slots?day={day}", headers=headers, name="GET free times", catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            free = (r.json() or {}).get("free", [])
        if not free:
            _count("day_full")
            return
        slot = random.choice(free[:8])
        n = random.randrange(10**9)
        email = (
            f"repeat{random.randrange(REPEATERS)}@bench.example"
            if random.random() < 0.1
            else f"b{n}@bench.example"
        )
        body = {"day": day, "starts": slot["starts"], "full_name": "Бенч Букер", "phone": "", "email": email}
        with self.client.post(
            f"{PREFIX}/{service}/bookings",
            json=body,
            headers=headers,
            name="POST booking",
            catch_response=True,
        ) as r:
            if r.status_code == 201:
                BOOKED.append(r.json()["code"])
                r.success()
                return
            data = r.json() if r.status_code in (409, 422, 429) else {}
            code = data.get("code", "") if isinstance(data, dict) else ""
            if r.status_code == 409 and code == "slot_taken":
                _count("slot_taken" if data.get("alternatives") else "slot_taken_no_alternatives")
                r.success()
            elif r.status_code == 409 and code == "limit_reached":
                _count("limit_reached")
                r.success()
            elif r.status_code == 429 and email.startswith("repeat"):
                _count("rate_limited_repeater")
                r.success()
            else:
                _count(f"other_{r.status_code}")
                r.failure(f"status {r.status_code} {code}")
