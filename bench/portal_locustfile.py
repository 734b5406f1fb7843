"""Locust users of the public portal (run by bench.portal_load; not imported by Hromada).

Every request comes from an address of its own (the X-Real-IP header, which the server trusts in
this benchmark as it would behind the council's reverse proxy): many residents, each well within the
limits, so the per-address rate limits are checked and counted on every request as in production
without one address using them up.

Mix per user: open the e-appeal form, track an appeal by number + code (one in ten with a wrong code,
which must answer 404), and now and then file an e-appeal (a real registration with its letter queued).
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import constant_throughput, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["PORTAL_BENCH_CODES"], encoding="utf-8") as _codes:
    CODES = json.load(_codes)
FILING_WEIGHT = int(os.environ.get("PORTAL_BENCH_FILING_WEIGHT", "1"))
#: Requests per second of each user: users × this is the offered load (an open-loop-like arrival rate,
#: so that latency is measured at the target rate, not at whatever a saturated closed loop gives).
USER_RATE = float(os.environ.get("PORTAL_BENCH_USER_RATE", "0"))
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Resident(FastHttpUser):
    wait_time = constant_throughput(USER_RATE) if USER_RATE else (lambda self: 0)

    def on_start(self) -> None:
        with self.client.get(
            "/zvernennia/stan/", headers=self._headers(), name="GET tracking page", catch_response=True
        ) as r:
            match = _CSRF.search(r.text or "")
            if r.status_code != 200 or not match:
                r.failure(f"no form: {r.status_code}")
                self.token = ""
            else:
                self.token = match.group(1)

    def _headers(self) -> dict[str, str]:
        # Each request is another resident: a fresh address, so no address runs into its limit.
        return {"X-Real-IP": _address(), "Referer": self.host + "/"}

    @task(4)
    def open_form(self) -> None:
        with self.client.get(
            "/zvernennia/nove/", headers=self._headers(), name="GET e-appeal form", catch_response=True
        ) as r:
            if r.status_code != 200 or "csrfmiddlewaretoken" not in (r.text or ""):
                r.failure(f"status {r.status_code}")

    @task(4)
    def track(self) -> None:
        number, code = random.choice(CODES)
        wrong = random.random() < 0.1
        data = {
            "csrfmiddlewaretoken": self.token,
            "number": number,
            "code": "AAAA-BBBB-CCCC" if wrong else code,
        }
        with self.client.post(
            "/zvernennia/stan/", data=data, headers=self._headers(), name="POST tracking", catch_response=True
        ) as r:
            expected = 404 if wrong else 200
            if r.status_code != expected:
                r.failure(f"status {r.status_code}, expected {expected}")
            elif not wrong and number not in (r.text or ""):
                r.failure("number not on the status page")
            else:
                r.success()

    @task(FILING_WEIGHT)
    def file_appeal(self) -> None:
        n = random.randrange(10**9)
        data = {
            "csrfmiddlewaretoken": self.token,
            "name": "Навантаження Тест Тестович",
            "address": f"вул. Бенчмаркова, {n % 200 + 1}, м. Тестове",
            "email": f"resident{n}@bench.example",
            "phone": "",
            "kind": "application",
            "topic": "communal",
            "text": f"Прошу полагодити ліхтар біля будинку № {n % 200 + 1} (навантажувальний тест {n}).",
            "consent": "on",
            "website": "",
        }
        with self.client.post(
            "/zvernennia/nove/", data=data, headers=self._headers(), name="POST e-appeal", catch_response=True
        ) as r:
            if r.status_code != 200 or "Реєстраційний номер" not in (r.text or ""):
                r.failure(f"status {r.status_code}")
