"""Reads of the vocabularies. The tables are tiny and read on every registration, so each process
keeps them for a few seconds; an administrator's change takes effect everywhere within that time."""

from __future__ import annotations

import time
from typing import TypeVar

from hromada.reference.models import ReferenceItem

M = TypeVar("M", bound=ReferenceItem)

CACHE_SECONDS = 5.0
_cache: dict[type, tuple[float, dict[str, ReferenceItem]]] = {}


def vocabulary(model: type[M]) -> dict[str, M]:
    """All entries of a vocabulary by code, active or not (old appeals keep old codes)."""
    now = time.monotonic()
    hit = _cache.get(model)
    if hit is None or now - hit[0] > CACHE_SECONDS:
        hit = (now, {item.code: item for item in model.objects.all()})
        _cache[model] = hit
    return hit[1]  # type: ignore[return-value]


def active(model: type[M]) -> dict[str, M]:
    return {code: item for code, item in vocabulary(model).items() if item.is_active}


def clear_cache() -> None:
    _cache.clear()
