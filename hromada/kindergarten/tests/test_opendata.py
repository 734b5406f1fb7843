"""Open data of the kindergarten queue (annex 42 of resolution 835): the annex's columns in its order,
in CSV and JSON, for the whole community and for one group; every column checked — and none of the
children's or parents' personal data anywhere in the output (names, patronymics, certificates, phones,
e-mails, addresses, full birth dates)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.test import Client

from hromada.kindergarten import services
from hromada.kindergarten.opendata import QUEUE_COLUMNS
from hromada.kindergarten.tests.test_api_support import BORN, NOW, file, group, institution, officer, person

pytestmark = pytest.mark.django_db
ANNEX = Path("/work/shared/reference/open-data-835")
if not ANNEX.exists():  # a checkout without the shared folder: the annex copy in the repository, if any
    ANNEX = Path(__file__).resolve().parents[3] / "docs" / "reference" / "open-data-835"
URLS = ("/dytsadok/open-data/queue.csv", "/dytsadok/open-data/queue.json")


@pytest.fixture(autouse=True)
def _now(settings):
    settings.HROMADA_NOW = NOW


def annex() -> list[dict]:
    return json.loads((ANNEX / "annex-42-line.json").read_text(encoding="utf-8"))["tableSchema"]["columns"]


def _get(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200 and response.streaming, url
    return response.getvalue().decode("utf-8")


def _csv(url: str) -> tuple[list[str], list[dict[str, str]]]:
    header, *rows = list(csv.reader(io.StringIO(_get(url))))
    return header, [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def town():
    """Two institutions; four applications of distinctive children: one queued in both, one with a
    confirmed benefit (offered the place and enrolled), one queued in Сонечко only, one cancelled."""
    staff = officer()
    sonechko = institution("ЗДО № 1 «Сонечко»", edrpou="01234567")
    kazka = institution("ЗДО № 2 «Казка»")
    queued = file(staff, 1, [sonechko, kazka]).application
    benefit = file(staff, 2, [sonechko], benefit="out_of_turn").application
    services.confirm_benefit(actor=staff, application=benefit, note="Посвідчення")
    only_sonechko = file(staff, 3, [sonechko]).application
    cancelled = file(staff, 4, [kazka]).application
    services.cancel_application(actor=staff, application=cancelled, note="Переїзд")
    # The first waiting in Сонечко is the benefit's; offer it and accept: enrolled.
    offered = services.offer_place(actor=staff, age_group=group(sonechko))
    assert offered.pk == benefit.pk
    services.accept_offer(actor=staff, application=offered)
    return {
        "sonechko": sonechko,
        "kazka": kazka,
        "queued": queued,
        "benefit": benefit,
        "only_sonechko": only_sonechko,
        "cancelled": cancelled,
    }


def test_the_columns_are_annex_42_in_its_order_in_csv_and_json(town):
    names = [c["name"] for c in annex()]
    assert names == QUEUE_COLUMNS
    for url in (URLS[0], f"/dytsadok/cherga/{group(town['sonechko']).pk}.csv"):
        header, rows = _csv(url)
        assert header == names and rows
    for url in (URLS[1], f"/dytsadok/cherga/{group(town['sonechko']).pk}.json"):
        items = json.loads(_get(url))
        assert items and all(list(item) == names for item in items)


def test_every_column_holds_what_the_annex_says(town):
    _, rows = _csv(URLS[0])
    by_key = {(r["uid"], r["institutionName"]): r for r in rows}
    queued = by_key[(town["queued"].number, "ЗДО № 1 «Сонечко»")]
    assert queued["receivedDate"] == "2026-12-04"
    assert queued["gender"] == "2" and queued["birthDate"] == str(BORN.year)
    assert queued["ageGroup"] and queued["benefitType"] == "Ні"
    assert queued["institutionId"] == "01234567" and queued["dateProvided"] == ""
    assert queued["status"] == "Чинна" and int(queued["number"]) >= 1
    in_kazka = by_key[(town["queued"].number, "ЗДО № 2 «Казка»")]
    assert in_kazka["institutionId"] == "null" and in_kazka["status"] == "Чинна"
    served = by_key[(town["benefit"].number, "ЗДО № 1 «Сонечко»")]
    assert (served["status"], served["benefitType"], served["dateProvided"]) == (
        "Виконана",
        "Так",
        "2026-12-04",
    )
    cancelled = [r for r in rows if r["uid"] == town["cancelled"].number]
    assert cancelled and {r["status"] for r in cancelled} == {"Скасована"}
    required = [c["name"] for c in annex() if c["required"]]
    assert all(row[name] for row in rows for name in required if row["status"] == "Чинна")
    integers = [c["name"] for c in annex() if c["datatype"] == "integer"]
    assert all(row[name].isdigit() for row in rows for name in integers if row[name])


def test_the_json_has_the_same_rows_with_numbers_as_numbers(town):
    _, rows = _csv(URLS[0])
    items = json.loads(_get(URLS[1]))
    assert len(items) == len(rows)
    assert {(i["uid"], i["institutionName"]) for i in items} == {
        (r["uid"], r["institutionName"]) for r in rows
    }
    queued = next(i for i in items if i["uid"] == town["queued"].number)
    assert isinstance(queued["birthDate"], int) and isinstance(queued["gender"], int)
    assert isinstance(queued["number"], int)
    response = Client().get(URLS[1])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert 'filename="queue.csv"' in Client().get(URLS[0])["Content-Disposition"]


def test_one_group_has_only_its_own_rows(town):
    three = group(town["kazka"])
    _, rows = _csv(f"/dytsadok/cherga/{three.pk}.csv")
    assert {r["institutionName"] for r in rows} == {"ЗДО № 2 «Казка»"}
    assert town["only_sonechko"].number not in {r["uid"] for r in rows}
    assert town["queued"].number in {r["uid"] for r in rows}


def test_no_personal_data_anywhere_in_the_output(town):
    three = group(town["sonechko"])
    text = "".join(
        _get(url) for url in (*URLS, f"/dytsadok/cherga/{three.pk}.csv", f"/dytsadok/cherga/{three.pk}.json")
    )
    for n in range(1, 5):
        leaked = [value for value in person(n).values() if value in text]
        assert not leaked, leaked
    for spelled in (BORN.isoformat(), BORN.strftime("%d.%m.%Y"), "@", "+380", "Прихован", "Потаємна"):
        assert spelled not in text


def test_an_unknown_group_is_404_and_an_empty_set_is_a_header():
    assert Client().get("/dytsadok/cherga/999999.csv").status_code == 404
    assert Client().get("/dytsadok/cherga/999999.json").status_code == 404
    assert _get(URLS[0]).strip() == ",".join(QUEUE_COLUMNS)
    assert json.loads(_get(URLS[1])) == []


def test_post_is_refused():
    assert Client().post(URLS[0]).status_code == 405
