"""Locust users of the petition storm (run by bench.petition_storm; not imported by Hromada).

Signers: each takes the next resident's session (already signed in, as after the e-mail confirmation)
and signs the petition once; one attempt in ten repeats a resident who already signed, which must be
refused with 409. Readers: anonymous GETs of the petition page. Every request comes from its own
address (X-Real-IP, trusted as behind the council's proxy), so the per-address limits are counted but
not exhausted; e-mail domains are spread too.
"""

from __future__ import annotations

import json
import os
import random
from collections import deque

from locust import constant, events, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["STORM_PLAN"], encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
PETITION = PLAN["petition"]
FRESH: deque[str] = deque(PLAN["sessions"])
USED: list[str] = []
CSRF = PLAN["csrf"]
REPEAT_SHARE = 0.1


@events.quitting.add_listener
def _count_accepted(environment, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """Every signature this client saw accepted, whenever it came back (also during the stop, after
    the CSV statistics were taken): the exactness check compares the database with it."""
    with open(os.environ["STORM_ACCEPTED"], "w", encoding="utf-8") as out:
        out.write(str(len(USED)))


def _address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Signer(FastHttpUser):
    weight = int(os.environ.get("STORM_SIGNERS", "64"))
    wait_time = constant(0)

    @task
    def sign(self) -> None:
        repeat = bool(USED) and random.random() < REPEAT_SHARE
        if repeat:
            session = random.choice(USED)
        elif FRESH:
            session = FRESH.popleft()
        else:
            return
        headers = {
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "X-Real-IP": _address(),
            "Referer": self.host + "/",
        }
        name = "POST sign (repeat)" if repeat else "POST sign"
        with self.client.post(
            f"/peticii/{PETITION}/pidpysaty/",
            data={"wants_updates": "on"},
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if repeat:
                if r.status_code == 409:
                    r.success()
                else:
                    r.failure(f"repeat answered {r.status_code}, expected 409")
            elif r.status_code in (302, 303):
                USED.append(session)
                r.success()
            else:
                r.failure(f"status {r.status_code}")


class Reader(FastHttpUser):
    weight = int(os.environ.get("STORM_READERS", "16"))
    wait_time = constant(0)

    @task
    def read(self) -> None:
        with self.client.get(
            f"/peticii/{PETITION}/",
            headers={"X-Real-IP": _address()},
            name="GET petition page",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
