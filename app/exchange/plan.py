"""Checking a whole file against the database: what each row would do, before anything is written.

The result, an :class:`ImportPlan`, is the preview (new / changed / unchanged / conflicting /
refused per sheet) and also what :mod:`merge` writes, so the preview is exactly what happens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from models import Campaign
from models import Organisation
from models import Record
from models.schema import label_of

from .cells import IncomingRow
from .cells import header_score
from .cells import read_rows
from .meta import FileInfo
from .meta import this_installation
from .planner import Planner
from .preview import CHANGED
from .preview import CONFLICT
from .preview import NEW
from .preview import REFUSED
from .preview import STATUSES
from .preview import UNCHANGED
from .preview import ImportPlan
from .preview import PlannedRow
from .preview import file_sha256
from .problems import Problem
from .problems import shown
from .reader import CheckCancelled
from .reader import ExchangeWorkbook
from .reader import FileRefused
from .reader import SheetData
from .scope import name_key
from .sheets import FORMAT_VERSION
from .sheets import GUIDE_SHEET
from .sheets import KIND_TEMPLATE
from .sheets import LISTS_SHEET
from .sheets import RETURNED_SHEET
from .sheets import model_for_sheet
from .sheets import package_models
from .sheets import template_models

__all__ = [
    "CHANGED",
    "CONFLICT",
    "CheckCancelled",
    "NEW",
    "REFUSED",
    "STATUSES",
    "UNCHANGED",
    "ImportPlan",
    "PlannedRow",
    "plan_import",
]


MAX_PROBLEMS = 1000  # beyond this a file is junk or systematically wrong: say so and stop


def plan_import(path: str | Path, cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Read and check ``path`` against the open database.

    Raises FileRefused for a file-level refusal and CheckCancelled when ``cancelled()`` turns
    true (the window's 取消 button). At most MAX_PROBLEMS problems are collected.
    """
    path = Path(path)
    stop = cancelled or (lambda: False)
    book = ExchangeWorkbook(path, stop)
    try:
        info = _check_identity(path, book.info)
        plan = ImportPlan(path, info, file_sha256(path))
        if book.renamed:
            plan.notes.append(
                f"文件名以“{path.suffix or '（无扩展名）'}”结尾，但内容是 Excel 工作簿（.xlsx），已按 .xlsx 读取；"
                f"可把文件名改为“{path.stem}.xlsx”。"
            )
        by_model: dict[type, list[IncomingRow]] = {}
        for title in book.sheet_titles:
            if title in (LISTS_SHEET, GUIDE_SHEET, RETURNED_SHEET):
                continue
            data = book.read_sheet(title)
            model = model_for_sheet(title) or model_for_headers(data)
            if model is None:
                if len(data.rows) > 1:  # a header and data under it: rows that would be lost
                    plan.sheet_problems.append(_unknown_sheet(path, data, info.kind))
                continue
            left = MAX_PROBLEMS - len(plan.sheet_problems) - _counted(plan, by_model)
            rows, problems = read_rows(data, model, path.name, book.epoch, left)
            del data  # the raw cells of a big sheet are not kept while the next one is read
            plan.sheet_problems.extend(problems)
            found = len(plan.sheet_problems) + sum(len(r.problems) for r in rows) + _counted(plan, by_model)
            if found >= MAX_PROBLEMS:
                _give_up(plan, path, title, rows)
                break
            if problems:
                for row in rows:
                    plan.rows.append(PlannedRow(row, REFUSED))
                continue
            by_model.setdefault(model, []).extend(rows)
    finally:
        book.close()
    if stop():
        raise CheckCancelled()
    plan.incoming = by_model
    plan.read_state = {
        id(row): (len(row.problems), row.edited_in_sheet) for rows in by_model.values() for row in rows
    }
    Planner(plan).run(by_model)
    return plan


def plan_again(plan: ImportPlan) -> ImportPlan:
    """The rows of the same file compared anew with what the database holds now.

    The file is not parsed again: the caller has checked that its bytes did not change
    (``file_hash``); the rows read the first time are set back to what reading found.
    """
    if plan.sheet_problems:
        return plan_import(plan.path)  # refused as a whole: nothing of it is compared
    fresh = ImportPlan(plan.path, _check_identity(plan.path, plan.info), plan.file_hash)
    for rows in plan.incoming.values():
        for row in rows:
            count, edited = plan.read_state[id(row)]
            del row.problems[count:]
            row.edited_in_sheet = edited
    fresh.incoming, fresh.read_state = plan.incoming, plan.read_state
    Planner(fresh).run(plan.incoming)
    return fresh


def _counted(plan: ImportPlan, by_model: dict[type, list[IncomingRow]]) -> int:
    return sum(len(r.incoming.problems) for r in plan.rows) + sum(
        len(r.problems) for rows in by_model.values() for r in rows
    )


def _give_up(plan: ImportPlan, path: Path, title: str, rows: list[IncomingRow]) -> None:
    """Keep the first problems, refuse the file, and say that the rest was not looked at."""
    budget = MAX_PROBLEMS - len(plan.sheet_problems)
    for row in rows:
        if budget <= 0:
            break
        if row.problems:
            row.problems = row.problems[:budget]
            budget -= len(row.problems)
            plan.rows.append(PlannedRow(row, REFUSED))
    first = next((r.row for r in rows), 1)
    plan.sheet_problems.append(
        Problem(
            path.name, title, first, "", "", "", f"已发现 {MAX_PROBLEMS} 处错误，其余未检查，请先改正这些"
        )
    )


def model_for_headers(data: SheetData) -> type[Record] | None:
    """The record type whose columns a sheet's header row names (a renamed or copied sheet)."""
    scores = sorted(((header_score(data, m), i, m) for i, m in enumerate(package_models())), reverse=True)
    (best, _i, model), (second, _j, _m) = scores[0], scores[1]
    return model if best >= 2 and best > second else None


def _unknown_sheet(path: Path, data: SheetData, kind: str) -> Problem:
    first = next((cells for _row, cells in data.rows if len(cells) > 1), data.rows[0][1])
    headers = "、".join(shown(c[1], 12) for c in first[:6]) + ("…" if len(first) > 6 else "")
    expected = "、".join(
        label_of(m) for m in (template_models() if kind == KIND_TEMPLATE else package_models())
    )
    return Problem(
        path.name,
        data.title,
        data.rows[0][0],
        "",
        "",
        "",
        f"这个工作表不是本程序的表（表头为：{headers}），其中 {len(data.rows) - 1} 行数据无法导入，"
        f"为免遗漏，整个文件没有导入。请按模板的表头填写，或删除这个工作表。应有的工作表：{expected}",
    )


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
    # Only a town's package may bring its village along (a village computer's first import);
    # a template comes back from a village that must already be registered here.
    if village is None and (not info.sender_is_town or info.kind == KIND_TEMPLATE):
        raise FileRefused(
            f"{name}的“文件信息”中村（社区）代码为 {info.org_code or '（空）'}"
            f"{f'（{info.org_name}）' if info.org_name else ''}，本机没有这个代码的党组织，"
            "请核对文件是否发错，或先在“基础信息 → 党组织”中登记。"
        )
    if village is not None:
        _check_name_agrees(name, info, village)
    return info


def _check_name_agrees(name: str, info: FileInfo, village: Organisation) -> None:
    """Refuse a file whose code is one village's and whose name is another's (edited or mixed up)."""
    said = name_key(info.org_name)
    if not said or said in {name_key(village.name), name_key(village.short_name or "")}:
        return
    others = Organisation.live().where(Organisation.id != village.id)
    other = next((o for o in others if said in {name_key(o.name), name_key(o.short_name or "")}), None)
    if other is not None:
        raise FileRefused(
            f"{name}的“文件信息”自相矛盾：代码 {info.org_code} 是本机的{village.name}，名称却写的是"
            f"{other.name}（代码 {other.code}）。程序无法判断这是哪个村的文件，没有导入。"
            "请向发文件的村核实，重新导出交换包或使用镇里为该村下发的模板。"
        )
