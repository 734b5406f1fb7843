"""What a probe expects: the not-entitled are refused and learn nothing; the entitled get no 5xx."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http.response import HttpResponseBase
from django.urls import reverse

from hromada.security.tests.scenario import ENTITLED, Scenario

#: A refusal: sign in first (a redirect to a sign-in page), unauthenticated, forbidden, not found, or
#: "not this method" (an action URL opened with GET by someone who has no business there still gets
#: no page).
REFUSALS = frozenset({302, 401, 403, 404, 405})


def sign_in_paths() -> tuple[str, ...]:
    return (reverse("workspace:sign-in"), reverse("portal:sign-in"), reverse("admin:login"))


@dataclass(frozen=True)
class Target:
    """One value of a URL parameter and the object it points at.

    `collection`: the value names no object (an export format) and the answer lists objects: then
    what matters is only that the listed objects' markers do not reach someone not entitled to them.
    `also_refused`: further statuses that refuse this target (a forged link answers 400)."""

    value: str
    objects: tuple[str, ...]
    collection: bool = False
    also_refused: frozenset[int] = frozenset()


Mapping = Callable[[Scenario], Sequence[Target]]


def objects(*keys: str) -> Mapping:
    """The parameter is the id of one of these scenario objects."""
    return lambda s: [Target(str(s.ids[key]), (key,)) for key in keys]


def fixed(*values: str, lists: tuple[str, ...] = ()) -> Mapping:
    """The parameter is a word (a format, a provider code): public, or a list of `lists` objects."""
    return lambda s: [Target(v, lists or ("public",), collection=bool(lists)) for v in values]


def combinations(
    kwargs: Iterable[str], mapping: dict[str, Mapping], scenario: Scenario
) -> list[tuple[dict[str, str], list[Target]]]:
    names = sorted(kwargs)
    choices = [mapping[name](scenario) for name in names]
    return [
        ({name: t.value for name, t in zip(names, combo, strict=True)}, list(combo))
        for combo in itertools.product(*choices)
    ]


def entitled(principal: str, face: str, targets: Sequence[Target]) -> bool:
    return all(
        ENTITLED[key].allows(principal, face) for t in targets if not t.collection for key in t.objects
    )


def body_text(response: HttpResponseBase) -> str:
    # getvalue(): the content of a plain response, the joined chunks of a streaming one.
    return response.getvalue().decode("utf-8", errors="replace")


def leaked(principal: str, face: str, targets: Sequence[Target], scenario: Scenario, text: str) -> list[str]:
    """The markers of objects the principal may not see that the body spells."""
    found = []
    for target in targets:
        for key in target.objects:
            if ENTITLED[key].allows(principal, face):
                continue
            found += [m for m in scenario.markers[key] if m and m in text]
    return found


def check(
    *,
    response: HttpResponseBase,
    principal: str,
    face: str,
    targets: Sequence[Target],
    scenario: Scenario,
    what: str,
) -> list[str]:
    """The problems of one answer (empty: as it should be)."""
    problems: list[str] = []
    status = response.status_code
    if status >= 500:
        exc = getattr(response, "exc_info", None)
        problems.append(f"{what}: {status} {exc[1]!r}" if exc else f"{what}: {status}")
        return problems
    text = body_text(response)
    if not entitled(principal, face, targets):
        single = [t for t in targets if not t.collection]
        allowed = REFUSALS.union(*(t.also_refused for t in single))
        if single and status not in allowed:
            problems.append(f"{what}: {status}, expected a refusal {sorted(allowed)}")
        if status == 302 and single:
            location = urlsplit(response.headers.get("Location", "")).path
            if location not in sign_in_paths():
                problems.append(f"{what}: 302 to {location!r}, not to a sign-in page")
    markers = leaked(principal, face, targets, scenario, text)
    if markers:
        problems.append(f"{what}: {status} with personal data of others: {markers}")
    return problems
