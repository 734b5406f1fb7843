"""Запитання до міської влади on the public site: asking (errors, honeypot, rate limit, the letter),
the public list (search, filters, pages, counts) and the page of one question — never the author's
name or e-mail."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.questions import factories, services
from hromada.questions.models import Question, QuestionStatus
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
ASK = "/zapytannia/nove/"
LIST = "/zapytannia/"
RECEIVED = "/zapytannia/otrymano/"
AUTHOR = "Петренко Олена Іванівна"
EMAIL = "petrenko@example.com"


def form_data(**overrides):
    data = {
        "name": AUTHOR,
        "email": EMAIL,
        "topic": "communal",
        "text": "Коли у дворі на вул. Соборній, 5 встановлять дитячий майданчик?",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- asking -------------------------------------------------------------------------------------------


def test_question_is_received_and_acknowledged_by_email_when_resident_asks(
    smtp, worker, django_capture_on_commit_callbacks
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(ASK, form_data())
    assert posted.status_code == 302 and posted["Location"] == RECEIVED
    response = client.get(RECEIVED)  # Post/Redirect/Get: a reload asks nothing again
    assert response.status_code == 200 and client.get(RECEIVED).status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Ваше запитання отримано" in page and f"ми напишемо на {EMAIL}" in page
    assert AUTHOR not in page
    question = Question.objects.get()
    assert (question.status, question.author_email, question.author_initials) == ("new", EMAIL, "П. О. І.")
    worker()
    (mail,) = smtp.to(EMAIL)
    assert mail.subject == f"Ваше запитання № {question.pk} отримано"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", None, "Зазначте ваше прізвище, ім’я та по батькові (ПІБ)."),
        ("email", None, "Зазначте адресу електронної пошти для відповіді."),
        ("email", "petrenko@", "Введіть правильну адресу електронної пошти."),
        ("topic", "", "Оберіть тематику запитання."),
        ("text", None, "Напишіть ваше запитання."),
        ("text", "Коли?", "Запитання закоротке: напишіть щонайменше 10 символів."),
        ("text", "Коли ремонт?", "Викладіть суть словами: щонайменше 3 слова."),
        ("name", "Петренко", "Зазначте ваше прізвище та ім’я (і по батькові, якщо є)."),
        ("consent", None, "Потрібна згода на обробку персональних даних."),
    ],
)
def test_field_error_in_ukrainian_and_values_kept_when_a_field_is_wrong(field, value, message):
    response = Client().post(ASK, form_data(**{field: value}))
    assert response.status_code == 422
    assert response.context["form"].errors[field] == [message]
    page = response.content.decode()
    describedby = "id_text_helptext id_text_error" if field == "text" else f"id_{field}_error"
    assert f'id="id_{field}_error"' in page and f'aria-describedby="{describedby}"' in page
    if field != "name":
        assert AUTHOR in page
    if field != "text":
        assert "дитячий майданчик" in page
    assert Question.objects.count() == 0


def test_bot_is_told_received_and_nothing_saved_when_honeypot_filled():
    client = Client()
    assert client.post(ASK, form_data(website="http://spam.example"))["Location"] == RECEIVED
    response = client.get(RECEIVED)
    assert response.status_code == 200 and "Ваше запитання отримано" in response.content.decode()
    assert Question.objects.count() == 0


def test_received_page_sends_to_the_form_when_nothing_was_asked_in_this_session():
    response = Client().get(RECEIVED)
    assert response.status_code == 302 and response["Location"] == ASK


def test_honeypot_is_hidden_from_people_and_screen_readers_when_form_shown():
    page = Client().get(ASK).content.decode()
    assert '<div class="portal-hp" aria-hidden="true">' in page
    assert 'tabindex="-1"' in page and 'name="website"' in page


def test_429_with_retry_after_when_one_address_asks_too_often(settings):
    settings.HROMADA_PORTAL_ASKING_LIMIT = 2
    client = Client()
    for i in range(2):
        assert client.post(ASK, form_data(email=f"a{i}@example.com")).status_code == 302
    response = client.post(ASK, form_data(email="other@example.com"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Забагато спроб" in response.content.decode()
    assert Question.objects.count() == 2


def test_429_when_one_email_asks_too_often_from_other_addresses(settings):
    settings.HROMADA_PORTAL_ASKING_LIMIT = 2
    for i in range(2):
        assert Client(REMOTE_ADDR=f"10.0.0.{i}").post(ASK, form_data()).status_code == 302
    assert Client(REMOTE_ADDR="10.0.0.9").post(ASK, form_data(email=EMAIL.upper())).status_code == 429
    assert Question.objects.count() == 2


def test_refused_questions_are_not_counted_against_the_limit(settings):
    settings.HROMADA_PORTAL_ASKING_LIMIT = 1
    client = Client()
    assert client.post(ASK, form_data(text="")).status_code == 422
    assert client.post(ASK, form_data()).status_code == 302


def test_form_is_refused_without_csrf_token_when_csrf_checks_are_on():
    response = Client(enforce_csrf_checks=True).post(ASK, form_data())
    assert response.status_code == 403 and Question.objects.count() == 0


# --- the public list ----------------------------------------------------------------------------------


@pytest.fixture
def questions(staff, settings):
    """Published on different days: an answered one about a lift, one awaiting about a bus, a new one
    and a rejected one (both never public)."""
    moderator = staff["moderator"]
    lift = factories.answered(
        moderator,
        staff["executor_communal"],
        at=kyiv(2026, 11, 2, 10),
        answered_at=kyiv(2026, 11, 6, 14),
        answer="Заміну ЛІФТА заплановано на березень 2027 року.",
        text="Коли замінять ліфт у будинку № 12?",
    )
    bus = factories.published(
        moderator, "social", at=kyiv(2026, 11, 3, 10), topic="transport", text="Чи повернуть автобус № 7?"
    )
    new = factories.ask(text="Чому не вивозять сміття з двору?")
    rejected = factories.rejected(moderator, text="Продаю цеглу недорого, дзвоніть.")
    return {"lift": lift, "bus": bus, "new": new, "rejected": rejected}


def ids(response) -> list[int]:
    return [r["id"] for r in response.context["rows"]]


def test_public_list_shows_only_published_questions_newest_first(questions):
    response = Client().get(LIST)
    assert response.status_code == 200
    assert ids(response) == [questions["bus"].pk, questions["lift"].pk]
    page = response.content.decode()
    assert "Знайдено 2 запитання" in page
    assert "Чому не вивозять сміття" not in page and "цеглу" not in page


def test_public_pages_never_show_the_authors_name_or_email(questions):
    pages = [Client().get(LIST).content.decode()]
    pages += [Client().get(f"{LIST}{q.pk}/").content.decode() for q in (questions["lift"], questions["bus"])]
    for page in pages:
        assert factories.AUTHOR not in page and factories.AUTHOR_EMAIL not in page
        assert "Коваленко" not in page and "kovalenko" not in page
    assert "К. І. П." in pages[1]


def test_search_finds_words_in_question_and_answer_whatever_their_case(questions):
    assert ids(Client().get(LIST, {"q": "ЛІФТ"})) == [questions["lift"].pk]
    assert ids(Client().get(LIST, {"q": "березень 2027"})) == [questions["lift"].pk]  # in the answer
    assert ids(Client().get(LIST, {"q": "автобус"})) == [questions["bus"].pk]
    assert ids(Client().get(LIST, {"q": "сміття"})) == []  # not published
    page = Client().get(LIST, {"q": "трамвай"}).content.decode()
    assert "Знайдено 0 запитань" in page


def test_topic_and_status_filters_narrow_the_list(questions):
    assert ids(Client().get(LIST, {"topic": "transport"})) == [questions["bus"].pk]
    assert ids(Client().get(LIST, {"status": "answered"})) == [questions["lift"].pk]
    assert ids(Client().get(LIST, {"status": "published"})) == [questions["bus"].pk]
    assert Client().get(LIST, {"status": "rejected"}).status_code == 400


@pytest.mark.parametrize(("count", "text"), [(1, "Знайдено 1 запитання"), (5, "Знайдено 5 запитань")])
def test_count_agrees_with_its_numeral(staff, count, text):
    for _ in range(count):
        factories.published(staff["moderator"])
    assert text in Client().get(LIST).content.decode()


def test_list_pages_by_20_and_keeps_the_search_when_paging(staff):
    for i in range(23):
        factories.published(
            staff["moderator"], at=kyiv(2026, 10, 1 + i, 10), text=f"Запитання про ліфт № {i}"
        )
    first = Client().get(LIST, {"q": "ліфт"})
    assert len(first.context["rows"]) == 20
    assert "Знайдено 23 запитання" in first.content.decode()
    assert first.context["next_url"] == "?q=%D0%BB%D1%96%D1%84%D1%82&page=2"
    second = Client().get(LIST + first.context["next_url"])
    assert (
        len(second.context["rows"]) == 3 and second.context["previous_url"] == "?q=%D0%BB%D1%96%D1%84%D1%82"
    )
    assert Client().get(LIST, {"page": "99"}).context["page"].number == 2  # past the end: the last page


def test_public_list_reads_a_fixed_number_of_queries(staff, django_assert_max_num_queries):
    for i in range(25):
        question = factories.published(staff["moderator"], "communal" if i % 2 else "social")
        if i % 2:
            services.answer_question(actor=staff["head"], question_id=question.pk, text="Відповідь")
    Client().get(LIST)  # warm the per-process caches (council settings, vocabularies)
    with django_assert_max_num_queries(2):  # the count and the page's rows with their departments
        assert Client().get(LIST, {"q": "ліфт", "topic": "communal"}).status_code == 200
    with django_assert_max_num_queries(2):
        assert Client().get(f"{LIST}{question.pk}/").status_code == 200


# --- one question -------------------------------------------------------------------------------------


def test_question_page_shows_question_answer_dates_and_department(questions):
    page = Client().get(f"{LIST}{questions['lift'].pk}/").content.decode()
    assert "Коли замінять ліфт у будинку № 12?" in page
    assert "Заміну ЛІФТА заплановано на березень 2027 року." in page
    assert "02.11.2026" in page and "06.11.2026" in page
    assert "Департамент ЖКГ" in page and "Комунальне господарство" in page
    awaiting = Client().get(f"{LIST}{questions['bus'].pk}/").content.decode()
    assert "Підрозділ готує відповідь." in awaiting


def test_edited_text_is_published_instead_of_the_original(staff):
    question = factories.ask(text="Коли вже, нарешті, полагодять той клятий ліфт??? Телефон 0671234567")
    services.publish_question(
        actor=staff["moderator"], question_id=question.pk, department="communal", text="Коли полагодять ліфт?"
    )
    page = Client().get(f"{LIST}{question.pk}/").content.decode()
    assert "Коли полагодять ліфт?" in page and "0671234567" not in page
    assert "0671234567" not in Client().get(LIST).content.decode()
    assert Client().get(LIST, {"q": "клятий"}).context["rows"] == []


def test_unpublished_questions_are_404(questions):
    for key in ("new", "rejected"):
        assert Client().get(f"{LIST}{questions[key].pk}/").status_code == 404
    assert Client().get(f"{LIST}999999/").status_code == 404


def test_public_pages_carry_the_strict_content_security_policy(questions):
    for url in (LIST, ASK, f"{LIST}{questions['lift'].pk}/"):
        policy = Client().get(url)["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy


def test_answered_question_moves_from_awaiting_to_answered(questions, staff):
    services.answer_question(
        actor=staff["executor_social"], question_id=questions["bus"].pk, text="Так, з грудня."
    )
    assert ids(Client().get(LIST, {"status": "published"})) == []
    assert Question.objects.get(pk=questions["bus"].pk).status == QuestionStatus.ANSWERED
