"""The staff shell: sign-in with lock-out, role-checked pages, the dashboard of each role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hromada.accounts.models import SignInFailure
from hromada.appeals import services
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.models import AuditEntry
from hromada.questions import factories
from hromada.testing import appeal_body, kyiv

pytestmark = pytest.mark.django_db


def register(staff, received="2026-11-02T10:00:00", **overrides):
    body = appeal_body(received_at=received, **overrides)
    at = dt.datetime.fromisoformat(received)
    return services.register_appeal(
        AppealRegisterIn.model_validate(body),
        actor=staff["registrar"],
        now=kyiv(at.year, at.month, at.day, at.hour + 1),
    )


def sign_in(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        "/staff/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def test_sign_in_leads_to_the_dashboard_when_the_password_is_right(staff):
    client = Client()
    response = sign_in(client, "head", "pw")
    assert response.status_code == 302 and response["Location"] == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "Робочий стіл" in page.content.decode()


def test_wrong_password_is_refused_in_ukrainian(staff):
    response = sign_in(Client(), "head", "nope")
    assert response.status_code == 200
    assert "Неправильне ім’я користувача або пароль." in response.content.decode()


def test_sign_in_is_locked_after_five_failures_even_with_the_right_password(staff, settings):
    settings.HROMADA_SIGN_IN_MAX_FAILURES = 5
    client = Client()
    for _ in range(5):
        sign_in(client, "head", "wrong")
    response = sign_in(client, "head", "pw")
    assert response.status_code == 200
    assert "Забагато невдалих спроб" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="accounts.sign_in_locked", details__username="head").exists()
    # Another user from another address is not affected.
    assert sign_in(Client(), "registrar", "pw", ip="10.0.0.2").status_code == 302


def test_lock_out_ends_when_the_window_has_passed(staff, settings):
    settings.HROMADA_SIGN_IN_MAX_FAILURES = 3
    for _ in range(3):
        sign_in(Client(), "head", "wrong")
    SignInFailure.objects.update(at=kyiv(2020, 1, 1, 0))
    assert sign_in(Client(), "head", "pw").status_code == 302


def test_successful_sign_in_forgets_earlier_failures(staff):
    sign_in(Client(), "head", "wrong")
    sign_in(Client(), "head", "pw")
    assert not SignInFailure.objects.filter(username="head").exists()


def test_anonymous_is_sent_to_sign_in_from_every_staff_page(staff):
    for url in ["/staff/", "/staff/password/", "/staff/appeals/", "/staff/appeals/new/"]:
        response = Client().get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/staff/sign-in/?next="), url


def test_user_without_a_role_gets_403(staff):
    client = Client()
    client.force_login(staff["nobody"])
    assert client.get("/staff/").status_code == 403


def test_sign_out_requires_post_and_ends_the_session(staff):
    client = Client()
    client.force_login(staff["head"])
    assert client.post("/staff/sign-out/").status_code == 302
    assert client.get("/staff/").status_code == 302


def test_password_change_checks_the_old_password(staff):
    client = Client()
    client.force_login(staff["registrar"])
    bad = client.post(
        "/staff/password/",
        {"old_password": "x", "new_password1": "Kashtan-Lypa-47!", "new_password2": "Kashtan-Lypa-47!"},
    )
    assert bad.status_code == 200 and "Старий пароль було введено неправильно" in bad.content.decode()
    good = client.post(
        "/staff/password/",
        {"old_password": "pw", "new_password1": "Kashtan-Lypa-47!", "new_password2": "Kashtan-Lypa-47!"},
    )
    assert good.status_code == 302
    staff["registrar"].refresh_from_db()
    assert staff["registrar"].check_password("Kashtan-Lypa-47!")


def test_menu_shows_only_what_the_role_may_open(staff):
    client = Client()
    client.force_login(staff["executor_communal"])
    html = client.get("/staff/").content.decode()
    assert "/staff/appeals/" in html and "/staff/appeals/new/" not in html and "/admin/" not in html
    client.force_login(staff["administrator"])
    html = client.get("/staff/").content.decode()
    assert "/admin/" in html and "/staff/appeals/new/" not in html


@pytest.fixture
def register_state(staff, settings):
    """Today is 20.11.2026: one appeal awaiting a resolution, one in progress due in 2 days, one
    overdue with a draft answer and a pending extension request, all at the communal department."""
    settings.HROMADA_NOW = "2026-11-20T12:00:00"
    waiting = register(staff, "2026-11-20T10:00:00")
    soon = register(staff, "2026-11-05T10:00:00")
    late = register(staff, "2026-10-01T10:00:00")
    head = staff["head"]
    services.resolve_appeal(
        actor=head,
        appeal_id=soon.pk,
        lead_department="communal",
        due_date=dt.date(2026, 11, 22),
        now=kyiv(2026, 11, 6, 9),
    )
    services.resolve_appeal(
        actor=head, appeal_id=late.pk, lead_department="communal", term="15d", now=kyiv(2026, 10, 2, 9)
    )
    services.add_note(
        actor=staff["executor_communal"],
        appeal_id=late.pk,
        text="Проєкт",
        draft_answer=True,
        now=kyiv(2026, 10, 10, 9),
    )
    services.request_extension(
        actor=staff["executor_communal"],
        appeal_id=soon.pk,
        due_date=dt.date(2026, 12, 4),
        reason="Потрібне обстеження",
        now=kyiv(2026, 11, 10, 9),
    )
    return {"waiting": waiting, "soon": soon, "late": late}


def tiles(client: Client) -> dict[str, int]:
    return {t.label: t.count for t in client.get("/staff/").context["tiles"]}


def test_head_dashboard_counts_what_awaits_the_head(staff, register_state):
    client = Client()
    client.force_login(staff["head"])
    assert tiles(client) == {
        "Очікують резолюції": 1,
        "Відповіді на підпис": 1,
        "Клопотання про продовження": 1,
        "Прострочені": 1,
        "Запитання, що очікують відповіді": 0,
        "Петиції, що очікують відповіді": 0,
        "Петиції з простроченою відповіддю": 0,
    }


def test_registrar_dashboard_counts_todays_registrations(staff, register_state):
    client = Client()
    client.force_login(staff["registrar"])
    assert tiles(client) == {"Зареєстровано сьогодні": 1, "Очікують резолюції": 1}


def test_executor_dashboard_lists_the_department_work_and_another_department_sees_none(staff, register_state):
    client = Client()
    client.force_login(staff["executor_communal"])
    response = client.get("/staff/")
    assert {t.label: t.count for t in response.context["tiles"]} == {
        "На виконанні": 2,
        "Строк спливає протягом 3 днів": 1,
        "Прострочені": 1,
        "Запитання, що очікують відповіді вашого підрозділу": 0,
    }
    assert [a.number for a in response.context["worklist"]] == [
        register_state["late"].number,
        register_state["soon"].number,
    ]
    other = Client()
    other.force_login(staff["executor_social"])
    response = other.get("/staff/")
    assert all(t.count == 0 for t in response.context["tiles"]) and response.context["worklist"] == []


def test_question_tiles_count_the_moderation_queue_and_what_awaits_each_department(staff):
    moderator = staff["moderator"]
    factories.ask()
    factories.ask()
    factories.published(moderator, "communal")
    factories.published(moderator, "social")
    factories.answered(moderator, staff["executor_communal"], "communal")
    expected = {
        "moderator": {"Запитання, що очікують модерації": 2, "Запитання, що очікують відповіді": 2},
        "head": {"Запитання, що очікують відповіді": 2},
        "executor_communal": {"Запитання, що очікують відповіді вашого підрозділу": 1},
        "executor_social": {"Запитання, що очікують відповіді вашого підрозділу": 1},
        "controller": {},
    }
    for who, tiles_expected in expected.items():
        client = Client()
        client.force_login(staff[who])
        tiles_shown = client.get("/staff/").context["tiles"]
        assert {t.label: t.count for t in tiles_shown if "Запитання" in t.label} == tiles_expected, who
    client = Client()
    client.force_login(moderator)
    urls = [t.url for t in client.get("/staff/").context["tiles"] if t.url.startswith("/staff/questions/")]
    assert urls == ["/staff/questions/?status=new", "/staff/questions/?status=published"]


def test_controller_sees_overdue_by_department(staff, register_state):
    client = Client()
    client.force_login(staff["controller"])
    response = client.get("/staff/")
    rows = [(d.code, d.open, d.overdue) for d in response.context["departments"].rows]
    assert rows == [("communal", 2, 1), ("", 1, 0)]  # the last: awaiting a resolution
    assert "?overdue=1&amp;lead_department=communal" in response.content.decode()


def test_dashboard_links_open_the_filtered_list(staff, register_state):
    client = Client()
    client.force_login(staff["head"])
    urls = [t.url for t in client.get("/staff/").context["tiles"]]
    assert "/staff/appeals/?awaiting=resolution" in urls and "/staff/appeals/?overdue=1" in urls


def test_dashboard_query_count_is_constant(staff, register_state, django_assert_max_num_queries):
    client = Client()
    client.force_login(staff["controller"])
    client.get("/staff/")  # warm the per-process caches (council settings, vocabularies)
    with django_assert_max_num_queries(8):
        assert client.get("/staff/").status_code == 200


def test_pages_are_ukrainian_by_default_and_english_on_request(staff):
    client = Client()
    client.force_login(staff["head"])
    assert "Робочий стіл" in client.get("/staff/").content.decode()
    html = client.get("/staff/", headers={"Accept-Language": "en"}).content.decode()
    assert "Dashboard" in html and 'lang="en"' in html


def test_administration_opens_for_the_administrator_only(staff):
    admin_user = staff["administrator"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    for url in [
        "/admin/accounts/user/",
        "/admin/accounts/department/",
        "/admin/reference/topic/",
        "/admin/core/councilsettings/",
        "/admin/core/auditentry/",
    ]:
        assert client.get(url).status_code == 200, url
    other = Client()
    other.force_login(staff["head"])
    assert other.get("/admin/accounts/user/").status_code == 302  # to the admin's own sign-in
