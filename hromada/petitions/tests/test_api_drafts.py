"""A resident's own e-petitions in the public API: list (`/mine`), create a draft, edit it, submit it
to moderation — only one's own (another's is 404), only while editable (409), with field errors (422)
in Ukrainian and in English; anonymous and staff sessions are 401."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from hromada.petitions import services
from hromada.petitions.models import Petition, PetitionStatus
from hromada.petitions.tests.public_support import (
    author_fixture,  # noqa: F401  (the fixture "author")
    client_of,
    make_resident,
    published,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/public/petitions"
BODY: dict[str, Any] = {
    "title": "Лавки у сквері",
    "text": "Просимо встановити лавки у сквері Шевченка.",
    "category": "communal",
}


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = "2026-11-20T10:00:00"  # a Friday


def send(client, method: str, path: str, body=None, **headers):
    return getattr(client, method)(
        f"{API}{path}", json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_resident_creates_edits_and_submits_a_draft(author):
    client = client_of(author)
    created = send(client, "post", "", BODY)
    assert created.status_code == 201, created.content
    draft = created.json()
    assert (draft["status"], draft["editable"], draft["url"]) == ("draft", True, None)
    assert draft["text"] == BODY["text"]
    petition = Petition.objects.get(pk=draft["id"])
    assert (petition.author_id, petition.author_name) == (author.pk, "Петренко Олена Іванівна")
    edited = send(client, "put", f"/{draft['id']}", {**BODY, "title": "Лавки й урни у сквері"})
    assert edited.status_code == 200 and edited.json()["title"] == "Лавки й урни у сквері"
    submitted = send(client, "post", f"/{draft['id']}/submit")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "moderation" and submitted.json()["moderation_due"] == "2026-11-24"
    assert not submitted.json()["editable"]
    late = send(client, "put", f"/{draft['id']}", BODY)
    assert late.status_code == 409 and late.json()["code"] == "wrong_state"
    assert send(client, "post", f"/{draft['id']}/submit").status_code == 409


def test_mine_lists_only_own_petitions_in_bounded_queries(staff, author, django_assert_max_num_queries):
    other = make_resident("other@example.com", "Інша Людина")
    services.create_petition_draft(author=other, title="Чужа", text="Чужий текст", category="communal")
    mine = services.create_petition_draft(
        author=author, title="Моя чернетка", text="Текст", category="communal"
    )
    public = published(staff, author, "Моя опублікована")
    client = client_of(author)
    with django_assert_max_num_queries(4):
        response = client.get(f"{API}/mine")
    assert response.status_code == 200, response.content  # "mine" is not taken for an id
    body = response.json()
    assert body["count"] == 2 and [i["id"] for i in body["items"]] == [public.pk, mine.pk]
    assert body["items"][0]["url"].endswith(f"/peticii/{public.pk}/") and body["items"][1]["url"] is None
    assert "text" not in body["items"][0] and response["Cache-Control"] == "no-store"
    paged = client.get(f"{API}/mine", {"page": 2, "page_size": 1}).json()
    assert [i["id"] for i in paged["items"]] == [mine.pk]


def test_returned_petition_shows_the_reason_and_can_be_edited_again(staff, author):
    petition = services.create_petition_draft(author=author, **BODY)
    services.submit_petition(author=author, petition_id=petition.pk)
    services.return_petition_for_edits(
        actor=staff["moderator"], petition_id=petition.pk, reason="Уточніть адресу"
    )
    client = client_of(author)
    (item,) = client.get(f"{API}/mine").json()["items"]
    assert (item["status"], item["moderation_reason"], item["editable"]) == (
        "returned",
        "Уточніть адресу",
        True,
    )
    assert send(client, "put", f"/{petition.pk}", BODY).status_code == 200
    assert send(client, "post", f"/{petition.pk}/submit").json()["status"] == "moderation"


def test_another_residents_draft_is_404(author):
    petition = services.create_petition_draft(author=author, **BODY)
    stranger = client_of(make_resident("stranger@example.com", "Сторонній Петро"))
    put = send(stranger, "put", f"/{petition.pk}", BODY)
    assert put.status_code == 404 and put.json()["code"] == "not_found"
    assert send(stranger, "post", f"/{petition.pk}/submit").status_code == 404
    assert send(stranger, "post", "/999999/submit").status_code == 404
    petition.refresh_from_db()
    assert (petition.title, petition.status) == (BODY["title"], PetitionStatus.DRAFT)


def test_drafts_are_refused_when_anonymous_staff_or_unconfirmed(staff, author):
    petition = services.create_petition_draft(author=author, **BODY)
    staff_client = Client()
    staff_client.force_login(staff["moderator"])
    for client in (Client(), staff_client):
        assert client.get(f"{API}/mine").status_code == 401
        assert send(client, "post", "", BODY).status_code == 401
        assert send(client, "put", f"/{petition.pk}", BODY).status_code == 401
        refused = send(client, "post", f"/{petition.pk}/submit")
        assert refused.status_code == 401 and refused.json()["code"] == "unauthorized"
    unconfirmed = client_of(make_resident("new@example.com", "Нова Людина", confirmed=False))
    response = send(unconfirmed, "post", "", BODY)
    assert response.status_code == 403 and response.json()["code"] == "unconfirmed"
    assert Petition.objects.count() == 1


def test_field_errors_are_422_in_ukrainian(author):
    response = send(client_of(author), "post", "", {"title": " ", "category": "no-such"})
    assert response.status_code == 422
    assert response.json() == [
        {"field": "title", "message": "Дайте петиції назву.", "code": "required"},
        {"field": "text", "message": "Напишіть текст петиції.", "code": "required"},
        {"field": "category", "message": "Оберіть категорію зі списку.", "code": "invalid"},
    ]
    assert not Petition.objects.exists()


def test_field_errors_are_422_in_english_when_asked(author):
    petition = services.create_petition_draft(author=author, **BODY)
    client = client_of(author)
    response = send(client, "put", f"/{petition.pk}", {**BODY, "title": ""}, **{"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.json() == [
        {"field": "title", "message": "Give the petition a title.", "code": "required"}
    ]
    wrong_type = send(client, "post", "", {**BODY, "title": 5}, **{"Accept-Language": "en"})
    assert wrong_type.status_code == 422 and wrong_type.json()[0]["message"] == "Enter text."
    petition.refresh_from_db()
    assert petition.title == BODY["title"]
