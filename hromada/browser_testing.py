"""Browser-test fixtures shared by every app's `tests/browser/` (each conftest star-imports this
module): Playwright driving Debian's Chromium against a live Django server, axe-core, screenshots.

They need /usr/bin/chromium (Debian package `chromium`) and axe-core (`npm ci`, done by `make test`).
Where either is missing the browser tests are skipped with the reason said plainly; CI sets
HROMADA_REQUIRE_BROWSER=1 and installs both, so there a missing piece fails instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "Axe",
    "_classifier_loaded",
    "axe",
    "browser_context_args",
    "browser_type_launch_args",
    "context",
    "pytest_collection_modifyitems",
    "shot",
]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return "Chromium is not installed (apt-get install chromium): browser tests skipped"
    if not AXE.exists():
        return "axe-core is not installed (npm ci): browser tests skipped"
    return None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("HROMADA_REQUIRE_BROWSER"):
        raise pytest.UsageError(reason.replace("skipped", "required (HROMADA_REQUIRE_BROWSER=1)"))
    for item in items:
        if f"{os.sep}tests{os.sep}browser{os.sep}" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "uk-UA", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _classifier_loaded(transactional_db: None) -> Iterator[None]:
    """A transactional test starts with the vocabularies the previous one flushed away."""
    from hromada.reference.services import load_classifier

    load_classifier()  # a transactional test starts with the tables flushed by the one before
    yield  # the journals are emptied by the root conftest's fixture, before the flush


#: Collects what the Content-Security-Policy blocked, so that a page relying on inline code or eval
#: fails its test instead of silently not working (added through the DevTools protocol: the policy
#: does not apply to it).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber
  );
});
"""


@pytest.fixture
def context(context: Any) -> Any:
    """pytest-playwright's browser context, with the CSP listener in every page."""
    context.add_init_script(CSP_LISTENER)
    return context


def assert_no_csp_violations(page: Any, name: str) -> None:
    blocked = page.evaluate("window.__cspViolations || []")
    assert not blocked, f"Content-Security-Policy blocked on {name}: {blocked}"


class Axe:
    """axe-core in the page: no serious or critical WCAG 2.1 A/AA violation allowed."""

    TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

    def check(self, page: Any, name: str) -> None:
        # Evaluated through the DevTools protocol, not added as a <script>: a page's Content-Security-
        # Policy (strict on the public site) does not apply, and stays on for the page itself.
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", self.TAGS)
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in bad
        )
        assert not bad, f"axe-core on {name}:\n{details}"
        assert_no_csp_violations(page, name)


@pytest.fixture
def axe() -> Axe:
    return Axe()


@pytest.fixture
def shot() -> Callable[[Any, str], Path]:
    """shot(page, "03-registration") saves var/screenshots/03-registration.png (full page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page: Any, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
