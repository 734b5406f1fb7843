"""A known register for the report tests, imported through `import_appeals` and then moved through
the workflow services, so that every figure of the reports can be worked out by hand.

I quarter 2025 (the report's period) — 8 counted appeals and 1 duplicate (received; channel, kind;
authors; topics; then):

- q1 13.01 gov_hotline complaint; A; communal; communal, 15 days (due 28.01), answered 20.01
  resolved, closed.
- q9 14.01 regional_hotline complaint; A; the same text as q1: a duplicate of q1; resolved.
- q2 20.01 gov_hotline application; B combatant; communal + transport; communal (due 04.02),
  answered 10.02 (late): resolved, explained.
- q3 03.02 regional_hotline complaint; C; social_protection; social (due 18.02), answered 10.02
  refused.
- q4 10.02 web proposal; D; housing; communal (due 25.02), never answered: overdue.
- q5 17.02 phone application; E; communal; communal, forwarded 19.02.
- q6 03.03 post application; F combatant + G (collective); communal; social, 1 month (due 03.04),
  answered 02.04 (after the quarter) explained.
- q7 10.03 post application; anonymous; transport; not considered (Law art. 8).
- q8 17.03 personal_reception application; A disability_2 (repeated); communal; communal
  (due 01.04), answered 20.03 resolved.

II quarter 2025: q10 web proposal (education), q11 gov_hotline complaint (communal), q12 phone
application (health), all left registered.

I quarter 2024 (a year earlier): p1 gov_hotline complaint communal — communal, answered 22.01.2024
resolved; p2 gov_hotline complaint social_protection — social, due 20.02.2024, never answered; p3 post
application housing (author disability_2); p4 post application communal; p5 phone application
transport — p3–p5 left registered.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management import call_command

from hromada.accounts.models import User
from hromada.appeals import services
from hromada.appeals.models import Appeal
from hromada.testing import kyiv

PERSON_A = {"name": "Андрієнко Анна Андріївна", "phone": "+380501110001", "address": "вул. Миру, 1"}


def _body(
    summary: str,
    channel: str,
    kind: str,
    received: str,
    topics: list[str],
    applicants: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "channel": channel,
        "kind": kind,
        "received_at": received,
        "summary": summary,
        "text": f"Текст звернення «{summary}».",
        "issues": [{"topic": t, "text": f"{summary}: {t}"} for t in topics],
        # Two years of a register imported at once: the lines older than a year are registered late,
        # and the import says so line by line, as the registration guard asks.
        "late_registration": True,
    }
    if applicants is not None:
        body["applicants"] = applicants
    body.update(extra)
    return body


def person(name: str, phone: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "phone": phone, "address": f"вул. Садова, {phone[-2:]}", **extra}


LINES: list[dict[str, Any]] = [
    # I quarter 2024
    _body("p1", "gov_hotline", "complaint", "2024-01-15T10:00:00", ["communal"],
          [person("Кравець Кирило", "+380501120001")], external_id="УКЦ-2024-1"),
    _body("p2", "gov_hotline", "complaint", "2024-02-05T10:00:00", ["social_protection"],
          [person("Лисенко Леся", "+380501120002")], external_id="УКЦ-2024-2"),
    _body("p3", "post", "application", "2024-02-12T10:00:00", ["housing"],
          [person("Мороз Марко", "+380501120003", categories=["disability_2"])]),
    _body("p4", "post", "application", "2024-03-04T10:00:00", ["communal"],
          [person("Новак Ніна", "+380501120004")]),
    _body("p5", "phone", "application", "2024-03-11T10:00:00", ["transport"],
          [person("Олійник Олег", "+380501120005")]),
    # I quarter 2025
    {**_body("q1", "gov_hotline", "complaint", "2025-01-13T10:00:00", ["communal"], [PERSON_A]),
     "external_id": "УКЦ-1", "summary": "Немає гарячої води", "text": "Третій день немає гарячої води.",
     "issues": [{"topic": "communal", "text": "Немає гарячої води"}]},
    {**_body("q9", "regional_hotline", "complaint", "2025-01-14T10:00:00", ["communal"], [PERSON_A]),
     "external_id": "РКЦ-9", "summary": "Немає гарячої води", "text": "Третій день немає гарячої води.",
     "issues": [{"topic": "communal", "text": "Немає гарячої води"}]},
    _body("q2", "gov_hotline", "application", "2025-01-20T10:00:00", ["communal", "transport"],
          [person("Бондар Богдан", "+380501110002", categories=["combatant"])], external_id="УКЦ-2"),
    _body("q3", "regional_hotline", "complaint", "2025-02-03T10:00:00", ["social_protection"],
          [person("Вакуленко Віра", "+380501110003")], external_id="РКЦ-1"),
    _body("q4", "web", "proposal", "2025-02-10T10:00:00", ["housing"],
          [person("Гнатюк Галина", "+380501110004", email="hnatiuk@example.com")]),
    _body("q5", "phone", "application", "2025-02-17T10:00:00", ["communal"],
          [person("Дорошенко Дмитро", "+380501110005")]),
    _body("q6", "post", "application", "2025-03-03T10:00:00", ["communal"],
          [person("Єременко Євген", "+380501110006", categories=["combatant"]),
           person("Жук Жанна", "+380501110007")]),
    _body("q7", "post", "application", "2025-03-10T10:00:00", ["transport"], [], anonymous=True),
    _body("q8", "personal_reception", "application", "2025-03-17T10:00:00", ["communal"],
          [{**PERSON_A, "categories": ["disability_2"]}]),
    # II quarter 2025
    _body("q10", "web", "proposal", "2025-04-07T10:00:00", ["education"],
          [person("Зінченко Зоя", "+380501110010", email="zinchenko@example.com")]),
    _body("q11", "gov_hotline", "complaint", "2025-05-05T10:00:00", ["communal"],
          [person("Іваненко Ігор", "+380501110011")], external_id="УКЦ-3"),
    _body("q12", "phone", "application", "2025-06-02T10:00:00", ["health"],
          [person("Коваль Ксенія", "+380501110012")]),
]  # fmt: skip


def write_jsonl(path: Path) -> Path:
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in LINES) + "\n", encoding="utf-8"
    )
    return path


def _appeal(key: str) -> Appeal:
    """The appeal of a line by its summary key (q1 and q9 share their text, so their external ids)."""
    if key == "q1":
        return Appeal.objects.get(external_id="УКЦ-1")
    if key == "q9":
        return Appeal.objects.get(external_id="РКЦ-9")
    return Appeal.objects.get(summary=key)


def build(tmp_path: Path, staff: dict[str, User]) -> dict[str, int]:
    """Import the lines and move the appeals as the module's table says; ids by key."""
    out = io.StringIO()
    call_command(
        "import_appeals", str(write_jsonl(tmp_path / "reports.jsonl")), "--actor", "registrar", stdout=out
    )
    assert "17" in out.getvalue(), out.getvalue()
    ids = {key: _appeal(key).pk for key in [f"p{n}" for n in range(1, 6)] + [f"q{n}" for n in range(1, 13)]}
    head = staff["head"]

    def resolve(key: str, department: str, on: tuple[int, int, int], term: str = "15d") -> None:
        services.resolve_appeal(
            actor=head, appeal_id=ids[key], lead_department=department, term=term, now=kyiv(*on, 11)
        )

    def answer(key: str, on: tuple[int, int, int], *results: str) -> None:
        appeal = Appeal.objects.get(pk=ids[key])
        issues = list(appeal.issues.order_by("position").values_list("id", flat=True))
        services.answer_appeal(
            actor=head,
            appeal_id=ids[key],
            text="Відповідь надано.",
            results=list(zip(issues, results, strict=True)),
            now=kyiv(*on, 12),
        )

    resolve("p1", "communal", (2024, 1, 16))
    answer("p1", (2024, 1, 22), "resolved")
    resolve("p2", "social", (2024, 2, 6))

    resolve("q1", "communal", (2025, 1, 14))
    answer("q1", (2025, 1, 20), "resolved")
    services.close_appeal(actor=head, appeal_id=ids["q1"], now=kyiv(2025, 1, 21, 9))
    resolve("q9", "communal", (2025, 1, 15))
    resolve("q2", "communal", (2025, 1, 21))
    answer("q2", (2025, 2, 10), "resolved", "explained")
    resolve("q3", "social", (2025, 2, 4))
    answer("q3", (2025, 2, 10), "refused")
    resolve("q4", "communal", (2025, 2, 11))
    resolve("q5", "communal", (2025, 2, 18))
    services.forward_appeal(
        actor=head, appeal_id=ids["q5"], to="Держпродспоживслужба", reason="Не належить до компетенції",
        now=kyiv(2025, 2, 19, 10),
    )  # fmt: skip
    resolve("q6", "social", (2025, 3, 4), term="1m")
    answer("q6", (2025, 4, 2), "explained")
    resolve("q8", "communal", (2025, 3, 18))
    answer("q8", (2025, 3, 20), "resolved")
    return ids
