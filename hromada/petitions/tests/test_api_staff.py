"""The staff e-petitions API (/api/v1/petitions): the list and the card's data (audited), moderation,
paper signatures, the head's answer, invalidations and their revert, the fraud data — with each role's
refusal (401/403), wrong states (409) and field errors (422, Ukrainian and English)."""

from __future__ import annotations

import pytest

from hromada.core.models import AuditEntry
from hromada.petitions import services
from hromada.petitions.models import Invalidation, PetitionStatus, Signature
from hromada.petitions.tests import test_staff_pages as h
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db
API = "/petitions"


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = h.NOW


@pytest.fixture
def signed(staff):
    """A collecting petition with two ordinary signatures and three from one domain and address."""
    petition = h.collecting(staff["moderator"], "Ліхтарі у парку")
    for i in range(2):
        who = h.resident(f"Справжній Підписант {i}", f"real{i}@ukr.net")
        services.sign_petition(
            signer=who, petition_id=petition.pk, ip=f"198.51.100.{i}", now=kyiv(2026, 11, 20, 9, i)
        )
    for i in range(3):
        bot = h.resident(f"Бот Ботович {i}", f"bot{i}@spam.example")
        services.sign_petition(
            signer=bot, petition_id=petition.pk, ip="203.0.113.7", now=kyiv(2026, 11, 20, 12, i)
        )
    petition.refresh_from_db()
    return petition


# --- reading -------------------------------------------------------------------------------------


def test_list_shows_every_submitted_petition_with_filters_in_bounded_queries(
    staff, api, settings, django_assert_max_num_queries
):
    h.resident("Автор Чернетки", "draft@example.com")
    draft = services.create_petition_draft(
        author=h.resident(), title="Чернетка", text="Текст чернетки", category="communal"
    )
    waiting = h.in_moderation("Сквер біля школи")
    open_ = h.collecting(staff["moderator"], "Ремонт ліфтів")
    client = api("moderator")
    with django_assert_max_num_queries(3):
        body = client.get(API).json()
    assert body["count"] == 2 and {i["id"] for i in body["items"]} == {waiting.pk, open_.pk}
    assert draft.pk not in {i["id"] for i in body["items"]}
    assert "author" not in body["items"][0] and "text" not in body["items"][0]
    assert [i["id"] for i in client.get(API, status="collecting").json()["items"]] == [open_.pk]
    assert [i["id"] for i in client.get(API, q="ліфтів").json()["items"]] == [open_.pk]
    assert client.get(API, overdue="true").json()["count"] == 0
    settings.HROMADA_NOW = "2026-11-30T10:00:00"  # past the 2 working days of moderation
    overdue = api("head").get(API, overdue="true").json()
    assert [(i["id"], i["overdue"]) for i in overdue["items"]] == [(waiting.pk, True)]
    paged = client.get(API, page_size=1, page=2).json()
    assert (paged["count"], paged["pages"], len(paged["items"])) == (2, 2, 1)
    assert client.get(API, status="draft").status_code == 422


def test_list_is_refused_when_anonymous_or_not_moderator_or_head(api):
    anonymous = api(None).get(API)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthorized"
    for who in ("registrar", "executor_communal", "controller"):
        response = api(who).get(API)
        assert response.status_code == 403, who
        assert response.json()["code"] == "forbidden"
    # A role-less account has no token at all since issue 11 (one made before is ignored).
    assert api("nobody").get(API).status_code == 401


def test_one_petition_shows_author_counts_terms_events_and_is_audited(staff, api):
    petition = h.in_moderation("Сквер біля школи")
    response = api("head").get(f"{API}/{petition.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["author"]["name"] == "Коваль Олена Петрівна"
    assert body["author"]["email"].endswith("@example.com")
    assert body["status"] == "moderation" and body["moderation_due"] == "2026-11-24"
    assert body["total_count"] == 0 and body["answer"] is None
    assert [e["action"] for e in body["events"]] == ["created", "submitted"]
    assert AuditEntry.objects.filter(
        action="petitions.read", object_id=str(petition.pk), actor=staff["head"]
    ).exists()


def test_one_petition_is_404_for_a_draft_and_403_for_other_roles(api):
    draft = services.create_petition_draft(
        author=h.resident(), title="Чернетка", text="Текст чернетки", category="communal"
    )
    assert api("moderator").get(f"{API}/{draft.pk}").status_code == 404
    assert api("moderator").get(f"{API}/999999").status_code == 404
    petition = h.in_moderation()
    assert api("registrar").get(f"{API}/{petition.pk}").status_code == 403
    assert api(None).get(f"{API}/{petition.pk}").status_code == 401
    assert not AuditEntry.objects.filter(action="petitions.read").exists()


def test_fraud_data_is_the_moderators_only(signed, api):
    client = api("moderator")
    hours = client.get(f"{API}/{signed.pk}/signatures-per-hour").json()
    assert [row["count"] for row in hours] == [2, 3]
    sources = client.get(f"{API}/{signed.pk}/sources").json()
    assert sources["email_domain"][0] == {"value": "spam.example", "count": 3}
    assert sources["ip_key"][0]["count"] == 3 and "203.0.113.7" not in str(sources)
    assert api("head").get(f"{API}/{signed.pk}/sources").status_code == 403
    assert api("head").get(f"{API}/{signed.pk}/signatures-per-hour").status_code == 403
    assert api(None).get(f"{API}/{signed.pk}/sources").status_code == 401


# --- moderation ----------------------------------------------------------------------------------


def test_moderator_publishes_and_a_second_publish_is_409(api):
    petition = h.in_moderation()
    response = api("moderator").post(f"{API}/{petition.pk}/publish")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "collecting" and body["threshold"] == 250 and body["deadline"] == "2027-01-19"
    again = api("moderator").post(f"{API}/{petition.pk}/publish")
    assert again.status_code == 409 and again.json()["code"] == "wrong_state"


def test_head_cannot_moderate(api):
    petition = h.in_moderation()
    for step, body in (("publish", None), ("return", {"reason": "x"}), ("refuse", {"reason": "x"})):
        response = api("head").post(f"{API}/{petition.pk}/{step}", body)
        assert response.status_code == 403, step
    assert api("executor_communal").post(f"{API}/{petition.pk}/publish").status_code == 403
    assert api(None).post(f"{API}/{petition.pk}/publish").status_code == 401
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.MODERATION


def test_moderator_returns_and_refuses_with_a_reason(api):
    returned = h.in_moderation("Перша")
    refused = h.in_moderation("Друга")
    r1 = api("moderator").post(f"{API}/{returned.pk}/return", {"reason": "Уточніть адресу"})
    r2 = api("moderator").post(f"{API}/{refused.pk}/refuse", {"reason": "Не в компетенції ради"})
    assert (r1.status_code, r1.json()["status"]) == (200, "returned")
    assert (r2.status_code, r2.json()["status"]) == (200, "refused")
    assert api("moderator").post(f"{API}/{refused.pk}/return", {"reason": "x"}).status_code == 409


def test_reason_is_required_in_ukrainian_and_in_english(api):
    petition = h.in_moderation()
    uk = api("moderator").post(f"{API}/{petition.pk}/refuse", {"reason": "  "})
    assert uk.status_code == 422
    assert uk.json() == [{"field": "reason", "message": "Вкажіть причину.", "code": "required"}]
    en = api("moderator", "en").post(f"{API}/{petition.pk}/return", {})
    assert en.status_code == 422 and en.json()[0]["message"] == "Give the reason."
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.MODERATION


# --- counting and the answer ----------------------------------------------------------------------


def test_paper_signatures_are_added_and_may_reach_the_threshold(staff, api, rules):
    rules(threshold=5)
    petition = h.collecting(staff["moderator"])
    response = api("moderator").post(
        f"{API}/{petition.pk}/paper-signatures", {"count": 5, "protocol": "Протокол № 3"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["count"], body["protocol"], body["added_by"]) == (5, "Протокол № 3", "moderator")
    assert body["petition"]["paper_count"] == 5 and body["petition"]["status"] == "consideration"
    assert body["petition"]["answer_due"]
    late = api("moderator").post(f"{API}/{petition.pk}/paper-signatures", {"count": 1, "protocol": "№ 4"})
    assert late.status_code == 409 and late.json()["code"] == "not_collecting"
    assert (
        api("head").post(f"{API}/{petition.pk}/paper-signatures", {"count": 1, "protocol": "x"}).status_code
        == 403
    )


def test_paper_signatures_field_errors(staff, api):
    petition = h.collecting(staff["moderator"])
    uk = api("moderator").post(f"{API}/{petition.pk}/paper-signatures", {"count": 0})
    assert uk.status_code == 422
    assert {e["field"]: e["message"] for e in uk.json()} == {
        "count": "Вкажіть кількість підписів більшу за нуль.",
        "protocol": "Вкажіть реквізити протоколу.",
    }
    en = api("moderator", "en").post(f"{API}/{petition.pk}/paper-signatures", {"count": "many"})
    assert en.status_code == 422 and en.json()[0] == {
        "field": "count",
        "message": "Enter a whole number.",
        "code": "int_parsing",
    }


def test_head_answers_a_petition_under_consideration(staff, api):
    petition = h.under_consideration(staff["moderator"])
    body = {
        "supported": True,
        "text": "Підтримано, ремонт у 2027 році.",
        "decision_url": "https://rada.example/1",
    }
    assert api("moderator").post(f"{API}/{petition.pk}/answer", body).status_code == 403
    response = api("head").post(f"{API}/{petition.pk}/answer", body)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered"
    card = api("head").get(f"{API}/{petition.pk}").json()
    assert card["answer"]["supported"] is True and card["answer"]["answered_by"] == "head"
    assert api("head").post(f"{API}/{petition.pk}/answer", body).status_code == 409


def test_answer_field_errors_in_ukrainian_and_english(staff, api):
    petition = h.under_consideration(staff["moderator"])
    uk = api("head").post(f"{API}/{petition.pk}/answer", {"decision_url": "rada.example"})
    assert uk.status_code == 422
    assert [e["field"] for e in uk.json()] == ["supported", "text", "decision_url"]
    assert uk.json()[1]["message"] == "Напишіть текст відповіді."
    en = api("head", "en").post(f"{API}/{petition.pk}/answer", {"supported": False})
    assert en.status_code == 422 and en.json() == [
        {"field": "text", "message": "Write the answer.", "code": "required"}
    ]
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CONSIDERATION


def test_answer_on_a_collecting_petition_is_409(staff, api):
    petition = h.collecting(staff["moderator"])
    response = api("head").post(f"{API}/{petition.pk}/answer", {"supported": False, "text": "Ні"})
    assert response.status_code == 409 and response.json()["code"] == "wrong_state"


# --- invalidations -------------------------------------------------------------------------------


def test_moderator_invalidates_by_domain_and_reverts(signed, api):
    client = api("moderator")
    response = client.post(
        f"{API}/{signed.pk}/invalidations", {"reason": "Масові підписи", "email_domain": "spam.example"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["signature_total"] == 3 and body["created_by"] == "moderator"
    assert body["petition"]["signature_count"] == 2
    card = client.get(f"{API}/{signed.pk}").json()
    assert [i["id"] for i in card["invalidations"]] == [body["id"]]
    assert card["events"][-1]["action"] == "invalidated"
    reverted = client.post(f"{API}/invalidations/{body['id']}/revert")
    assert reverted.status_code == 200, reverted.content
    assert (
        reverted.json()["reverted_by"] == "moderator" and reverted.json()["petition"]["signature_count"] == 5
    )
    again = client.post(f"{API}/invalidations/{body['id']}/revert")
    assert again.status_code == 409 and again.json()["code"] == "already_reverted"
    assert client.post(f"{API}/invalidations/999999/revert").status_code == 404


def test_invalidation_by_ids_and_time_range_local_time(signed, api):
    first = Signature.objects.filter(petition=signed).order_by("signed_at").first()
    assert first is not None
    response = api("moderator").post(
        f"{API}/{signed.pk}/invalidations",
        {
            "reason": "Перевірка",
            "signature_ids": [first.pk],
            "signed_from": "2026-11-20T12:00",  # Kyiv time, as the fraud page's hours
            "signed_to": "2026-11-20T12:01",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["signature_total"] == 3


def test_invalidation_is_refused_to_the_head_and_without_criteria(signed, staff, api):
    body = {"reason": "Масові підписи", "email_domain": "spam.example"}
    assert api("head").post(f"{API}/{signed.pk}/invalidations", body).status_code == 403
    done = services.invalidate_signatures(
        actor=staff["moderator"], petition_id=signed.pk, reason="x", email_domain="spam.example"
    )
    assert api("head").post(f"{API}/invalidations/{done.pk}/revert").status_code == 403
    uk = api("moderator").post(f"{API}/{signed.pk}/invalidations", {"reason": ""})
    assert uk.status_code == 422 and {e["field"] for e in uk.json()} == {"reason", "signature_ids"}
    assert uk.json()[0]["message"] == "Вкажіть причину."
    en = api("moderator", "en").post(
        f"{API}/{signed.pk}/invalidations",
        {"reason": "x", "signed_from": "2026-11-20T13:00", "signed_to": "2026-11-20T12:00"},
    )
    assert en.status_code == 422 and en.json()[0]["field"] == "signed_to"
    assert en.json()[0]["message"] == "The end of the period is before its start."
    assert Invalidation.objects.count() == 1


def test_invalidation_of_a_closed_petition_is_409(signed, api):
    type(signed).objects.filter(pk=signed.pk).update(status=PetitionStatus.CLOSED)
    body = {"reason": "Масові підписи", "email_domain": "spam.example"}
    response = api("moderator").post(f"{API}/{signed.pk}/invalidations", body)
    assert response.status_code == 409 and response.json()["code"] == "wrong_state"


def test_a_draft_is_not_found_for_the_steps(api):
    draft = services.create_petition_draft(
        author=h.resident(), title="Чернетка", text="Текст", category="communal"
    )
    assert api("moderator").get(f"{API}/{draft.pk}/sources").status_code == 404
    response = api("moderator").post(f"{API}/{draft.pk}/publish")
    assert response.status_code == 404  # a draft exists for its author only
