"""Walks a page's counted links: every link in <main> whose text starts with a number, and the number
of rows the list it points to holds (read from that list page's own paginator)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from django.test import Client

NUMBER = re.compile(r"^\s*(\d+)")


class _CountedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.href: str | None = None
        self.text: list[str] = []
        self.links: list[tuple[str, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main = True
        elif tag == "a" and self.in_main:
            self.href, self.text = dict(attrs).get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        elif tag == "a" and self.href is not None:
            text = " ".join("".join(self.text).split())
            match = NUMBER.match(text)
            if match:
                self.links.append((self.href, int(match.group(1)), text))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.href is not None:
            self.text.append(data)


def counted_links(html: str) -> list[tuple[str, int, str]]:
    """(href, the number shown, the link's text) of each counted link in the page's main region."""
    parser = _CountedLinks()
    parser.feed(html)
    return parser.links


def rows_of(client: Client, url: str) -> int:
    """How many rows the list at `url` holds: the appeal list's exact count, a paginated list's
    total, the admin change list's result count, the audit page's entries."""
    response = client.get(url)
    assert response.status_code == 200, url
    context: Any = response.context
    if "cl" in context:
        return int(context["cl"].result_count)
    page = context.get("page")
    if page is not None and hasattr(page, "count_exact"):
        assert page.count_exact, url
        return int(page.count)
    if page is not None and hasattr(page, "paginator"):
        return int(page.paginator.count)
    raise AssertionError(f"{url}: no list in the page's context")
