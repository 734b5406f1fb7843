"""Електронні петиції on the public site: the list (filters, orders, search, pages, query counts), the
page of a petition in every public state, signing and withdrawing with every refusal, the rate limit,
and that no e-mail or address ever shows."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client

from hromada.core import ratelimit
from hromada.petitions import services
from hromada.petitions.models import PetitionStatus, Signature
from hromada.petitions.tests.public_support import (
    author_fixture,  # noqa: F401  (the fixture "author")
    charter,
    client_of,
    make_resident,
    published,
    set_state,
    signer_fixture,  # noqa: F401  (the fixture "signer")
)

pytestmark = pytest.mark.django_db
LIST = "/peticii/"


def page_of(petition) -> str:
    return f"/peticii/{petition.pk}/"


# --- the list -----------------------------------------------------------------------------------------


@pytest.fixture
def many(staff, author):
    """Five public petitions in five states, one draft and one on moderation."""
    a = published(staff, author, "Ліхтарі на вулиці Липовій")
    b = published(staff, author, "Велодоріжка вздовж річки", category="transport")
    c = published(staff, author, "Ремонт ліфтів у будинку № 7")
    d = published(staff, author, "Сквер замість парковки")
    e = published(staff, author, "Питна вода у школах")
    set_state(a, signature_count=10, deadline=dt.date(2027, 1, 20))
    set_state(b, signature_count=200, deadline=dt.date(2027, 1, 10))
    set_state(c, status=PetitionStatus.CONSIDERATION, signature_count=250)
    set_state(
        d, status=PetitionStatus.ANSWERED, signature_count=300, answer_supported=True, answer_text="Так."
    )
    set_state(e, status=PetitionStatus.CLOSED, signature_count=3)
    draft = services.create_petition_draft(
        author=author, title="Таємна чернетка", text="Текст чернетки", category="communal"
    )
    moderated = services.create_petition_draft(
        author=author, title="На модерації", text="Текст на модерації", category="communal"
    )
    services.submit_petition(author=author, petition_id=moderated.pk)
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "draft": draft, "moderation": moderated}


def titles(response) -> list[str]:
    return [r["title"] for r in response.context["rows"]]


def test_list_shows_public_petitions_only_with_progress_and_days_left(many, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = Client().get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(titles(response)) == 5
    assert "Таємна чернетка" not in html and "На модерації" not in html
    assert '<progress id="progress-' in html and 'max="250"' in html
    assert "5 петицій" in html  # translation
    assert 'rel="alternate" type="application/rss+xml"' in html
    assert "author@example.com" not in html and "Таємна, 13" not in html


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("collecting", {"Ліхтарі на вулиці Липовій", "Велодоріжка вздовж річки"}),
        ("consideration", {"Ремонт ліфтів у будинку № 7"}),
        ("answered", {"Сквер замість парковки"}),
        ("closed", {"Питна вода у школах"}),
        ("refused", set()),
    ],
)
def test_list_filters_by_status_when_asked(many, status, expected):
    assert set(titles(Client().get(LIST, {"status": status}))) == expected


def test_list_orders_by_signatures_threshold_and_deadline_when_asked(many):
    most = titles(Client().get(LIST, {"sort": "most_signed"}))
    assert most[0] == "Сквер замість парковки" and most[-1] == "Питна вода у школах"
    ending = titles(Client().get(LIST, {"status": "collecting", "sort": "ending_soon"}))
    assert ending == ["Велодоріжка вздовж річки", "Ліхтарі на вулиці Липовій"]
    nearest = titles(Client().get(LIST, {"status": "collecting", "sort": "nearest"}))
    assert nearest[0] == "Велодоріжка вздовж річки"


def test_list_searches_words_and_filters_category_when_asked(many):
    assert titles(Client().get(LIST, {"q": "ліфтів"})) == ["Ремонт ліфтів у будинку № 7"]
    assert titles(Client().get(LIST, {"category": "transport"})) == ["Велодоріжка вздовж річки"]


def test_list_refuses_unknown_filter_with_400(many):
    assert Client().get(LIST, {"status": "draft"}).status_code == 400
    assert Client().get(LIST, {"sort": "random"}).status_code == 400


def test_list_pages_by_twenty_with_bounded_queries(staff, author, django_assert_max_num_queries):
    for n in range(23):
        published(staff, author, f"Петиція номер {n}")
    with django_assert_max_num_queries(5):
        first = Client().get(LIST)
    assert len(first.context["rows"]) == 20 and first.context["next_url"] == "?page=2"
    second = Client().get(LIST, {"page": 2})
    assert len(second.context["rows"]) == 3


# --- the page of a petition ---------------------------------------------------------------------------


def test_page_shows_counts_author_and_sign_in_link_when_anonymous(
    staff, author, django_assert_max_num_queries
):
    petition = set_state(published(staff, author), signature_count=40, paper_count=7)
    with django_assert_max_num_queries(5):
        response = Client().get(page_of(petition))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Петренко Олена Іванівна" in html and petition.title in html
    assert "47 з 250" in html and "з них на папері: 7" in html  # translation
    assert f"/kabinet/vkhid/?next=%2Fpeticii%2F{petition.pk}%2F" in html
    assert (
        "facebook.com/sharer" in html
        and "t.me/share" in html
        and "x.com/intent" in html
        and "mailto:" in html
    )
    assert "<script" not in html.replace('<script src="/static/', "")
    assert "author@example.com" not in html and "Таємна, 13" not in html


def test_draft_or_moderated_petition_is_404(staff, author):
    draft = services.create_petition_draft(
        author=author, title="Чернетка", text="Текст чернетки", category="communal"
    )
    assert Client().get(page_of(draft)).status_code == 404
    services.submit_petition(author=author, petition_id=draft.pk)
    assert Client().get(page_of(draft)).status_code == 404
    assert client_of(author).get(page_of(draft)).status_code == 404


def test_page_shows_refusal_reason_when_refused(staff, author):
    draft = services.create_petition_draft(
        author=author, title="Про все", text="Текст про все на світі", category="communal"
    )
    services.submit_petition(author=author, petition_id=draft.pk)
    services.refuse_petition(
        actor=staff["moderator"], petition_id=draft.pk, reason="Питання не належить до повноважень ради."
    )
    html = Client().get(page_of(draft)).content.decode()
    assert "Питання не належить до повноважень ради." in html


def test_page_shows_answer_when_answered(staff, author, signer):
    charter(threshold=1)
    petition = published(staff, author)
    services.sign_petition(signer=signer, petition_id=petition.pk)
    services.answer_petition(
        actor=staff["head"],
        petition_id=petition.pk,
        supported=True,
        text="Перехід облаштують до травня.",
        decision_url="https://rada.example.gov.ua/rishennia/15",
    )
    html = Client().get(page_of(petition)).content.decode()
    assert 'id="answer"' in html and "Перехід облаштують до травня." in html
    assert "https://rada.example.gov.ua/rishennia/15" in html
    assert "Петицію підтримано." in html  # translation


# --- signing and withdrawing --------------------------------------------------------------------------


def test_resident_signs_then_sees_date_and_withdraws(staff, author, signer):
    petition = published(staff, author)
    client = client_of(signer)
    form = client.get(page_of(petition)).content.decode()
    assert 'name="wants_updates"' in form and f'action="/peticii/{petition.pk}/pidpysaty/"' in form
    response = client.post(f"/peticii/{petition.pk}/pidpysaty/", {"wants_updates": "on"})
    assert response.status_code == 302 and response["Location"] == f"/peticii/{petition.pk}/?signed=1"
    signature = Signature.objects.get(petition=petition, signer=signer)
    assert signature.wants_updates and signature.email_domain == "ukr.net"
    page = client.get(response["Location"])
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert f'action="/peticii/{petition.pk}/vidklykaty/"' in html and "1 з 250" in html  # translation
    withdrawn = client.post(f"/peticii/{petition.pk}/vidklykaty/")
    assert withdrawn.status_code == 302
    petition.refresh_from_db()
    assert petition.signature_count == 0


def test_sign_sends_anonymous_to_sign_in(staff, author):
    petition = published(staff, author)
    response = Client().post(f"/peticii/{petition.pk}/pidpysaty/")
    assert response.status_code == 302 and response["Location"].startswith("/kabinet/vkhid/?next=")
    assert not Signature.objects.exists()


def test_sign_is_refused_with_403_when_unconfirmed_or_staff(staff, author):
    petition = published(staff, author)
    unconfirmed = make_resident("new@example.com", "Нова Людина", confirmed=False)
    response = client_of(unconfirmed).post(f"/peticii/{petition.pk}/pidpysaty/")
    assert response.status_code == 403 and 'role="alert"' in response.content.decode()
    staff_client = Client()
    staff_client.force_login(staff["moderator"])
    assert staff_client.post(f"/peticii/{petition.pk}/pidpysaty/").status_code == 403
    assert not Signature.objects.exists()


def test_second_signature_is_refused_with_409(staff, author, signer):
    petition = published(staff, author)
    client = client_of(signer)
    client.post(f"/peticii/{petition.pk}/pidpysaty/")
    again = client.post(f"/peticii/{petition.pk}/pidpysaty/")
    assert again.status_code == 409 and 'role="alert"' in again.content.decode()
    assert Signature.objects.filter(petition=petition).count() == 1


def test_sign_and_withdraw_are_refused_with_409_when_not_collecting(staff, author, signer):
    petition = published(staff, author)
    client = client_of(signer)
    client.post(f"/peticii/{petition.pk}/pidpysaty/")
    set_state(petition, status=PetitionStatus.CLOSED)
    assert client.post(f"/peticii/{petition.pk}/pidpysaty/").status_code == 409
    assert client.post(f"/peticii/{petition.pk}/vidklykaty/").status_code == 409
    other = published(staff, author, "Інша петиція")
    assert client.post(f"/peticii/{other.pk}/vidklykaty/").status_code == 409


def test_sign_is_refused_with_403_when_under_age_or_no_birth_date(staff, author):
    charter(min_signer_age=18)
    petition = published(staff, author)
    young = make_resident("young@example.com", "Молодий Петро", birth_date=dt.date(2012, 1, 1))
    unknown = make_resident("unknown@example.com", "Без Дати")
    assert client_of(young).post(f"/peticii/{petition.pk}/pidpysaty/").status_code == 403
    assert client_of(unknown).post(f"/peticii/{petition.pk}/pidpysaty/").status_code == 403
    assert not Signature.objects.exists()


def test_sign_is_limited_per_email_domain_with_429(staff, author, settings):
    settings.HROMADA_PORTAL_SIGNING_DOMAIN_LIMIT = 2
    petitions = [published(staff, author, f"Петиція {n}") for n in range(3)]
    people = [make_resident(f"p{n}@same.example", f"Мешканець {'АБВ'[n]}ван") for n in range(3)]
    for n, (person, petition) in enumerate(zip(people[:2], petitions[:2], strict=True)):
        url = f"/peticii/{petition.pk}/pidpysaty/"
        assert client_of(person).post(url, REMOTE_ADDR=f"198.51.100.{n + 1}").status_code == 302
    limited = client_of(people[2]).post(f"/peticii/{petitions[2].pk}/pidpysaty/", REMOTE_ADDR="198.51.100.9")
    assert limited.status_code == 429 and limited["Retry-After"]
    assert Signature.objects.count() == 2


def test_sign_is_limited_per_address_with_429(staff, author, settings):
    settings.HROMADA_PORTAL_SIGNING_LIMIT = 2
    petition = published(staff, author)
    people = [make_resident(f"p{n}@domain{n}.example", f"Мешканець {'АБВ'[n]}ван") for n in range(3)]
    for person in people[:2]:
        assert client_of(person).post(f"/peticii/{petition.pk}/pidpysaty/").status_code == 302
    limited = client_of(people[2]).post(f"/peticii/{petition.pk}/pidpysaty/")
    assert limited.status_code == 429
    assert Signature.objects.count() == 2


def test_sign_needs_csrf_token(staff, author, signer):
    petition = published(staff, author)
    client = Client(enforce_csrf_checks=True)
    client.force_login(signer.user)
    assert client.post(f"/peticii/{petition.pk}/pidpysaty/").status_code == 403
    assert not Signature.objects.exists()


def test_sign_view_stays_lean(staff, author, signer, django_assert_num_queries, monkeypatch):
    petition = published(staff, author)
    client = client_of(signer)
    for scope in ("signing", "signing-domain"):  # purged a moment ago (else: one DELETE each)
        monkeypatch.setitem(ratelimit._last_purge, scope, time.monotonic())
    # Session; user with resident (one query); both rate limits (one); status and deadline; savepoint,
    # INSERT, UPDATE … RETURNING, release (BEGIN/COMMIT outside a test); the rate-limit upsert.
    with django_assert_num_queries(9):
        assert client.post(f"/peticii/{petition.pk}/pidpysaty/").status_code == 302


def test_signatories_page_lists_names_and_dates_only(staff, author, signer):
    petition = published(staff, author)
    client_of(signer).post(f"/peticii/{petition.pk}/pidpysaty/")
    html = Client().get(f"/peticii/{petition.pk}/pidpysanty/").content.decode()
    assert "Коваль Іван Петрович" in html and '<th scope="col">' in html
    assert "signer@ukr.net" not in html and "ukr.net" not in html
