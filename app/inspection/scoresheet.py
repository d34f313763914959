"""The inspection team's score workbook: the quarter's inspections made at once, one workbook out
(a row per village × item), and back in with the same checks as an exchange package.

* :func:`create_quarter_inspections` makes the 季督查 of every village (or the ones named)
  that has none in the quarter, on the scorecard in use, with the computed items filled in.
* :func:`export_scoresheet` writes one sheet: computed points filled in and locked, manual
  items blank with their maximum as the cell's validation, 改动后得分 and 改分理由 for the
  inspectors who change a computed item, 扣分说明, and 发现问题 (one problem a line).
* :func:`plan_scores` reads it back and checks every cell; :func:`apply_scores` writes the
  whole workbook in one transaction or nothing. The problems written go into the 问题台账
  with the default deadline (``inspection.problem_days`` after the inspection); a problem
  already recorded for that inspection is not recorded twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from app.campaign_time import quarter_label
from app.campaign_time import quarter_range
from app.exchange.problems import Problem as CellProblem
from app.exchange.problems import shown
from app.exchange.reader import FileRefused
from app.exchange.reader import check_container
from app.inspection.scorecard import default_template
from app.inspection.scoring import InspectionRefused
from app.inspection.scoring import fill_scores
from app.inspection.scoring import record_problem
from app.inspection.scoring import set_score
from app.records import save_record
from app.setup.identity import installation
from app.storage.safe_write import writing
from models import Campaign
from models import Inspection
from models import InspectionScore
from models import Organisation
from models import Problem
from models import ScoreItem
from models import database
from models import settings

PROBLEM_DAYS_KEY = "inspection.problem_days"
settings.declare(PROBLEM_DAYS_KEY, 30, "督查发现的问题默认整改时限（督查日期后多少天）")

SHEET = "督查评分"
HEADERS = (
    "编号",
    "村（社区）代码",
    "村（社区）",
    "评分项目",
    "评分内容",
    "分值",
    "系统计算",
    "得分",
    "改动后得分",
    "改分理由",
    "扣分说明",
    "发现问题",
)
COL = {name: i for i, name in enumerate(HEADERS)}
KIND = "季督查"


class ScoresheetRefused(ValueError):
    """The workbook is not a score sheet of this database; the message says why, in Chinese."""


def _letter(name: str) -> str:
    return chr(ord("A") + COL[name])


def create_quarter_inspections(
    quarter: str, day: dt.date, org_ids: list[int] | None = None, inspectors: str = ""
) -> tuple[list[Inspection], list[Inspection]]:
    """The 季督查 of every village (or of ``org_ids``) for ``quarter``: (made now, already there)."""
    start, _end = quarter_range(quarter)
    if day < start:
        raise InspectionRefused(
            f"督查日期 {day.isoformat()} 早于{quarter_label(quarter)}开始的日子，请重新填写。"
        )
    template = default_template()
    campaign = Campaign.current()
    made, existing = [], []
    with database.atomic():
        for org in Organisation.branches():
            if org_ids is not None and org.id not in org_ids:
                continue
            found = (
                Inspection.live()
                .where((Inspection.org == org) & (Inspection.quarter == quarter) & (Inspection.kind == KIND))
                .first()
            )
            if found is not None:
                existing.append(found)
                continue
            values = {
                "campaign": campaign,
                "org": org,
                "kind": KIND,
                "quarter": quarter,
                "date": day,
                "template": template,
                "inspectors": inspectors,
            }
            inspection = save_record(Inspection, values)
            fill_scores(inspection)
            made.append(inspection)
    return made, existing


def _quarter_scores(quarter: str) -> list[InspectionScore]:
    inspections = (
        Inspection.live()
        .where((Inspection.quarter == quarter) & (Inspection.kind == KIND))
        .order_by(Inspection.date, Inspection.id)
    )
    latest = {i.org_id: i for i in inspections}
    rows: list[InspectionScore] = []
    orgs = {o.id: o for o in Organisation.branches()}
    for org_id in sorted(latest, key=lambda o: (orgs[o].sort_order, orgs[o].code) if o in orgs else (0, "")):
        if org_id not in orgs:
            continue
        rows.extend(fill_scores(latest[org_id]))
    return rows


def export_scoresheet(quarter: str, out: str | Path) -> int:
    """Write the quarter's score workbook for the inspection team; returns the number of rows."""
    import openpyxl  # noqa: PLC0415 (openpyxl only for the commands that write workbooks)
    from openpyxl.styles import Font  # noqa: PLC0415 (as above)
    from openpyxl.styles import PatternFill  # noqa: PLC0415 (as above)
    from openpyxl.styles import Protection  # noqa: PLC0415 (as above)
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415 (as above)

    scores = _quarter_scores(quarter)
    if not scores:
        raise ScoresheetRefused(
            f"{quarter_label(quarter)}还没有季度督查，请先建立（inspection new --quarter {quarter} --org all --date …）。"
        )
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = SHEET
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    open_cell = Protection(locked=False)
    for score in scores:
        item, org = score.item, score.inspection.org
        computed = bool(item.rule)
        status = "未报送" if score.unreported and score.points is None else ""
        ws.append(
            [
                score.uuid,
                org.code,
                org.label,
                item.section.name,
                item.name,
                item.max_points,
                (score.computed if score.computed is not None else status or "不适用") if computed else "",
                score.points if not computed else (score.points if score.points is not None else status),
                score.points if computed and score.override_reason else None,
                score.override_reason,
                score.remark if not computed else "",
                "",
            ]
        )
        row = ws.max_row
        for name in ("改动后得分", "改分理由", "扣分说明", "发现问题"):
            ws[f"{_letter(name)}{row}"].protection = open_cell
        if computed:
            for name in ("系统计算", "得分"):
                ws[f"{_letter(name)}{row}"].fill = grey
        else:
            ws[f"{_letter('得分')}{row}"].protection = open_cell
            check = DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2=f"{item.max_points:g}",
                error=f"得分应在 0 到 {item.max_points:g} 分之间",
                showErrorMessage=True,
            )
            ws.add_data_validation(check)
            check.add(f"{_letter('得分')}{row}")
    widths = (10, 10, 12, 24, 28, 6, 9, 7, 10, 24, 30, 40)
    for n, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + n)].width = width
    ws.column_dimensions["A"].hidden = True  # the row's identity, not for typing
    ws.freeze_panes = "D2"
    ws.protection.sheet = True  # computed points and the items stay as the program wrote them
    notes = book.create_sheet("填表说明")
    for line in (
        f"{quarter_label(quarter)}季度督查评分表（督查组用）。每个村（社区）每项评分细则一行。",
        "灰色的“系统计算”“得分”由系统根据台账计算，已锁定；督查组认为不符时，在“改动后得分”填写分数并在“改分理由”写明理由。",
        "其余细则在“得分”中填写，不能超过分值；“扣分说明”写扣分原因。",
        f"“发现问题”每行写一个问题，导入后记入问题台账，整改时限默认为督查日期后 {settings.get(PROBLEM_DAYS_KEY)} 天。",
        "填好后用“import-scores 文件”导入：全部检查通过才写入，有错误时什么都不写。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    with writing(out) as temp:
        book.save(temp)
    return len(scores)


@dataclass
class ScoreChange:
    score: InspectionScore
    row: int
    points: float | None
    override_reason: str
    remark: str
    problems: list[str]
    org_id: int = 0

    @property
    def changes_score(self) -> bool:
        """Points, reason or remark differ (not only new problems to record)."""
        score = self.score
        return (
            self.points != score.points
            or self.override_reason != (score.override_reason or "")
            or self.remark != (score.remark or "")
        )


@dataclass
class ScoresheetPlan:
    """What a score workbook would change, and every cell it refuses."""

    file: Path
    changes: list[ScoreChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[CellProblem] = field(default_factory=list)

    unchanged_by_org: dict[int, int] = field(default_factory=dict)
    org_order: dict[int, int] = field(default_factory=dict)  # village → its first row

    def counts(self) -> dict[str, int]:
        return {
            "修改": sum(1 for c in self.changes if c.changes_score),
            "无变化": self.unchanged,
            "发现问题": sum(len(c.problems) for c in self.changes),
            "有错误": len({p.row for p in self.problems}),
        }

    def villages(self) -> list[VillagePreview]:
        """Per village, in the workbook's order: what would change (old → new, reason), the
        problems that would be recorded, how many items stay as they are."""
        found: dict[int, VillagePreview] = {}
        orgs = {o.id: o for o in Organisation.select()}

        def preview(org_id: int) -> VillagePreview:
            if org_id not in found:
                org = orgs[org_id]
                found[org_id] = VillagePreview(org.code, org.label)
            return found[org_id]

        for org_id in sorted(self.org_order, key=self.org_order.__getitem__):
            preview(org_id)
        for change in sorted(self.changes, key=lambda c: c.row):
            village = preview(change.org_id)
            item = change.score.item
            old = _points_text(change.score.points, unreported=bool(change.score.unreported))
            new = _points_text(change.points)
            if change.changes_score:
                remark = change.remark if change.remark != (change.score.remark or "") else ""
                village.items.append(
                    ItemChange(
                        change.row, item.name, item.max_points, old, new, change.override_reason, remark
                    )
                )
            village.problems.extend(change.problems)
        for org_id, number in self.unchanged_by_org.items():
            preview(org_id).unchanged = number
        return list(found.values())


@dataclass
class ItemChange:
    """One item of a village that the workbook changes."""

    row: int
    item: str
    max_points: float
    old: str  # "未打分" when there were no points, "未报送" when the records never came
    new: str
    reason: str = ""  # 改分理由 of a computed item
    remark: str = ""  # the new 扣分说明, when it changed

    def __str__(self) -> str:
        text = f"{self.item}：{self.old} → {self.new}"
        if self.reason:
            text += f"（改分理由：{self.reason}）"
        if self.remark:
            text += f"（扣分说明：{self.remark}）"
        return text


@dataclass
class VillagePreview:
    """What importing the workbook would do to one village's inspection."""

    code: str
    name: str
    items: list[ItemChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "changed": [
                {
                    "row": c.row,
                    "item": c.item,
                    "old": c.old,
                    "new": c.new,
                    "reason": c.reason,
                    "remark": c.remark,
                }
                for c in self.items
            ],
            "problems": list(self.problems),
            "unchanged": self.unchanged,
        }

    def lines(self) -> list[str]:
        head = f"{self.code} {self.name}：修改 {len(self.items)} 项，发现问题 {len(self.problems)} 个，无变化 {self.unchanged} 项"
        return [head, *(f"  改：{c}" for c in self.items), *(f"  问题：{p}" for p in self.problems)]


def _points_text(points: float | None, unreported: bool = False) -> str:
    """Points as the preview shows them: a computed item whose records never came is 未报送."""
    if points is None:
        return "未报送" if unreported else "未打分"
    return f"{points:g} 分"


def _number(value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return float(str(value).strip())


def plan_scores(
    path: str | Path,
    report: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ScoresheetPlan | None:
    """Read a score workbook and check every row; nothing is written.

    ``report(done, total)`` hears how far the check got; when ``cancelled()`` turns true the
    check stops and returns None."""
    import openpyxl  # noqa: PLC0415 (openpyxl only for the commands that read workbooks)

    path = Path(path)
    if not installation().is_town:
        raise ScoresheetRefused(
            "督查评分由镇党委录入：这是村（社区）的电脑，不能导入评分表。评分随镇党委的交换包和通报发到村里。"
        )
    try:
        check_container(path)  # missing, a folder, not Excel, a bomb: said as what it is
    except FileRefused as refused:
        raise ScoresheetRefused(str(refused)) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 (any unreadable file is told the same way)
        raise ScoresheetRefused(f"文件“{path.name}”无法作为 Excel 工作簿读取，可能已损坏。") from None
    if SHEET not in book.sheetnames:
        raise ScoresheetRefused(f"文件“{path.name}”没有“{SHEET}”工作表，不是导出的督查评分表。")
    rows = list(book[SHEET].iter_rows(values_only=True))
    book.close()
    if not rows or tuple(str(h or "") for h in rows[0][: len(HEADERS)]) != HEADERS:
        raise ScoresheetRefused(
            f"文件“{path.name}”工作表“{SHEET}”的表头与导出的督查评分表不同，请用导出的文件填写。"
        )
    plan = ScoresheetPlan(path)
    uuids = [str(r[0] or "") for r in rows[1:]]
    known = {s.uuid: s for s in InspectionScore.live().where(InspectionScore.uuid.in_(uuids))}
    total = len(rows) - 1
    for number, values in enumerate(rows[1:], start=2):
        if number % 50 == 0:
            if cancelled is not None and cancelled():
                return None
            if report is not None:
                report(number - 1, total)
        values = tuple(values) + (None,) * (len(HEADERS) - len(values))
        _check_row(plan, number, values, known)
    return plan


def _check_row(plan: ScoresheetPlan, number: int, values: tuple, known: dict) -> None:
    def refuse(name: str, value, expected: str) -> None:
        column = _letter(name) if name else ""
        plan.problems.append(CellProblem(plan.file.name, SHEET, number, column, name, shown(value), expected))

    if not any(v not in (None, "") for v in values):
        return
    score = known.get(str(values[COL["编号"]] or ""))
    if score is None:
        refuse("", "", "这一行不是本数据库导出的评分细则（编号被改动或删除），请用导出的文件填写")
        return
    item: ScoreItem = score.item
    reason = str(values[COL["改分理由"]] or "").strip()
    remark = str(values[COL["扣分说明"]] or "").strip()
    written = [line.strip() for line in str(values[COL["发现问题"]] or "").splitlines() if line.strip()]
    name = "改动后得分" if item.rule else "得分"
    try:
        points = _number(values[COL[name]])
    except ValueError:
        refuse(name, values[COL[name]], f"数字（0 到 {item.max_points:g}）")
        return
    if points is not None and not 0 <= points <= item.max_points:
        refuse(name, values[COL[name]], f"0 到 {item.max_points:g} 之间的分数")
        return
    if item.rule:
        if points is None:  # the computed points (or an earlier override) stand
            points, reason = score.points, score.override_reason or ""
        elif not reason:
            refuse("改分理由", "", "改动系统计算的得分，须写明理由")
            return
        elif score.computed is not None and abs(points - score.computed) < 1e-9:
            reason = ""
    else:
        reason = ""
    for text in written:
        if len(text) > 500:
            refuse("发现问题", text, "太长：一个问题不超过 500 字")
            return
    already = {p.description for p in Problem.live().where(Problem.inspection == score.inspection_id)}
    new_problems = [t for t in written if t not in already]
    same = (
        points == score.points
        and reason == (score.override_reason or "")
        and (item.rule or remark == score.remark)
    )
    org_id = score.inspection.org_id
    plan.org_order.setdefault(org_id, number)
    if same and not new_problems:
        plan.unchanged += 1
        plan.unchanged_by_org[org_id] = plan.unchanged_by_org.get(org_id, 0) + 1
        return
    plan.changes.append(
        ScoreChange(
            score, number, points, reason, remark if not item.rule else score.remark, new_problems, org_id
        )
    )


def apply_scores(plan: ScoresheetPlan) -> dict[str, int]:
    """Write a checked plan in one transaction; a plan with errors writes nothing."""
    if plan.problems:
        raise InspectionRefused(f"评分表“{plan.file.name}”有 {len(plan.problems)} 处错误，未导入任何得分。")
    days = int(settings.get(PROBLEM_DAYS_KEY))
    written = problems = 0
    with database.atomic():
        for change in plan.changes:
            score = change.score
            if change.changes_score:
                not_applicable = bool(score.not_applicable) and change.points is None
                set_score(
                    score,
                    points=change.points,
                    not_applicable=not_applicable,
                    remark=change.remark,
                    override_reason=change.override_reason,
                )
                written += 1
            inspection = score.inspection
            for text in change.problems:
                record_problem(
                    inspection,
                    description=text,
                    deadline=inspection.date + dt.timedelta(days=days),
                    responsible=inspection.org.secretary or "支部书记",
                )
                problems += 1
    return {"得分": written, "问题": problems}
