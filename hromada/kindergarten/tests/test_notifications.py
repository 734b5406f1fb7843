"""The parents' letters, through a real SMTP server and the task worker: filing (number and code),
the benefit decided, a place offered (the deadline as 26.11.2026), the place improved, aging out."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.kindergarten import notify, services
from hromada.kindergarten.models import AgeGroup, Application
from hromada.kindergarten.tests.kg_support import NOW, file, group, institution, officer, parent
from hromada.notifications.models import Notification
from hromada.notifications.tests.conftest import _empty_queue, smtp, worker  # noqa: F401

pytestmark = pytest.mark.django_db
OLHA = "olha@example.org"


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW
    settings.HROMADA_KINDERGARTEN_NOTIFY_STEP = 2


@pytest.fixture
def send(worker, django_capture_on_commit_callbacks):  # noqa: F811
    """send(step) → run the step, its on-commit hooks, then the worker."""

    def run(step):
        with django_capture_on_commit_callbacks(execute=True):
            result = step()
        # A task may queue letters on its commit (tasks.send_position_letters): in production the
        # worker commits each task; here the test's transaction stays open, so run those hooks too.
        with django_capture_on_commit_callbacks(execute=True):
            worker()
        worker()
        return result

    return run


def test_the_filing_letter_carries_the_number_the_code_and_the_places(smtp, send):  # noqa: F811
    inst = institution("ЗДО № 5 «Барвінок»")
    filed = send(lambda: file(parent(), [inst]))
    (mail,) = smtp.to(OLHA)
    number = filed.application.number
    assert number in mail.subject and number in mail.text and filed.code in mail.text
    assert filed.code in mail.html and "ЗДО № 5 «Барвінок»" in mail.text
    assert notify.status_path(number) not in mail.text  # the filing letter links the lookup
    assert "/dytsadok/perevirka/" in mail.text
    assert Notification.objects.get().kind == "kindergarten_filed"


def test_no_letter_goes_when_the_application_has_no_email(smtp, send):  # noqa: F811
    send(lambda: file(officer(), [institution()], on_paper=True, parent_email=""))
    assert smtp.messages == [] and not Notification.objects.exists()


def test_benefit_letters_tell_confirmed_and_refused_with_the_note(smtp, send):  # noqa: F811
    inst, staff = institution(), officer()
    app = send(lambda: file(parent(), [inst], benefit="out_of_turn")).application
    smtp.clear()
    send(lambda: services.confirm_benefit(actor=staff, application=app))
    send(lambda: services.refuse_benefit(actor=staff, application=app, note="Посвідчення прострочене"))
    confirmed, refused = smtp.to(OLHA)
    assert app.number in confirmed.subject and notify.status_path(app.number) in confirmed.text
    assert "Посвідчення прострочене" in refused.text and "Посвідчення прострочене" in refused.html
    assert [n.kind for n in Notification.objects.order_by("pk")][1:] == [
        "kindergarten_benefit_confirmed",
        "kindergarten_benefit_refused",
    ]


def test_the_offer_letter_names_the_institution_and_the_deadline_day(smtp, send):  # noqa: F811
    inst = institution("ЗДО № 7 «Казка»")
    app = send(lambda: file(parent(), [inst])).application
    smtp.clear()
    send(lambda: services.offer_place(actor=officer(), age_group=group(inst)))
    (mail,) = smtp.to(OLHA)
    assert app.number in mail.subject
    assert "26.11.2026" in mail.text and "26.11.2026" in mail.html and "ЗДО № 7 «Казка»" in mail.text


def test_a_letter_goes_when_the_place_improves_by_the_step(smtp, send):  # noqa: F811
    inst = institution()
    mama = parent()
    ahead = [
        send(lambda i=i: file(mama, [inst], parent_email=f"p{i}@example.org")).application for i in range(3)
    ]
    me = send(lambda: file(mama, [inst])).application
    smtp.clear()
    send(lambda: services.cancel_application(actor=mama, application=ahead[0]))
    assert smtp.to(OLHA) == []  # 4 → 3: one place only
    send(lambda: services.cancel_application(actor=mama, application=ahead[1]))
    (mail,) = smtp.to(OLHA)  # 4 → 2
    assert me.number in mail.subject and "2" in mail.text
    send(lambda: services.cancel_application(actor=mama, application=ahead[2]))
    assert len(smtp.to(OLHA)) == 1  # 2 → 1: one place since the last letter


def test_the_parent_is_warned_before_the_child_ages_out_and_then_archived(smtp, send, settings):  # noqa: F811
    inst = institution()
    AgeGroup.objects.create(institution=inst, school_year=2026, age=5, capacity=20)
    app = send(lambda: file(parent(), [inst], school_year=2026, birth_date=dt.date(2021, 5, 1))).application
    young = send(lambda: file(parent("tato"), [inst], parent_email="young@example.org")).application
    smtp.clear()
    settings.HROMADA_NOW = "2027-07-20T08:00:00"
    assert send(lambda: services.archive_aged_out(dt.date(2027, 7, 20))) == 0  # too early to warn
    settings.HROMADA_NOW = "2027-08-05T08:00:00"
    assert send(lambda: services.archive_aged_out(dt.date(2027, 8, 5))) == 1
    (mail,) = smtp.messages
    assert mail.to == [OLHA] and "01.09.2027" in mail.text and app.number in mail.subject
    assert send(lambda: services.archive_aged_out(dt.date(2027, 8, 6))) == 0  # warned once
    settings.HROMADA_NOW = "2027-09-01T08:00:00"
    assert send(lambda: services.archive_aged_out(dt.date(2027, 9, 1))) == 1
    app.refresh_from_db()
    young.refresh_from_db()
    assert app.status == "archived" and young.status == "active"
    assert not Application.objects.filter(pk=app.pk, preferences__position__isnull=False).exists()
