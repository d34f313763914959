"""Branches and 党小组 entered as a list (in the window or from a sheet), with codes proposed.

A new town has 10–30 branches and their 党小组: one list, checked as a whole (names, kinds,
parents, codes unique), then written in one transaction. An organisation already known by
its code is updated instead of added. A code left empty is proposed from the parent's code
and the next free two-digit number (镇党委 LW → LW01, LW02…; 党小组 of LW01 → LW0101…).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from openpyxl.utils import get_column_letter

from app.exchange import normalize as nz
from app.exchange.merge import ImportRefused
from app.exchange.plan import CHANGED
from app.exchange.plan import NEW
from app.exchange.plan import REFUSED
from app.exchange.plan import UNCHANGED
from app.exchange.problems import Problem
from app.exchange.problems import shown
from app.exchange.reader import ExchangeWorkbook
from app.exchange.reader import FileRefused
from app.records import save_record
from app.setup.identity import installation
from models import Organisation
from models import database
from models.org import ORG_KINDS
from models.schema import validate_values

from .branches import name_key
from .headers import ORG_HEADERS
from .headers import find_header_row

COLUMNS = ("name", "short_name", "code", "kind", "parent")
LABELS = {n: Organisation._meta.fields[n].verbose_name for n in (*COLUMNS, "secretary")}
LIST = "党组织列表"  # where the rows come from when typed in the window


@dataclass
class OrgRow:
    """One organisation of the list, what it would do, and what is wrong with it."""

    values: dict[str, str]
    sheet: str = LIST
    row: int = 0
    letters: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    status: str = NEW
    existing: Organisation | None = None
    code_proposed: bool = False


@dataclass
class OrgPlan:
    file: str
    rows: list[OrgRow]

    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]

    def totals(self) -> dict[str, int]:
        return {s: sum(1 for r in self.rows if r.status == s) for s in (NEW, CHANGED, UNCHANGED, REFUSED)}


def guess_kind(name: str) -> str:
    """The kind a name says: ××党小组, ××社区党支部, ××党总支; else a village branch."""
    for word, kind in (
        ("党小组", "党小组"),
        ("社区", "社区党支部"),
        ("党总支", "党总支"),
        ("党委", "镇党委"),
    ):
        if word in name:
            return kind
    return "村党支部"


def propose_codes(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows with every empty 组织代码 filled: the parent's code and the next free two digits."""
    town = Organisation.town()
    taken = {o.code for o in Organisation.select(Organisation.code)} | {
        r["code"] for r in rows if r.get("code")
    }
    codes = {
        k: o.code
        for o in Organisation.live()
        for k in (name_key(o.name), name_key(o.short_name), o.code)
        if k
    }
    out = []
    for given in rows:
        row = dict(given)
        name = row.get("name", "")
        if name and not row.get("code") and codes.get(name_key(name)):
            # already registered (the same list read again): the same organisation, not a new one
            row["code"] = codes[name_key(name)]
        elif name and not row.get("code"):
            kind = row.get("kind") or guess_kind(name)
            parent = row.get("parent") or ""
            base = codes.get(name_key(parent)) or codes.get(parent.upper()) if parent else None
            if base is None and kind != "党小组":
                base = town.code if town is not None else ""
            if base is not None and kind != "镇党委":
                number = 1
                while f"{base}{number:02d}" in taken:
                    number += 1
                row["code"] = f"{base}{number:02d}"
                taken.add(row["code"])
        if name:
            for key in (name_key(name), name_key(row.get("short_name", "")), row.get("code", "")):
                if key and row.get("code"):
                    codes.setdefault(key, row["code"])
        out.append(row)
    return out


def read_org_sheet(path: str | Path, sheet: str | None = None) -> list[OrgRow]:
    """The organisations listed in a workbook (header row found, variants matched)."""
    path = Path(path)
    book = ExchangeWorkbook(path)
    try:
        titles = [sheet] if sheet else book.sheet_titles
        if sheet and sheet not in book.sheet_titles:
            raise FileRefused(f"文件“{path.name}”中没有工作表“{sheet}”")
        found: list[OrgRow] = []
        for title in titles:
            data = book.read_sheet(title)
            header = find_header_row(data, ORG_HEADERS, "name")
            if header is None:
                continue
            letters = {f: get_column_letter(c) for c, f in header.columns.items()}
            for row_index, cells in data.rows:
                if row_index <= header.row:
                    continue
                values = {
                    header.columns[c]: nz.single_line(v)
                    for c, v, _t in cells
                    if c in header.columns and not nz.is_blank(v)
                }
                if values:
                    found.append(OrgRow(values, title, row_index, letters))
    finally:
        book.close()
    if not found:
        raise FileRefused(
            f"文件“{path.name}”中没有找到党组织列表：前十行中应有一行表头，至少含“组织名称”一列"
        )
    return found


def _parent_expected(
    typed: str, known: dict[str, Organisation], seen: dict[str, OrgRow], most: int = 8
) -> str:
    """What an unknown 上级组织 should be, naming the organisations it could be."""
    names = [o.name for o in known.values() if o.kind != "党小组"]
    names += [
        r.values["name"] for r in seen.values() if r.values.get("name") and r.values.get("kind") != "党小组"
    ]
    names = list(dict.fromkeys(names))
    expected = "已登记或列在前面的党组织的名称、简称或代码"
    if not names:
        return expected + "（还没有登记任何党组织：请把镇党委列在第一行）"
    close = difflib.get_close_matches(typed, names, n=1, cutoff=0.5)
    hint = f"，是否为“{close[0]}”" if close else ""
    shown = "、".join(names[:most]) + (f" 等 {len(names)} 个" if len(names) > most else "")
    return f"{expected}{hint}（可填：{shown}）"


def plan_orgs(rows: list[OrgRow], file: str = LIST) -> OrgPlan:
    """Check the list as a whole and say what each row would do (writes nothing)."""
    plan = OrgPlan(file, rows)
    proposed = propose_codes([r.values for r in rows])
    known = {o.code: o for o in Organisation.live()}
    by_name = {k: o.code for o in known.values() for k in (name_key(o.name), name_key(o.short_name)) if k}
    seen: dict[str, OrgRow] = {}
    here = installation()
    for row, values in zip(rows, proposed, strict=True):
        row.code_proposed = bool(values.get("code")) and not row.values.get("code")
        values = {k: v.strip() for k, v in values.items() if isinstance(v, str) and v.strip()}
        values["code"] = nz.compact(values.get("code", "")).upper()
        values.setdefault("kind", guess_kind(values.get("name", "")))
        row.values = values
        if not values.get("name"):
            _problem(plan, row, "name", "", "组织名称（必须填写）")
        if values["kind"] not in ORG_KINDS:
            _problem(plan, row, "kind", values["kind"], "以下之一：" + "、".join(ORG_KINDS))
        if values["code"] and values["code"] in seen:
            _problem(
                plan, row, "code", values["code"], f"与第{seen[values['code']].row}行不同的代码（代码重复）"
            )
        seen[values["code"]] = row
        parent_text = values.get("parent", "")
        parent_code = None
        if parent_text:
            parent_code = by_name.get(name_key(parent_text)) or (
                parent_text.upper() if parent_text.upper() in known or parent_text.upper() in seen else None
            )
            if parent_code is None:
                _problem(plan, row, "parent", parent_text, _parent_expected(parent_text, known, seen))
        elif values["kind"] != "镇党委":
            town = Organisation.town()
            parent_code = town.code if town is not None and values["kind"] != "党小组" else None
            if values["kind"] == "党小组":
                _problem(plan, row, "parent", "", "党小组所在的支部（上级组织必须填写）")
        row.values["parent"] = parent_code or ""
        if not here.is_town and not (values["kind"] == "党小组" and parent_code == here.code):
            # a village's computer keeps its own branch; the town registers the villages
            _problem(
                plan,
                row,
                "name",
                values.get("name", ""),
                f"{here.name}的党小组（村里的电脑只能登记本支部的党小组，其他党组织由镇党委登记）",
            )
        for key in (name_key(values.get("name", "")), name_key(values.get("short_name", ""))):
            if key and values["code"]:
                by_name.setdefault(key, values["code"])
        check = {k: v for k, v in values.items() if k != "parent"}
        told = {p.header for p in row.problems}  # one message per cell: the list's own comes first
        for error in validate_values(Organisation, check):
            if LABELS.get(error.field, error.field) not in told:
                _problem(plan, row, error.field, values.get(error.field, ""), error.message)
        existing = known.get(values["code"])
        if row.problems:
            row.status = REFUSED
        elif existing is None:
            row.status = NEW
        else:
            row.existing = existing
            parent = existing.parent.code if existing.parent_id else ""
            current = {
                **{k: str(getattr(existing, k) or "") for k in COLUMNS if k != "parent"},
                "parent": parent,
            }
            same = all(current.get(k, "") == v for k, v in values.items())
            row.status = UNCHANGED if same else CHANGED
    return plan


def _problem(plan: OrgPlan, row: OrgRow, name: str, value: str, expected: str) -> None:
    letter = row.letters.get(name, "")
    label = LABELS.get(name, name)
    where = row.row or (plan.rows.index(row) + 1)
    row.problems.append(Problem(plan.file, row.sheet, where, letter, label, shown(value), expected))


def apply_orgs(plan: OrgPlan) -> int:
    """Write the list in one transaction (parents first, as listed); refused rows block it all."""
    problems = plan.problems()
    if problems:
        raise ImportRefused("；".join(str(p) for p in problems[:20]))
    written = 0
    with database.atomic():
        for order, row in enumerate(plan.rows, start=1):
            if row.status not in (NEW, CHANGED):
                continue
            values: dict[str, object] = {k: v for k, v in row.values.items() if k != "parent"}
            parent = row.values.get("parent")
            values["parent"] = Organisation.get(Organisation.code == parent).id if parent else None
            if row.existing is None:
                values.setdefault("sort_order", order)
            save_record(Organisation, values, row.existing)
            written += 1
    return written
