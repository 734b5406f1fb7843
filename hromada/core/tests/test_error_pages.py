"""Error pages (core/error_pages.py): each status in the layout of its path, in Ukrainian and in
English, with the way home and, on 403 for a resident or a visitor, the sign-in link; under DEBUG the
same pages instead of Django's technical ones for a missing page and a refused method."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("hromada.core.tests.error_urls")]

#: status → (path tail, Ukrainian heading, English heading)
PAGES = {
    400: ("bad/", "Некоректний запит", "Bad request"),
    403: ("forbidden/", "Доступ заборонено", "Access denied"),
    404: ("missing/", "Сторінку не знайдено", "Page not found"),
    405: ("post-only/", "Тут така дія неможлива", "This action is not possible here"),
    500: ("boom/", "Помилка сервера", "Server error"),
}
STAFF_HEADER = 'class="topbar"'
PORTAL_HEADER = 'class="topbar portal-topbar"'


def _get(client: Client, url: str, language: str):
    return client.get(url, headers={"Accept-Language": language})


@pytest.mark.parametrize("status", sorted(PAGES))
@pytest.mark.parametrize("language", ["uk", "en"])
def test_error_page_is_in_the_portal_layout_and_the_language_when_the_path_is_public(status, language):
    tail, uk, en = PAGES[status]
    response = _get(Client(raise_request_exception=False), f"/test-errors/{tail}", language)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{uk if language == 'uk' else en}</h1>" in html
    assert PORTAL_HEADER in html and f'lang="{language}"' in html
    assert 'href="/"' in html  # the way home
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("status", sorted(PAGES))
@pytest.mark.parametrize("language", ["uk", "en"])
def test_error_page_is_in_the_staff_layout_when_the_path_is_under_staff(staff, status, language):
    tail, uk, en = PAGES[status]
    client = Client(raise_request_exception=False)
    client.force_login(staff["head"])
    response = _get(client, f"/staff/test-errors/{tail}", language)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{uk if language == 'uk' else en}</h1>" in html
    assert STAFF_HEADER in html and 'href="/staff/appeals/"' in html  # the staff menu
    assert ("До робочого столу" if language == "uk" else "To the dashboard") in html


@pytest.mark.urls("hromada.urls")
def test_the_sites_own_handlers_answer_on_the_real_urls():
    response = Client().get("/no-such-page/", headers={"Accept-Language": "en"})
    html = response.content.decode()
    assert response.status_code == 404 and "<h1>Page not found</h1>" in html and PORTAL_HEADER in html


def test_405_keeps_the_allow_header():
    response = Client().get("/test-errors/post-only/")
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_resident_following_a_staff_link_gets_the_403_page_with_the_staff_sign_in(staff):
    client = Client()
    client.force_login(staff["nobody"])  # an account without a staff role: a resident's
    response = client.get("/staff/appeals/")
    html = response.content.decode()
    assert response.status_code == 403
    assert STAFF_HEADER in html and "<h1>Доступ заборонено</h1>" in html
    assert 'href="/staff/sign-in/?next=%2Fstaff%2Fappeals%2F"' in html
    assert "Увійти як працівник ради" in html
    assert "Пароль" not in html  # the staff corner of a signed-in worker is not shown
    english = client.get("/staff/appeals/", headers={"Accept-Language": "en"}).content.decode()
    assert "Sign in with a staff account" in english and "Access denied" in english


def test_staff_member_without_the_role_gets_403_without_a_sign_in_link(staff):
    client = Client()
    client.force_login(staff["executor_communal"])
    html = client.get("/staff/audit/").content.decode()
    assert "<h1>Доступ заборонено</h1>" in html and "Ваша роль не дозволяє" in html
    assert "/staff/sign-in/?next" not in html


def test_anonymous_visitor_of_a_forbidden_public_page_is_offered_the_cabinet_sign_in():
    html = Client().get("/test-errors/forbidden/").content.decode()
    assert 'href="/kabinet/vkhid/?next=%2Ftest-errors%2Fforbidden%2F"' in html


def test_csrf_failure_is_the_sites_page(staff):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/staff/sign-in/", {"username": "head", "password": "pw"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Термін дії форми минув</h1>" in html and STAFF_HEADER in html


@pytest.fixture
def debug_pages(settings):
    """`make run`: DEBUG on, and with it the site's error pages."""
    settings.DEBUG = True
    settings.HROMADA_DEBUG_ERROR_PAGES = True


@pytest.mark.parametrize("url", ["/no-such-page/", "/staff/no-such-page/", "/test-errors/missing/"])
def test_missing_page_under_debug_is_the_sites_404_not_djangos(debug_pages, url):
    response = Client().get(url)
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Сторінку не знайдено</h1>" in html and "URLconf" not in html


@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/staff/test-errors/forbidden/", 403, "Доступ заборонено"),
        ("/test-errors/bad/", 400, "Некоректний запит"),
        ("/test-errors/post-only/", 405, "Тут така дія неможлива"),
    ],
)
def test_refusals_under_debug_are_the_sites_pages_too(debug_pages, url, status, heading):
    response = Client().get(url)
    assert response.status_code == status and f"<h1>{heading}</h1>" in response.content.decode()


def test_debug_pages_can_be_turned_off_for_djangos_technical_404(settings):
    settings.DEBUG = True
    settings.HROMADA_DEBUG_ERROR_PAGES = False
    assert "URLconf" in Client().get("/no-such-page/").content.decode()


def test_a_path_without_its_slash_is_still_redirected_under_debug(debug_pages):
    response = Client().get("/staff")
    assert response.status_code == 301 and response["Location"] == "/staff/"


def test_api_keeps_its_json_errors_under_debug(debug_pages, staff, api):
    response = api("head").get("/api/v1/appeals/999999")
    assert response.status_code == 404
