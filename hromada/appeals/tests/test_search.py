"""The staff list's one search box (number, person, phone, e-mail, text), "go to number" in the staff
header, the tracking number read the same way, the collapsed filters and the exact count."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hromada.appeals.models import Appeal
from hromada.appeals.selectors import search
from hromada.appeals.selectors.search import index_prefixes, parse_query
from hromada.appeals.services import find_by_tracking, issue_tracking_code
from hromada.appeals.tests.list_register import LIST, build_register, client_for, listed, text_of


@pytest.mark.parametrize(
    ("typed", "kind", "seq", "prefixes", "key"),
    [
        ("К-2194", "index", 2194, ("К",), ""),
        ("  к-2194 ", "index", 2194, ("К",), ""),
        ("2194", "index", 2194, (), ""),
        ("K2194", "index", 2194, ("К",), ""),  # Latin K
        ("B-2196", "index", 2196, ("В", "Б"), ""),  # Latin B: looks like В, transliterates Б
        ("б 2196", "index", 2196, ("Б",), ""),
        ("КО-15", "index", 15, ("КО",), ""),
        ("+380671234567", "phone", 0, (), "671234567"),
        ("0671234567", "phone", 0, (), "671234567"),
        ("(067) 123-45-67", "phone", 0, (), "671234567"),
        ("Olha@Example.COM", "email", 0, (), "olha@example.com"),
        ("Коваленко Петро", "name", 0, (), "коваленко петро"),
        ("ліфт", "name", 0, (), "ліфт"),
        ("   ", "", 0, (), ""),
    ],
)
def test_what_was_typed_is_read_as_a_number_a_phone_an_email_or_words(typed, kind, seq, prefixes, key):
    parsed = parse_query(typed)
    assert (parsed.kind, parsed.seq, parsed.prefixes, parsed.key) == (kind, seq, prefixes, key)


def test_a_year_after_the_number_narrows_it_to_that_year():
    assert parse_query("К-15/2026").year == 2026
    assert parse_query("К-15/26").year == 2026
    assert parse_query("К-15").year is None


def test_index_letters_typed_in_latin_give_every_cyrillic_spelling():
    assert index_prefixes("bp") == ("ВР", "ВП", "БР", "БП")
    assert index_prefixes("") == ()


@pytest.fixture
def register_of_appeals(staff, settings):
    made = build_register(staff, settings)
    return {key: Appeal.objects.get(pk=pk) for key, pk in made.items()}


@pytest.mark.django_db
def test_the_search_box_finds_an_appeal_by_its_number_in_any_spelling(staff, register_of_appeals):
    lift = register_of_appeals["lift"]
    letter, number = lift.number.split("-")
    registrar = client_for(staff, "registrar")
    latin = {"К": "K", "Б": "B", "Л": "L", "Т": "T", "Г": "G", "О": "O"}[letter]
    for typed in [lift.number, lift.number.lower(), f"{latin}-{number}", f"{letter.lower()}{number}", number]:
        assert listed(registrar, q=typed) == [lift.pk], typed
    assert listed(registrar, q=f"{lift.number}/{lift.year}") == [lift.pk]
    assert listed(registrar, q=f"{lift.number}/{lift.year - 1}") == []
    assert listed(registrar, q="Щ-" + number) == []


@pytest.mark.django_db
def test_the_search_box_finds_a_person_by_name_in_any_order_and_in_part(staff, register_of_appeals):
    ids = {k: a.pk for k, a in register_of_appeals.items()}
    registrar = client_for(staff, "registrar")
    # The lift's author is the default applicant: Коваленко Іван Петрович, +380671234567.
    for typed in [
        "Коваленко",
        "коваленко іван",
        "Іван Коваленко",
        "ковал ів",
        "Петрович Коваленко",
        "КОВАЛЕНКО",
    ]:
        assert listed(registrar, q=typed) == [ids["lift"]], typed
    assert listed(registrar, q="Петро Бондар") == [ids["road"]]
    assert listed(registrar, q="Коваленко Ольга") == []


@pytest.mark.django_db
def test_a_list_page_looks_the_people_of_a_name_up_once(staff, register_of_appeals):
    registrar = client_for(staff, "registrar")

    def by_name(queries: CaptureQueriesContext) -> list[str]:
        return [q["sql"] for q in queries.captured_queries if '"name_key"' in q["sql"]]

    for typed in ["Іван Коваленко", "ковал ів"]:  # found by the tight form; by the loose one
        with CaptureQueriesContext(connection) as once:
            assert search.find(typed).bounded
        with CaptureQueriesContext(connection) as page:
            assert listed(registrar, q=typed) == [register_of_appeals["lift"].pk]
        assert by_name(page) == by_name(once) and by_name(once), typed


@pytest.mark.django_db
def test_the_search_box_finds_by_phone_in_any_format_and_by_email(staff, register_of_appeals):
    ids = {k: a.pk for k, a in register_of_appeals.items()}
    registrar = client_for(staff, "registrar")
    for typed in ["+380671234567", "0671234567", "067 123 45 67", "(067)123-45-67", "380671234567"]:
        assert listed(registrar, q=typed) == [ids["lift"]], typed
    assert listed(registrar, q="+38 066 111 22 33") == [ids["heating"]]
    assert listed(registrar, q="OLHA@example.com") == [ids["pension"]]
    assert listed(registrar, q="nobody@example.com") == []


@pytest.mark.django_db
def test_words_that_name_nobody_are_searched_in_the_texts(staff, register_of_appeals):
    ids = {k: a.pk for k, a in register_of_appeals.items()}
    registrar = client_for(staff, "registrar")
    assert listed(registrar, q="субсидію") == [ids["pension"]]  # any word form
    assert listed(registrar, q="ями") == [ids["road"]]
    # A name found: the page offers the same words in the texts only.
    response = registrar.get(LIST, {"q": "Коваленко"})
    assert (
        response.context["text_search_url"]
        == f"{LIST}?text=%D0%9A%D0%BE%D0%B2%D0%B0%D0%BB%D0%B5%D0%BD%D0%BA%D0%BE"
    )
    assert "Шукати ці слова лише в текстах" in text_of(response)


@pytest.mark.django_db
def test_an_executor_finds_nothing_of_another_department_whatever_is_typed(staff, register_of_appeals):
    lift = register_of_appeals["lift"]  # at the communal department
    social = client_for(staff, "executor_social")
    for typed in [lift.number, "Коваленко", "0671234567", "ями"]:  # the pothole is not assigned yet
        assert listed(social, q=typed) == [], typed
    response = social.get(f"{LIST}go/", {"n": lift.number})
    assert response.status_code == 302 and "/staff/appeals/?q=" in response["Location"]
    assert listed(client_for(staff, "executor_communal"), q=lift.number) == [lift.pk]


@pytest.mark.django_db
def test_go_to_number_opens_the_card_when_one_appeal_has_it(staff, register_of_appeals):
    lift = register_of_appeals["lift"]
    registrar = client_for(staff, "registrar")
    response = registrar.get(f"{LIST}go/", {"n": f" {lift.number.lower()} "})
    assert response.status_code == 302 and response["Location"] == f"/staff/appeals/{lift.pk}/"
    # Not a number: the list searched for it. Nothing typed: the list.
    response = registrar.get(f"{LIST}go/", {"n": "Коваленко"})
    assert response["Location"] == f"{LIST}?" + urlencode({"q": "Коваленко"})
    assert registrar.get(f"{LIST}go/")["Location"] == LIST
    # The box is in the header of every staff page of those who see appeals, and not of others.
    assert 'name="n"' in registrar.get("/staff/").content.decode()
    assert 'name="n"' not in client_for(staff, "moderator").get("/staff/").content.decode()
    assert client_for(staff, "moderator").get(f"{LIST}go/", {"n": lift.number}).status_code == 403


@pytest.mark.django_db
def test_filters_are_collapsed_until_one_is_set(staff, register_of_appeals):
    registrar = client_for(staff, "registrar")
    assert '<details class="filters-more">' in registrar.get(LIST).content.decode()
    assert '<details class="filters-more">' in registrar.get(LIST, {"q": "ліфт"}).content.decode()
    assert '<details class="filters-more" open>' in registrar.get(LIST, {"status": "closed"}).content.decode()


@pytest.mark.django_db
def test_a_capped_count_links_to_the_exact_one(staff, register_of_appeals, settings):
    settings.HROMADA_LIST_COUNT_LIMIT = 3
    registrar = client_for(staff, "registrar")
    response = registrar.get(LIST)
    assert "3+ звернення" in text_of(response)
    assert response.context["exact_count_url"] == f"{LIST}?count=exact"
    exact = registrar.get(response.context["exact_count_url"])
    assert "7 звернень" in text_of(exact) and exact.context["exact_count_url"] == ""


@pytest.mark.django_db
def test_the_api_list_takes_the_same_search(api, staff, register_of_appeals):
    lift = register_of_appeals["lift"]
    for typed in [lift.number.lower(), "Іван Коваленко", "0671234567"]:
        response = api("registrar").get("/appeals?" + urlencode({"search": typed}))
        assert response.status_code == 200
        assert [item["id"] for item in response.json()["items"]] == [lift.pk], typed
    hidden = api("executor_social").get("/appeals?" + urlencode({"search": lift.number}))
    assert hidden.status_code == 200 and hidden.json()["items"] == []


@pytest.mark.django_db
def test_tracking_reads_the_number_as_the_search_does(staff, register_of_appeals):
    appeal = register_of_appeals["road"]  # Бондар Петро: Б-…
    code = issue_tracking_code(appeal)
    letter, number = appeal.number.split("-")
    assert letter == "Б"
    for typed in [appeal.number, f"б-{number}", f"B-{number}", f"b{number}", f"Б {number}", number]:
        assert find_by_tracking(typed, code) == appeal, typed
    assert find_by_tracking(f"В-{number}", code) is None
    assert find_by_tracking(appeal.number, "WRONG-CODE-0000") is None
    assert find_by_tracking("", code) is None
