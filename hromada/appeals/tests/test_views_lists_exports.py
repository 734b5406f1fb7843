"""The staff list of appeals: saved filters, and the CSV/XLSX exports with their audit entries."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import translation

from hromada.appeals import exports
from hromada.appeals.models import SavedFilter
from hromada.appeals.tests.list_register import (
    LIST,
    build_register,
    client_for,
    listed,
    pending_messages,
    register,
    text_of,
)
from hromada.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _ukrainian_messages_of_the_list():
    """This page's Ukrainian messages, until they are in the compiled catalogue (see list_register)."""
    yield from pending_messages()


@pytest.fixture
def register_of_appeals(staff, settings):
    return build_register(staff, settings)


# --- saved filters -----------------------------------------------------------------------------------


def test_saving_a_filter_stores_the_canonical_query_for_the_user(staff, register_of_appeals):
    client = client_for(staff, "head")
    response = client.post(
        f"{LIST}saved-filters/", {"name": "Прострочені ЖКГ", "query": "overdue=true&department=communal"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/staff/appeals/?department=communal&overdue=1"
    saved = SavedFilter.objects.get()
    assert (saved.user, saved.name, saved.query) == (
        staff["head"],
        "Прострочені ЖКГ",
        "department=communal&overdue=1",
    )
    page = client.get(response["Location"])
    assert "Фільтр «Прострочені ЖКГ» збережено." in text_of(page)
    assert (
        '<a href="/staff/appeals/?department=communal&amp;overdue=1">Прострочені ЖКГ</a>'
        in page.content.decode()
    )
    # The same name again replaces the query.
    client.post(f"{LIST}saved-filters/", {"name": "Прострочені ЖКГ", "query": "overdue=1"})
    assert list(SavedFilter.objects.values_list("query", flat=True)) == ["overdue=1"]


def test_saving_without_a_name_is_422_and_saves_nothing(staff, register_of_appeals):
    client = client_for(staff, "head")
    response = client.post(f"{LIST}saved-filters/", {"name": " ", "query": "status=registered"})
    assert response.status_code == 422
    assert "Це поле обов'язкове." in response.content.decode().replace("&#x27;", "'")
    assert response.context["form"].cleaned_data["status"] == "registered"  # the list stays filtered
    bad_query = client.post(f"{LIST}saved-filters/", {"name": "x", "query": "due_before=never"})
    assert bad_query.status_code == 422
    assert SavedFilter.objects.count() == 0


def test_a_user_never_sees_or_deletes_another_users_saved_filter(staff, register_of_appeals):
    mine = SavedFilter.objects.create(user=staff["head"], name="Мій фільтр", query="status=registered")
    client = client_for(staff, "controller")
    assert "Мій фільтр" not in client.get(LIST).content.decode()
    response = client.post(f"{LIST}saved-filters/{mine.pk}/delete/")
    assert response.status_code == 404
    assert SavedFilter.objects.filter(pk=mine.pk).exists()
    owner = client_for(staff, "head")
    assert "Мій фільтр" in owner.get(LIST).content.decode()
    assert owner.get(f"{LIST}saved-filters/{mine.pk}/delete/").status_code == 405
    response = owner.post(f"{LIST}saved-filters/{mine.pk}/delete/", {"query": "status=in_progress"})
    assert response.status_code == 302 and response["Location"] == "/staff/appeals/?status=in_progress"
    assert not SavedFilter.objects.filter(pk=mine.pk).exists()
    assert "Фільтр «Мій фільтр» видалено." in text_of(owner.get(response["Location"]))


# --- exports -----------------------------------------------------------------------------------------


def header_in_ukrainian() -> list[str]:
    with translation.override("uk"):
        header = exports.export_header()
    # The columns, in this order, in Ukrainian.
    assert header[:3] == ["Реєстраційний індекс", "Дата реєстрації", "Дата надходження"]
    assert header[5:10] == ["Заявник", "Телефон", "Електронна пошта", "Адреса", "Тематика питань"]
    assert header[13:] == ["Термін", "Дата відповіді", "Знято з контролю"] and len(header) == 16
    return header


def read_csv(response) -> list[list[str]]:
    data = response.getvalue()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_export_holds_the_filtered_list_and_is_audited(staff, register_of_appeals):
    client = client_for(staff, "controller")
    response = client.get(f"{LIST}export/csv/", {"department": "social", "sort": "number"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zvernennia-2026-11-21.csv"'
    header, *rows = read_csv(response)
    assert header == header_in_ukrainian()
    assert [row[0] for row in rows] == ["Г-2", "Т-7"]
    pension = rows[0]
    assert pension[1] == "10.11.2026" and pension[2].startswith("10.11.2026 ")
    assert pension[3] == "Електронною поштою" and pension[4] == "Скарга"
    assert pension[7] == "olha@example.com"
    assert pension[9] == "Соціальний захист; Житлова політика"
    assert pension[11] == "на виконанні" and pension[12] == "Управління соцзахисту"
    assert pension[13] == "25.11.2026" and pension[14] == "" and pension[15] == ""
    entry = AuditEntry.objects.get(action="appeals.export")
    assert entry.actor == staff["controller"]
    assert entry.details == {
        "format": "csv",
        "filters": {"department": "social", "sort": "number"},
        "count": 2,
    }
    assert entry.at is not None


def test_csv_export_quotes_and_defuses_what_a_spreadsheet_would_run(staff, register_of_appeals):
    response = client_for(staff, "registrar").get(
        f"{LIST}export/csv/", {"status": "registered", "sort": "number"}
    )
    _header, *rows = read_csv(response)
    noise = next(row for row in rows if row[5] == "Олійник Степан")
    assert noise[10] == "'=Шум уночі"  # a formula in a spreadsheet: kept as text
    assert noise[8] == "вул. Лесі Українки, 3"
    road = next(row for row in rows if row[5] == "Бондар Петро")
    assert road[6] == "0501234567"
    everything = read_csv(client_for(staff, "registrar").get(f"{LIST}export/csv/"))
    heating = next(row for row in everything if row[5] == "Лисенко Андрій")
    assert heating[6] == "+380661112233"  # a phone number stays as it is
    anonymous = next(row for row in everything if row[5] == "анонімне")
    assert anonymous[6:9] == ["", "", ""] and anonymous[13] == "" and anonymous[15].startswith("12.11.2026 ")


def test_xlsx_export_has_a_header_real_dates_and_text_kept_as_text(staff, register_of_appeals):
    client = client_for(staff, "head")
    response = client.get(f"{LIST}export/xlsx/", {"open": "1", "sort": "number"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="zvernennia-2026-11-21.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == header_in_ukrainian()
    assert len(rows) == 1 + 6  # every open appeal
    lift = next(row for row in rows[1:] if row[5] == "Коваленко Іван Петрович")
    assert lift[1] == dt.datetime(2026, 11, 2)  # a real date (openpyxl reads dates back as datetimes)
    assert lift[2] == dt.datetime(2026, 11, 2, 10, 0)  # Kyiv time
    assert lift[13] == dt.datetime(2026, 11, 17)
    assert lift[6] == "+380671234567" and lift[8] == "вул. Шевченка, 1, кв. 2"
    assert lift[11] == "на виконанні" and lift[12] == "Департамент ЖКГ"
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[5].value == "Коваленко Іван Петрович")
    assert cell[1].is_date and cell[1].number_format == "DD.MM.YYYY"
    noise = next(row for row in rows[1:] if row[5] == "Олійник Степан")
    assert noise[10] == "=Шум уночі"  # stored as text, not as a formula
    assert next(r for r in sheet.iter_rows(min_row=2) if r[5].value == "Олійник Степан")[10].data_type == "s"
    entry = AuditEntry.objects.get(action="appeals.export")
    assert entry.details == {"format": "xlsx", "filters": {"open": "1", "sort": "number"}, "count": 6}


EVIL_NAME = "+cmd|' /C calc'!A0"
EVIL_SUMMARY = "@SUM(1+1)*cmd|' /C calc'!A0"  # registration strips leading spaces; the writer's test has them


@pytest.fixture
def hostile_appeal(staff, register_of_appeals):
    return register(
        staff,
        "2026-11-20T09:00:00",
        applicants=[{"name": EVIL_NAME, "address": '＝HYPERLINK("http://evil")'}],
        issues=[{"topic": "communal", "text": "Вода"}],
        summary=EVIL_SUMMARY,
    )


def test_csv_export_holds_no_live_formula_when_names_and_texts_are_formulas(staff, hostile_appeal):
    from hromada.core.tests.test_tabular import live_formulas

    rows = read_csv(client_for(staff, "registrar").get(f"{LIST}export/csv/"))
    evil = next(row for row in rows if row[5].endswith(EVIL_NAME))
    assert (evil[5], evil[10]) == ("'" + EVIL_NAME, "'" + EVIL_SUMMARY)
    assert evil[8].startswith("'＝")
    assert live_formulas(c for row in rows for c in row) == []


def test_xlsx_export_holds_no_formula_cell_when_names_and_texts_are_formulas(staff, hostile_appeal):
    response = client_for(staff, "registrar").get(f"{LIST}export/xlsx/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert [c for c in cells if c.data_type == "f"] == []
    (name,) = [c for c in cells if c.value == EVIL_NAME]
    (summary,) = [c for c in cells if c.value == EVIL_SUMMARY]
    assert name.data_type == summary.data_type == "s"


def test_executor_export_holds_only_their_department(staff, register_of_appeals):
    a = register_of_appeals
    client = client_for(staff, "executor_social")
    _header, *rows = read_csv(client.get(f"{LIST}export/csv/"))
    assert sorted(row[5] for row in rows) == ["Гнатюк Ольга", "Ткач Ірина"]
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{LIST}export/xlsx/").getvalue()))
    names = sorted(row[5] for row in list(book.worksheets[0].iter_rows(values_only=True))[1:])
    assert names == ["Гнатюк Ольга", "Ткач Ірина"]
    entries = AuditEntry.objects.filter(action="appeals.export", actor=staff["executor_social"])
    assert [e.details["count"] for e in entries] == [2, 2]
    assert {a["pension"], a["school"]} == set(listed(client))


def test_export_past_the_limit_asks_first_and_then_writes_only_the_limit(
    staff, register_of_appeals, monkeypatch
):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 3)
    client = client_for(staff, "registrar")
    response = client.get(f"{LIST}export/csv/", {"sort": "number"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    text = text_of(response)
    assert "У списку понад 3 звернень" in text and "перші 3" in text
    assert not AuditEntry.objects.filter(action="appeals.export").exists()
    confirm = response.context["confirm_url"]
    assert confirm == "/staff/appeals/export/csv/?sort=number&confirm=1"
    _header, *rows = read_csv(client.get(confirm))
    assert len(rows) == 3
    assert AuditEntry.objects.get(action="appeals.export").details["count"] == 3


def test_export_with_an_invalid_filter_is_400_and_not_audited(staff, register_of_appeals):
    response = client_for(staff, "registrar").get(f"{LIST}export/csv/", {"due_before": "31.02.2026"})
    assert response.status_code == 400 and "Введіть коректну дату." in response.content.decode()
    assert client_for(staff, "registrar").get(f"{LIST}export/pdf/").status_code == 404
    assert not AuditEntry.objects.filter(action="appeals.export").exists()


def test_list_offers_exports_of_the_current_filters(staff, register_of_appeals):
    response = client_for(staff, "registrar").get(LIST, {"status": "registered", "sort": "-number"})
    assert response.context["csv_url"] == "/staff/appeals/export/csv/?status=registered&sort=-number"
    assert response.context["xlsx_url"] == "/staff/appeals/export/xlsx/?status=registered&sort=-number"
    html = response.content.decode()
    assert 'href="/staff/appeals/export/csv/?status=registered&amp;sort=-number"' in html
