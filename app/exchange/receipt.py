"""The receipt (回执) the town gives a village for an import: what was taken, refused and why, sent back.

An xlsx the clerk prints or puts on the village's stick: a summary line per sheet (新增、修改、
无变化、冲突、拒绝), every refused row with its sheet, row and reason, the records that came
again corrected (再次报送), and the village's problems and records the town has sent back (退回)
with their reasons, so the village knows what to correct. At the town the receipt is also kept
as a record (models.review.Receipt), which travels in the next package to that village and is
shown there when it is imported.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

import models
from app import records
from app.delivery.problems import OPEN_STATES
from app.storage.safe_write import writing
from models import SENT_BACK
from models import Organisation
from models import Problem
from models import Receipt
from models import SendBack

from .meta import this_installation
from .preview import STATUSES
from .preview import ImportPlan


def write_receipt(plan: ImportPlan, outcome: str, out: str | Path) -> Path:
    """Write the receipt for the import of ``plan`` (its outcome: 已导入, 部分导入, 已拒绝…)."""
    out = Path(out)
    book = Workbook()
    bold = Font(bold=True)
    summary = book.active
    summary.title = "回执"
    info = plan.info
    when = models.now().strftime("%Y-%m-%d %H:%M")
    summary.append([f"{info.org_name}（{info.org_code}）报送文件的回执"])
    summary["A1"].font = Font(bold=True, size=14)
    number = (
        f"第{info.package_no}号交换包"
        if info.package_no
        else ("填报模板" if info.kind == "template" else "交换包")
    )
    summary.append([f"文件：{plan.path.name}（{number}，导出于 {info.exported_at}）"])
    summary.append([f"镇党委导入时间：{when}　结果：{outcome}"])
    summary.append([])
    summary.append(["工作表", *STATUSES])
    for cell in summary[summary.max_row]:
        cell.font = bold
    for sheet, counts in plan.counts().items():
        summary.append([sheet, *(counts[s] for s in STATUSES)])
    summary.column_dimensions["A"].width = 24

    refused = book.create_sheet("未接收的行")
    refused.append(["工作表", "行", "列", "项目", "填写的内容", "原因"])
    for cell in refused[1]:
        cell.font = bold
    for problem in plan.problems():
        refused.append(
            [problem.sheet, problem.row, problem.column, problem.header, problem.value, problem.expected]
        )
    refused.column_dimensions["F"].width = 60

    back = book.create_sheet("退回修改")
    back.append(["问题描述", "发现日期", "整改时限", "退回原因"])
    for cell in back[1]:
        cell.font = bold
    village = Organisation.get_or_none(Organisation.code == info.org_code)
    if village is not None:
        returned = Problem.live().where(
            (Problem.org == village) & (Problem.review_note != "") & Problem.state.in_(OPEN_STATES)
        )
        for p in returned.order_by(Problem.found, Problem.id):
            back.append([p.description, p.found, p.deadline, p.review_note])
        sent_back = SendBack.live().where((SendBack.org == village) & (SendBack.state == SENT_BACK))
        if sent_back.count():
            back.append([])
            back.append(["退回的记录", "退回日期", "记录类型", "退回原因"])
            for cell in back[back.max_row]:
                cell.font = bold
            for mark in sent_back.order_by(SendBack.date, SendBack.id):
                back.append([mark.summary, mark.date, mark.record_label, mark.reason])
    again = plan.resubmissions()
    if again:
        back.append([])
        back.append([f"改正后再次报送的记录 {len(again)} 条（镇党委审核后接收或再次退回）："])
        for row in again:
            back.append([f"{row.incoming.sheet}第{row.incoming.row}行", "", "", row.note])
    back.column_dimensions["A"].width = 40
    back.column_dimensions["D"].width = 40
    with writing(out) as tmp:
        book.save(tmp)
    if village is not None and this_installation()[1]:
        keep_receipt(plan, outcome, village)
    return out


def receipt_text(plan: ImportPlan, outcome: str) -> str:
    """The receipt in a few lines, as kept and shown at the village."""
    totals = plan.totals()
    lines = [
        f"{plan.path.name}：{outcome}；" + "，".join(f"{s} {totals[s]} 条" for s in STATUSES if totals[s]),
    ]
    lines += [f"未接收：{p}" for p in plan.problems()[:50]]
    lines += [f"再次报送：{r.incoming.sheet}第{r.incoming.row}行 {r.note}" for r in plan.resubmissions()]
    return "\n".join(lines)


def keep_receipt(plan: ImportPlan, outcome: str, village: Organisation) -> Receipt:
    """Keep the receipt as the town's record: it goes to the village in the next package."""
    values = {
        "org": village,
        "date": models.now().date(),
        "file_name": plan.path.name[:260],
        "package_no": plan.info.package_no or 0,
        "outcome": outcome[:20],
        "text": receipt_text(plan, outcome),
    }
    same = Receipt.live().where(
        (Receipt.org == village)
        & (Receipt.date == values["date"])
        & (Receipt.file_name == values["file_name"])
    )
    existing = same.first()
    return records.save_record(Receipt, values, existing)
