"""Paging of the list pages (`hromada.core.paging`): the page asked for, the nearest one when the
number is impossible, and neighbours' links that keep the filters (page 1 is the plain address)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.test import RequestFactory

from hromada.core.paging import page_link, paged


def get(query: str = ""):
    return RequestFactory().get("/list/" + query)


def test_page_link_keeps_the_filters_and_drops_the_page_number_for_page_one():
    assert page_link("/list/", {"status": "new", "page": "3"}, 2) == "/list/?status=new&page=2"
    assert page_link("/list/", {"status": "new", "page": "3"}, 1) == "/list/?status=new"
    assert page_link("/list/", {}, 1) == "/list/"
    assert page_link("", {}, 1) == "?"
    assert page_link("", {"q": "ліфт"}, 2) == "?q=%D0%BB%D1%96%D1%84%D1%82&page=2"


def test_paged_gives_the_page_and_both_neighbours():
    found = paged(get("?page=2"), list(range(25)), 10, query={"q": "x"}, base="/list/")
    assert list(found.page.object_list) == list(range(10, 20))
    assert found.previous_url == "/list/?q=x"
    assert found.next_url == "/list/?q=x&page=3"
    assert found.context() == {
        "page": found.page,
        "previous_url": "/list/?q=x",
        "next_url": "/list/?q=x&page=3",
    }


def test_the_ends_have_no_link_and_an_impossible_number_shows_the_nearest_page():
    first = paged(get(), list(range(25)), 10, query={})
    assert first.page.number == 1 and first.previous_url == "" and first.next_url == "?page=2"
    assert paged(get("?page=99"), list(range(25)), 10, query={}).page.number == 3
    last = paged(get("?page=abc"), list(range(5)), 10, query={})
    assert last.page.number == 1 and last.previous_url == last.next_url == ""


def test_the_pager_template_shows_the_links_and_the_page_of_pages():
    found = paged(get("?page=2"), list(range(25)), 10, query={}, base="/list/")
    html = render_to_string("core/_pager.html", found.context())
    assert '<nav class="pagination"' in html
    assert 'href="/list/" rel="prev"' in html and 'href="/list/?page=3" rel="next"' in html
