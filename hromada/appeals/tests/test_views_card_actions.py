"""The appeal card's actions posted through its forms — plainly and with htmx — and every refusal:
a field to correct (422), a step the state does not allow (409), a person who may not (403 before the
form is read), an appeal the person may not see (404)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hromada.appeals import services
from hromada.appeals.models import AppealEvent, Attachment, Note, NoteKind, Status
from hromada.appeals.tests.card_pages import (
    HTMX,
    TODAY,
    TWO_APPLICANTS,
    TWO_ISSUES,
    D,
    card_url,
    field_block,
    flash,
    offered,
    page,
    register,
    resolve,
    state,
)
from hromada.appeals.views.card import ACTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.HROMADA_NOW = TODAY


# --- the whole way through the card's forms ---------------------------------------------------------


def test_head_resolves_executor_answers_both_issues_and_head_closes_through_the_card(client, staff):
    appeal = register(staff, applicants=TWO_APPLICANTS, issues=TWO_ISSUES)
    lift, bus = appeal.issues.order_by("position")

    client.force_login(staff["head"])
    response = client.post(
        card_url(appeal, "resolve"),
        {
            "term": "15d",
            "lead_department": "communal",
            "lead_executor": "executor_communal",
            "co_departments": ["social"],
            "instruction": "Перевірити й відповісти.",
        },
    )
    assert response.status_code == 302 and response["Location"] == card_url(appeal)
    assert flash(response) == ["Резолюцію надано."]
    appeal.refresh_from_db()
    assert appeal.lead_executor is not None
    assert (appeal.status, appeal.due_date, appeal.lead_executor.username) == (
        Status.IN_PROGRESS,
        D(2026, 11, 17),
        "executor_communal",
    )

    client.force_login(staff["executor_communal"])
    html = page(client, appeal)
    assert f'name="result_{lift.pk}"' in html and f'name="result_{bus.pk}"' in html
    response = client.post(
        card_url(appeal, "answer"),
        {
            "text": "Ліфт полагоджено, автобус курсує.",
            f"result_{lift.pk}": "resolved",
            f"result_{bus.pk}": "explained",
        },
    )
    assert response.status_code == 302, response.content
    assert flash(response) == ["Відповідь збережено."]
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED
    assert list(appeal.issues.order_by("position").values_list("result_id", flat=True)) == [
        "resolved",
        "explained",
    ]

    client.force_login(staff["head"])
    response = client.post(card_url(appeal, "close"), {"confirm": "on"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED
    html = client.get(response["Location"]).content.decode()
    assert "Звернення знято з контролю." in html  # the message after the redirect
    assert list(AppealEvent.objects.filter(appeal=appeal).values_list("action", flat=True)) == [
        "registered",
        "resolved",
        "answered",
        "closed",
    ]


def test_actions_with_htmx_swap_the_card_in_place(client, staff):
    appeal = resolve(staff, register(staff))
    client.force_login(staff["executor_communal"])
    response = client.post(card_url(appeal, "note"), {"text": "Замовлено запчастини"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="appeal-card"') and "<html" not in html
    assert "Замовлено запчастини" in html and "Запис додано." in html  # the note and the message

    response = client.post(card_url(appeal, "note"), {"text": "  "}, headers=HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.startswith('<div id="appeal-card"')
    assert "Це поле обов&#x27;язкове." in field_block(html, "id_note_text")
    assert Note.objects.filter(appeal=appeal).count() == 1


def test_htmx_navigation_from_elsewhere_gets_the_whole_page(client, staff):
    appeal = register(staff)
    client.force_login(staff["head"])
    response = client.get(
        card_url(appeal), headers={"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "main"}
    )
    assert response.content.decode().startswith("<!doctype html>")


def test_executor_requests_an_extension_and_the_head_declines_it_through_the_card(client, staff):
    appeal = resolve(staff, register(staff))
    client.force_login(staff["executor_communal"])
    response = client.post(
        card_url(appeal, "request-extension"), {"due_date": "2026-12-10", "reason": "Експертиза"}
    )
    assert response.status_code == 302, response.content
    appeal.refresh_from_db()
    assert appeal.extension_requested_until == D(2026, 12, 10)

    client.force_login(staff["head"])
    html = page(client, appeal)
    assert "decline-extension" in offered(html)
    assert "Виконавець просить продовжити строк до 10.12.2026." in html
    assert 'value="2026-12-10"' in field_block(html, "id_extend_due_date")  # the request, ready to grant
    response = client.post(card_url(appeal, "decline-extension"), {"reason": "Строку достатньо"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.extension_requested_until is None and appeal.due_date == D(2026, 11, 17)
    assert AppealEvent.objects.filter(appeal=appeal).last().action == "extension_declined"


def test_head_extends_forwards_and_registrar_reopens_through_the_card(client, staff):
    appeal = resolve(staff, register(staff))
    client.force_login(staff["head"])
    response = client.post(card_url(appeal, "extend"), {"due_date": "2026-12-17", "reason": "Експертиза"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.due_date == D(2026, 12, 17)

    response = client.post(card_url(appeal, "forward"), {"to": "Держгеокадастр", "reason": "Не належить"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Status.FORWARDED
    html = page(client, appeal)
    assert "Держгеокадастр" in html and "Із запізненням" in html  # 14.11 is past the 5 days (07.11)

    client.force_login(staff["registrar"])
    response = client.post(card_url(appeal, "reopen"), {"reason": "УКЦ: на доопрацювання", "term": "15d"})
    assert response.status_code == 302, response.content
    appeal.refresh_from_db()
    assert appeal.status == Status.IN_PROGRESS and appeal.due_date == D(
        2026, 11, 27
    )  # 14.11 + 15 = 29.11 (Sun)


def test_executor_drafts_and_passes_the_appeal_to_a_colleague_through_the_card(client, staff):
    appeal = resolve(staff, register(staff))
    client.force_login(staff["executor_communal"])
    response = client.post(card_url(appeal, "note"), {"text": "Проєкт відповіді", "draft_answer": "on"})
    assert response.status_code == 302
    assert Note.objects.get(appeal=appeal).kind == NoteKind.DRAFT_ANSWER
    response = client.post(card_url(appeal, "reassign"), {"executor": "executor_communal2"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.lead_executor is not None
    assert appeal.lead_executor.username == "executor_communal2"


def test_registrar_attaches_a_file_and_the_card_lists_it(client, staff):
    appeal = register(staff)
    client.force_login(staff["registrar"])
    upload = SimpleUploadedFile("лист.pdf", b"%PDF-1.7\n" + b"x" * 100, content_type="application/pdf")
    response = client.post(card_url(appeal, "attach"), {"file": upload})
    assert response.status_code == 302, response.content
    assert "лист.pdf" in page(client, appeal)

    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf")
    response = client.post(card_url(appeal, "attach"), {"file": bad})
    assert response.status_code == 422
    assert "PDF, JPEG, PNG" in field_block(response.content.decode(), "id_attach_file")
    assert Attachment.objects.filter(appeal=appeal).count() == 1


# --- refusals ----------------------------------------------------------------------------------------


def test_over_long_extension_shows_the_latest_allowed_date_next_to_the_due_date_with_422(client, staff):
    appeal = resolve(staff, register(staff))
    before = state(appeal)
    client.force_login(staff["head"])
    response = client.post(card_url(appeal, "extend"), {"due_date": "2026-12-18", "reason": "Експертиза"})
    assert response.status_code == 422
    html = response.content.decode()
    block = field_block(html, "id_extend_due_date")
    assert 'class="field-error"' in block and "17.12.2026" in block and "45" in block
    assert 'aria-invalid="true"' in block and 'value="2026-12-18"' in block  # the entered value is kept
    described = re.search(r'aria-describedby="([^"]+)"', block)
    assert described is not None
    described_by = described.group(1).split()
    assert "id_extend_due_date_error" in described_by and 'id="id_extend_due_date_error"' in block
    assert "autofocus" in block
    assert '<details class="action panel" id="action-extend" open>' in html
    assert state(appeal) == before


def test_executor_over_long_extension_request_is_refused_the_same_way(client, staff):
    appeal = resolve(staff, register(staff))
    before = state(appeal)
    client.force_login(staff["executor_communal"])
    response = client.post(card_url(appeal, "request-extension"), {"due_date": "2027-01-10", "reason": "x"})
    assert response.status_code == 422
    assert "17.12.2026" in field_block(response.content.decode(), "id_request-extension_due_date")
    assert state(appeal) == before


def test_closing_with_an_unanswered_issue_names_it_and_changes_nothing(client, staff):
    appeal = resolve(staff, register(staff, issues=TWO_ISSUES))
    lift = appeal.issues.order_by("position").first()
    assert lift is not None
    services.answer_appeal(
        actor=staff["head"], appeal_id=appeal.pk, text="Ліфт", results=[(lift.pk, "resolved")]
    )
    before = state(appeal)
    client.force_login(staff["controller"])
    response = client.post(card_url(appeal, "close"), {"confirm": "on"})
    assert response.status_code == 422
    html = response.content.decode()
    form = html[html.index('id="action-close"') :]
    assert "не можна зняти з контролю" in form[: form.index("</form>")] and "№2" in form
    assert state(appeal) == before


def test_resolution_input_errors_are_shown_on_their_fields_and_nothing_is_saved(client, staff):
    appeal = register(staff)
    before = state(appeal)
    client.force_login(staff["head"])
    # An explicit term without its date: the form says so.
    response = client.post(card_url(appeal, "resolve"), {"term": "date", "lead_department": "communal"})
    assert response.status_code == 422
    assert "Вкажіть дату." in field_block(response.content.decode(), "id_resolve_due_date")
    # A date past one month (typed in, the term left at 15 days: the date wins): the service's
    # TermTooLong, with the latest date.
    response = client.post(
        card_url(appeal, "resolve"), {"term": "15d", "due_date": "2026-12-03", "lead_department": "communal"}
    )
    assert response.status_code == 422
    assert "02.12.2026" in field_block(response.content.decode(), "id_resolve_due_date")
    # An executor of another department: the service refuses, next to the executor field.
    response = client.post(
        card_url(appeal, "resolve"),
        {"term": "15d", "lead_department": "communal", "lead_executor": "executor_social"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Виконавець має працювати в підрозділі — головному виконавці." in field_block(
        html, "id_resolve_lead_executor"
    )
    assert 'value="communal" selected' in field_block(html, "id_resolve_lead_department")  # values kept
    assert state(appeal) == before


def test_answer_without_any_result_is_refused_on_the_form(client, staff):
    appeal = resolve(staff, register(staff))
    before = state(appeal)
    client.force_login(staff["executor_communal"])
    response = client.post(card_url(appeal, "answer"), {"text": "Відповідь без результату"})
    assert response.status_code == 422
    html = response.content.decode()
    form = html[html.index('id="action-answer"') :]
    assert "Зазначте результат розгляду хоча б одного питання." in form[: form.index("</form>")]
    assert "Відповідь без результату" in field_block(html, "id_answer_text")  # the text is kept
    assert state(appeal) == before


def test_wrong_status_is_shown_on_the_form_and_changes_nothing(client, staff):
    appeal = register(staff)  # no resolution yet: nothing to close
    before = state(appeal)
    client.force_login(staff["head"])
    response = client.post(card_url(appeal, "close"), {"confirm": "on"})
    assert (
        response.status_code == 409
    )  # a step the state does not allow: the service's Conflict, as in the API
    assert "не можна" in response.content.decode()
    assert state(appeal) == before


def test_foreign_executor_gets_404_for_the_card_and_its_actions(client, staff):
    appeal = resolve(staff, register(staff), co_departments=[])
    before = state(appeal)
    client.force_login(staff["executor_social"])
    assert client.get(card_url(appeal)).status_code == 404
    assert client.post(card_url(appeal, "note"), {"text": "Чуже"}).status_code == 404
    assert client.post(card_url(appeal, "answer"), {"text": "x"}).status_code == 404
    assert client.get(reverse("appeals:card", args=[999_999])).status_code == 404
    assert state(appeal) == before


@pytest.mark.parametrize(
    ("who", "action", "data"),
    [
        ("controller", "resolve", {"term": "15d", "lead_department": "communal"}),
        ("registrar", "close", {}),
        ("executor_communal", "extend", {"due_date": "2026-12-10", "reason": "x"}),
        ("head", "request-extension", {"due_date": "2026-12-10", "reason": "x"}),
        ("moderator", "note", {"text": "x"}),
    ],
)
def test_action_of_another_role_is_refused_with_403(client, staff, who, action, data):
    appeal = resolve(staff, register(staff))
    before = state(appeal)
    client.force_login(staff[who])
    assert client.post(card_url(appeal, action), data).status_code == 403
    assert state(appeal) == before


def test_service_refuses_a_co_executor_posting_the_lead_departments_actions(client, staff):
    appeal = resolve(staff, register(staff))
    issue = appeal.issues.first()
    assert issue is not None
    before = state(appeal)
    client.force_login(staff["executor_social"])  # the role may answer; this department may not
    response = client.post(
        card_url(appeal, "answer"), {"text": "Відповідь", f"result_{issue.pk}": "resolved"}
    )
    assert response.status_code == 403
    response = client.post(card_url(appeal, "request-extension"), {"due_date": "2026-12-10", "reason": "x"})
    assert response.status_code == 403
    response = client.post(card_url(appeal, "reassign"), {"executor": "executor_social"})
    assert response.status_code == 403
    assert state(appeal) == before


def test_anonymous_is_sent_to_sign_in_and_other_roles_are_refused(client, staff):
    appeal = register(staff)
    response = client.get(card_url(appeal))
    assert response.status_code == 302
    assert response["Location"] == f"/staff/sign-in/?next={card_url(appeal)}"
    response = client.post(card_url(appeal, "close"))
    assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/?next=")
    for who in ("moderator", "administrator", "nobody"):
        client.force_login(staff[who])
        assert client.get(card_url(appeal)).status_code == 403


def test_action_urls_take_only_post(client, staff):
    appeal = register(staff)
    for action in ACTIONS:
        client.force_login(staff["executor_communal" if action.roles == ("executor",) else "head"])
        assert client.get(card_url(appeal, action.slug)).status_code == 405, action.slug


def test_every_card_view_names_its_roles():
    from hromada.appeals.views import card

    for pattern in card.urlpatterns:
        assert getattr(pattern.callback, "allowed_roles", None), pattern.name
