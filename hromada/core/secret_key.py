"""The development key: random per installation, kept in var/, never a constant in the source.

Only settings read it, and only with DEBUG on; production refuses to start without SECRET_KEY."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

FILE_NAME = "development-secret-key"


def development_secret_key(var_dir: Path) -> str:
    """Read this installation's development key, making it on first use (mode 0600)."""
    path = var_dir / FILE_NAME
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(64)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process is making it: wait for its key
        for _ in range(50):
            existing = path.read_text(encoding="ascii").strip()
            if existing:
                return existing
            time.sleep(0.02)
        raise
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
