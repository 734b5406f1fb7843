"""Reads of personal records by staff are recorded, one entry per read, and the administrator answers
"who looked at this person's data" from /staff/audit/. Refused reads record nothing; every role but
the administrator is refused the page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hromada.accounts.models import User
from hromada.appeals import services
from hromada.appeals.models import Appeal
from hromada.appeals.schemas import AppealRegisterIn
from hromada.core.models import AuditEntry
from hromada.questions import factories as questions
from hromada.testing import Api, appeal_body

AUDIT = "/staff/audit/"
EMAIL = "kovalenko@example.com"


@pytest.fixture(autouse=True)
def _today(settings):
    settings.HROMADA_NOW = "2026-11-20T10:00:00"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def register(staff, **overrides) -> Appeal:
    body = appeal_body(**({"received_at": "2026-11-16T10:00:00"} | overrides))
    return services.register_appeal(AppealRegisterIn.model_validate(body), actor=staff["registrar"])


@pytest.fixture
def appeal(staff) -> Appeal:
    """Коваленко's appeal, resolved to the communal department (not to social)."""
    made = register(
        staff,
        applicants=[
            {
                "name": "Коваленко Іван Петрович",
                "address": "вул. Шевченка, 1",
                "phone": "+380671234567",
                "email": EMAIL,
            }
        ],
    )
    return services.resolve_appeal(
        actor=staff["head"], appeal_id=made.pk, lead_department="communal", term="15d"
    )


def reads() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__endswith=".read").order_by("id"))


def person_page(staff, query: str = "Коваленко", **params: str):
    """The administrator searches, then opens the first person found."""
    admin = client_for(staff["administrator"])
    found = admin.get(AUDIT, {"q": query})
    assert found.status_code == 200
    person = found.context["people"][0]
    return admin.get(AUDIT, {"q": query, "person": person.applicant_id, **params})


def test_administrator_sees_the_heads_read_when_the_head_opened_the_appeal_card(staff, appeal):
    assert client_for(staff["head"]).get(reverse("appeals:card", args=[appeal.pk])).status_code == 200

    response = person_page(staff)
    assert response.status_code == 200
    heads = [r for r in response.context["rows"] if r.entry.actor == staff["head"]]
    assert len(heads) == 1
    row = heads[0]
    assert (row.entry.action, row.entry.object_type, row.entry.object_id) == (
        "appeals.read",
        "appeal",
        str(appeal.pk),
    )
    assert row.page == "картка" and row.path == f"/staff/appeals/{appeal.pk}/"
    html = response.content.decode()
    assert "Савчук" in html or "head" in html
    assert appeal.number in html and "картка" in html
    # The exports' note: they record filters, not rows.
    assert "не самі рядки" in html


def test_nothing_is_recorded_when_an_executor_who_may_not_see_the_appeal_asks_for_it(staff, appeal):
    outsider = staff["executor_social"]  # the appeal went to the communal department only
    client = client_for(outsider)
    assert client.get(reverse("appeals:card", args=[appeal.pk])).status_code == 404
    assert client.get(reverse("appeals:control-card", args=[appeal.pk])).status_code == 404
    assert client.get(reverse("appeals:letter", args=[appeal.pk])).status_code in (403, 404)
    assert Api(outsider).get(f"/appeals/{appeal.pk}").status_code == 404
    assert reads() == []
    assert not [r for r in person_page(staff).context["rows"] if r.entry.actor == outsider]


@pytest.mark.parametrize(
    "who", ["registrar", "head", "controller", "moderator", "executor_communal", "nobody"]
)
def test_forbidden_when_anyone_but_the_administrator_asks_for_the_audit_page(staff, appeal, who):
    response = client_for(staff[who]).get(AUDIT, {"q": "Коваленко"})
    assert response.status_code == 403
    assert "Коваленко" not in response.content.decode()
    assert reads() == []


def test_sign_in_is_asked_when_an_anonymous_visitor_asks_for_the_audit_page(db):
    response = Client().get(AUDIT)
    assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]


def test_every_kind_of_read_is_recorded_once_and_shown_when_staff_open_the_persons_records(staff, appeal):
    executor = client_for(staff["executor_communal"])
    assert executor.get(reverse("appeals:card", args=[appeal.pk])).status_code == 200
    assert (
        client_for(staff["registrar"]).get(reverse("appeals:control-card", args=[appeal.pk])).status_code
        == 200
    )
    assert Api(staff["controller"]).get(f"/appeals/{appeal.pk}").status_code == 200
    search = client_for(staff["registrar"]).get(
        reverse("appeals:applicant-search"), {"phone": "067 123 45 67"}
    )
    assert search.status_code == 200 and "Коваленко" in search.content.decode()

    recorded = []
    for e in reads():
        assert e.actor is not None
        recorded.append((e.actor.username, e.object_type, e.details["page"]))
    assert recorded == [
        ("executor_communal", "appeal", "card"),
        ("registrar", "appeal", "control-card"),
        ("controller", "appeal", "api"),
        ("registrar", "applicant_search", "applicant-search"),
    ]
    found = reads()[-1]
    assert found.object_id == "phone:671234567" and found.details["results"] == 1
    assert found.details["appeals"] == [appeal.pk]

    shown = {(r.entry.actor.username, r.entry.details["page"]) for r in person_page(staff).context["rows"]}
    assert {
        ("executor_communal", "card"),
        ("registrar", "control-card"),
        ("controller", "api"),
        ("registrar", "applicant-search"),
        ("administrator", "audit"),  # the administrator's own search on this page
    } <= shown


def test_a_search_by_a_prefix_of_the_name_is_shown_for_the_person_when_it_would_find_them(staff, appeal):
    client_for(staff["registrar"]).get(reverse("appeals:applicant-search"), {"name": "коваленко ів"})
    client_for(staff["registrar"]).get(reverse("appeals:applicant-search"), {"name": "Мельник"})
    rows = person_page(staff, query=EMAIL).context["rows"]
    searches = [
        r for r in rows if r.entry.object_type == "applicant_search" and r.entry.actor == staff["registrar"]
    ]
    assert [r.entry.object_id for r in searches] == ["name:коваленко ів"]


def test_question_read_by_the_moderator_is_shown_for_the_person_of_the_same_email(staff, appeal):
    question = questions.ask(email=EMAIL)
    assert (
        client_for(staff["moderator"]).get(reverse("questions:card", args=[question.pk])).status_code == 200
    )
    rows = person_page(staff).context["rows"]
    assert [
        (r.entry.object_type, r.entry.object_id) for r in rows if r.entry.actor == staff["moderator"]
    ] == [("question", str(question.pk))]


def test_exports_of_the_period_are_listed_with_their_filters_when_a_person_is_shown(staff, appeal):
    response = client_for(staff["head"]).get(reverse("appeals:export", args=["csv"]), {"text": "ліфт"})
    assert response.status_code == 200
    page = person_page(staff)
    exports = page.context["exports"]
    assert [(e.action, e.actor) for e in exports] == [("appeals.export", staff["head"])]
    assert "text=ліфт" in page.content.decode()


def test_reads_outside_the_period_are_not_shown_when_a_period_is_chosen(staff, appeal):
    client_for(staff["head"]).get(reverse("appeals:card", args=[appeal.pk]))
    AuditEntry.objects.filter(action="appeals.read").update(at="2025-01-10T10:00:00Z")
    rows = person_page(staff, since="2026-01-01", until="2026-11-20").context["rows"]
    assert not [r for r in rows if r.entry.actor == staff["head"]]
    rows = person_page(staff, since="2025-01-01", until="2025-01-31").context["rows"]
    assert [r.entry.actor for r in rows if r.entry.actor == staff["head"]] == [staff["head"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2026-11-10", "until": "2026-11-01"}, "until"),
        ({"since": "32.13.2026"}, "since"),
        ({"person": "abc"}, "person"),
        ({"person": "99999999999999999999999"}, "person"),
        ({"q": "Коваленко", "person": "999999"}, "person"),
        ({"q": "Ковал\x00енко"}, "q"),
    ],
)
def test_field_error_in_ukrainian_and_422_when_the_audit_query_is_wrong(staff, appeal, params, field):
    response = client_for(staff["administrator"]).get(AUDIT, params)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert field in errors
    assert all(any("а" <= ch <= "я" or ch in "іїєґ" for ch in message.lower()) for message in errors[field])
