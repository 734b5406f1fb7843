"""The staff report page and its downloads: who may open them, what they show, how many queries."""

from __future__ import annotations

import io
import json

import pytest
from django.db import connection
from docx import Document
from openpyxl import load_workbook

from hromada.reports.tests import dataset

PAGE = "/staff/reports/"
Q1 = {"from": "2025-01-01", "to": "2025-03-31"}


def html(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("who", ["head", "controller", "registrar"])
def test_page_shows_the_report_when_the_role_reads_reports(client, register, staff, who):
    client.force_login(staff[who])
    response = client.get(PAGE, Q1)
    assert response.status_code == 200
    page = html(response)
    assert page.count("<h1>") == 1
    assert "Інформація про роботу зі зверненнями громадян за I квартал 2025 року" in page
    assert "За I квартал 2025 року до ради надійшло 8 звернень." in page
    assert '<span class="count">8</span> звернень' in page and '<span class="count">9</span> питань' in page


def test_page_draws_accessible_charts_and_tables_when_shown(client, register, staff):
    client.force_login(staff["head"])
    page = html(client.get(PAGE, Q1))
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"') == 4
    for key in ("channels", "topics", "months", "on_time"):
        assert f'<title id="chart-{key}-title">' in page and f'<desc id="chart-{key}-desc">' in page
    assert '<desc id="chart-on_time-desc">Департамент ЖКГ: 50%; Управління соцзахисту: 100%.</desc>' in page
    assert page.count('<table class="report-table"') == 9
    assert '<th scope="col">Канал надходження</th>' in page and '<th scope="row">Поштою</th>' in page
    assert '<link rel="stylesheet" href="/static/reports/reports.css">' in page


def test_page_links_the_downloads_and_quick_periods_when_shown(client, register, staff):
    client.force_login(staff["head"])
    page = html(client.get(PAGE, Q1))
    for fmt in ("docx", "xlsx", "json"):
        assert f'href="/staff/reports/download/{fmt}/?from=2025-01-01&amp;to=2025-03-31"' in page
    # "today" is 20.11.2026 (dataset fixture)
    assert '<a href="/staff/reports/?from=2026-07-01&amp;to=2026-09-30">Попередній квартал</a>' in page
    assert '<a href="/staff/reports/?from=2026-01-01&amp;to=2026-12-31">Поточний рік</a>' in page


def test_page_shows_the_last_full_quarter_when_no_period_is_given(client, register, staff):
    client.force_login(staff["head"])
    page = html(client.get(PAGE))
    assert 'value="2026-07-01"' in page and 'value="2026-09-30"' in page
    assert "за III квартал 2026 року" in page


def test_page_reads_a_fixed_number_of_queries(client, register, staff, django_assert_num_queries):
    client.force_login(staff["head"])
    client.get(PAGE, Q1)  # the vocabularies and council settings are cached after the first page
    # session, user, departments, then per period (this and a year earlier): appeals, issues,
    # priority categories; PostgreSQL also sets the report's planner settings (savepoint, set_config,
    # release: the test runs inside a transaction)
    queries = 2 + 1 + 2 * 3 + (3 if connection.vendor == "postgresql" else 0)
    with django_assert_num_queries(queries):
        assert client.get(PAGE, Q1).status_code == 200
    with django_assert_num_queries(queries):
        assert client.get(PAGE, {"from": "2024-01-01", "to": "2025-12-31"}).status_code == 200


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"from": "2025-02-30", "to": "2025-03-31"}, "from", "Введіть коректну дату."),
        ({"from": "2025-03-01", "to": "2025-02-01"}, "to", "Кінець періоду раніший за його початок."),
        ({"from": "1900-01-01", "to": "2025-02-01"}, "from", "Зазначте дату не раніше 1991 року."),
        ({"from": "2025-03-01"}, "to", "Це поле обов&#x27;язкове."),
    ],
)
def test_page_shows_the_field_error_when_the_period_is_bad(client, register, staff, query, field, message):
    client.force_login(staff["head"])
    response = client.get(PAGE, query)
    assert response.status_code == 400
    page = html(response)
    assert message in page and 'aria-invalid="true"' in page
    assert "report-title" not in page  # no report for a bad period


@pytest.mark.parametrize("who", ["executor_communal", "moderator", "administrator", "nobody"])
def test_page_and_downloads_are_forbidden_when_the_role_does_not_read_reports(client, staff, who):
    client.force_login(staff[who])
    assert client.get(PAGE, Q1).status_code == 403
    assert client.get("/staff/reports/download/json/", Q1).status_code == 403


def test_page_and_downloads_redirect_to_sign_in_when_anonymous(client, db):
    response = client.get(PAGE, Q1)
    assert response.status_code == 302 and response["Location"].startswith(
        "/staff/sign-in/?next=/staff/reports/"
    )
    response = client.get("/staff/reports/download/docx/", Q1)
    assert response.status_code == 302 and response["Location"].startswith("/staff/sign-in/?next=")


def test_download_gives_the_same_report_as_docx_xlsx_and_json(client, register, staff):
    client.force_login(staff["controller"])
    docx = client.get("/staff/reports/download/docx/", Q1)
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert docx["Content-Disposition"] == 'attachment; filename="zvernennia-2025-01-01-2025-03-31.docx"'
    assert Document(io.BytesIO(docx.content)).paragraphs[2].text.startswith("За I квартал 2025 року")
    xlsx = client.get("/staff/reports/download/xlsx/", Q1)
    assert (
        load_workbook(io.BytesIO(xlsx.content))["Канали"]["A1"].value == "Звернення за каналами надходження"
    )
    data = json.loads(client.get("/staff/reports/download/json/", Q1).content)
    assert (data["appeals"]["total"], data["previous"]["appeals"]["total"]) == (8, 5)


def test_download_of_an_unknown_format_is_not_found(client, register, staff):
    client.force_login(staff["head"])
    assert client.get("/staff/reports/download/pdf/", Q1).status_code == 404


def test_download_with_a_bad_period_shows_the_form_with_errors(client, register, staff):
    client.force_login(staff["head"])
    response = client.get("/staff/reports/download/json/", {"from": "x", "to": "2025-01-01"})
    assert response.status_code == 400 and "Введіть коректну дату." in html(response)


@pytest.mark.parametrize(
    ("who", "shown"), [("head", True), ("registrar", True), ("executor_communal", False)]
)
def test_menu_offers_reports_when_the_role_reads_them(client, staff, who, shown):
    client.force_login(staff[who])
    page = html(client.get("/staff/"))
    assert ('href="/staff/reports/"' in page) is shown


def test_dataset_imports_through_import_appeals(register):
    assert len(register) == len(dataset.LINES)  # every line became an appeal
