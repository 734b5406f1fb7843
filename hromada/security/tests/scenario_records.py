"""The scenario's other private records: an unpublished question, a draft legal consultation, the
registrar's saved filter and web import."""

from __future__ import annotations

import datetime as dt

from hromada.accounts.models import User
from hromada.appeals.models import ImportJob, ImportJobState, SavedFilter
from hromada.questions.services import legal_help
from hromada.questions.services import questions as question_services


def other_records(users: dict[str, User], now: dt.datetime) -> dict[str, int]:
    """An unpublished question, a draft legal consultation, the registrar's saved filter and import."""
    question = question_services.ask_question(
        name="Запитувач Прихований Тарасович",
        email="zapytuvach.hidden@question.example",
        topic="communal",
        text="Неоприлюднене запитання про Мідний Ліхтар на вулиці.",
        consent=True,
    )
    consultation = legal_help.create_consultation(
        actor=users["moderator"],
        title="Чернетка консультації про Вохряний Сервітут",
        question="Як оформити Вохряний Сервітут?",
        answer="Відповідь юриста про Вохряний Сервітут.",
    )
    saved = SavedFilter.objects.create(
        user=users["registrar"], name="Фільтр Індиговий Реєстратора", query="status=registered"
    )
    # A finished import of the registrar whose report names an applicant of a refused line.
    import_job = ImportJob.objects.create(
        created_by=users["registrar"],
        file_name="partiia-koralova.jsonl",
        format="jsonl",
        state=ImportJobState.FAILED,
        error="Рядок 2: заявниця Коралова-Імпортна Мирослава не має адреси.",
        finished_at=now,
    )
    return {
        "question_new": question.pk,
        "consultation_draft": consultation.pk,
        "saved_filter": saved.pk,
        "import_job": import_job.pk,
    }
