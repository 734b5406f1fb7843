"""The registration page: earlier applicants found as the name, phone or e-mail is typed, and the
likely-repeat notice."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hromada.appeals import applicants
from hromada.appeals.models import Appeal
from hromada.appeals.tests.registration_helpers import (
    CHECK,
    NOW,
    SEARCH,
    URL,
    form_data,
    register,
)


@pytest.fixture(autouse=True)
def _fixed_time(settings):
    settings.HROMADA_NOW = NOW


# --- earlier applicants -----------------------------------------------------------------------------


@pytest.fixture
def earlier(staff):
    first = register(
        staff,
        received_at="2026-03-02T10:00:00",
        summary="Протікає дах",
        issues=[{"topic": "housing", "text": "Дах"}],
    )
    second = register(
        staff,
        received_at="2026-10-01T10:00:00",
        summary="Ліфт",
        applicants=[
            {
                "name": "Коваленко Іван Петрович",
                "address": "вул. Шевченка, 1, кв. 2",
                "phone": "+380671234567",
                "categories": ["combatant"],
                "sex": "male",
            }
        ],
    )
    register(staff, applicants=[{"name": "Мельник Олег", "phone": "0501112233"}], summary="Інше")
    return first, second


def test_applicant_search_finds_an_earlier_applicant_when_part_of_the_name_is_typed(
    client, staff, earlier, django_assert_num_queries
):
    client.force_login(staff["registrar"])
    # session, user, the applicants found (with their appeals), their author categories, the audit entry
    with django_assert_num_queries(5):
        response = client.get(SEARCH, {"name": "коваленко ів"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-applicant ") == 1  # one person, two appeals
    assert 'data-name="Коваленко Іван Петрович"' in html
    assert 'data-categories="combatant"' in html and 'data-sex="male"' in html
    for appeal in earlier:
        assert reverse("appeals:card", args=[appeal.pk]) in html and appeal.number in html
    assert "Протікає дах" in html and "02.03.2026" in html
    assert "Мельник" not in html


def test_applicant_search_finds_an_earlier_applicant_when_the_phone_is_typed(client, staff, earlier):
    client.force_login(staff["head"])
    html = client.get(SEARCH, {"phone": "067 123 45 67"}).content.decode()
    assert 'data-name="Коваленко Іван Петрович"' in html and earlier[1].number in html
    assert "Мельник" not in html
    assert "Мельник Олег" in client.get(SEARCH, {"q": "0501112233"}).content.decode()


def test_applicant_search_finds_an_earlier_applicant_when_the_email_is_typed(client, staff):
    register(staff, channel="email", applicants=[{"name": "Бондар Олена", "email": "Olena@Example.com"}])
    client.force_login(staff["registrar"])
    html = client.get(SEARCH, {"email": " olena@example.com "}).content.decode()
    assert 'data-email="Olena@Example.com"' in html


def test_applicant_search_says_nothing_when_too_little_is_typed(client, staff, earlier):
    client.force_login(staff["registrar"])
    assert client.get(SEARCH, {"name": "ко"}).content.decode().strip() == ""
    assert client.get(SEARCH, {"phone": "067"}).content.decode().strip() == ""
    html = client.get(SEARCH, {"name": "Петренко"}).content.decode()
    assert "Попередніх заявників не знайдено" in html or "No earlier applicants found" in html


def test_search_reads_two_queries_when_called_directly(staff, earlier, django_assert_num_queries):
    with django_assert_num_queries(2):
        found = applicants.search_applicants(staff["registrar"], "Коваленко")
    assert [p.name for p in found] == ["Коваленко Іван Петрович"]
    assert [a.number for a in found[0].appeals] == [earlier[1].number, earlier[0].number]  # newest first
    assert applicants.search_applicants(staff["controller"], "Коваленко") == []  # no personal data


def test_likely_repeat_is_flagged_when_the_same_applicant_wrote_on_the_same_topic_this_year(
    client, staff, earlier, django_assert_num_queries
):
    client.force_login(staff["registrar"])
    params = {
        "name": "Коваленко Іван Петрович",
        "phone": "0671234567",
        "subject": "individual",
        "received_at": "2026-11-20T10:00",
        "issues-0-topic": "housing",
        "issues-1-topic": "",
    }
    # session, user, the same person's appeals, their topics
    with django_assert_num_queries(4):
        html = client.get(CHECK, params).content.decode()
    assert "Ймовірно, повторне звернення" in html or "Likely a repeated appeal" in html
    assert earlier[0].number in html and reverse("appeals:card", args=[earlier[0].pk]) in html
    # Another topic, another person, or more than a year later: no notice.
    assert client.get(CHECK, {**params, "issues-0-topic": "ecology"}).content.decode().strip() == ""
    assert client.get(CHECK, {**params, "phone": "0990000000"}).content.decode().strip() == ""
    assert client.get(CHECK, {**params, "received_at": "2027-03-03T10:00"}).content.decode().strip() == ""


def test_likely_repeat_is_shown_again_when_the_form_comes_back_with_errors(client, staff, earlier):
    client.force_login(staff["registrar"])
    data = form_data(
        name="Коваленко Іван Петрович",
        phone="0671234567",
        address="",
        channel="post",
        **{"issues-1-topic": "communal"},
    )
    response = client.post(URL, data)
    assert response.status_code == 422
    assert earlier[1].number in response.content.decode().split('id="repeat-notice"')[1]


def test_registered_message_names_the_repeated_appeal_when_the_service_links_it(client, staff, earlier):
    client.force_login(staff["registrar"])
    client.post(URL, form_data(name="Коваленко Іван Петрович", phone="0671234567"))
    appeal = Appeal.objects.latest("id")
    assert appeal.repeated_of_id == earlier[1].pk
    response = client.get(reverse("appeals:control-card", args=[appeal.pk]))
    assert earlier[1].number in response.content.decode()
