"""Every URL pattern of the project, walked from the URL conf (so that a new one is probed at once)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Pattern:
    namespace: str  # the innermost namespace ("appeals"), "" for none
    name: str
    route: str  # the full route, "staff/appeals/<int:appeal_id>/"
    kwargs: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.namespace}:{self.name or self.route}"

    def path(self, values: dict[str, str]) -> str:
        """The route with its parameters filled in (by hand: some patterns are regexes)."""
        path = self.route
        for name, value in values.items():
            for converter in ("int", "str", "slug", "path", "uuid", ""):
                path = path.replace(f"<{converter}:{name}>" if converter else f"<{name}>", value)
        return "/" + path


def walk() -> list[Pattern]:
    found: list[Pattern] = []

    def visit(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                visit(entry, prefix + str(entry.pattern), entry.namespace or namespace)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                kwargs = tuple(sorted(entry.pattern.regex.groupindex))
                found.append(Pattern(namespace, entry.name or "", route, kwargs))

    visit(get_resolver(), "", "")
    return found
