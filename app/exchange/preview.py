"""What an import would do: the per-row verdicts and the per-sheet counts shown as a preview."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from .cells import IncomingRow
from .meta import FileInfo
from .problems import Problem

NEW, CHANGED, UNCHANGED, CONFLICT, REFUSED = "新增", "修改", "无变化", "冲突", "拒绝"
STATUSES = (NEW, CHANGED, UNCHANGED, CONFLICT, REFUSED)


@dataclass
class PlannedRow:
    """One incoming row and what importing it would do."""

    incoming: IncomingRow
    status: str = NEW
    uuid: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # refs as target UUIDs
    existing: dict[str, Any] | None = None
    changed_fields: list[str] = field(default_factory=list)
    note: str = ""
    by_content: bool = False  # a hand-filled row known by what it says (no UUID, no name key)
    # A row without identity that has the natural key of a stored record: shown as a
    # modification of it; ``as_new`` (when not None) is what it would be as a record of its own,
    # for a clerk who says it is a second, real event.
    duplicate_of: str = ""
    content_uuid: str = ""
    as_new: dict[str, Any] | None = None
    resubmitted: bool = False  # a record the town sent back (退回), corrected and sent again


@dataclass
class ImportPlan:
    """Everything an import would do, and everything wrong with the file."""

    path: Path
    info: FileInfo
    file_hash: str
    rows: list[PlannedRow] = field(default_factory=list)
    sheet_problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The rows as read from the file, and what reading alone found on each (problems,
    # edited in the sheet): enough to compare the same file with the database again
    # when it is written, without parsing it a second time.
    incoming: dict[type, list[IncomingRow]] = field(default_factory=dict, repr=False)
    read_state: dict[int, tuple[int, bool]] = field(default_factory=dict, repr=False)

    def counts(self) -> dict[str, dict[str, int]]:
        """{sheet: {status: number of rows}} in the order the sheets are merged."""
        table: dict[str, Counter] = {}
        for row in self.rows:
            table.setdefault(row.incoming.sheet, Counter())[row.status] += 1
        return {sheet: {s: counter.get(s, 0) for s in STATUSES} for sheet, counter in table.items()}

    def totals(self) -> dict[str, int]:
        return {s: sum(1 for r in self.rows if r.status == s) for s in STATUSES}

    def nothing_to_import(self) -> str | None:
        """Why importing this file would change nothing (a template sent back unfilled), or None."""
        if self.sheet_problems or any(r.status != UNCHANGED for r in self.rows):
            return None
        if not self.rows:
            return "文件中没有填写任何记录（各工作表只有表头和示例行），没有可导入的内容。"
        return f"文件中的 {len(self.rows)} 条记录与本机的完全相同，没有新增或修改的内容。"

    def problems(self) -> list[Problem]:
        found = list(self.sheet_problems)
        for row in self.rows:
            found.extend(row.incoming.problems)
        return found

    def conflicts(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.status == CONFLICT]

    def resubmissions(self) -> list[PlannedRow]:
        """Rows of records the town sent back that come again corrected (再次报送)."""
        return [r for r in self.rows if r.resubmitted and r.status != REFUSED]

    def likely_duplicates(self) -> list[PlannedRow]:
        """Rows taken as changes of a stored record they may only resemble (the clerk may say no)."""
        return [r for r in self.rows if r.as_new is not None and r.status in (CHANGED, CONFLICT)]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
