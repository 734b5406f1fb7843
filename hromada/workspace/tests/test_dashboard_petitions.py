"""E-petition tiles on the dashboard: the moderator's queue with the overdue moderations, the head's
petitions awaiting the answer with the overdue answers — red, and "overdue" said in the label.
Labels in Ukrainian (they depend on /tmp/i18n/petitions_staff.json being merged)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from hromada.petitions import services
from hromada.petitions.models import PetitionStatus
from hromada.petitions.tests.test_staff_pages import collecting, in_moderation, under_consideration
from hromada.workspace.dashboards import petition_tiles

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(staff, settings):
    """Two petitions submitted on Monday 16.11 (due two working days later), one on Friday 20.11;
    one under consideration since 20.11. Today is Monday 23.11."""
    moderator = staff["moderator"]
    settings.HROMADA_NOW = "2026-11-16T10:00:00"
    in_moderation("Перша")
    in_moderation("Друга")
    settings.HROMADA_NOW = "2026-11-20T10:00:00"
    in_moderation("Третя")
    considering = under_consideration(moderator, "На розгляді")
    collecting(moderator, "Збір")
    settings.HROMADA_NOW = "2026-11-23T10:00:00"
    return considering


def _tiles(user) -> list[tuple[str, int, str, str]]:
    return [(t.label, t.count, t.url, t.tone) for t in petition_tiles(user, today=dt.date(2026, 11, 23))]


def test_moderator_sees_the_queue_and_the_overdue_moderations_in_red(staff, desk):
    url = "/staff/petitions/?status=moderation"
    assert _tiles(staff["moderator"]) == [
        ("Петиції, що очікують модерації", 3, url, "warn"),
        ("Петиції з простроченою модерацією", 2, url + "&overdue=1", "danger"),
    ]


def test_head_sees_petitions_awaiting_the_answer_and_overdue_ones_once_the_term_passed(staff, desk):
    url = "/staff/petitions/?status=consideration"
    assert _tiles(staff["head"]) == [
        ("Петиції, що очікують відповіді", 1, url, "warn"),
        ("Петиції з простроченою відповіддю", 0, url + "&overdue=1", ""),
    ]
    assert desk.answer_due is not None
    late = petition_tiles(staff["head"], today=desk.answer_due + dt.timedelta(days=1))
    assert (late[1].count, late[1].tone) == (1, "danger")
    services.answer_petition(actor=staff["head"], petition_id=desk.pk, supported=True, text="Так.")
    assert petition_tiles(staff["head"], today=desk.answer_due)[0].count == 0


@pytest.mark.parametrize("who", ["registrar", "controller", "executor_communal", "administrator"])
def test_other_roles_have_no_petition_tiles(staff, desk, who):
    assert petition_tiles(staff[who], today=dt.date(2026, 11, 23)) == []


def test_dashboard_page_shows_the_tiles_and_the_menu_item(staff, desk):
    client = Client()
    client.force_login(staff["moderator"])
    page = re.sub(r"\s+", " ", client.get("/staff/").content.decode())
    assert '<span class="count danger">2</span> Петиції з простроченою модерацією' in page
    assert '<a href="/staff/petitions/">Електронні петиції</a>' in page
    client.force_login(staff["registrar"])
    assert "/staff/petitions/" not in client.get("/staff/").content.decode()
    assert PetitionStatus.MODERATION == "moderation"


@pytest.mark.parametrize("who", ["moderator", "head"])
def test_every_petition_tile_opens_a_list_with_the_tile_count(staff, desk, who):
    client = Client()
    client.force_login(staff[who])
    tiles = petition_tiles(staff[who], today=dt.date(2026, 11, 23))
    assert any(t.count for t in tiles)
    for tile in tiles:
        response = client.get(tile.url)
        assert response.status_code == 200, tile.url
        assert response.context["page"].paginator.count == tile.count, (tile.label, tile.url)
