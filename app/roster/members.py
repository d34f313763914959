"""Reading a 花名册 workbook and saying what importing it would do, member by member.

The plan is the preview and also what :func:`apply_roster` writes, so the preview is
exactly what happens: 新增, 修改 (with who moved branch) or 无变化 per member, and every bad
cell located by sheet, row and column. A member already known is found by ID number (or, for
a row without one, by branch and name), so importing the same roster twice adds nobody.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from app.exchange import normalize as nz
from app.exchange.idcard import birth_date_of
from app.exchange.idcard import gender_of
from app.exchange.plan import CHANGED
from app.exchange.plan import NEW
from app.exchange.plan import REFUSED
from app.exchange.plan import UNCHANGED
from app.exchange.preview import file_sha256
from app.exchange.problems import Problem
from app.exchange.problems import shown
from app.exchange.reader import ExchangeWorkbook
from app.exchange.reader import FileRefused
from app.exchange.reader import SheetData
from models import Member
from models import Organisation
from models.schema import validate_values

from .branches import BranchIndex
from .headers import MEMBER_HEADERS
from .headers import HeaderRow
from .headers import find_header_row
from .values import converters

ROSTER_STATUSES = (NEW, CHANGED, UNCHANGED, REFUSED)
LABELS = {name: Member._meta.fields[name].verbose_name for name in MEMBER_HEADERS}


@dataclass
class RosterRow:
    """One member's row of the roster and what importing it would do."""

    sheet: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    letters: dict[str, str] = field(default_factory=dict)  # field → column letter
    problems: list[Problem] = field(default_factory=list)
    status: str = NEW
    member_id: int | None = None
    changed: list[str] = field(default_factory=list)
    moved_from: str = ""  # the branch a known member leaves
    moved_to: str = ""
    name: str = ""  # kept apart: ``values`` ends up holding only what changes


@dataclass
class RosterPlan:
    """Everything importing the roster would do, and everything wrong with it."""

    path: Path
    file_hash: str
    rows: list[RosterRow] = field(default_factory=list)
    sheet_problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)  # as written, each once

    def totals(self) -> dict[str, int]:
        counted = Counter(r.status for r in self.rows)
        return {s: counted.get(s, 0) for s in ROSTER_STATUSES}

    def counts(self) -> dict[str, dict[str, int]]:
        """{sheet: {status: members}} as the import log keeps it."""
        table: dict[str, Counter] = {}
        for r in self.rows:
            table.setdefault(r.sheet, Counter())[r.status] += 1
        return {sheet: {s: c.get(s, 0) for s in ROSTER_STATUSES} for sheet, c in table.items()}

    def problems(self) -> list[Problem]:
        return [*self.sheet_problems, *(p for r in self.rows for p in r.problems)]

    def moves(self) -> list[str]:
        """Who moved branch: “张明：东沟村党支部 → 西坪村党支部”."""
        return [f"{r.name}：{r.moved_from} → {r.moved_to}" for r in self.rows if r.moved_from]


def plan_roster(path: str | Path, *, sheet: str | None = None, default_org: str | None = None) -> RosterPlan:
    """Read and check the roster at ``path`` against the open database (writes nothing).

    ``sheet`` reads only that sheet; ``default_org`` (a branch's code or name) is the branch
    of rows that name none, for a per-branch roster without a 所在党支部 column.
    Raises :class:`FileRefused` when the file, or every sheet of it, cannot be a roster.
    """
    path = Path(path)
    book = ExchangeWorkbook(path)
    plan = RosterPlan(path, file_sha256(path))
    branches = BranchIndex()
    fallback = branches.branch(default_org) if default_org else None
    if default_org and fallback is None:
        raise FileRefused(f"没有名称、简称或代码为“{default_org}”的党支部（见“基础信息 → 党组织”）")
    try:
        titles = book.sheet_titles
        if sheet is not None:
            if sheet not in titles:
                raise FileRefused(f"文件“{path.name}”中没有工作表“{sheet}”（有：{'、'.join(titles)}）")
            titles = [sheet]
        sheets = [book.read_sheet(title) for title in titles]
    finally:
        book.close()
    reader = _SheetReader(plan, branches, fallback, converters(book.epoch))
    found_any = False
    for data in sheets:
        header = find_header_row(data, MEMBER_HEADERS, "name")
        if header is None:
            if data.rows:
                plan.notes.append(f"工作表“{data.title}”中没有找到花名册的表头（应有“姓名”一列），已跳过")
            continue
        found_any = True
        reader.read(data, header)
    if not found_any:
        raise FileRefused(
            f"文件“{path.name}”中没有找到花名册：前十行中应有一行表头，至少含“姓名”一列"
            "（还可有性别、身份证号、所在党支部、入党日期等）。"
        )
    _Matcher(plan).run()
    return plan


class _SheetReader:
    """Turns the rows under one sheet's header into member values, with their problems."""

    def __init__(self, plan: RosterPlan, branches: BranchIndex, fallback: Organisation | None, convert):
        self.plan, self.branches, self.fallback, self.convert = plan, branches, fallback, convert

    def read(self, data: SheetData, header: HeaderRow) -> None:
        file = self.plan.path.name
        for text in header.unknown.values():
            if text not in self.plan.unknown_headers:
                self.plan.unknown_headers.append(text)
        letters = {f: get_column_letter(c) for c, f in header.columns.items()}
        sheet_branch = None
        if "org" not in letters:
            titles = [str(v) for _r, cells in data.rows if _r < header.row for _c, v, _t in cells if v]
            sheet_branch = (
                self.branches.branch(data.title)
                or next((b for t in titles if (b := self.branches.branch_in(t))), None)
                or self.branches.branch_in(data.title)
                or self.fallback
            )
            if sheet_branch is None:
                self.plan.sheet_problems.append(
                    Problem(
                        file,
                        data.title,
                        header.row,
                        "",
                        "",
                        "",
                        "没有“所在党支部”列，也无法从工作表名称或标题看出是哪个支部"
                        "（请加一列“所在党支部”，或在导入时指定支部）",
                    )
                )
                return
        for row_index, cells in data.rows:
            if row_index <= header.row:
                continue
            row = RosterRow(data.title, row_index, letters=dict(letters))
            for column, value, dtype in cells:
                name = header.columns.get(column)
                if name is None or nz.is_blank(value):
                    continue
                try:
                    if dtype == "e" or value in nz.ERROR_VALUES:
                        raise nz.BadValue("直接填写的值（这里是出错的公式结果）")
                    row.values[name] = self.convert[name](value)
                except nz.BadValue as bad:
                    row.problems.append(
                        Problem(
                            file,
                            data.title,
                            row_index,
                            letters[name],
                            LABELS[name],
                            shown(value),
                            bad.expected,
                        )
                    )
                    row.values[name] = None
            if not any(v not in (None, "") for v in row.values.values()) and not row.problems:
                continue  # a blank row, or one of 序号 only
            if "name" not in row.values:
                if set(row.values) <= {"org", "group", "note"}:
                    continue  # a sub-heading row (一、东沟村党支部) or a total line
                self._problem(row, "name", "", "姓名（必须填写）")
            row.name = str(row.values.get("name") or "")
            self._resolve_branch(row, sheet_branch)
            self.plan.rows.append(row)

    def _resolve_branch(self, row: RosterRow, sheet_branch: Organisation | None) -> None:
        text = row.values.get("org")
        branch = sheet_branch
        if text:
            branch = self.branches.branch(text)
            if branch is None:
                self._problem(row, "org", text, "已登记的党支部的名称或简称（见“基础信息 → 党组织”）")
        elif branch is None and "org" in row.letters:
            branch = self.fallback
            if branch is None:
                self._problem(row, "org", "", "所在党支部（必须填写）")
        row.values["org"] = branch
        group = row.values.get("group")
        if group and branch is not None:
            found = self.branches.group(branch, group)
            if found is None:
                known = "、".join(self.branches.group_names(branch)) or "还没有登记党小组"
                self._problem(row, "group", group, f"{branch.name}的党小组（{known}）")
            row.values["group"] = found

    def _problem(self, row: RosterRow, name: str, value: Any, expected: str) -> None:
        row.problems.append(
            Problem(
                self.plan.path.name,
                row.sheet,
                row.row,
                row.letters.get(name, ""),
                LABELS[name],
                shown(value),
                expected,
            )
        )


class _Matcher:
    """Finds each row's member (by ID number, else by branch and name) and what would change."""

    def __init__(self, plan: RosterPlan):
        self.plan = plan
        members = list(Member.live())
        self.by_id = {m.id_number: m for m in members if m.id_number}
        self.by_name: dict[tuple[int, str], list[Member]] = {}
        for m in members:
            self.by_name.setdefault((m.org_id, m.name), []).append(m)
        self.orgs = {o.id: o for o in Organisation.select()}

    def run(self) -> None:
        seen_ids: dict[str, RosterRow] = {}
        seen_names: dict[tuple[int, str], RosterRow] = {}
        for row in self.plan.rows:
            number, branch = row.values.get("id_number"), row.values.get("org")
            if number and number in seen_ids:
                first = seen_ids[number]
                self._row_problem(
                    row,
                    f"身份证号与工作表“{first.sheet}”第{first.row}行相同（同一人填了两次？）",
                    "id_number",
                )
            elif number:
                seen_ids[number] = row
            if branch is not None and row.name and not number:
                key = (branch.id, row.name)
                if key in seen_names:
                    first = seen_names[key]
                    self._row_problem(
                        row, f"与工作表“{first.sheet}”第{first.row}行同支部同名且都没有身份证号，无法区分"
                    )
                seen_names.setdefault(key, row)
            if not row.problems:
                self._classify(row)
            if row.problems:
                row.status = REFUSED

    def _find(self, row: RosterRow) -> Member | None:
        number, branch = row.values.get("id_number"), row.values.get("org")
        if number and number in self.by_id:
            return self.by_id[number]
        if branch is None:
            return None
        same_name = self.by_name.get((branch.id, row.name), [])
        if number:
            # a member entered by hand without an ID number gets it from the roster
            same_name = [m for m in same_name if not m.id_number]
        return same_name[0] if len(same_name) == 1 else None

    def _classify(self, row: RosterRow) -> None:
        values = self._completed(row)
        member = self._find(row)
        current = {} if member is None else {n: member.__data__.get(n) for n in MEMBER_HEADERS}
        incoming = {n: (v.id if isinstance(v, Organisation) else v) for n, v in values.items()}
        if member is not None and incoming.get("org") != current["org"] and "group" not in incoming:
            incoming["group"] = None  # a 党小组 belongs to the branch the member leaves
        if member is None:
            for name in ("status", "post_status"):
                incoming.setdefault(name, Member._meta.fields[name].default)
        for error in validate_values(Member, {**current, **incoming}):
            self._problem(row, error.field, incoming.get(error.field), error.message)
        if row.problems:
            return
        if member is None:
            row.status, row.values = NEW, incoming
            return
        row.member_id = member.id
        row.changed = [n for n, v in incoming.items() if v != current.get(n)]
        row.values = {n: incoming[n] for n in row.changed}
        row.status = CHANGED if row.changed else UNCHANGED
        if "org" in row.changed:
            row.moved_from = self.orgs[current["org"]].name
            row.moved_to = self.orgs[incoming["org"]].name

    def _completed(self, row: RosterRow) -> dict[str, Any]:
        """The row's values with what a roster leaves to be understood: blanks dropped, dates whole."""
        values = {n: v for n, v in row.values.items() if v not in (None, "")}
        for name in ("birth_date", "join_date", "full_date"):
            if isinstance(values.get(name), tuple):
                values[name] = values[name][0]
        number = values.get("id_number")
        if number:
            born = birth_date_of(number)
            given = row.values.get("birth_date")
            if given is None or (isinstance(given, tuple) and given[1] and given[0] == born.replace(day=1)):
                values["birth_date"] = born  # 出生年月 1990.05 and the ID's 1990-05-17 agree
            values.setdefault("gender", gender_of(number))
        if values.get("post_title") and "post_status" not in values:
            values["post_status"] = "有职"
        if values.get("full_date") and "status" not in values:
            values["status"] = "正式党员"
        return values

    def _problem(self, row: RosterRow, name: str, value: Any, expected: str) -> None:
        label = Member._meta.fields[name].verbose_name if name in Member._meta.fields else ""
        letter = row.letters.get(name, "")
        if not letter:  # a required column the roster does not have: the row, not a cell
            expected, label = f"“{label}”{expected}", ""
        row.problems.append(
            Problem(self.plan.path.name, row.sheet, row.row, letter, label, shown(value), expected)
        )

    def _row_problem(self, row: RosterRow, why: str, name: str = "") -> None:
        letter = row.letters.get(name, "") if name else ""
        row.problems.append(
            Problem(self.plan.path.name, row.sheet, row.row, letter, LABELS.get(name, ""), "", why)
        )
