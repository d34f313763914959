"""The receipt (回执) the town gives a village for an import: what was taken, refused and why, sent back.

An xlsx the clerk prints or puts on the village's stick: a summary line per sheet (新增、修改、
无变化、冲突、拒绝), every refused row with its sheet, row and reason, and the village's problems
the town has sent back (退回) with their reasons, so the village knows what to correct.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

import models
from app.delivery.problems import OPEN_STATES
from app.storage.safe_write import writing
from models import Organisation, Problem

from .preview import STATUSES, ImportPlan


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
    back.column_dimensions["A"].width = 40
    back.column_dimensions["D"].width = 40
    with writing(out) as tmp:
        book.save(tmp)
    return out
