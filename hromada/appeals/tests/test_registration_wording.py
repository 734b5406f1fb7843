"""The registration form in the page's language (the issues' formset refusals) and the "signed and
dated" tick kept on the appeal, shown on its card and in the API."""

from __future__ import annotations

import pytest

from hromada.appeals.models import Appeal
from hromada.appeals.tests.registration_helpers import NOW, URL, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fixed_time(settings):
    settings.HROMADA_NOW = NOW


def test_missing_issue_is_refused_in_ukrainian_when_no_topic_is_chosen(client, staff):
    client.force_login(staff["registrar"])
    response = client.post(
        URL,
        form_data(**{"issues-0-topic": "", "issues-0-text": "", "issues-1-topic": "", "issues-1-text": ""}),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Вкажіть щонайменше 1 питання: виберіть його тему." in html
    assert "Please submit" not in html
    assert Appeal.objects.count() == 0


def test_signed_letter_is_kept_and_shown_on_the_card_and_in_the_api(client, staff, api):
    client.force_login(staff["registrar"])
    response = client.post(URL, form_data(channel="post", signed="on"))
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.signed is True
    card = client.get(response["Location"]).content.decode()
    assert "Підписано й датовано" in card and "так: лист підписаний і датований автором" in card
    body = api("registrar").get(f"/appeals/{appeal.pk}").json()
    assert body["signed"] is True


def test_signed_tick_is_ignored_for_a_phone_call(client, staff):
    client.force_login(staff["registrar"])
    response = client.post(URL, form_data(channel="phone", signed="on"))
    assert response.status_code == 302
    assert Appeal.objects.get().signed is False
    assert "Підписано й датовано" not in client.get(response["Location"]).content.decode()
