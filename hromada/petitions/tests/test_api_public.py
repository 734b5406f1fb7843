"""The public e-petitions API: list, one petition, signatories; a resident's session signs and
withdraws with every refusal as {code, message, field}; English with Accept-Language: en."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

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
API = "/api/v1/public/petitions"


def sign(client, petition, **body):
    return client.post(f"{API}/{petition.pk}/signature", json.dumps(body), content_type="application/json")


def test_list_filters_sorts_and_pages_without_private_fields(staff, author, django_assert_max_num_queries):
    a = published(staff, author, "Ліхтарі на вулиці Липовій")
    b = published(staff, author, "Ремонт ліфтів")
    set_state(b, signature_count=30, paper_count=5)
    with django_assert_max_num_queries(4):
        response = Client().get(API, {"sort": "most_signed", "page_size": "1"})
    body = response.json()
    assert response.status_code == 200 and body["count"] == 2 and body["pages"] == 2
    (item,) = body["items"]
    assert (item["id"], item["total_count"], item["paper_count"], item["threshold"]) == (b.pk, 35, 5, 250)
    assert "author_email" not in item and "text" not in item
    assert Client().get(API, {"q": "ліфтів"}).json()["count"] == 1
    assert [
        i["id"]
        for i in Client().get(API, {"status": "collecting", "page": "2", "page_size": "1"}).json()["items"]
    ] == [a.pk]
    assert Client().get(API, {"status": "draft"}).status_code == 422
    assert Client().get(API, {"sort": "random"}).status_code == 422


def test_one_petition_and_signatories_show_public_data_only(staff, author, signer):
    petition = published(staff, author)
    sign(client_of(signer), petition)
    body = Client().get(f"{API}/{petition.pk}").json()
    assert body["author_name"] == "Петренко Олена Іванівна" and body["total_count"] == 1
    assert body["answer"] is None and body["url"].endswith(f"/peticii/{petition.pk}/")
    text = json.dumps(body, ensure_ascii=False)
    assert "author@example.com" not in text and "Таємна" not in text
    people = Client().get(f"{API}/{petition.pk}/signatories").json()
    assert people["count"] == 1 and people["items"] == [
        {"name": "Коваль Іван Петрович", "signed_on": people["items"][0]["signed_on"]}
    ]
    assert "ukr.net" not in json.dumps(people)


def test_draft_is_404_in_api(author):
    from hromada.petitions import services

    draft = services.create_petition_draft(
        author=author, title="Чернетка", text="Текст чернетки", category="communal"
    )
    response = Client().get(f"{API}/{draft.pk}")
    assert response.status_code == 404 and response.json()["code"]
    assert Client().get(f"{API}/{draft.pk}/signatories").status_code == 404


def test_resident_signs_and_withdraws_through_api(staff, author, signer):
    petition = published(staff, author)
    client = client_of(signer)
    created = sign(client, petition, wants_updates=True)
    assert created.status_code == 201, created.content
    assert created.json()["total_count"] == 1 and created.json()["wants_updates"] is True
    again = sign(client, petition)
    assert again.status_code == 409 and again.json()["code"] == "already_signed"
    assert set(again.json()) == {"code", "message", "field"}
    assert client.delete(f"{API}/{petition.pk}/signature").status_code == 204
    assert client.delete(f"{API}/{petition.pk}/signature").status_code == 404
    assert not Signature.objects.filter(withdrawn_at__isnull=True).exists()


def test_signature_is_refused_when_anonymous_unconfirmed_closed_or_under_age(staff, author, signer):
    petition = published(staff, author)
    anonymous = sign(Client(), petition)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthorized"
    staff_client = Client()
    staff_client.force_login(staff["moderator"])
    assert sign(staff_client, petition).status_code == 401
    unconfirmed = make_resident("new@example.com", "Нова Людина", confirmed=False)
    refused = sign(client_of(unconfirmed), petition)
    assert refused.status_code == 403 and refused.json()["code"] == "unconfirmed"
    charter(min_signer_age=18)
    young = make_resident("young@example.com", "Молодий Петро", birth_date=dt.date(2012, 1, 1))
    under_age = sign(client_of(young), petition)
    assert under_age.status_code == 403 and under_age.json()["code"] == "under_age"
    set_state(petition, status=PetitionStatus.CLOSED)
    closed = sign(client_of(signer), petition)
    assert closed.status_code == 409 and closed.json()["code"] == "not_collecting"
    assert client_of(signer).delete(f"{API}/{petition.pk}/signature").status_code in (404, 409)
    assert not Signature.objects.exists()


def test_refusal_is_in_english_when_asked(staff, author):
    petition = published(staff, author)
    unconfirmed = make_resident("new@example.com", "Нова Людина", confirmed=False)
    response = client_of(unconfirmed).post(
        f"{API}/{petition.pk}/signature",
        "{}",
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 403
    message = response.json()["message"]
    assert message and not any("а" <= ch <= "я" for ch in message.lower())


def test_signature_is_rate_limited_per_ip_with_429(staff, author, settings):
    settings.HROMADA_PORTAL_SIGNING_LIMIT = 1
    petition = published(staff, author)
    first = make_resident("a@one.example", "Перший Підписант")
    second = make_resident("b@two.example", "Другий Підписант")
    assert sign(client_of(first), petition).status_code == 201
    limited = sign(client_of(second), petition)
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited" and limited["Retry-After"]
