"""The portal's pages of the kindergarten queue: the queue's page, an institution, the public list
(no personal data), filing (signed-in residents only, the code shown once), the status page (the
parent, or after the lookup; 404 to anyone else), the lookup (a wrong pair is one answer, counted),
and the parent's actions (preferences, cancel, accept and decline an offer), each redirecting."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.kindergarten import services
from hromada.kindergarten.models import AgeGroup, Application, ApplicationStatus
from hromada.kindergarten.tests.test_api_support import NOW, file, group, institution, officer, person
from hromada.kindergarten.tests.test_pages_support import client_of, form_data, make_parent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = NOW


@pytest.fixture
def places():
    return [institution("ЗДО № 1 «Сонечко»", edrpou="12345678"), institution("ЗДО № 2 «Барвінок»")]


def _file_as(client: Client, n: int, places, **overrides):
    return client.post("/dytsadok/zaiava/", form_data(n, places, **overrides))


def _status_url(number: str | None) -> str:
    """As the pages and redirects spell it (the number's Cyrillic percent-encoded)."""
    return reverse("portal:kindergarten-application", args=[number])


def test_queue_page_lists_institutions_groups_benefits_and_the_lookup(client, places):
    response = client.get("/dytsadok/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "ЗДО № 1 «Сонечко»" in text and f"/dytsadok/zaklady/{places[0].pk}/" in text
    # The index stays short: each institution with the number of its groups; the groups and their
    # public lists are on the institution's page.
    assert "вікові групи з публічними чергами" in text or "вікова група з публічною чергою" in text
    assert 'action="/dytsadok/perevirka/"' in text and 'href="/dytsadok/zaiava/"' in text


def test_institution_page_shows_groups_and_inactive_is_404(client, places):
    response = client.get(f"/dytsadok/zaklady/{places[0].pk}/")
    assert response.status_code == 200
    assert f"/dytsadok/cherga/{group(places[0], 4).pk}/" in response.content.decode()
    places[1].active = False
    places[1].save()
    assert client.get(f"/dytsadok/zaklady/{places[1].pk}/").status_code == 404
    assert client.get(f"/dytsadok/cherga/{group(places[1]).pk}/").status_code == 404
    assert client.get("/dytsadok/zaklady/999999/").status_code == 404


def test_filing_needs_a_signed_in_resident(client, places, staff):
    response = client.get("/dytsadok/zaiava/")
    assert response.status_code == 302 and response["Location"] == "/kabinet/vkhid/?next=/dytsadok/zaiava/"
    assert _file_as(client, 1, places).status_code == 302 and not Application.objects.exists()
    as_staff = client_of(staff["registrar"])
    assert as_staff.get("/dytsadok/zaiava/")["Location"].startswith("/kabinet/vkhid/")


def test_parent_files_sees_the_code_once_then_the_positions(places):
    parent = make_parent()
    client = client_of(parent.user)
    assert client.get("/dytsadok/zaiava/").status_code == 200
    response = _file_as(client, 1, places)
    assert response.status_code == 302 and response["Location"] == "/dytsadok/zaiava/podano/"
    filed = Application.objects.get()
    assert filed.filed_by_id == parent.user.pk and filed.number
    receipt = client.get("/dytsadok/zaiava/podano/")
    assert receipt.status_code == 200 and "no-store" in receipt["Cache-Control"]
    text = receipt.content.decode()
    assert filed.number in text
    code = text.split('id="filed-code" lang="en">')[1].split("<")[0]
    assert Application.hash_code(code) == filed.code_hash
    again = client.get("/dytsadok/zaiava/podano/")
    assert again.status_code == 302 and code not in client.get(again["Location"]).content.decode()
    status = client.get(_status_url(filed.number))
    assert status.status_code == 200 and "ЗДО № 2 «Барвінок»" in status.content.decode()
    assert filed.number in client.get("/dytsadok/").content.decode()  # "my applications"


def test_a_bad_filing_is_refused_field_by_field_and_saves_nothing(places):
    client = client_of(make_parent().user)
    response = _file_as(client, 1, places, child_surname="", institution_2=str(places[0].pk))
    assert response.status_code == 422
    form = response.context["form"]
    assert "child_surname" in form.errors and "institution_2" in form.errors
    assert not Application.objects.exists()


def test_a_second_application_for_one_child_is_refused(places):
    client = client_of(make_parent().user)
    assert _file_as(client, 1, places).status_code == 302
    response = _file_as(client, 1, places)
    assert response.status_code == 409 and "certificate_number" in response.context["form"].errors
    assert Application.objects.count() == 1


def test_no_group_for_the_age_lands_on_the_first_institution(places):
    younger = institution("ЗДО № 3 «Без ясел»", ages=(5,))
    client = client_of(make_parent().user)
    response = _file_as(client, 1, [younger])
    assert response.status_code == 422 and "institution_1" in response.context["form"].errors


def test_status_page_is_404_to_anyone_but_the_parent(places, staff):
    client = client_of(make_parent().user)
    _file_as(client, 1, places)
    number = Application.objects.get().number
    other = client_of(make_parent("inshyi@example.org", "Інший Батько").user)
    for who in (Client(), other, client_of(staff["administrator"]), client_of(officer())):
        assert who.get(_status_url(number)).status_code == 404
        assert who.post(f"{_status_url(number)}skasuvaty/").status_code == 404
        assert who.post(f"{_status_url(number)}pryiniaty/").status_code == 404
    assert Client().get(_status_url("ДНЗ-2026-999999")).status_code == 404
    assert Application.objects.get().status == ApplicationStatus.ACTIVE


def test_lookup_opens_the_status_page_for_this_session_only(places):
    paper = file(officer(), 7, places)
    number = str(paper.application.number)
    visitor = Client()
    assert visitor.get(_status_url(number)).status_code == 404
    response = visitor.post("/dytsadok/perevirka/", {"number": number.lower(), "code": paper.code.lower()})
    assert response.status_code == 302 and response["Location"] == _status_url(number)
    page = visitor.get(_status_url(number))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert 'action="/dytsadok/zaiava/' not in page.content.decode()  # no actions without the account
    assert visitor.post(f"{_status_url(number)}skasuvaty/").status_code == 404
    assert Client().get(_status_url(number)).status_code == 404


def test_a_foreign_number_with_a_wrong_code_is_one_answer(places):
    paper = file(officer(), 7, places)
    visitor = Client()
    for number in (paper.application.number, "ДНЗ-2026-999999"):
        response = visitor.post("/dytsadok/perevirka/", {"number": number, "code": "WRONG234"})
        assert response.status_code == 404 and response.context["form"].non_field_errors()
    assert visitor.get(_status_url(paper.application.number)).status_code == 404
    assert visitor.post("/dytsadok/perevirka/", {"number": "", "code": ""}).status_code == 422


def test_lookups_are_rate_limited(places, settings):
    settings.HROMADA_PORTAL_TRACKING_LIMIT = 2
    visitor = Client()
    visitor.get("/dytsadok/perevirka/")  # the form's CSRF cookie tells this browser apart
    for _ in range(2):
        assert visitor.post("/dytsadok/perevirka/", {"number": "ДНЗ-1", "code": "X"}).status_code == 404
    assert visitor.post("/dytsadok/perevirka/", {"number": "ДНЗ-1", "code": "X"}).status_code == 429


def test_public_list_shows_no_personal_data(client, places):
    officer_user = officer()
    for n in range(1, 4):
        file(officer_user, n, places)
    response = client.get(f"/dytsadok/cherga/{group(places[0]).pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert str(Application.objects.earliest("pk").number) in text and "2024" in text
    assert f"/dytsadok/cherga/{group(places[0]).pk}.csv" in text
    for n in range(1, 4):
        for key, value in person(n).items():
            assert value not in text, f"{key} of child {n} is on the public list"
    assert set(response.context["page"].object_list[0].__dataclass_fields__) == {
        "position",
        "number",
        "birth_year",
        "benefit",
        "filed_on",
        "status",
    }


def test_public_list_pages(client, places, settings):
    officer_user = officer()
    for n in range(1, 53):
        file(officer_user, n, places[:1])
    url = f"/dytsadok/cherga/{group(places[0]).pk}/"
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50 and first.context["next_url"]
    second = client.get(url + "?page=2")
    assert [r.position for r in second.context["page"].object_list] == [51, 52]


def _filed_by_parent(places):
    parent = make_parent()
    client = client_of(parent.user)
    _file_as(client, 1, places)
    return client, Application.objects.get()


def test_parent_changes_preferences_and_is_redirected(places):
    client, filed = _filed_by_parent(places)
    url = f"{_status_url(filed.number)}zaklady/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"institution_1": str(places[1].pk), "institution_2": str(places[1].pk)})
    assert bad.status_code == 422
    response = client.post(url, {"institution_1": str(places[1].pk)})
    assert response.status_code == 302 and response["Location"] == _status_url(filed.number)
    assert list(filed.preferences.values_list("institution_id", flat=True)) == [places[1].pk]


def test_parent_cancels_after_confirming(places):
    client, filed = _filed_by_parent(places)
    url = f"{_status_url(filed.number)}skasuvaty/"
    assert client.get(url).status_code == 200
    filed.refresh_from_db()
    assert filed.status == ApplicationStatus.ACTIVE
    response = client.post(url, {"note": "Переїжджаємо"})
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == ApplicationStatus.CANCELLED
    assert client.post(url).status_code == 409  # nothing left to cancel


def test_parent_accepts_an_offer_and_leaves_the_other_queues(places):
    client, filed = _filed_by_parent(places)
    services.offer_place(actor=officer(), age_group=group(places[1]))
    page = client.get(_status_url(filed.number)).content.decode()
    assert f'action="{_status_url(filed.number)}pryiniaty/"' in page
    response = client.post(f"{_status_url(filed.number)}pryiniaty/")
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == ApplicationStatus.ENROLLED
    assert not filed.preferences.filter(position__isnull=False).exists()
    assert client.post(f"{_status_url(filed.number)}vidmovytysia/").status_code == 409


def test_parent_declines_an_offer_and_stays_in_the_other_queue(places):
    client, filed = _filed_by_parent(places)
    services.offer_place(actor=officer(), age_group=group(places[0]))
    response = client.post(f"{_status_url(filed.number)}vidmovytysia/")
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == ApplicationStatus.ACTIVE
    assert list(filed.preferences.values_list("age_group_id", flat=True)) == [
        AgeGroup.objects.get(pk=group(places[1]).pk).pk
    ]
