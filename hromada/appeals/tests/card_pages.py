"""What the appeal card's tests share: appeals in known states, the card's URLs, and reading its HTML.

Time is fixed with HROMADA_NOW at 14.11.2026 12:00 (Kyiv) by each test module's `_today` fixture;
appeals are received on 02.11.2026, so a 15-day resolution ends on 17.11.2026 and 45 days end on
17.12.2026.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hromada.appeals import services
from hromada.appeals.models import Answer, Appeal, AppealEvent, Attachment, Note, Resolution
from hromada.appeals.schemas import AppealRegisterIn
from hromada.testing import appeal_body

D = dt.date
TODAY = "2026-11-14T12:00:00"
TWO_APPLICANTS = [
    {
        "name": "Коваленко Іван Петрович",
        "address": "вул. Шевченка, 1, кв. 2",
        "phone": "+380671234567",
        "email": "ivan@example.com",
        "categories": ["combatant"],
    },
    {"name": "Мельник Олена Василівна", "address": "вул. Садова, 5", "categories": ["other"]},
]
HTMX = {"HX-Request": "true", "HX-Target": "appeal-card"}
TWO_ISSUES = [
    {"topic": "communal", "text": "Не працює ліфт"},
    {"topic": "transport", "text": "Немає автобуса"},
]


def register(staff, **overrides) -> Appeal:
    body = appeal_body(**({"received_at": "2026-11-02T10:00:00"} | overrides))
    return services.register_appeal(AppealRegisterIn.model_validate(body), actor=staff["registrar"])


def resolve(staff, appeal: Appeal, **kw) -> Appeal:
    kw = {
        "lead_department": "communal",
        "lead_executor": "executor_communal",
        "co_departments": ["social"],
        "term": "15d",
    } | kw
    return services.resolve_appeal(actor=staff["head"], appeal_id=appeal.pk, **kw)


def rich_appeal(staff, applicants=TWO_APPLICANTS, issues=TWO_ISSUES, notes: int = 1) -> Appeal:
    """Two applicants, two issues, a resolution with a co-executor, notes of every kind, an answer to
    the first issue, an attachment — and the events of all of it."""
    appeal = resolve(staff, register(staff, applicants=applicants, issues=issues))
    executor = staff["executor_communal"]
    for k in range(notes):
        services.add_note(actor=executor, appeal_id=appeal.pk, text=f"Перевірено ліфт ({k})")
        services.add_note(actor=staff["executor_social"], appeal_id=appeal.pk, text=f"Соцзахист ({k})")
    services.add_note(actor=executor, appeal_id=appeal.pk, text="Проєкт: ліфт полагоджено", draft_answer=True)
    services.request_extension(
        actor=executor, appeal_id=appeal.pk, due_date=D(2026, 12, 10), reason="Потрібна експертиза"
    )
    first = appeal.issues.order_by("position").first()
    assert first is not None
    services.answer_appeal(
        actor=executor, appeal_id=appeal.pk, text="Ліфт полагоджено.", results=[(first.pk, "resolved")]
    )
    services.add_attachment(
        actor=staff["registrar"],
        appeal_id=appeal.pk,
        upload=SimpleUploadedFile("скан.pdf", b"%PDF-1.7\n" + b"0" * 2000, content_type="application/pdf"),
    )
    return appeal


def card_url(appeal: Appeal, action: str = "") -> str:
    if action:
        return reverse(f"appeals:card-{action}", args=[appeal.pk])
    return reverse("appeals:card", args=[appeal.pk])


def page(client, appeal: Appeal) -> str:
    response = client.get(card_url(appeal))
    assert response.status_code == 200, response.content
    return response.content.decode()


def offered(html: str) -> set[str]:
    return set(re.findall(r'<details class="action panel" id="action-([a-z-]+)"', html))


def field_block(html: str, field_id: str) -> str:
    """The `components/_field.html` block (label, input, help, errors) of the input with this id."""
    at = html.index(f'id="{field_id}"')
    start = html.rindex('<div class="field', 0, at)
    return html[start : html.index("</div>", at)]


def state(appeal: Appeal) -> tuple:
    """What an action may change: a refused one must leave all of it as it was."""
    appeal.refresh_from_db()
    return (
        appeal.status,
        appeal.due_date,
        appeal.extension_requested_until,
        appeal.lead_department_id,
        appeal.lead_executor_id,
        list(appeal.issues.values_list("result_id", flat=True)),
        AppealEvent.objects.filter(appeal=appeal).count(),
        Note.objects.filter(appeal=appeal).count(),
        Answer.objects.filter(appeal=appeal).count(),
        Resolution.objects.filter(appeal=appeal).count(),
        Attachment.objects.filter(appeal=appeal).count(),
    )


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]
