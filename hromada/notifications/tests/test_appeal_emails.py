"""The e-mails of the appeal workflow, delivered by the real worker to a real SMTP server."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django_tasks_db.models import DBTaskResult

from hromada.appeals import services
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.errors import ValidationFailed
from hromada.notifications.models import Notification, NotificationStatus
from hromada.notifications.services import muted
from hromada.testing import Api, appeal_body, kyiv

D = dt.date
AUTHOR = "kovalenko@example.com"


def register(staff, **overrides):
    overrides.setdefault(
        "applicants", [{"name": "Коваленко Іван Петрович", "address": "вул. Шевченка, 1", "email": AUTHOR}]
    )
    body = appeal_body(received_at="2026-11-02T10:00:00", **overrides)
    return services.register_appeal(
        AppealRegisterIn.model_validate(body), actor=staff["registrar"], now=kyiv(2026, 11, 2, 11)
    )


def in_progress(staff, capture, **resolution):
    with capture(execute=True):
        appeal = register(staff)
        resolution.setdefault("due_date", D(2026, 11, 20))
        services.resolve_appeal(
            actor=staff["head"],
            appeal_id=appeal.pk,
            lead_department="communal",
            now=kyiv(2026, 11, 3, 10),
            **resolution,
        )
    appeal.refresh_from_db()
    return appeal


def test_registration_only_queues_and_the_worker_sends_to_the_author_when_appeal_registered(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appeal = register(mailable_staff)
    # The service (the request) sent nothing: a recorded, queued e-mail and a task for the worker.
    assert smtp.messages == []
    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.status, note.attempts) == (
        AUTHOR,
        "appeal_registered",
        NotificationStatus.QUEUED,
        0,
    )
    assert (note.object_type, note.object_id) == ("appeal", str(appeal.pk))
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    assert worker() == 1
    (mail,) = smtp.messages
    assert mail.to == [AUTHOR]
    assert mail.subject == f"Ваше звернення № {appeal.number} зареєстровано"
    assert "Шановний Іване Петровичу!" in mail.text
    assert f"Ваше звернення зареєстровано 02.11.2026 за № {appeal.number}." in mail.text
    assert f"не пізніше {appeal.due_date:%d.%m.%Y}" in mail.text
    assert f"за № <strong>{appeal.number}</strong>" in mail.html
    assert "noreply@rada.test" in str(mail.message["From"])
    note.refresh_from_db()
    assert note.status == NotificationStatus.SENT and note.attempts == 1 and note.sent_at is not None


def test_api_request_only_queues_when_an_appeal_is_registered_through_the_api(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    body = appeal_body(applicants=[{"name": "Коваленко Іван Петрович", "email": AUTHOR}])
    with django_capture_on_commit_callbacks(execute=True):
        response = Api(mailable_staff["registrar"]).post("/appeals", body)
    assert response.status_code == 201, response.content
    assert smtp.messages == []
    assert Notification.objects.get().status == NotificationStatus.QUEUED
    worker()
    assert [m.to for m in smtp.messages] == [[AUTHOR]]


def test_nothing_is_sent_to_the_author_when_appeal_is_anonymous(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(mailable_staff, anonymous=True)
    worker()
    assert smtp.messages == [] and not Notification.objects.exists()


def test_nothing_is_sent_to_the_author_when_appeal_has_no_email(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(mailable_staff, applicants=[{"name": "Коваленко Іван Петрович", "phone": "+380671234567"}])
    worker()
    assert smtp.messages == [] and not Notification.objects.exists()


def test_each_applicant_gets_an_own_letter_when_appeal_is_collective(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    applicants = [
        {"name": "Коваленко Іван Петрович", "email": AUTHOR},
        {"name": "Петренко Ольга Іванівна", "email": "petrenko@example.com"},
        {"name": "Сидоренко Петро", "email": "KOVALENKO@example.com"},  # the same address: one letter
    ]
    with django_capture_on_commit_callbacks(execute=True):
        register(mailable_staff, applicants=applicants)
    worker()
    assert sorted(m.to[0] for m in smtp.messages) == [AUTHOR, "petrenko@example.com"]
    assert all(len(m.to) == 1 for m in smtp.messages)


def test_executors_of_assigned_departments_are_told_when_appeal_is_resolved(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    appeal = in_progress(mailable_staff, django_capture_on_commit_callbacks, co_departments=["social"])
    worker()
    smtp_to = sorted(m.to[0] for m in smtp.messages if "доручено" in m.subject)
    assert smtp_to == [
        "executor_communal2@rada.test",
        "executor_communal@rada.test",
        "executor_social@rada.test",
    ]
    lead = smtp.to("executor_communal@rada.test")[0]
    assert lead.subject == f"Вам доручено звернення № {appeal.number}, строк — до 20.11.2026"
    assert "Ваш підрозділ — головний виконавець." in lead.text
    assert "Ваш підрозділ — головний виконавець." in lead.html
    co = smtp.to("executor_social@rada.test")[0]
    assert "Ваш підрозділ — співвиконавець." in co.text
    assert (
        Notification.objects.get(recipient="executor_social@rada.test").user
        == mailable_staff["executor_social"]
    )


def test_only_the_named_executor_of_the_lead_department_is_told_when_resolution_names_one(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    in_progress(mailable_staff, django_capture_on_commit_callbacks, lead_executor="executor_communal2")
    smtp.clear()
    worker()
    assert [m.to for m in smtp.messages if "доручено" in m.subject] == [["executor_communal2@rada.test"]]


def test_new_executor_is_told_when_appeal_is_reassigned(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    appeal = in_progress(
        mailable_staff, django_capture_on_commit_callbacks, lead_executor="executor_communal"
    )
    worker()
    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reassign_executor(
            actor=mailable_staff["head"], appeal_id=appeal.pk, executor="executor_communal2"
        )
    worker()
    assert [m.to for m in smtp.messages] == [["executor_communal2@rada.test"]]


def test_author_is_told_when_appeal_is_forwarded(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appeal = register(mailable_staff)
        services.forward_appeal(
            actor=mailable_staff["head"],
            appeal_id=appeal.pk,
            to="Головне управління Пенсійного фонду",
            reason="Не належить до повноважень",
            now=kyiv(2026, 11, 4, 10),
        )
    worker()
    (mail,) = [m for m in smtp.to(AUTHOR) if "за належністю" in m.subject]
    assert mail.subject == f"Ваше звернення № {appeal.number} надіслано за належністю"
    assert (
        "04.11.2026 його надіслано за належністю до органу «Головне управління Пенсійного фонду»" in mail.text
    )
    assert "стаття 7 Закону України «Про звернення громадян»" in mail.html


def test_author_is_told_when_term_is_extended(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    appeal = in_progress(mailable_staff, django_capture_on_commit_callbacks)
    worker()
    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.extend_term(
            actor=mailable_staff["head"],
            appeal_id=appeal.pk,
            due_date=D(2026, 12, 10),
            reason="Потрібна перевірка",
        )
    worker()
    (mail,) = smtp.messages
    assert mail.to == [AUTHOR]
    assert mail.subject == f"Строк розгляду вашого звернення № {appeal.number} продовжено"
    assert "Строк його розгляду продовжено до 10.12.2026" in mail.text
    assert "продовжено до 10.12.2026" in mail.html


def test_author_receives_the_answer_when_appeal_is_answered(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    appeal = in_progress(mailable_staff, django_capture_on_commit_callbacks)
    worker()
    smtp.clear()
    issue = appeal.issues.get()
    text = 'Ліфт відремонтовано 10.11.2026.\nДякуємо за звернення, "О\'Коннор" <тест>.'
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_appeal(
            actor=mailable_staff["executor_communal"],
            appeal_id=appeal.pk,
            text=text,
            results=[(issue.pk, "resolved")],
        )
    worker()
    (mail,) = smtp.messages
    assert mail.to == [AUTHOR]
    assert mail.subject == f"Відповідь на ваше звернення № {appeal.number}"
    assert text in mail.text  # the plain text is not HTML-escaped
    assert "&lt;тест&gt;" in mail.html and "<br>" in mail.html


def test_nothing_is_queued_when_the_service_transaction_rolls_back(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    appeal = in_progress(mailable_staff, django_capture_on_commit_callbacks)
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationFailed):
        services.extend_term(
            actor=mailable_staff["head"],
            appeal_id=appeal.pk,
            due_date=D(2026, 11, 1),
            reason="Потрібна перевірка",
        )
    assert callbacks == [] and Notification.objects.count() == before


def test_task_arguments_hold_no_personal_data_when_an_email_is_queued(
    mailable_staff, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(mailable_staff)
    (task,) = DBTaskResult.objects.all()
    assert AUTHOR not in json.dumps(task.args_kwargs)


def test_nothing_is_queued_when_notifications_are_muted_for_demo_data(
    mailable_staff, smtp, worker, django_capture_on_commit_callbacks
):
    with muted(), django_capture_on_commit_callbacks(execute=True):
        appeal = register(mailable_staff)
        services.resolve_appeal(
            actor=mailable_staff["head"], appeal_id=appeal.pk, lead_department="communal", term="15d"
        )
    worker()
    assert not Notification.objects.exists() and smtp.messages == []
