"""`services.muted()` is the demo data's switch: no production path may hide its letters with it
(issue 12). A service that must not send one takes an explicit argument instead, e.g.
`register_appeal(..., notify_authors=False)` where the portal sends its own letter with the code."""

from __future__ import annotations

import re
from pathlib import Path

import hromada

ROOT = Path(hromada.__file__).parent
CALL = re.compile(r"(?<![\w.])muted\(|services\.muted\b|import[^\n]*\bmuted\b")


def _production_modules() -> list[Path]:
    def demo_or_test(path: Path) -> bool:
        parts = path.relative_to(ROOT).parts
        return (
            "tests" in parts
            or "migrations" in parts
            or path.name in ("demo.py", "testing.py", "browser_testing.py", "factories.py")
            or (path.parent.name == "commands" and path.name.startswith("seed_demo"))
        )

    return [p for p in sorted(ROOT.rglob("*.py")) if not demo_or_test(p)]


def test_no_production_module_uses_the_demo_switch_when_the_tree_is_read():
    definition = ROOT / "notifications" / "services.py"
    users = [
        str(p.relative_to(ROOT))
        for p in _production_modules()
        if p != definition and CALL.search(p.read_text(encoding="utf-8"))
    ]
    assert users == []


def test_the_probe_finds_a_use_when_one_is_written():
    assert CALL.search("    with muted():\n")
    assert CALL.search("from hromada.notifications.services import is_muted, muted\n")
    assert not CALL.search("    if is_muted():\n")
    assert len(_production_modules()) > 50  # it reads the tree, not an empty folder
