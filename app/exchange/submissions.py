"""Who has reported (报送情况): the files each village sent in a period, gaps, and who is missing.

Read from the import log: every import of a village's file leaves a line with its package
number (a village numbers its packages 1, 2, 3…), its outcome and its rows per sheet. A
village with no file taken in the period is on the 催报 list; a number never received is a gap
(缺第 3 号交换包); a package older than one already taken, or taken before, is said so.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from dataclasses import field

from models import ImportLog
from models import Organisation

from .merge import IMPORTED
from .merge import PARTIAL
from .merge import REFUSED_OUTCOME

TAKEN = (IMPORTED, PARTIAL)


@dataclass(frozen=True)
class Received:
    """One file a village sent, as the import log keeps it."""

    time: dt.datetime
    file_name: str
    package_no: int | None  # None: a hand-filled template
    outcome: str
    new: int
    changed: int
    refused: int
    again: str = ""  # 重复送达 / 旧的交换包: said when an old package arrives again

    @property
    def what(self) -> str:
        return f"第{self.package_no}号交换包" if self.package_no else "填报模板"

    def as_dict(self) -> dict:
        return {
            "time": self.time.isoformat(sep=" ", timespec="seconds"),
            "file": self.file_name,
            "package_no": self.package_no,
            "outcome": self.outcome,
            "new": self.new,
            "changed": self.changed,
            "refused": self.refused,
            "again": self.again,
        }


@dataclass
class VillageReport:
    """One village's reporting in a period."""

    code: str
    name: str
    files: list[Received] = field(default_factory=list)
    last_exchange: dt.datetime | None = None
    missing_numbers: list[int] = field(default_factory=list)

    @property
    def reported(self) -> bool:
        return any(f.outcome in TAKEN for f in self.files)

    @property
    def gaps(self) -> str:
        """缺第3号交换包 (or several numbers), empty when none is missing."""
        if not self.missing_numbers:
            return ""
        return "缺第" + "、".join(str(n) for n in self.missing_numbers) + "号交换包"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "reported": self.reported,
            "files": [f.as_dict() for f in self.files],
            "last_exchange": self.last_exchange.isoformat(sep=" ", timespec="seconds")
            if self.last_exchange
            else None,
            "missing_packages": self.missing_numbers,
        }


def _rows(counts_json: str) -> tuple[int, int, int]:
    try:
        counts = json.loads(counts_json or "{}")
    except ValueError:
        return 0, 0, 0
    total = {"新增": 0, "修改": 0, "拒绝": 0}
    for per_sheet in counts.values():
        for status in total:
            total[status] += int(per_sheet.get(status, 0) or 0)
    return total["新增"], total["修改"], total["拒绝"]


def submissions(start: dt.date, end: dt.date) -> list[VillageReport]:
    """Every village and community branch, in the town's order, with what it sent from ``start`` to ``end``."""
    reports = {o.code: VillageReport(o.code, o.label) for o in Organisation.branches()}
    first = dt.datetime.combine(start, dt.time.min)
    last = dt.datetime.combine(end, dt.time.max)
    seen: dict[str, set[int]] = {}
    highest: dict[str, int] = {}
    query = (
        ImportLog.select()
        .where(ImportLog.org_code.in_(list(reports)) & (ImportLog.outcome.in_((*TAKEN, REFUSED_OUTCOME))))
        .order_by(ImportLog.time, ImportLog.id)
    )
    for entry in query:  # all time: the numbers before the period tell the gaps and repeats
        report = reports[entry.org_code]
        number = entry.package_no
        again = ""
        if number and entry.outcome in TAKEN:
            if number in seen.get(entry.org_code, set()):
                again = "重复送达（已导入过）"
            elif number < highest.get(entry.org_code, 0):
                again = f"旧的交换包（已导入第{highest[entry.org_code]}号）"
            seen.setdefault(entry.org_code, set()).add(number)
            highest[entry.org_code] = max(highest.get(entry.org_code, 0), number)
        if entry.outcome in TAKEN:
            report.last_exchange = entry.time
        if first <= entry.time <= last:
            new, changed, refused = _rows(entry.counts)
            report.files.append(
                Received(entry.time, entry.file_name, number, entry.outcome, new, changed, refused, again)
            )
    for code, report in reports.items():
        numbers = seen.get(code, set())
        if numbers:
            report.missing_numbers = sorted(set(range(1, max(numbers) + 1)) - numbers)
    return list(reports.values())


def not_reported(reports: list[VillageReport]) -> list[VillageReport]:
    """The 催报 list: villages with no file taken in the period."""
    return [r for r in reports if not r.reported]
