"""The appeal card (картка звернення): what it shows, the actions each role gets, and those actions
posted through its forms — plainly and with htmx — with every refusal.

Time is fixed with HROMADA_NOW at 14.11.2026 12:00 (Kyiv); appeals are received on 02.11.2026, so a
15-day resolution ends on 17.11.2026 and 45 days end on 17.12.2026.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hromada.appeals import services
from hromada.appeals.models import Answer, Appeal, AppealEvent, Attachment, Note, NoteKind, Resolution, Status
from hromada.appeals.schemas import AppealRegisterIn
from hromada.appeals.views.card import ACTIONS
from hromada.testing import appeal_body

pytestmark = pytest.mark.django_db

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


@pytest.fixture(autouse=True)
def _today(settings):  # type: ignore[no-untyped-def]
    settings.HROMADA_NOW = TODAY


def register(staff, **overrides) -> Appeal:  # type: ignore[no-untyped-def]
    body = appeal_body(**({"received_at": "2026-11-02T10:00:00"} | overrides))
    return services.register_appeal(AppealRegisterIn.model_validate(body), actor=staff["registrar"])


def resolve(staff, appeal: Appeal, **kw) -> Appeal:  # type: ignore[no-untyped-def]
    kw = {
        "lead_department": "communal",
        "lead_executor": "executor_communal",
        "co_departments": ["social"],
        "term": "15d",
    } | kw
    return services.resolve_appeal(actor=staff["head"], appeal_id=appeal.pk, **kw)


def rich_appeal(staff, applicants=TWO_APPLICANTS, issues=TWO_ISSUES, notes: int = 1) -> Appeal:  # type: ignore[no-untyped-def]
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


def page(client, appeal: Appeal) -> str:  # type: ignore[no-untyped-def]
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


def flash(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- what the card shows ---------------------------------------------------------------------------


def test_card_shows_all_data_when_the_head_opens_it(client, staff):
    appeal = rich_appeal(staff)
    client.force_login(staff["head"])
    html = page(client, appeal)

    assert "<h1>Звернення КО-1" in html  # a collective appeal
    for text in (
        "Поштою",  # channel
        "Скарга",  # kind
        "Колективне",  # subject: two authors
        "02.11.2026 10:00",  # received
        "на виконанні",  # status
        'class="badge badge-priority"',  # a combatant among the authors
        "Коваленко Іван Петрович",
        "вул. Шевченка, 1, кв. 2",
        "+380671234567",
        "ivan@example.com",
        "Учасник бойових дій",
        "Мельник Олена Василівна",
        "Інші категорії",
        "Прошу відремонтувати ліфт.",  # full text
        "скан.pdf",
        "2,0\xa0Кб",  # the attachment's size (no download view exists yet)
        "Комунальне господарство",
        "Не працює ліфт",
        "Немає автобуса",
        "Вирішено позитивно",  # the first issue's result
        "Департамент ЖКГ",
        "Управління соцзахисту",
        "Перевірено ліфт (0)",
        "Соцзахист (0)",
        "Проєкт: ліфт полагоджено",
        "Потрібна експертиза",  # the extension request's reason
        "Ліфт полагоджено.",  # the answer
    ):
        assert text in html, text
    # Tables have column headers and the applicants' rows are headed by the name.
    assert '<th scope="row">Коваленко Іван Петрович</th>' in html
    assert html.count('<th scope="col"') == 7
    assert html.count("<h1>") == 1


def test_days_left_and_overdue_say_it_in_words_with_ukrainian_plurals(client, staff, settings):
    appeal = resolve(staff, register(staff))  # due 17.11.2026
    client.force_login(staff["executor_communal"])
    for now, text in [
        ("2026-11-14T12:00:00", "залишилось 3 дні"),
        ("2026-11-16T09:00:00", "залишився 1 день"),
        ("2026-11-12T09:00:00", "залишилось 5 днів"),
        ("2026-11-17T09:00:00", "строк спливає сьогодні"),
        ("2026-11-18T09:00:00", "прострочено на 1 день"),
        ("2026-11-20T09:00:00", "прострочено на 3 дні"),
        ("2026-11-22T09:00:00", "прострочено на 5 днів"),
    ]:
        settings.HROMADA_NOW = now
        html = page(client, appeal)
        assert "17.11.2026" in html
        assert text in html, (now, text)
        assert (f'<span class="overdue">{text}</span>' in html) is text.startswith("прострочено")


def test_answered_appeal_shows_no_days_left(client, staff):
    appeal = resolve(staff, register(staff))
    services.answer_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        text="Відповідь",
        results=[(i, "explained") for i in appeal.issues.values_list("pk", flat=True)],
    )
    client.force_login(staff["head"])
    html = page(client, appeal)
    assert "залиш" not in html and "прострочено" not in html


def test_timeline_lists_events_in_order_with_actor_and_what_changed(client, staff):
    appeal = rich_appeal(staff)
    services.extend_term(
        actor=staff["head"], appeal_id=appeal.pk, due_date=D(2026, 12, 10), reason="Експертиза"
    )
    client.force_login(staff["head"])
    html = page(client, appeal)
    timeline = html[html.index('<ol class="timeline">') :]
    expected = [
        "Зареєстровано за індексом КО-1",
        "Надано резолюцію",
        "Додано запис про хід виконання",
        "Додано проєкт відповіді",
        "Подано клопотання про продовження строку",
        "Надано відповідь",
        "Додано файл: скан.pdf",
        "Строк розгляду продовжено",
    ]
    positions = [timeline.index(text) for text in expected]
    assert positions == sorted(positions)
    # Before → after, in words: status, due date, department, result.
    assert "зареєстроване, очікує резолюції → на виконанні" in timeline
    assert "Департамент ЖКГ" in timeline
    assert "17.11.2026 → 10.12.2026" in timeline
    assert "Питання №1, результат: — → Вирішено позитивно" in timeline
    assert "Причина: Експертиза" in timeline
    assert "14.11.2026 12:00" in timeline  # when
    assert "head" in timeline and "executor_social" in timeline  # who


def test_card_links_the_earlier_appeal_and_the_later_repeats(client, staff):
    first = register(staff)
    repeated = register(staff, received_at="2026-11-05T11:00:00", text="Ліфт досі не працює.")
    assert repeated.repeated_of_id == first.pk
    client.force_login(staff["registrar"])
    assert f'<a href="{card_url(first)}">К-1</a>' in page(client, repeated)
    assert f'<a href="{card_url(repeated)}">К-2</a>' in page(client, first)

    # An executor who may not open the earlier appeal sees its number, not a link to a 404.
    resolve(staff, repeated)
    client.force_login(staff["executor_communal"])
    html = page(client, repeated)
    assert "К-1" in html and f'href="{card_url(first)}"' not in html


def test_card_links_the_control_card_and_the_answer_letter_when_there_is_one(client, staff):
    appeal = resolve(staff, register(staff))
    control_card, letter = (
        reverse("appeals:control-card", args=[appeal.pk]),
        reverse("appeals:letter", args=[appeal.pk]),
    )
    client.force_login(staff["head"])
    html = page(client, appeal)
    assert f'href="{control_card}"' in html and f'href="{letter}"' not in html  # nothing to print yet
    services.add_note(actor=staff["executor_communal"], appeal_id=appeal.pk, text="Проєкт", draft_answer=True)
    assert f'href="{letter}"' in page(client, appeal)
    client.force_login(staff["executor_social"])  # a co-executor: the letter is not theirs
    assert f'href="{letter}"' not in page(client, appeal)


# --- the number of queries -------------------------------------------------------------------------

# Session, user; the appeal, its issues, applicants, their categories, assignments and their departments
# (selectors.appeal_detail); the resolution, linked appeals, notes, answers, attachments, events; all
# departments and all executors (names in the journal, choices of the forms); the audit entry of the read.
HEAD_QUERIES = 17
# The same + the user's department (the menu); whether the executor's department is assigned is read
# from the prefetched assignments.
EXECUTOR_QUERIES = 18


@pytest.mark.parametrize(
    ("who", "queries"), [("head", HEAD_QUERIES), ("executor_communal", EXECUTOR_QUERIES)]
)
def test_card_reads_a_fixed_number_of_queries_when_the_appeal_grows(
    client, staff, who, queries, django_assert_num_queries
):
    small = rich_appeal(staff)
    big = rich_appeal(
        staff,
        applicants=[
            {"name": f"Підписант{k} Колективний", "categories": ["combatant", "single_mother"]}
            for k in range(6)
        ],
        issues=[{"topic": "communal", "text": f"Питання {k}"} for k in range(9)],
        notes=5,
    )
    services.extend_term(actor=staff["head"], appeal_id=big.pk, due_date=D(2026, 12, 10), reason="Експертиза")
    assert AppealEvent.objects.filter(appeal=big).count() > AppealEvent.objects.filter(appeal=small).count()
    client.force_login(staff[who])
    page(client, small)  # warm-up: the vocabularies and council settings are cached per process
    with django_assert_num_queries(queries):
        page(client, small)
    with django_assert_num_queries(queries):
        html = page(client, big)
    assert "Питання 8" in html and "Підписант5 Колективний" in html


# --- who gets which actions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "actions"),
    [
        (
            "head",
            {
                "resolve",
                "extend",
                "decline-extension",
                "forward",
                "reassign",
                "answer",
                "note",
                "close",
                "attach",
            },
        ),
        ("executor_communal", {"request-extension", "reassign", "answer", "note", "attach"}),
        ("executor_social", {"note", "attach"}),  # co-executor: notes (and supporting files) only
        ("controller", {"close"}),
        ("registrar", {"attach"}),
    ],
)
def test_each_role_is_offered_only_its_actions_when_the_appeal_is_in_progress(client, staff, who, actions):
    appeal = rich_appeal(staff)
    client.force_login(staff[who])
    assert offered(page(client, appeal)) == actions


@pytest.mark.parametrize(
    ("who", "actions"),
    [("head", {"reopen", "attach"}), ("controller", {"reopen"}), ("registrar", {"reopen", "attach"})],
)
def test_closed_appeal_offers_only_rework_and_files(client, staff, who, actions):
    appeal = resolve(staff, register(staff))
    services.answer_appeal(
        actor=staff["head"],
        appeal_id=appeal.pk,
        text="Відповідь",
        results=[(i, "explained") for i in appeal.issues.values_list("pk", flat=True)],
    )
    services.close_appeal(actor=staff["controller"], appeal_id=appeal.pk)
    client.force_login(staff[who])
    assert offered(page(client, appeal)) == actions


def test_registered_appeal_offers_the_head_resolution_and_forwarding(client, staff):
    appeal = register(staff)
    client.force_login(staff["head"])
    html = page(client, appeal)
    assert offered(html) == {"resolve", "extend", "forward", "note", "attach"}
    # The terms say which date each gives; the latest explicit date is a month from registration.
    assert "15 днів (не потребує додаткового вивчення): до 17.11.2026" in html
    assert "1 місяць: до 02.12.2026" in html
    assert "02.12.2026" in field_block(html, "id_resolve_due_date")


def test_passing_to_a_colleague_is_not_offered_when_the_department_has_nobody_else(client, staff):
    appeal = rich_appeal(staff)
    staff["executor_communal2"].is_active = False
    staff["executor_communal2"].save()
    client.force_login(staff["executor_communal"])
    assert "reassign" not in offered(page(client, appeal))


def test_co_executor_note_form_has_no_draft_answer_box(client, staff):
    appeal = rich_appeal(staff)
    client.force_login(staff["executor_social"])
    assert 'name="draft_answer"' not in page(client, appeal)
    client.force_login(staff["executor_communal"])
    assert 'name="draft_answer"' in page(client, appeal)


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
    response = client.post(card_url(appeal, "close"))
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
    described_by = re.search(r'aria-describedby="([^"]+)"', block).group(1).split()
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
    services.answer_appeal(
        actor=staff["head"], appeal_id=appeal.pk, text="Ліфт", results=[(lift.pk, "resolved")]
    )
    before = state(appeal)
    client.force_login(staff["controller"])
    response = client.post(card_url(appeal, "close"))
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
    response = client.post(card_url(appeal, "close"))
    assert response.status_code == 422
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
