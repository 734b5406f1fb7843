"""Reads of the vocabularies. The tables are tiny and read on every registration, so each process
keeps them for a few seconds; an administrator's change takes effect everywhere within that time."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TypeVar, cast

from hromada.reference.models import ReferenceItem

M = TypeVar("M", bound=ReferenceItem)

CACHE_SECONDS = 5.0
# model → (loaded at, all entries by code, active entries by code). Callers must not modify the dicts.
_cache: dict[type[ReferenceItem], tuple[float, Mapping[str, ReferenceItem], Mapping[str, ReferenceItem]]] = {}


def _load(model: type[M]) -> tuple[float, dict[str, M], dict[str, M]]:
    now = time.monotonic()
    # The cache holds each model's own entries under its key, which a dict's type cannot say.
    hit = cast("tuple[float, dict[str, M], dict[str, M]] | None", _cache.get(model))
    if hit is None or now - hit[0] > CACHE_SECONDS:
        entries = {item.code: item for item in model.objects.all()}
        hit = (now, entries, {code: item for code, item in entries.items() if item.is_active})
        _cache[model] = hit
    return hit


def vocabulary(model: type[M]) -> dict[str, M]:
    """All entries of a vocabulary by code, active or not (old appeals keep old codes)."""
    return _load(model)[1]


def active(model: type[M]) -> dict[str, M]:
    """The active entries by code (kept with the cache, not rebuilt on every call)."""
    return _load(model)[2]


def clear_cache() -> None:
    _cache.clear()
