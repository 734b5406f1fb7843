"""What the answer-letter test modules share: the council's letterhead, appeals at each stage of an
answer, and the letter's URLs."""

from __future__ import annotations

import io
from pathlib import Path

from django.test import Client
from docx import Document

from hromada.accounts.models import User
from hromada.appeals import services
from hromada.appeals.models import Appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.models import CouncilSettings
from hromada.testing import appeal_body, kyiv

LETTER_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "letter.css"
NOTICE = (
    "Відповідно до статті 16 Закону України «Про звернення громадян» скаргу на рішення, що оскаржується, "
    "може бути подано до органу вищого рівня або до суду протягом одного року з моменту його прийняття, "
    "але не пізніше одного місяця з часу ознайомлення громадянина з прийнятим рішенням."
)
LETTERHEAD = [
    "ВИКОНАВЧИЙ КОМІТЕТ ГРОМАДСЬКОЇ МІСЬКОЇ РАДИ",
    "вул. Соборна, 1, м. Громадськ, 01001",
    "тел. (044) 123-45-67, e-mail: rada@example.gov.ua, rada.example.gov.ua",
    "Код ЄДРПОУ 12345678",
]


def make_council() -> CouncilSettings:
    """The council's letterhead and signatory as every letter test expects them."""
    council, _created = CouncilSettings.objects.update_or_create(
        pk=1,
        defaults={
            "council_name": "Громадська міська рада",
            "letterhead_name": "ВИКОНАВЧИЙ КОМІТЕТ ГРОМАДСЬКОЇ МІСЬКОЇ РАДИ",
            "letterhead_address": "вул. Соборна, 1, м. Громадськ, 01001",
            "letterhead_phone": "(044) 123-45-67",
            "letterhead_email": "rada@example.gov.ua",
            "letterhead_website": "rada.example.gov.ua",
            "edrpou": "12345678",
            "letter_signatory_position": "Міський голова",
            "letter_signatory_name": "Іван ПЕТРЕНКО",
        },
    )
    return council


def new_appeal(staff, **overrides) -> Appeal:
    body = appeal_body(
        received_at="2026-11-02T10:00:00",
        issues=[{"topic": "communal", "text": "Ліфт"}, {"topic": "transport", "text": "Автобус"}],
        **overrides,
    )
    return services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=staff["registrar"], now=kyiv(2026, 11, 2, 11)
    )


def in_progress(staff, **overrides) -> Appeal:
    """Resolved to the communal department (lead executor executor_communal), social co-executes."""
    User.objects.filter(username="executor_communal").update(first_name="Олена", last_name="Петренко")
    appeal = new_appeal(staff, **overrides)
    return services.resolve_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        lead_department="communal",
        lead_executor="executor_communal",
        co_departments=["social"],
        term="15d",
        now=kyiv(2026, 11, 3, 10),
    )


def answered(staff, **overrides) -> Appeal:
    appeal = in_progress(staff, **overrides)
    lift, bus = appeal.issues.order_by("position")
    executor = staff["executor_communal"]
    services.answer_appeal(
        actor=executor,
        appeal_id=appeal.pk,
        text="Ліфт у будинку відремонтовано 10.11.2026.\n\nРоботи прийнято комісією.",
        results=[(lift.pk, "resolved")],
        now=kyiv(2026, 11, 10, 15),
    )
    services.answer_appeal(
        actor=executor,
        appeal_id=appeal.pk,
        text="Відновити рейс автобуса № 5 неможливо через брак коштів у бюджеті.",
        results=[(bus.pk, "refused")],
        now=kyiv(2026, 11, 21, 9),
    )
    appeal.refresh_from_db()
    return appeal


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs if p.text]


def page_url(appeal: Appeal) -> str:
    return f"/staff/appeals/{appeal.pk}/letter/"


def docx_url(appeal: Appeal) -> str:
    return f"/staff/appeals/{appeal.pk}/letter.docx"
