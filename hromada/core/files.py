"""Stored files that follow their transaction (файли в сховищі): a file saved for a row that is then
rolled back must not stay on disk. Every service that keeps an upload saves it with `store_file`
inside `atomic_with_files()`; if that block (or any block around it that also uses
`atomic_with_files`) rolls back, the files it stored are removed again. Storage cannot take part in a
database transaction, so this is the nearest to "stored only on commit": the row that names the file
and the file itself appear together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

_stored: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("hromada_stored_files", default=None)


def store_file(field_file: FieldFile, name: str, content: File) -> None:
    """Save `content` into the file field (not the row: the caller saves it) and remember it, so that
    a rollback of the enclosing `atomic_with_files()` removes it."""
    field_file.save(name, content, save=False)
    pending = _stored.get()
    if pending is not None:
        pending.append((field_file.storage, field_file.name or ""))


@contextmanager
def atomic_with_files() -> Iterator[None]:
    """`transaction.atomic()` that also removes, on rollback, every file `store_file` saved inside it."""
    outer = _stored.get()
    mine: list[tuple[Storage, str]] = []
    token = _stored.set(mine)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for storage, name in mine:
            if name:
                storage.delete(name)
        raise
    finally:
        _stored.reset(token)
    if outer is not None:
        outer.extend(mine)  # committed only when the outer block commits too
