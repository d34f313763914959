"""From the cells of one sheet to incoming rows: headers matched by label, values normalised.

Columns may be reordered, extra columns added, blank rows left in; a title row above the
headers is tolerated. Each bad cell becomes a :class:`Problem`; the row is kept so that the
error workbook can show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils import range_boundaries

import models

from . import normalize as nz
from .checksum import CHECKSUM
from .checksum import canonical
from .checksum import row_checksum
from .problems import Problem
from .problems import shown
from .reader import SheetData
from .sheets import KIND_PACKAGE
from .sheets import Column
from .sheets import Layout
from .sheets import content_columns
from .sheets import header_key
from .sheets import layout
from .template import earlier_example_values
from .template import example_values

EXAMPLE_MARK = "示例"

# Names stored cleaned of every space inside, as they are matched (see scope.name_key).
_NAMED = (models.Member, models.KeyPerson, models.Organisation)


@dataclass
class IncomingRow:
    """One data row of a sheet, normalised but not yet checked against the database."""

    model: type[models.Record]
    sheet: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)  # field → value; refs as raw text
    ref_uuids: dict[str, str] = field(default_factory=dict)  # ref field → UUID given
    system: dict[str, Any] = field(default_factory=dict)  # uuid, origin, created_at, …
    letters: dict[str, str] = field(default_factory=dict)  # field → column letter of a filled cell
    header_letters: dict[str, str] = field(default_factory=dict)  # field → its column (shared per sheet)
    problems: list[Problem] = field(default_factory=list)
    example: bool = False
    # a package row whose content no longer matches the fingerprint written with it
    edited_in_sheet: bool = False

    @property
    def uuid(self) -> str | None:
        return self.system.get("uuid") or None


def _text_converter(column: Column) -> Callable[[Any], Any]:
    name = column.name
    if name == "id_number":
        return nz.to_id_number
    if column.sensitive and "phone" in name:
        return nz.to_phone
    if column.choices:
        choices = list(column.choices)
        return lambda v: nz.to_choice(v, choices)
    if name in ("code", "quarter"):
        return lambda v: nz.compact(v).upper()
    if name in ("name", "short_name") and column.field is not None and column.field.model in _NAMED:
        return lambda v: nz.person_name(_plain_number(v))
    return lambda v: nz.single_line(_plain_number(v))


def _plain_number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def converter(column: Column, epoch) -> Callable[[Any], Any]:
    """The function turning a cell of ``column`` into a Python value (raises BadValue)."""
    kind = column.kind
    if kind == "text":
        return _text_converter(column)
    if kind == "longtext":
        return nz.paragraph
    if kind == "date":
        month_only = column.name == "month"
        return lambda v: nz.to_date(v, epoch, month_only=month_only)
    if kind in ("integer", "decimal"):
        whole = kind == "integer"
        return lambda v: nz.to_number(v, whole=whole)
    if kind == "bool":
        return nz.to_bool
    if kind == "ref":
        return lambda v: nz.single_line(_plain_number(v))
    if column.name == "deleted":
        return nz.to_bool
    if column.name in ("created_at", "updated_at"):
        return nz.to_timestamp
    return lambda v: nz.compact(v)


def find_header(data: SheetData, sheet: Layout) -> tuple[int, dict[int, Column]]:
    """The header row (one of the first five) and which column holds which field."""
    known = sheet.by_header()
    best: tuple[int, dict[int, Column]] = (0, {})
    for row_index, cells in data.rows[:5]:
        found = {
            c[0]: known[header_key(c[1])]
            for c in cells
            if isinstance(c[1], str) and header_key(c[1]) in known
        }
        if len(found) > len(best[1]):
            best = (row_index, found)
    return best


def header_score(data: SheetData, model: type[models.Record]) -> int:
    """How many header cells of ``data`` are columns of ``model``'s sheet (to recognise a renamed sheet)."""
    return len(find_header(data, layout(model, KIND_PACKAGE))[1])


# Columns people add that hold no data of ours: a running number.
_TOLERATED_HEADERS = frozenset({"序号", "编号", "行号"})


def _header_problems(
    data: SheetData, header_row: int, columns: dict[int, Column], file_name: str
) -> tuple[list[Problem], dict[int, str]]:
    """Two columns with one header (refused), and the header cells that name no column."""
    problems: list[Problem] = []
    cells = next((c for r, c in data.rows if r == header_row), [])
    by_field: dict[str, list[int]] = {}
    for index, column in columns.items():
        by_field.setdefault(column.name, []).append(index)
    for indices in by_field.values():
        if len(indices) > 1:
            letters = "、".join(get_column_letter(i) for i in indices)
            header = columns[indices[0]].header
            for i in indices:
                problems.append(
                    Problem(
                        file_name,
                        data.title,
                        header_row,
                        get_column_letter(i),
                        header,
                        "",
                        f"{letters}列的表头都是“{header}”，请删除重复的列或改正表头",
                    )
                )
    unknown = {c[0]: "" if nz.is_blank(c[1]) else nz.single_line(c[1]) for c in cells if c[0] not in columns}
    return problems, unknown


def _is_example(cells: list, example: dict[str, str] | None) -> bool:
    """The template's grey example row, recognised by its mark and its values, wherever its columns went."""
    if example is None:
        return False
    marked = any(isinstance(c[1], str) and c[1].strip().startswith(EXAMPLE_MARK) for c in cells)
    if not marked:
        return False
    expected = set(example.values())
    return all(
        canonical(c[1]) in expected or (isinstance(c[1], str) and c[1].strip().startswith(EXAMPLE_MARK))
        for c in cells
    )


def read_rows(
    data: SheetData, model: type[models.Record], file_name: str, epoch, budget: int = 1_000_000
) -> tuple[list[IncomingRow], list[Problem]]:
    """The incoming rows of one sheet and the problems of the sheet as a whole.

    Reading stops once ``budget`` cell problems are found (a sheet of junk is not worth more).
    """
    sheet = layout(model, KIND_PACKAGE)
    header_row, columns = find_header(data, sheet)
    if not columns:
        return [], [
            Problem(file_name, data.title, 1, "", "", "", "找不到表头（第一行应为各列名称，如模板所示）")
        ]
    sheet_problems, unknown = _header_problems(data, header_row, columns, file_name)
    example = _example_texts(model)
    strays: dict[int, int] = {}  # column index without a known header → first row with data there
    merged_rows: dict[int, str] = {}
    for ref in data.merged:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row > header_row:
            for r in range(max(min_row, header_row + 1), max_row + 1):
                merged_rows[r] = ref
    convert = {
        index: (col, converter(col, epoch), get_column_letter(index)) for index, col in columns.items()
    }
    rows: list[IncomingRow] = []
    header_letters = {
        col.field_name: get_column_letter(index) for index, col in columns.items() if col.kind != "ref_uuid"
    }
    blank = nz.is_blank
    positions = {col.name: index for index, col in columns.items()}
    fingerprinted = CHECKSUM in positions
    content = [positions.get(c.name) for c in content_columns(sheet)]
    for row_index, cells in data.rows:
        if row_index <= header_row:
            continue
        if _is_example(cells, example):
            continue
        if budget <= 0:
            break
        for index, value, _dtype in cells:
            if index not in convert and index not in strays and not blank(value):
                strays[index] = row_index
        incoming = IncomingRow(model, data.title, row_index, header_letters=header_letters)
        filled = False
        for index, value, dtype in cells:
            entry = convert.get(index)
            if entry is None or (dtype != "nocache" and blank(value)):
                continue
            filled = True
            column, conv, letter = entry
            incoming.letters[column.field_name] = letter
            problem = (
                _cell_problem(value, dtype) if dtype in ("e", "nocache") or value in nz.ERROR_VALUES else None
            )
            if problem is None:
                if (
                    column.name == "uuid"
                    and isinstance(value, str)
                    and value.strip().startswith(EXAMPLE_MARK)
                ):
                    incoming.example = True
                    continue
                try:
                    value = conv(value)
                except nz.BadValue as bad:
                    problem = bad.expected
            if problem is not None:
                incoming.problems.append(
                    Problem(file_name, data.title, row_index, letter, column.header, shown(value), problem)
                )
            elif column.kind == "ref_uuid":
                incoming.ref_uuids[column.field_name] = value
            elif column.kind == "system":
                incoming.system[column.name] = value
            else:
                incoming.values[column.name] = value
        if not filled:
            continue
        if fingerprinted and incoming.system.get(CHECKSUM):
            by_index = {c[0]: c[1] for c in cells}
            written = row_checksum(by_index.get(i) if i is not None else None for i in content)
            incoming.edited_in_sheet = written != incoming.system[CHECKSUM]
        if row_index in merged_rows:
            incoming.problems.append(
                Problem(
                    file_name,
                    data.title,
                    row_index,
                    "",
                    "",
                    "",
                    f"有合并单元格（{merged_rows[row_index]}），请取消合并，每行填一条记录",
                )
            )
        rows.append(incoming)
        budget -= len(incoming.problems)
    expected = "、".join(c.header for c in sheet.columns if c.kind not in ("system", "ref_uuid"))
    for index, first_row in sorted(strays.items()):
        if nz.compact(unknown.get(index, "")) in _TOLERATED_HEADERS:
            continue
        title = unknown.get(index, "")
        what = f"表头“{title}”不是本表的列名" if title else "这一列没有表头"
        sheet_problems.append(
            Problem(
                file_name,
                data.title,
                header_row,
                get_column_letter(index),
                title,
                "",
                f"{what}，但该列有数据（如第{first_row}行），程序不知道它是哪一项。"
                f"请把表头改回模板中的列名，或删除该列。本表的列名为：{expected}",
            )
        )
    missing = [
        c.header for c in sheet.columns if c.required and c.kind != "ref" and c not in columns.values()
    ]
    if missing:
        sheet_problems.append(
            Problem(file_name, data.title, header_row, "", "", "", "缺少必填列：" + "、".join(missing))
        )
    return rows, sheet_problems


def _example_texts(model: type[models.Record]) -> dict[str, str] | None:
    values = example_values(model)
    if not values:
        return None
    texts = {k: canonical(v) for k, v in values.items()}
    texts.update({f"earlier {i}": canonical(v) for i, v in enumerate(earlier_example_values(model))})
    return texts


def _cell_problem(value: Any, dtype: str) -> str | None:
    if dtype == "nocache":
        return "直接填写的值（这里是公式，且文件保存时没有算出结果）"
    if dtype == "e" or (isinstance(value, str) and value.strip() in nz.ERROR_VALUES):
        return "直接填写的值（这里是出错的公式结果）"
    return None
