"""The layout of every exchange sheet, read from the model declarations.

One sheet per record type, named by its Chinese label; one column per field, headed by the
field's label. A reference is written as the referred record's name (what a clerk can type)
and, in packages, also as its UUID in a "…标识" column (what the program trusts). Nothing
here re-declares a label: change a model and the workbooks follow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from functools import cache

import peewee as pw

import models
from models.authority import VILLAGE
from models.authority import owner
from models.fields import choice_values
from models.fields import flag
from models.fields import is_required
from models.schema import label_of
from models.schema import org_path
from models.schema import user_fields

from .checksum import CHECKSUM
from .checksum import CHECKSUM_HEADER
from .normalize import compact

FORMAT_VERSION = 1
META_SHEET = "文件信息"
LISTS_SHEET = "下拉选项"
GUIDE_SHEET = "填表说明"
RETURNED_SHEET = "退回修改"  # a pre-filled template's list of what the town sent back (read only)
KIND_TEMPLATE, KIND_PACKAGE = "template", "package"

# Records a clerk can name in a cell instead of giving a UUID: a member or key person by name,
# a meeting by its date and kind (2022-05-03 支部党员大会), a 政治生日 ceremony by its date. So a
# hand-filling village reports 帮扶走访, attendance per meeting and who had a 政治生日 as a
# village with the program does: whatever a scorecard item counts can arrive by template.
NAMEABLE = (
    models.Organisation,
    models.Member,
    models.KeyTask,
    models.KeyPerson,
    models.Meeting,
    models.BirthdayCeremony,
)


def record_label(model: type[models.Record], values: dict) -> str:
    """How a hand-filled cell names a record of a NAMEABLE type without its own name field."""
    day = values.get("date")
    day_text = day.isoformat() if isinstance(day, dt.date) else str(day or "")
    if model is models.Meeting:
        return f"{day_text} {values.get('kind') or ''}".strip()
    if model is models.BirthdayCeremony:
        return day_text
    return ""


# (name, header) of the system columns that end every package sheet.
SYSTEM_COLUMNS = (
    ("uuid", "记录标识"),
    ("origin", "录入单位代码"),
    ("created_at", "创建时间"),
    ("updated_at", "修改时间"),
    ("deleted", "已删除"),
)


@dataclass(frozen=True)
class Column:
    """One column of a sheet: what it holds and how it is headed."""

    name: str  # field name; for a reference's UUID column: "<field>__uuid"
    header: str
    kind: str  # text, longtext, date, integer, decimal, bool, ref, ref_uuid, system
    field: pw.Field | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    sensitive: bool = False

    @property
    def field_name(self) -> str:
        return self.name.removesuffix("__uuid")


@dataclass
class Layout:
    """The columns of one record type's sheet."""

    model: type[models.Record]
    title: str
    columns: list[Column] = field(default_factory=list)

    def by_header(self) -> dict[str, Column]:
        return {header_key(c.header): c for c in self.columns}


def header_key(text: object) -> str:
    """Headers match when they differ only in spaces, full-width letters or a required mark."""
    return compact(text or "").rstrip("*＊").replace("（", "(").replace("）", ")")


def scoping_field(model: type[pw.Model]) -> pw.ForeignKeyField | None:
    """The field that names the village directly (implicit in a village's template)."""
    path = org_path(model)
    if len(path) == 1 and path[0].rel_model is models.Organisation:
        return path[0]
    return None


def _value_column(f: pw.Field) -> Column:
    kind = flag(f, "kind") or "text"
    return Column(
        f.name,
        f.verbose_name,
        kind,
        f,
        required=is_required(f),
        choices=tuple(choice_values(f)),
        sensitive=bool(flag(f, "sensitive")),
    )


@cache
def layout(model: type[models.Record], kind: str) -> Layout:
    """The sheet of ``model`` in a template (hand-filled) or a package (program-written)."""
    sheet = Layout(model, label_of(model))
    scope = scoping_field(model)
    for f in user_fields(model):
        if not flag(f, "exchange"):
            continue
        if isinstance(f, pw.ForeignKeyField):
            if kind == KIND_TEMPLATE and scope is not None and f.name == scope.name:
                continue  # the template's village
            if kind == KIND_TEMPLATE and f.rel_model not in NAMEABLE:
                continue
            sheet.columns.append(Column(f.name, f.verbose_name, "ref", f, required=is_required(f)))
            if kind == KIND_PACKAGE:
                sheet.columns.append(Column(f.name + "__uuid", f.verbose_name + "标识", "ref_uuid", f))
        else:
            sheet.columns.append(_value_column(f))
    for name, header in SYSTEM_COLUMNS:
        if kind == KIND_PACKAGE or name == "uuid":
            sheet.columns.append(Column(name, header, "system", model._meta.fields[name]))
    if kind == KIND_PACKAGE:
        sheet.columns.append(Column(CHECKSUM, CHECKSUM_HEADER, "system"))
    return sheet


def content_columns(sheet: Layout) -> list[Column]:
    """The columns a person may edit (what the row's fingerprint covers)."""
    return [c for c in sheet.columns if c.kind != "system"]


def template_models() -> list[type[models.Record]]:
    """Record types a village fills by hand: its own records whose references it can name."""
    chosen = []
    for model in models.EXCHANGE_TYPES:
        if not org_path(model) or owner(model) != VILLAGE:
            continue  # what the town writes is never hand-filled by a village (models.authority)
        refs = [f for f in user_fields(model) if isinstance(f, pw.ForeignKeyField) and not f.null]
        if all(f.rel_model in NAMEABLE for f in refs):
            chosen.append(model)
    return chosen


def package_models() -> list[type[models.Record]]:
    """Every record type that travels in packages, parents before children."""
    return list(models.EXCHANGE_TYPES)


@cache
def is_town_level(model: type[pw.Model]) -> bool:
    """Records of the whole town (the campaign, scorecards, notices), not of one village."""
    return model is not models.Organisation and not org_path(model)


def model_for_sheet(title: str) -> type[models.Record] | None:
    key = header_key(title)
    for model in models.EXCHANGE_TYPES:
        if header_key(label_of(model)) == key:
            return model
    return None
