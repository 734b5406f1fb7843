"""The layer rule of docs/adr/0004 is enforced: an import between two domains (past the door) or
between two interfaces makes `lint-imports` fail. Run on a copy of the tree with two probe modules,
so the real tree stays as it is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_of_the_tree(target: Path) -> None:
    shutil.copytree(
        ROOT / "hromada",
        target / "hromada",
        ignore=shutil.ignore_patterns("__pycache__", "templates", "static", "locale", "fixtures", "*.mo"),
    )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=300
    )


def test_domain_to_domain_and_interface_to_interface_imports_fail_the_lint(tmp_path: Path) -> None:
    _copy_of_the_tree(tmp_path)
    (tmp_path / "hromada" / "questions" / "layer_probe.py").write_text(
        "from hromada.appeals.models import Appeal  # a domain reaching past another's door\n"
    )
    (tmp_path / "hromada" / "portal" / "layer_probe.py").write_text(
        "from hromada.workspace import dashboards  # one interface importing another\n"
    )
    (tmp_path / "hromada" / "questions" / "door_probe.py").write_text(
        "from hromada.appeals.door import register_appeal  # through the door: allowed\n"
    )
    result = _lint(tmp_path)
    out = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0, out
    assert "hromada.questions is not allowed to import hromada.appeals" in out
    assert "hromada.questions.layer_probe -> hromada.appeals.models" in out
    assert "hromada.portal is not allowed to import hromada.workspace" in out
    assert "hromada.portal.layer_probe -> hromada.workspace.dashboards" in out
    assert "door_probe" not in out
