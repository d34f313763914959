"""Field declarations that carry everything the program needs to know about a field.

A record type is declared once, as a peewee model. Each field carries its Chinese label
(``verbose_name``), help text, choices and a few flags of our own; the table columns, the
edit form, the Excel sheet and the import checks are all read from these declarations.

Flags set on a field (read them with :func:`flag`):

``sensitive``  ID-card numbers and phone numbers: never printed, exported only where needed.
``private``    names of vulnerable people (重点人群): never printed on public documents.
``multiline``  long text: a text box in forms, wrapped in sheets.
``in_table``   shown as a column in record lists (default True).
``exchange``   travels in exchange packages (default True).
``min_value`` / ``max_value``  numeric range.
``managed``    set only by a workflow (a problem's 整改状态 moves through the ledger's own
               buttons): shown but not editable in the generic edit form, and a new record
               takes its declared default there.
``in_form``    offered in the generic edit form (default True); False for a value that
               means nothing to a person (a batch identifier).
``pattern``    (regular expression, example) a short text must match, e.g. a quarter 2022Q3.
``written_by`` "town" or "village": who may write this field when it is not the record's
               owner (see models.authority): a problem is the town's, its 整改佐证 the village's.
``id_number``  an 18-digit resident ID number: its check digit and birth date are checked on
               every save, and the record's 出生日期 and 性别 can be read from it.
``during``     where an event's date must lie (app.campaign_time.date_problems reads it):
               ``campaign`` the campaign's months; ``year`` the record's 年度; ``month`` /
               ``month+1`` the record's month (and the month after, for a report on it).
               Dates that naturally lie outside (入党日期, 出生日期, 任职日期, 结对日期)
               carry none; a 政治生日 ceremony may honour an earlier month's members (those
               of January to March are honoured once the campaign has begun).
"""

from __future__ import annotations

from typing import Any
from typing import TypeVar

import peewee as pw

FLAG_DEFAULTS: dict[str, Any] = {
    "sensitive": False,
    "private": False,
    "multiline": False,
    "in_table": True,
    "exchange": True,
    "min_value": None,
    "max_value": None,
    "kind": None,
    "managed": False,
    "in_form": True,
    "pattern": None,
    "id_number": False,
    "during": (),
    "written_by": None,
    "suggestions": (),  # values offered in a list, but any other text may be written
}

# The most characters a spreadsheet cell holds (Excel, WPS): a longer text could not travel
# in an exchange file without being cut, so no text field takes more.
CELL_TEXT_LIMIT = 32767

# A quarter as the rankings and notices read it: the year, Q, the quarter's number.
QUARTER = (r"\d{4}Q[1-4]", "2022Q3")


def flag(field: pw.Field, name: str) -> Any:
    """The value of one of our flags on a field (its default when the field does not set it)."""
    return getattr(field, "_wz_" + name, FLAG_DEFAULTS[name])


_F = TypeVar("_F", bound=pw.Field)


def _mark(field: _F, *, required: bool, **flags: Any) -> _F:
    # ``required`` is our own attribute on peewee's field (read by is_required).
    field.required = required  # type: ignore[attr-defined]
    for key, value in flags.items():
        if key not in FLAG_DEFAULTS:
            raise TypeError(f"unknown field flag {key!r}")
        setattr(field, "_wz_" + key, value)
    return field


def _choices(values: tuple[str, ...] | list[str] | None):
    return [(v, v) for v in values] if values else None


def Text(
    label: str,
    *,
    required: bool = False,
    choices: tuple[str, ...] | list[str] | None = None,
    help: str = "",
    max_length: int = 200,
    default: str | None = None,
    unique: bool = False,
    index: bool = False,
    **flags: Any,
) -> pw.CharField:
    """A short text (a name, a title, one of a list of choices)."""
    if default is None:
        default = "" if not required else None
    field = pw.CharField(
        max_length=max_length,
        null=False,
        default=default,
        verbose_name=label,
        help_text=help,
        choices=_choices(choices),
        unique=unique,
        index=index,
    )
    return _mark(field, required=required, kind="text", **flags)


def Quarter(
    label: str = "季度", *, required: bool = False, help: str = "如 2022Q2", **flags: Any
) -> pw.CharField:
    """A quarter written as the rankings and notices read it (2022Q3)."""
    return Text(label, required=required, max_length=6, help=help, pattern=QUARTER, **flags)


def LongText(label: str, *, required: bool = False, help: str = "", **flags: Any) -> pw.TextField:
    """A paragraph of text (content, minutes, a plan)."""
    field = pw.TextField(null=False, default="", verbose_name=label, help_text=help)
    flags.setdefault("multiline", True)
    flags.setdefault("in_table", False)
    return _mark(field, required=required, kind="longtext", **flags)


def Date(
    label: str, *, required: bool = False, help: str = "", index: bool = True, **flags: Any
) -> pw.DateField:
    """A calendar date."""
    # peewee's stubs accept only a literal True or False for ``null`` (so here and below).
    field = pw.DateField(null=not required, verbose_name=label, help_text=help, index=index)  # type: ignore[call-overload]
    return _mark(field, required=required, kind="date", **flags)


def Integer(
    label: str,
    *,
    required: bool = False,
    default: int | None = 0,
    min_value: int | None = 0,
    max_value: int | None = None,
    help: str = "",
    **flags: Any,
) -> pw.IntegerField:
    """A whole number, with its allowed range."""
    field = pw.IntegerField(null=default is None, default=default, verbose_name=label, help_text=help)  # type: ignore[call-overload]
    return _mark(field, required=required, kind="integer", min_value=min_value, max_value=max_value, **flags)


def Year(label: str = "年度", **flags: Any) -> pw.IntegerField:
    """A year (2000–2100) that must be filled; 2022 in a new record."""
    return Integer(label, required=True, default=2022, min_value=2000, max_value=2100, **flags)


def Decimal(
    label: str,
    *,
    required: bool = False,
    default: float | None = 0.0,
    min_value: float | None = 0.0,
    max_value: float | None = None,
    help: str = "",
    **flags: Any,
) -> pw.FloatField:
    """A number with decimals (hours, points, money in 万元)."""
    field = pw.FloatField(null=default is None, default=default, verbose_name=label, help_text=help)  # type: ignore[call-overload]
    return _mark(field, required=required, kind="decimal", min_value=min_value, max_value=max_value, **flags)


def YesNo(label: str, *, default: bool = False, help: str = "", **flags: Any) -> pw.BooleanField:
    """是 / 否."""
    field = pw.BooleanField(default=default, verbose_name=label, help_text=help)
    return _mark(field, required=False, kind="bool", **flags)


def Ref(
    model: Any,
    label: str,
    *,
    required: bool = False,
    help: str = "",
    backref: str = "+",
    on_delete: str = "RESTRICT",
    **flags: Any,
) -> pw.ForeignKeyField:
    """A reference to another record (an organisation, a member, a meeting…)."""
    field = pw.ForeignKeyField(
        model,
        null=not required,
        backref=backref,
        on_delete=on_delete,
        verbose_name=label,
        help_text=help,
        lazy_load=True,
    )
    return _mark(field, required=required, kind="ref", **flags)


def is_required(field: pw.Field) -> bool:
    """Whether a person must fill this field."""
    return bool(getattr(field, "required", False))


def choice_values(field: pw.Field) -> list[str]:
    """The allowed values of a choice field, in their declared order (empty when free)."""
    return [value for value, _label in (field.choices or [])]


_INHERITED: Any = object()  # an option not given: the base class's value (or none) holds


def About(
    label: str,
    *,
    key: tuple[str, ...] = (),
    one_per_key: bool = False,
    key_index: str | None = None,
    dated: str | None = None,
    town: str | None = None,
    track: str | None = _INHERITED,
    attendance: bool = False,
    sort_by: str | None = None,
    exactly_one: tuple[str, ...] = (),
    constraints: list[Any] | None = None,
    table_name: str | None = None,
) -> Any:  # a class peewee reads as it builds the model (typed Any: it stands where `class Meta` would)
    """A record type's ``Meta`` in one call whose options are checked (a misspelt one is an error).

    ``label`` the Chinese name people see (``verbose_name``); ``key`` the fields that name one
    real-world event (``natural_key``, see models.schema.natural_key), ``one_per_key`` whether a
    second record with the same key is always a mistake, ``key_index`` ``"plain"`` or
    ``"unique"`` for an index on the key; ``dated`` the field that places a record in time
    (``date_field``); ``town`` how messages name the town's records of this type
    (``town_what``); ``track`` the action track (``None``: no track; not given: the base
    class's); ``attendance`` whether 出勤 is recorded for it; ``sort_by`` the field a list is
    sorted by; ``exactly_one`` references of which exactly one is set; ``constraints`` and
    ``table_name`` go to peewee as they are. Options not given are not set, so a base class's
    value holds (``one_per_key`` of the scorecard's parts).
    """
    options: dict[str, Any] = {"verbose_name": label}
    if key:
        options["natural_key"] = key
    if one_per_key:
        options["one_per_key"] = True
    if key_index is not None:
        if key_index not in ("plain", "unique") or not key:
            raise ValueError(f"key_index {key_index!r}: 'plain' or 'unique', with a key")
        options["indexes"] = ((key, key_index == "unique"),)
    named = {
        "date_field": dated,
        "town_what": town,
        "sort_by": sort_by,
        "constraints": constraints,
        "table_name": table_name,
    }
    options.update((name, value) for name, value in named.items() if value is not None)
    if track is not _INHERITED:
        options["track"] = track
    if attendance:
        options["attendance"] = True
    if exactly_one:
        options["exactly_one"] = exactly_one
    return type("Meta", (), options)
