"""store_file + atomic_with_files: a stored file follows the transaction of the row that names it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile, FileField

from hromada.core.files import atomic_with_files, store_file


class Boom(Exception):
    pass


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path / "store")


def _field_file(storage: FileSystemStorage) -> FieldFile:
    """A FieldFile on a throw-away file field: no model or table needed."""
    field = FileField(storage=storage)
    field.name = field.attname = "file"
    return FieldFile(cast(Any, SimpleNamespace(file=None)), field, None)  # stands for the model instance


def _stored(storage: FileSystemStorage) -> list[str]:
    root = Path(storage.base_location)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _store(storage: FileSystemStorage, name: str) -> FieldFile:
    field_file = _field_file(storage)
    store_file(field_file, name, ContentFile(b"content"))
    return field_file


def test_file_is_kept_when_the_block_commits(db, storage):
    with atomic_with_files():
        kept = _store(storage, "kept.txt")
    assert _stored(storage) == ["kept.txt"] and storage.exists(kept.name)


def test_every_file_of_the_block_is_removed_when_it_rolls_back(db, storage):
    with pytest.raises(Boom), atomic_with_files():
        _store(storage, "one.txt")
        _store(storage, "two.txt")
        assert _stored(storage) == ["one.txt", "two.txt"]
        raise Boom
    assert _stored(storage) == []


def test_inner_block_rolled_back_alone_removes_only_its_own_files(db, storage):
    with atomic_with_files():
        _store(storage, "outer.txt")
        with pytest.raises(Boom), atomic_with_files():
            _store(storage, "inner.txt")
            raise Boom
    assert _stored(storage) == ["outer.txt"]


def test_committed_inner_block_is_removed_when_the_outer_block_rolls_back(db, storage):
    with pytest.raises(Boom), atomic_with_files():
        with atomic_with_files():
            _store(storage, "inner.txt")
        assert _stored(storage) == ["inner.txt"]
        raise Boom
    assert _stored(storage) == []


def test_file_stored_outside_any_block_is_not_tracked(db, storage):
    _store(storage, "loose.txt")
    with pytest.raises(Boom), atomic_with_files():
        raise Boom
    assert _stored(storage) == ["loose.txt"]
