"""What the registration page's test modules share: its URLs, the fixed "now", the form as the
registrar fills it, and a registration through the service."""

from __future__ import annotations

from typing import Any

from hromada.appeals import services
from hromada.appeals.schemas import AppealRegisterIn
from hromada.testing import appeal_body, kyiv

URL = "/staff/appeals/new/"
SEARCH = "/staff/appeals/new/applicants/"
CHECK = "/staff/appeals/new/repeat-check/"
NOW = "2026-11-20T12:00:00"


def form_data(**overrides: Any) -> dict[str, Any]:
    """A phone call with two issues, as the registrar types it (the third issue row left blank)."""
    data: dict[str, Any] = {
        "channel": "phone",
        "received_at": "2026-11-20T10:15",
        "kind": "complaint",
        "subject": "individual",
        "signatories": "",
        "external_id": "",
        "name": "Шевчук Ганна Іванівна",
        "address": "вул. Миру, 3, кв. 7",
        "phone": "050 111 22 33",
        "email": "",
        "sex": "female",
        "social_status": "pensioner",
        "categories": ["disability_2"],
        "summary": "Немає гарячої води і не ходить автобус",
        "text": "",
        "issues-TOTAL_FORMS": "3",
        "issues-INITIAL_FORMS": "0",
        "issues-MIN_NUM_FORMS": "1",
        "issues-MAX_NUM_FORMS": "50",
        "issues-0-topic": "communal",
        "issues-0-text": "Третій день немає гарячої води",
        "issues-1-topic": "transport",
        "issues-1-text": "Не ходить автобус № 5",
        "issues-2-topic": "",
        "issues-2-text": "",
    }
    data.update(overrides)
    return data


def register(staff, **overrides):
    body = appeal_body(**overrides)
    return services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=staff["registrar"], now=kyiv(2026, 11, 20, 12)
    )


def field_block(html: str, field_id: str) -> str:
    """The <div class="field"> that holds the input `field_id`: its label, input, help and errors."""
    start = html.index(f'for="{field_id}"')
    start = html.rindex('<div class="field', 0, start)
    return html[start : html.index("</div>", start)]
