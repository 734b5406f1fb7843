"""Inserting many new rows at once: COPY on PostgreSQL, `bulk_create` everywhere else.

`bulk_create` spends most of a large batch in Python, compiling and quoting every value of every row;
COPY hands the rows to the database as they are. Big batches (imports) take the COPY path; small ones
(one registration) keep `bulk_create`, which needs one round trip fewer. Either way every object gets
its primary key and is marked saved, so callers cannot tell the difference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models

#: Below this many rows `bulk_create` is as fast: COPY needs an extra query for the keys.
COPY_THRESHOLD = 50

#: Field types whose Python value is what the database stores.
_AS_IS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}


def _is_ready(field: models.Field) -> Callable[[Any], bool] | None:
    """None if the field's value always goes as it is; else a test of whether this value may, the
    others getting the field's own conversion (naive datetimes, JSON, auto_now…)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda value: False
    kind = field.get_internal_type()
    if kind in _AS_IS:
        return None
    if kind == "DateTimeField":
        return lambda value: value is None or (isinstance(value, dt.datetime) and value.tzinfo is not None)
    if kind == "DateField":
        return lambda value: value is None or type(value) is dt.date
    return lambda value: False


def _check_related(obj: models.Model, relations: list[models.ForeignKey]) -> None:
    """What bulk_create checks: a related object assigned before it was saved lends its key now."""
    for field in relations:
        if not field.is_cached(obj):
            continue
        related = field.get_cached_value(obj)
        if related is None:
            continue
        if related.pk is None:
            raise ValueError(f"bulk_insert() prohibited to prevent data loss due to unsaved {field.name!r}.")
        if getattr(obj, field.attname) in field.empty_values:
            setattr(obj, field.attname, related.pk)


def bulk_insert(objs: Sequence[models.Model], *, using: str = "default") -> None:
    """Insert new objects of one model (no primary keys yet). Signals are not sent (as bulk_create)."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    if connection.vendor != "postgresql" or len(objs) < COPY_THRESHOLD:
        model._default_manager.db_manager(using).bulk_create(objs)
        return
    meta = model._meta
    pk = meta.pk
    assert pk is not None and all(obj.pk is None for obj in objs), "bulk_insert is for new objects"
    fields = [f for f in meta.concrete_fields if f is not pk]
    relations = [f for f in fields if f.is_relation and f.many_to_one]
    for obj in objs:
        _check_related(obj, relations)  # type: ignore[arg-type]
    attnames = [f.attname for f in fields]
    # (position in the row, field, test) of values that may need the field's own conversion
    checked = [(i, f, test) for i, f in enumerate(fields, start=1) if (test := _is_ready(f)) is not None]
    quote = connection.ops.quote_name
    # A concrete field always has a column; the stubs type every field's as optional.
    columns = ", ".join(quote(f.column) for f in (pk, *fields))  # type: ignore[arg-type]
    with connection.wrap_database_errors, connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(objs)],
        )
        for obj, (pk_value,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk_value
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                values = obj.__dict__
                row = [obj.pk, *(values[name] for name in attnames)]
                for position, field, ready in checked:
                    if not ready(row[position]):
                        row[position] = field.get_db_prep_save(field.pre_save(obj, add=True), connection)
                copy.write_row(row)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


def attach_prefetched(instance: models.Model, name: str, objects: Sequence[models.Model]) -> None:
    """Make `instance.<name>.all()` return `objects` without a query, as prefetch_related would have
    (for objects just inserted together, e.g. a new appeal's applicants)."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    instance._prefetched_objects_cache[name] = queryset  # type: ignore[attr-defined]
