"""The appeal card (картка звернення): what it shows, in a fixed number of queries, and the actions
each role is offered. Posting them: test_views_card_actions.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hromada.appeals import services
from hromada.appeals.models import AppealEvent
from hromada.appeals.tests.card_pages import (
    TODAY,
    D,
    card_url,
    field_block,
    offered,
    page,
    register,
    resolve,
    rich_appeal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(settings):
    settings.HROMADA_NOW = TODAY


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
