"""Reading the declarations: which fields a person sees, how a value looks, what is valid.

The table columns, the edit form, the Excel sheets and the import checks all go through
these functions, so a field is declared once and behaves the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

import peewee as pw

from .db import Record
from .fields import CELL_TEXT_LIMIT
from .fields import choice_values
from .fields import flag
from .fields import is_required
from .org import Organisation

_M = TypeVar("_M", bound=pw.Model)


def user_fields(model: type[pw.Model]) -> list[pw.Field]:
    """The fields a person fills, in declaration order (no id, UUID, times or deleted mark)."""
    system = set(getattr(model, "SYSTEM_FIELDS", ("id",)))
    return [f for f in model._meta.sorted_fields if f.name not in system]


def table_fields(model: type[pw.Model]) -> list[pw.Field]:
    """The fields shown as columns in a record list."""
    return [f for f in user_fields(model) if flag(f, "in_table")]


def label_of(model: type[pw.Model]) -> str:
    return getattr(model._meta, "verbose_name", model.__name__)


def track_of(model: type[pw.Model]) -> str | None:
    return getattr(model._meta, "track", None)


def date_field_of(model: type[pw.Model]) -> pw.Field | None:
    """The field that places a record in time (for date-range filters and the calendar)."""
    name = getattr(model._meta, "date_field", None)
    return model._meta.fields[name] if name else None


def org_path(model: type[pw.Model]) -> list[pw.ForeignKeyField]:
    """The chain of references from ``model`` to the organisation it belongs to.

    ``Meeting`` → ``[Meeting.org]``; ``Deed`` → ``[Deed.member, Member.org]``;
    ``HelpVisit`` → ``[HelpVisit.key_person, KeyPerson.org]``. Empty for town-level records.
    """
    if model is Organisation:
        return []
    for name in ("org", "host"):
        field = model._meta.fields.get(name)
        if isinstance(field, pw.ForeignKeyField) and field.rel_model is Organisation:
            return [field]
    for name in ("member", "key_person", "task", "problem", "inspection", "ceremony", "meeting"):
        field = model._meta.fields.get(name)
        if isinstance(field, pw.ForeignKeyField) and not field.null:
            rest = org_path(field.rel_model)
            if rest:
                return [field, *rest]
    return []


def filter_by_org(query: pw.ModelSelect[_M], model: type[pw.Model], org_ids: list[int]) -> pw.ModelSelect[_M]:
    """Narrow a query on ``model`` to records of the given organisations."""
    path = org_path(model)
    if not path:
        if model is Organisation:
            return query.where(model.id.in_(org_ids))
        return query
    current = model
    for field in path[:-1]:
        query = query.switch(current).join(field.rel_model, on=field)
        current = field.rel_model
    return query.where(path[-1].in_(org_ids))


def display(record: pw.Model, field: pw.Field) -> str:
    """How a field's value reads in a table, a form or a sheet."""
    if isinstance(field, pw.ForeignKeyField):
        raw = record.__data__.get(field.name)
        if raw is None:
            return ""
        target = getattr(record, field.name)
        return str(target) if target is not None else ""
    return format_value(field, getattr(record, field.name))


def format_value(field: pw.Field, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(field, pw.BooleanField):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class FieldError:
    field: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"“{self.label}”{self.message}"


def validate_values(model: type[pw.Model], values: dict[str, Any]) -> list[FieldError]:
    """Check values (already converted to Python types) against the declarations.

    Returns one :class:`FieldError` per bad field, with a message in Chinese; empty when
    all is well. Only fields present in ``values`` are checked for type and range; required
    fields are checked whether present or not.
    """
    errors: list[FieldError] = []
    for field in user_fields(model):
        label = field.verbose_name or field.name
        value = values.get(field.name)
        empty = value is None or (isinstance(value, str) and not value.strip())
        if empty:
            if is_required(field):
                errors.append(FieldError(field.name, label, "必须填写"))
            continue
        if field.name not in values:
            continue
        choices = choice_values(field)
        if choices and value not in choices:
            errors.append(
                FieldError(field.name, label, f"只能是以下之一：{'、'.join(choices)}（现为“{value}”）")
            )
            continue
        if isinstance(field, pw.DateField) and not isinstance(value, dt.date):
            errors.append(FieldError(field.name, label, f"不是有效日期（现为“{value}”）"))
            continue
        if isinstance(field, pw.IntegerField | pw.FloatField) and not isinstance(field, pw.ForeignKeyField):
            if isinstance(value, bool) or not isinstance(value, int | float):
                errors.append(FieldError(field.name, label, f"应为数字（现为“{value}”）"))
                continue
            if isinstance(field, pw.IntegerField) and not float(value).is_integer():
                errors.append(FieldError(field.name, label, f"应为整数（现为“{value}”）"))
                continue
            low, high = flag(field, "min_value"), flag(field, "max_value")
            if low is not None and value < low:
                errors.append(FieldError(field.name, label, f"不能小于 {low:g}（现为 {value:g}）"))
            elif high is not None and value > high:
                errors.append(FieldError(field.name, label, f"不能大于 {high:g}（现为 {value:g}）"))
            continue
        pattern = flag(field, "pattern")
        if pattern and isinstance(value, str) and not re.fullmatch(pattern[0], value.strip()):
            errors.append(FieldError(field.name, label, f"应写成“{pattern[1]}”这样（现为“{value}”）"))
            continue
        if isinstance(field, pw.CharField) and isinstance(value, str) and len(value) > field.max_length:
            errors.append(
                FieldError(field.name, label, f"太长：最多 {field.max_length} 个字（现为 {len(value)} 个字）")
            )
        elif isinstance(value, str) and len(value) > CELL_TEXT_LIMIT:
            errors.append(
                FieldError(
                    field.name,
                    label,
                    f"太长：最多 {CELL_TEXT_LIMIT} 个字（一个表格单元格能容纳的字数），现为 {len(value)} 个字",
                )
            )
    errors.extend(_cross_checks(model, values))
    return errors


def _cross_checks(model: type[pw.Model], values: dict[str, Any]) -> list[FieldError]:
    """Checks that involve two fields of the same record (an end before its start…)."""
    pairs = (
        ("start", "end"),
        ("start", "deadline"),
        ("start", "due"),
        ("received", "deadline"),
        ("found", "deadline"),
        ("start", "finished"),
        ("received", "finished"),
    )
    errors = []
    # Meta.exactly_one: references of which one, and only one, must be filled
    # (an attendance belongs to a meeting, a study session or a training).
    one_of = [model._meta.fields[n] for n in getattr(model._meta, "exactly_one", ())]
    if one_of and sum(values.get(f.name) not in (None, "") for f in one_of) != 1:
        others = "".join(f"、“{f.verbose_name}”" for f in one_of[1:])
        errors.append(
            FieldError(one_of[0].name, one_of[0].verbose_name, f"{others}须填写其中一项，且只填一项")
        )
    for first, second in pairs:
        a, b = values.get(first), values.get(second)
        if isinstance(a, dt.date) and isinstance(b, dt.date) and b < a:
            f1, f2 = model._meta.fields.get(first), model._meta.fields.get(second)
            if f1 is None or f2 is None:
                continue
            errors.append(
                FieldError(second, f2.verbose_name, f"不能早于“{f1.verbose_name}”（{a.isoformat()}）")
            )
    return errors


def is_record_type(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, Record) and model is not Record


def natural_key(model: type[pw.Model]) -> tuple[str, ...]:
    """The fields that name one real-world event (Meta.natural_key): a 月调度 by task and month.

    A row that arrives without the program's identity is the same record as one already kept
    when these fields agree; see ``one_per_key`` for whether a second one may ever exist.
    """
    return tuple(getattr(model._meta, "natural_key", ()))


def one_per_key(model: type[pw.Model]) -> bool:
    """Whether two records with the same natural key are always one mistake (Meta.one_per_key).

    True for a 月调度 per task and month or a 民主评议 per member and year; False where two
    real events may share the key (two 办实事 of one kind on one day) and a clerk decides.
    """
    return bool(getattr(model._meta, "one_per_key", False))
