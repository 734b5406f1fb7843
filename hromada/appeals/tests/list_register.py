"""The staff list's test register: seven appeals in every state the list filters by, and the helpers
the list's test modules share (a client per role, the listed ids, the page's text)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from hromada.appeals import services
from hromada.appeals.models import Appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.testing import appeal_body, kyiv

LIST = "/staff/appeals/"
TODAY = dt.date(2026, 11, 21)
#: The page's Ukrainian messages before hromada/locale/uk has them (see the fixture below).
PENDING_MESSAGES = Path("/tmp/i18n/lists.json")


def pending_messages() -> Iterator[None]:
    """Adds this page's Ukrainian translations from the pending JSON file to the loaded catalogue when
    the catalogue lacks them; once they are merged into django.po (and compiled) this does nothing."""
    added: list[object] = []
    if PENDING_MESSAGES.exists():
        with translation.override("uk"):
            catalog = trans_real.translation("uk")._catalog  # type: ignore[attr-defined]  # private, not in the stubs
        for entry in json.loads(PENDING_MESSAGES.read_text(encoding="utf-8")):
            key = f"{entry['msgctxt']}\x04{entry['msgid']}" if "msgctxt" in entry else entry["msgid"]
            values = entry["msgstr"] if isinstance(entry["msgstr"], list) else [entry["msgstr"]]
            keys = [(key, i) for i in range(len(values))] if "msgid_plural" in entry else [key]
            for k, value in zip(keys, values, strict=True):
                if k not in catalog:
                    catalog[k] = value
                    added.append(k)
    yield
    if added:
        for k in added:
            catalog._catalogs[0].pop(k, None)


def register(staff, received: str, **overrides):
    at = dt.datetime.fromisoformat(received)
    return services.register_appeal(
        AppealRegisterIn.model_validate(appeal_body(received_at=received, **overrides)),
        actor=staff["registrar"],
        now=kyiv(at.year, at.month, at.day, min(at.hour + 1, 23)),
    )


def resolve(staff, appeal, department: str = "communal", at: tuple[int, int, int] = (2026, 11, 3), **kw):
    kw.setdefault("term", "15d")
    return services.resolve_appeal(
        actor=staff["head"], appeal_id=appeal.pk, lead_department=department, now=kyiv(*at, 9), **kw
    )


def build_register(staff, settings) -> dict[str, int]:
    """Today is 21.11.2026. Seven appeals in every state a list filters by."""
    settings.HROMADA_NOW = "2026-11-21T12:00:00"
    made = _registered(staff)
    _move_into_states(staff, made)
    return {key: a.pk for key, a in made.items()}


def _registered(staff) -> dict[str, Appeal]:
    """The seven appeals as registered, each with the comment of the state it is moved into."""
    return {
        # in progress at communal, due 17.11: overdue
        "lift": register(staff, "2026-11-02T10:00:00"),
        # priority author, in progress at social (co-executor: communal), due 25.11
        "pension": register(
            staff,
            "2026-11-10T10:00:00",
            channel="email",
            applicants=[
                {"name": "Гнатюк Ольга", "email": "olha@example.com", "categories": ["disability_1"]}
            ],
            issues=[
                {"topic": "social_protection", "text": "Перерахунок субсидії"},
                {"topic": "housing", "text": "Ремонт під'їзду"},
            ],
            summary="Субсидія",
        ),
        # awaiting a resolution
        "road": register(
            staff,
            "2026-11-16T08:00:00",
            channel="phone",
            applicants=[{"name": "Бондар Петро", "phone": "0501234567"}],
            issues=[{"topic": "transport", "text": "Яма на дорозі біля школи"}],
            summary="Яма",
            text="Яма на дорозі",
        ),
        # anonymous: closed at registration (Law art. 8)
        "anonymous": register(
            staff,
            "2026-11-12T11:00:00",
            anonymous=True,
            applicants=[],
            issues=[{"topic": "ecology", "text": "Сміття у дворі"}],
            summary="Сміття",
        ),
        # registered today
        "noise": register(
            staff,
            "2026-11-21T09:00:00",
            applicants=[{"name": "Олійник Степан", "address": "вул. Лесі Українки, 3"}],
            issues=[{"topic": "law_order", "text": "Шум уночі в кафе"}],
            summary="=Шум уночі",
        ),
        # in progress at communal with a draft answer: awaiting signature
        "heating": register(
            staff,
            "2026-11-12T15:00:00",
            applicants=[{"name": "Лисенко Андрій", "phone": "+380661112233"}],
            issues=[{"topic": "communal", "text": "Немає опалення"}],
            summary="Опалення",
        ),
        # in progress at social with an extension requested
        "school": register(
            staff,
            "2026-11-13T10:00:00",
            applicants=[{"name": "Ткач Ірина", "email": "iryna@example.com"}],
            issues=[{"topic": "education", "text": "Черга до школи"}],
            summary="Школа",
        ),
    }


def _move_into_states(staff, made: dict[str, Appeal]) -> None:
    """Resolutions, a draft answer and an extension request, on the dates their comments say."""
    resolve(staff, made["lift"], at=(2026, 11, 2))
    resolve(staff, made["pension"], "social", co_departments=["communal"], at=(2026, 11, 10))
    resolve(staff, made["heating"], at=(2026, 11, 13))
    resolve(staff, made["school"], "social", term="1m", at=(2026, 11, 13))
    services.add_note(
        actor=staff["executor_communal"],
        appeal_id=made["heating"].pk,
        text="Проєкт відповіді",
        draft_answer=True,
        now=kyiv(2026, 11, 14, 10),
    )
    services.request_extension(
        actor=staff["executor_social"],
        appeal_id=made["school"].pk,
        due_date=dt.date(2026, 12, 20),
        reason="Потрібне обстеження",
        now=kyiv(2026, 11, 15, 10),
    )


def client_for(staff, who: str) -> Client:
    client = Client()
    client.force_login(staff[who])
    return client


def listed(client: Client, **params) -> list[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [row.id for row in response.context["rows"]]


def text_of(response) -> str:
    """The page's text without tags and with single spaces."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.replace("\xa0", " "))
