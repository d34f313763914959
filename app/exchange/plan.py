"""Checking a whole file against the database: what each row would do, before anything is written.

The result, an :class:`ImportPlan`, is the preview (new / changed / unchanged / conflicting /
refused per sheet) and also what :mod:`merge` writes, so the preview is exactly what happens.
"""

from __future__ import annotations

from pathlib import Path

from models import Campaign, Organisation

from .cells import IncomingRow, read_rows
from .meta import FileInfo, this_installation
from .planner import Planner
from .preview import CHANGED, CONFLICT, NEW, REFUSED, STATUSES, UNCHANGED, ImportPlan, PlannedRow, file_sha256
from .reader import ExchangeWorkbook, FileRefused
from .sheets import FORMAT_VERSION, GUIDE_SHEET, LISTS_SHEET, model_for_sheet

__all__ = [
    "CHANGED",
    "CONFLICT",
    "NEW",
    "REFUSED",
    "STATUSES",
    "UNCHANGED",
    "ImportPlan",
    "PlannedRow",
    "plan_import",
]


def plan_import(path: str | Path) -> ImportPlan:
    """Read and check ``path`` against the open database; raises FileRefused for a file-level refusal."""
    path = Path(path)
    book = ExchangeWorkbook(path)
    try:
        info = _check_identity(path, book.info)
        plan = ImportPlan(path, info, file_sha256(path))
        by_model: dict[type, list[IncomingRow]] = {}
        for title in book.sheet_titles:
            if title in (LISTS_SHEET, GUIDE_SHEET):
                continue
            model = model_for_sheet(title)
            data = book.read_sheet(title)
            if model is None:
                if data.rows:
                    plan.notes.append(f"工作表“{title}”不是本程序的表，已跳过")
                continue
            rows, problems = read_rows(data, model, path.name, book.epoch)
            plan.sheet_problems.extend(problems)
            if problems:
                for row in rows:
                    plan.rows.append(PlannedRow(row, REFUSED))
                continue
            by_model.setdefault(model, []).extend(rows)
    finally:
        book.close()
    Planner(plan).run(by_model)
    return plan


def _check_identity(path: Path, info: FileInfo | None) -> FileInfo:
    """Refuse a file that is not ours, is for another campaign, or is for another village."""
    name = f"文件“{path.name}”"
    if info is None or info.kind not in ("template", "package"):
        raise FileRefused(
            f"{name}不是本程序导出的模板或交换包（缺少隐藏的“文件信息”表）。请使用镇里下发的模板填写。"
        )
    if info.format_version > FORMAT_VERSION:
        raise FileRefused(f"{name}由更新版本的程序导出（格式版本 {info.format_version}），请先升级本程序。")
    campaign = Campaign.live().order_by(Campaign.year.desc(), Campaign.id.desc()).first()
    if campaign is None and not info.sender_is_town:
        raise FileRefused(f"{name}：本机还没有行动数据，请先导入镇党委下发的交换包。")
    if campaign is not None and campaign.uuid != info.campaign_uuid:
        raise FileRefused(
            f"{name}属于另一个行动（“{info.campaign_name}”），与本机的“{campaign.name}”不同，不能导入。"
        )
    local_code, local_is_town = this_installation()
    if local_code and not local_is_town and info.org_code != local_code:
        raise FileRefused(
            f"{name}是 {info.org_name}（{info.org_code}）的文件，本机是 {local_code}，不能导入。"
        )
    village = Organisation.get_or_none(Organisation.code == info.org_code)
    if village is None and not info.sender_is_town:
        raise FileRefused(f"{name}：本机没有代码为 {info.org_code} 的村（社区），请核对文件是否发错。")
    return info
