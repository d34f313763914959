"""Who may write what: the town (镇党委) or the village (村/社区党支部), declared once.

A record type says whose it is in its ``Meta``: ``written_by = TOWN`` for what the town
makes (inspections and their scores, the scorecard, 回头看 checks, notices, 处置, the key
tasks it issues; they derive from ``models.delivery.TownRecord``, which says it for them),
with ``town_what`` naming it in messages (镇党委的督查结果). Records with no village (the
campaign, the scorecard) are the town's without saying so; every other record is the
village's own. A field may say otherwise for itself with the field
flag ``written_by``: a problem is the town's, but its 整改方案, 整改佐证 and proposed
completion date are the village's to write.

Exports, imports, the edit forms and the record lists read these functions; none of
them keeps a list of its own.
"""

from __future__ import annotations

import peewee as pw

from .fields import flag
from .org import Organisation
from .schema import label_of
from .schema import org_path
from .schema import user_fields

TOWN, VILLAGE = "town", "village"
WRITERS = {TOWN: "镇党委", VILLAGE: "村（社区）"}


def owner(model: type[pw.Model]) -> str:
    """Who writes records of ``model``: TOWN or VILLAGE."""
    declared = getattr(model._meta, "written_by", None)
    if declared:
        return declared
    if model is not Organisation and not org_path(model):
        return TOWN  # the campaign, its phases: records of the whole town
    return VILLAGE


def field_owner(model: type[pw.Model], field: pw.Field) -> str:
    """Who writes ``field`` of ``model`` (the field's own declaration, else the record's)."""
    return flag(field, "written_by") or owner(model)


def village_fields(model: type[pw.Model]) -> list[str]:
    """Names of the fields of ``model`` a village may write (all of them for its own records)."""
    return [f.name for f in user_fields(model) if field_owner(model, f) == VILLAGE]


def town_fields(model: type[pw.Model]) -> list[str]:
    """Names of the fields of ``model`` only the town may write."""
    return [f.name for f in user_fields(model) if field_owner(model, f) == TOWN]


def may_write(model: type[pw.Model], is_town: bool, field: str | None = None) -> bool:
    """Whether an installation (the town's or a village's) may write ``model`` (or one field of it)."""
    if is_town:
        return True
    if field is None:
        return owner(model) == VILLAGE
    f = model._meta.fields.get(field)
    return f is not None and field_owner(model, f) == VILLAGE


def may_create(model: type[pw.Model], is_town: bool) -> bool:
    """Whether an installation may add or delete records of ``model`` (a village: its own only)."""
    return is_town or owner(model) == VILLAGE


def partly_village(model: type[pw.Model]) -> bool:
    """A town's record in which the village writes some fields (a problem's 整改佐证)."""
    return owner(model) == TOWN and bool(village_fields(model))


def town_what(model: type[pw.Model]) -> str:
    """The town's record named for a message: 镇党委的督查结果."""
    return getattr(model._meta, "town_what", None) or f"镇党委的{label_of(model)}"


def refusal(
    model: type[pw.Model], creating: bool, fields: list[str] | None = None, of_town: bool = False
) -> str:
    """Why a village may not write this: 镇党委的督查结果，村里不能修改.

    ``of_town``: a record of the town committee itself (a training it held, its own entry).
    """
    if of_town:
        return f"这是镇党委的{label_of(model)}，村里不能{'新增' if creating else '修改'}"
    if fields:
        labels = "、".join(model._meta.fields[n].verbose_name for n in fields)
        return f"{town_what(model)}中的“{labels}”由镇党委填写，村里不能修改"
    return f"{town_what(model)}，村里不能{'新增' if creating else '修改'}"
