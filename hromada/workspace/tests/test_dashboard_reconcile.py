"""Every figure of every role's dashboard equals the rows of the list it links to — on a register with
co-executors, overdue appeals and an overdue appeal still awaiting a resolution (issue 13: "overdue 128
vs a department column summing to 130")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from hromada.appeals import services
from hromada.petitions.tests.test_staff_pages import in_moderation, under_consideration
from hromada.questions import factories
from hromada.testing import kyiv
from hromada.workspace.tests.links import counted_links, rows_of
from hromada.workspace.tests.test_workspace import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_with_co_executors(staff, settings):
    """Today is 20.11.2026. Overdue: one led by communal with social and legal co-executing, one led
    by communal alone, one never resolved (registered in September); open and not overdue: one led by
    social with communal co-executing, one waiting since today; one closed."""
    head = staff["head"]
    settings.HROMADA_NOW = "2026-11-20T12:00:00"
    shared_late = register(staff, "2026-10-01T10:00:00")
    alone_late = register(staff, "2026-10-02T10:00:00")
    register(staff, "2026-09-01T10:00:00")  # never resolved: overdue without a lead department
    shared_soon = register(staff, "2026-11-05T10:00:00")
    register(staff, "2026-11-20T10:00:00")
    resolve = services.resolve_appeal
    resolve(
        actor=head,
        appeal_id=shared_late.pk,
        lead_department="communal",
        co_departments=["social", "legal"],
        term="15d",
        now=kyiv(2026, 10, 2, 9),
    )
    resolve(
        actor=head, appeal_id=alone_late.pk, lead_department="communal", term="15d", now=kyiv(2026, 10, 3, 9)
    )
    resolve(
        actor=head,
        appeal_id=shared_soon.pk,
        lead_department="social",
        co_departments=["communal"],
        due_date=dt.date(2026, 11, 22),
        now=kyiv(2026, 11, 6, 9),
    )
    moderator = staff["moderator"]
    factories.ask()
    factories.published(moderator, "communal")
    in_moderation("Сквер")
    under_consideration(moderator, "Ліхтарі")
    settings.HROMADA_NOW = "2026-11-20T12:00:00"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


ROLES = ["registrar", "head", "controller", "moderator", "executor_communal", "executor_social"]


@pytest.mark.parametrize("who", ROLES)
def test_every_dashboard_figure_equals_the_rows_of_its_list_when_appeals_have_co_executors(
    staff, register_with_co_executors, who
):
    client = _client(staff[who])
    links = counted_links(client.get("/staff/").content.decode())
    assert links, who
    for href, shown, text in links:
        assert rows_of(client, href) == shown, f"{who}: «{text}» → {href}"


def test_lead_columns_add_up_to_the_tiles_and_co_executors_are_counted_apart(
    staff, register_with_co_executors
):
    response = _client(staff["head"]).get("/staff/")
    table = response.context["departments"]
    tiles = {t.label: t.count for t in response.context["tiles"]}
    by_code = {row.code: row for row in table.rows}
    assert table.total.lead_overdue.count == tiles["Прострочені"] == 3
    assert sum(row.lead_overdue.count for row in table.rows) == 3
    assert sum(row.lead_open.count for row in table.rows) == table.total.lead_open.count == 5
    assert (by_code["communal"].lead_overdue.count, by_code["communal"].co_open.count) == (2, 1)
    assert (by_code["legal"].lead_open.count, by_code["legal"].co_overdue.count) == (0, 1)
    waiting = table.rows[-1]
    assert (waiting.name, waiting.lead_open.count, waiting.lead_overdue.count) == (
        "Ще без головного виконавця",
        2,
        1,
    )
    # Adding both roles up would count the shared appeals again: 3 + 2 co-executed overdue.
    assert sum(row.overdue for row in table.rows) == 5
    html = response.content.decode()
    assert "Як головний виконавець" in html and "Як співвиконавець" in html


def test_department_table_and_its_links_in_english(staff, register_with_co_executors):
    client = _client(staff["controller"])
    html = client.get("/staff/", headers={"Accept-Language": "en"}).content.decode()
    assert "As lead executor" in html and "No lead department yet" in html
    assert "?overdue=1&amp;lead_department=communal" in html and "?open=1&amp;co_department=communal" in html
