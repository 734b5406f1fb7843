"""The moderator's fraud page: signatures per hour (SVG + table), top e-mail domains and address keys
(hashes, never addresses), the filtered signatory list, bulk invalidation with a confirm step, and
reverting it — each audited and in the petition's journal. Texts in Ukrainian (the catalogue)."""

from __future__ import annotations

import datetime as dt

import pytest

from hromada.accounts.models import User
from hromada.core.models import AuditEntry
from hromada.petitions import services
from hromada.petitions.models import Invalidation, Petition, PetitionEvent, Signature
from hromada.petitions.tests.test_staff_pages import NOW, client_for, collecting, resident, text_of
from hromada.testing import kyiv

pytestmark = pytest.mark.django_db

BOT_IP = "203.0.113.77"


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


@pytest.fixture
def moderator(staff) -> User:
    return staff["moderator"]


@pytest.fixture
def head(staff) -> User:
    return staff["head"]


@pytest.fixture
def signed(moderator) -> Petition:
    """Three ordinary signatures over the day, and a burst of four from one address and one domain
    within an hour."""
    petition = collecting(moderator)
    for i, hour in enumerate((9, 11, 14)):
        who = resident(f"Справжній Підписант {i}", f"real{i}@ukr.net")
        services.sign_petition(
            signer=who, petition_id=petition.pk, ip=f"198.51.100.{i}", now=kyiv(2026, 11, 20, hour, 5)
        )
    for i in range(4):
        bot = resident(f"Бот Ботович {i}", f"bot{i}@spam.example")
        services.sign_petition(
            signer=bot, petition_id=petition.pk, ip=BOT_IP, now=kyiv(2026, 11, 20, 12, 10 + i)
        )
    petition.refresh_from_db()
    assert petition.signature_count == 7
    return petition


def _url(petition: Petition, suffix: str = "") -> str:
    return f"/staff/petitions/{petition.pk}/fraud/{suffix}"


def test_fraud_page_shows_hours_chart_with_table_and_top_sources_without_addresses(moderator, signed):
    response = client_for(moderator).get(_url(signed))
    assert response.status_code == 200
    page = text_of(response)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in page
    assert '<title id="chart-hours-title">Підписи за годинами</title>' in page
    assert "найактивніша година почалася о 20.11.2026 12:00 — 4 підписи" in page
    assert '<th scope="row"><a href="' in page and "20.11.2026 12:00–13:00" in page
    assert "spam.example" in page and "ukr.net" in page
    found = Signature.objects.filter(petition=signed, email_domain="spam.example").first()
    assert found is not None
    key = found.ip_key
    assert key[:12] in page and key not in page.replace(f"ip_key={key}", "")
    assert BOT_IP not in page and "198.51.100" not in page
    audit = AuditEntry.objects.get(action="petitions.read", details__page="signatories")
    assert (audit.actor, audit.object_id) == (moderator, str(signed.pk))


def test_signatory_list_is_filtered_by_domain_address_key_and_time(moderator, signed):
    client = client_for(moderator)
    page = text_of(client.get(_url(signed), {"email_domain": "spam.example"}))
    assert "Бот Ботович 0" in page and "Справжній Підписант" not in page
    found = Signature.objects.filter(petition=signed, email_domain="ukr.net").first()
    assert found is not None
    key = found.ip_key
    page = text_of(client.get(_url(signed), {"ip_key": key}))
    assert "Справжній Підписант 0" in page and "Справжній Підписант 1" not in page
    page = text_of(
        client.get(_url(signed), {"signed_from": "2026-11-20T10:00", "signed_to": "2026-11-20T12:00"})
    )
    assert "Справжній Підписант 1" in page and "Бот" not in page and "Справжній Підписант 2" not in page
    response = client.get(_url(signed), {"signed_from": "2026-11-20T12:00", "signed_to": "2026-11-20T10:00"})
    assert response.status_code == 422 and 'id="id_signed_to_error"' in response.content.decode()


def test_invalidation_asks_to_confirm_the_number_before_changing_anything(moderator, signed):
    response = client_for(moderator).post(
        _url(signed, "invalidate/") + "?email_domain=spam.example",
        {"reason": "Масові підписи з одного сервера."},
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "4 дійсні підписи буде визнано недійсними." in page
    assert "Визнати недійсними 4 підписи" in page
    signed.refresh_from_db()
    assert signed.signature_count == 7 and not Invalidation.objects.exists()


def test_confirmed_invalidation_removes_the_signatures_audits_and_journals_it(moderator, signed):
    client = client_for(moderator)
    response = client.post(
        _url(signed, "invalidate/") + "?email_domain=spam.example",
        {"reason": "Масові підписи з одного сервера.", "expected": 4, "confirm": "True"},
    )
    assert response.status_code == 302 and response["Location"] == _url(signed)
    signed.refresh_from_db()
    assert signed.signature_count == 3
    invalidation = Invalidation.objects.get()
    assert invalidation.signature_total == 4 and invalidation.created_by == moderator
    assert AuditEntry.objects.filter(action="petition_signatures_invalidated").count() == 1
    assert PetitionEvent.objects.filter(petition=signed, action="invalidated").exists()
    page = text_of(client.get(_url(signed)))
    assert "Масові підписи з одного сервера." in page and f"Скасувати рішення № {invalidation.pk}" in page
    card = text_of(client.get(f"/staff/petitions/{signed.pk}/"))
    assert "Підписи визнано недійсними" in card and f"Рішення № {invalidation.pk}: 4 підписи" in card


def test_invalidation_of_several_criteria_takes_exactly_their_intersection(moderator, signed):
    # the domain ukr.net AND the time after 10:00: two of the three real signatures, none of the bots
    criteria = "?email_domain=ukr.net&signed_from=2026-11-20T10:00&signed_to=2026-11-20T23:00"
    client = client_for(moderator)
    response = client.post(
        _url(signed, "invalidate/") + criteria, {"reason": "Перевірка", "expected": 2, "confirm": "True"}
    )
    assert response.status_code == 302
    gone = set(Signature.objects.filter(invalidation__isnull=False).values_list("name", flat=True))
    assert gone == {"Справжній Підписант 1", "Справжній Підписант 2"}


def test_invalidation_asks_again_when_the_number_changed_since_the_confirmation(moderator, signed):
    late = resident("Пізній Бот", "late@spam.example")
    services.sign_petition(signer=late, petition_id=signed.pk, ip=BOT_IP, now=kyiv(2026, 11, 20, 12, 40))
    response = client_for(moderator).post(
        _url(signed, "invalidate/") + "?email_domain=spam.example",
        {"reason": "Бот", "expected": 4, "confirm": "True"},
    )
    assert response.status_code == 409
    assert "5 дійсних підписів буде визнано недійсними." in text_of(response)
    assert not Invalidation.objects.exists()


def test_invalidation_needs_filters_and_a_reason(moderator, signed):
    client = client_for(moderator)
    response = client.post(_url(signed, "invalidate/"), {"reason": "Бот", "expected": 7, "confirm": "True"})
    assert response.status_code == 422
    response = client.post(_url(signed, "invalidate/") + "?email_domain=spam.example", {"reason": "  "})
    assert response.status_code == 422 and 'id="id_reason_error"' in response.content.decode()
    response = client.post(_url(signed, "invalidate/") + "?email_domain=nobody.example", {"reason": "Бот"})
    assert response.status_code == 409
    assert not Invalidation.objects.exists()


def test_revert_restores_the_signatures_audits_and_refuses_a_second_time(moderator, signed):
    invalidation = services.invalidate_signatures(
        actor=moderator, petition_id=signed.pk, reason="Бот", email_domain="spam.example"
    )
    client = client_for(moderator)
    response = client.post(_url(signed, f"invalidations/{invalidation.pk}/revert/"))
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.signature_count == 7
    assert AuditEntry.objects.filter(action="petition_invalidation_reverted").count() == 1
    assert PetitionEvent.objects.filter(petition=signed, action="invalidation_reverted").exists()
    response = client.post(_url(signed, f"invalidations/{invalidation.pk}/revert/"))
    assert response.status_code == 409
    assert "Скасовано 20.11.2026" in text_of(response)


def test_revert_of_another_petitions_invalidation_is_not_found(moderator, signed):
    other = collecting(moderator, "Інша")
    invalidation = services.invalidate_signatures(
        actor=moderator, petition_id=signed.pk, reason="Бот", ip_key="x" * 64
    )
    assert (
        client_for(moderator).post(_url(other, f"invalidations/{invalidation.pk}/revert/")).status_code == 404
    )


def test_head_and_anonymous_cannot_invalidate_or_revert(head, moderator, signed):
    invalidation = services.invalidate_signatures(
        actor=moderator, petition_id=signed.pk, reason="Бот", email_domain="spam.example"
    )
    for client in (client_for(head), client_for(None)):
        response = client.post(
            _url(signed, "invalidate/") + "?email_domain=ukr.net",
            {"reason": "Ні", "confirm": "True", "expected": 3},
        )
        assert response.status_code in (302, 403)
        response = client.post(_url(signed, f"invalidations/{invalidation.pk}/revert/"))
        assert response.status_code in (302, 403)
    assert client_for(head).post(_url(signed, f"invalidations/{invalidation.pk}/revert/")).status_code == 403
    signed.refresh_from_db()
    assert signed.signature_count == 3


def test_fraud_page_of_a_petition_without_signatures_says_so(moderator):
    petition = collecting(moderator)
    page = text_of(client_for(moderator).get(_url(petition)))
    assert "Підписів немає." in page


def test_fraud_page_lists_signatures_fifty_to_a_page(moderator, django_assert_max_num_queries):
    petition = collecting(moderator)
    start = kyiv(2026, 11, 19, 8, 0)
    for i in range(55):
        who = resident(f"Підписант {i:02d}", f"p{i}@example.org")
        services.sign_petition(signer=who, petition_id=petition.pk, now=start + dt.timedelta(minutes=17 * i))
    client = client_for(moderator)
    with django_assert_max_num_queries(12):
        page = text_of(client.get(_url(petition)))
    assert "Підписант 49" in page and "Підписант 50" not in page and "Сторінка 1 з 2" in page
    assert "Підписант 54" in text_of(client.get(_url(petition), {"page": 2}))
