"""Paging (сторінки списку) once for every list page: one page of a query and the links to its
neighbours that keep the list's filters. Pages render the links with `core/_pager.html`; the API pages
with `hromada.core.api_types.Paging`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.http import urlencode


def page_link(base: str, query: dict[str, str], number: int) -> str:
    """`base` + the filters + `page=<number>` (page 1 is the plain address)."""
    params = {k: v for k, v in query.items() if k != "page"}
    if number > 1:
        params["page"] = str(number)
    return base + ("?" + urlencode(params) if params else ("" if base else "?"))


@dataclass(frozen=True)
class Paged:
    """A page of rows with its neighbours' addresses ("" at either end)."""

    page: Page[Any]
    previous_url: str
    next_url: str

    def context(self) -> dict[str, Any]:
        """The keys the list templates and `core/_pager.html` read."""
        return {"page": self.page, "previous_url": self.previous_url, "next_url": self.next_url}


def paged(request: HttpRequest, rows: Any, size: int, *, query: dict[str, str], base: str = "") -> Paged:
    """Page `?page=` of `rows` (a query set or a list); an impossible page number shows the nearest."""
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return Paged(
        page,
        page_link(base, query, page.previous_page_number()) if page.has_previous() else "",
        page_link(base, query, page.next_page_number()) if page.has_next() else "",
    )
