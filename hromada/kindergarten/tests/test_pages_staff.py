"""The staff pages of the kindergarten queue: only the queue's managers (the education officer, the
administrator) get in; the list's filters and its fixed query count; the card with every personal
datum; the benefit decision moving the position; the paper filing; institutions and groups; the
group's queue with "offer the free place"; the parent's paper answer. Every action redirects."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.accounts.models import Role
from hromada.kindergarten.models import AgeGroup, Application, ApplicationStatus, BenefitStatus, Institution
from hromada.kindergarten.tests.test_api_support import (
    NOW,
    SCHOOL_YEAR,
    file,
    group,
    institution,
    officer,
    person,
)
from hromada.kindergarten.tests.test_pages_support import client_of, form_data, make_parent
from hromada.testing import make_user

pytestmark = pytest.mark.django_db

BASE = "/staff/kindergarten/"
DENIED_ROLES = ["registrar", "head", "controller", "moderator", "executor_communal", "nobody"]


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.HROMADA_NOW = NOW


@pytest.fixture
def places():
    return [institution("ЗДО № 1 «Сонечко»", edrpou="12345678"), institution("ЗДО № 2 «Барвінок»")]


@pytest.fixture
def osvita():
    return client_of(officer())


def _pages(application_id: int, place_id: int, group_id: int) -> list[str]:
    return [
        BASE,
        f"{BASE}applications/new/",
        f"{BASE}applications/{application_id}/",
        f"{BASE}institutions/",
        f"{BASE}institutions/new/",
        f"{BASE}institutions/{place_id}/",
        f"{BASE}institutions/{place_id}/groups/new/",
        f"{BASE}groups/{group_id}/",
        f"{BASE}groups/{group_id}/edit/",
    ]


def _actions(application_id: int, group_id: int) -> list[str]:
    return [
        f"{BASE}applications/{application_id}/benefit/",
        f"{BASE}applications/{application_id}/cancel/",
        f"{BASE}applications/{application_id}/accept/",
        f"{BASE}applications/{application_id}/decline/",
        f"{BASE}groups/{group_id}/offer/",
    ]


def test_managers_open_every_page(places, staff):
    filed = file(officer("paper"), 1, places)
    pages = _pages(filed.application.pk, places[0].pk, group(places[0]).pk)
    for who in (client_of(officer()), client_of(staff["administrator"])):
        for url in pages:
            assert who.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [*DENIED_ROLES, "cnap"])
def test_every_other_staff_role_is_refused(places, staff, role):
    user = make_user("cnap", Role.CENTRE_ADMINISTRATOR) if role == "cnap" else staff[role]
    filed = file(officer("paper"), 1, places)
    client = client_of(user)
    for url in _pages(filed.application.pk, places[0].pk, group(places[0]).pk):
        assert client.get(url).status_code == 403, url
    for url in _actions(filed.application.pk, group(places[0]).pk):
        assert client.post(url, {"decision": "confirm"}).status_code == 403, url
    filed.application.refresh_from_db()
    assert filed.application.status == ApplicationStatus.ACTIVE


def test_anonymous_goes_to_the_staff_sign_in_and_a_parent_is_refused(places):
    filed = file(officer("paper"), 1, places)
    response = Client().get(f"{BASE}applications/{filed.application.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/")
    parent = client_of(make_parent().user)
    assert parent.get(BASE).status_code == 403
    assert parent.post(f"{BASE}groups/{group(places[0]).pk}/offer/").status_code == 403


def test_the_list_filters(places, osvita):
    paper = officer("paper")
    first = file(paper, 1, places).application
    second = file(paper, 2, places[1:], benefit="out_of_turn").application
    found = lambda **q: {a.pk for a in osvita.get(BASE, q).context["page"].object_list}  # noqa: E731
    assert found() == {first.pk, second.pk}
    assert found(q=first.number) == {first.pk}
    assert found(q=person(2)["child_surname"]) == {second.pk}
    assert found(q=person(1)["certificate_number"]) == {first.pk}
    assert found(institution=str(places[0].pk)) == {first.pk}
    assert found(benefit_status="claimed") == {second.pk}
    assert found(status="cancelled") == set()
    assert osvita.get(BASE, {"status": "nonsense"}).status_code == 400


def test_the_list_costs_the_same_queries_for_5_or_40_applications(places, django_assert_max_num_queries):
    user = officer()
    client = client_of(user)
    for n in range(1, 6):
        file(user, n, places)
    client.get(BASE)  # warm the session and the settings
    with django_assert_max_num_queries(12) as few:
        assert client.get(BASE, {"institution": str(places[0].pk)}).status_code == 200
    for n in range(6, 41):
        file(user, n, places)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(BASE, {"institution": str(places[0].pk)}).status_code == 200


def test_the_card_shows_every_personal_datum(places, osvita):
    filed = file(officer("paper"), 1, places).application
    text = osvita.get(f"{BASE}applications/{filed.pk}/").content.decode()
    for key, _value in person(1).items():
        # The service keeps the series as "ІФП" (normalised): the stored value is what shows.
        assert str(getattr(filed, key)) in text, key


def test_confirming_the_benefit_moves_the_position_and_redirects(places, osvita):
    paper = officer("paper")
    file(paper, 1, places)
    claimed = file(paper, 2, places, benefit="first_in_turn").application
    card = f"{BASE}applications/{claimed.pk}/"
    assert claimed.preferences.get(rank=1).position == 2
    assert osvita.post(f"{card}benefit/", {"decision": "refuse"}).status_code == 422
    response = osvita.post(f"{card}benefit/", {"decision": "confirm", "note": "Посвідчення багатодітної"})
    assert response.status_code == 302 and response["Location"] == card
    claimed.refresh_from_db()
    assert claimed.benefit_status == BenefitStatus.CONFIRMED
    assert claimed.preferences.get(rank=1).position == 1
    assert osvita.get(card).status_code == 200


def test_refusing_the_benefit_needs_a_reason(places, osvita):
    claimed = file(officer("paper"), 2, places, benefit="out_of_turn").application
    url = f"{BASE}applications/{claimed.pk}/benefit/"
    assert osvita.post(url, {"decision": "refuse", "note": "Документ не підтверджує"}).status_code == 302
    claimed.refresh_from_db()
    assert claimed.benefit_status == BenefitStatus.REFUSED


def test_a_paper_application_is_filed_with_the_code_for_the_parent(places, osvita):
    response = osvita.post(f"{BASE}applications/new/", form_data(3, places))
    filed = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}applications/{filed.pk}/"
    assert filed.filed_by_id is None
    card = osvita.get(response["Location"]).content.decode()
    assert filed.number in card
    bad = osvita.post(f"{BASE}applications/new/", form_data(4, places, certificate_number=""))
    assert bad.status_code == 422 and Application.objects.count() == 1


def test_institutions_and_groups_are_created_and_edited(osvita):
    data = {"name": "ЗДО № 9 «Ромашка»", "edrpou": "87654321", "address": "вул. Лугова, 3", "active": "on"}
    response = osvita.post(f"{BASE}institutions/new/", data)
    made = Institution.objects.get(name="ЗДО № 9 «Ромашка»")
    assert response.status_code == 302 and response["Location"] == f"{BASE}institutions/{made.pk}/"
    assert osvita.post(f"{BASE}institutions/{made.pk}/", {**data, "edrpou": "12"}).status_code == 422
    assert (
        osvita.post(f"{BASE}institutions/{made.pk}/", {**data, "contact": "+380432000000"}).status_code == 302
    )
    made.refresh_from_db()
    assert made.contact == "+380432000000"
    group_data = {"school_year": str(SCHOOL_YEAR), "age": "3", "capacity": "25"}
    response = osvita.post(f"{BASE}institutions/{made.pk}/groups/new/", group_data)
    made_group = AgeGroup.objects.get(institution=made)
    assert response.status_code == 302 and response["Location"] == f"{BASE}groups/{made_group.pk}/"
    assert osvita.post(f"{BASE}institutions/{made.pk}/groups/new/", group_data).status_code == 422  # twice
    edit = f"{BASE}groups/{made_group.pk}/edit/"
    assert osvita.post(edit, {**group_data, "capacity": "30"}).status_code == 302
    made_group.refresh_from_db()
    assert made_group.capacity == 30


def test_offering_the_free_place_and_the_paper_answers(places, osvita):
    paper = officer("paper")
    first = file(paper, 1, places).application
    second = file(paper, 2, places).application
    queue = f"{BASE}groups/{group(places[0]).pk}/"
    page = osvita.get(queue)
    assert page.status_code == 200 and page.context["free"] == 2
    assert osvita.post(f"{queue}offer/")["Location"] == queue
    first.refresh_from_db()
    assert first.status == ApplicationStatus.OFFERED
    assert osvita.post(f"{BASE}applications/{first.pk}/accept/").status_code == 302
    first.refresh_from_db()
    assert first.status == ApplicationStatus.ENROLLED
    assert not first.preferences.filter(position__isnull=False).exists()
    assert osvita.post(f"{queue}offer/").status_code == 302
    second.refresh_from_db()
    assert second.status == ApplicationStatus.OFFERED
    assert osvita.post(f"{BASE}applications/{second.pk}/decline/").status_code == 302
    second.refresh_from_db()
    assert second.status == ApplicationStatus.ACTIVE
    assert osvita.post(f"{queue}offer/").status_code == 409  # nobody waits in this group now
    assert osvita.post(f"{BASE}applications/{second.pk}/accept/").status_code == 409


def test_staff_cancel_an_application(places, osvita):
    filed = file(officer("paper"), 1, places).application
    url = f"{BASE}applications/{filed.pk}/cancel/"
    assert osvita.post(url, {"note": "Батьки відкликали письмово"}).status_code == 302
    filed.refresh_from_db()
    assert filed.status == ApplicationStatus.CANCELLED
    assert osvita.post(url).status_code == 409
