"""What the appeals API tests share: a phone appeal to register, the steps every test takes, and a
count of the rows a refused request must leave alone."""

from __future__ import annotations

from hromada.appeals.models import Answer, Appeal, AppealEvent, Applicant, Issue, Note, Resolution
from hromada.testing import appeal_body

PHONE_APPEAL = {
    "channel": "phone",
    "kind": "application",
    "received_at": "2026-11-16T10:00:00",
    "applicants": [
        {
            "name": "Мельник Олена Василівна",
            "address": "вул. Садова, 5, кв. 10",
            "phone": "0501112233",
            "categories": ["combatant"],
        }
    ],
    "issues": [
        {"topic": "communal", "text": "Не працює ліфт у другому під'їзді"},
        {"topic": "housing", "text": "Протікає дах над квартирою"},
    ],
    "summary": "Ліфт і дах",
    "text": "Прошу полагодити ліфт і дах.",
}


def counts() -> dict[str, int]:
    """Rows of every table a request may write: a refused request must leave all of them as they were."""
    return {
        model.__name__: model.objects.count()
        for model in (Appeal, Applicant, Issue, AppealEvent, Resolution, Note, Answer)
    }


def register(api, who: str = "registrar", **overrides) -> dict:
    response = api(who).post("/appeals", appeal_body(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


def resolve(api, appeal_id: int, who: str = "head", **body) -> dict:
    payload = {"lead_department": "communal", "term": "15d", "instruction": "Розглянути"} | body
    response = api(who).post(f"/appeals/{appeal_id}/resolution", payload)
    assert response.status_code == 200, response.content
    return response.json()


def ids(page: dict) -> list[int]:
    return [item["id"] for item in page["items"]]
