"""The 问题整改台账 as an Excel workbook, in the layout township offices hand in.

A title row, a line naming the issuing body and the date, then one row per problem under
the usual headings (序号, 村（社区）, 问题来源 … 备注), thin borders, wrapped text, set up to
print on landscape A4 with the heading row repeated on every page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.styles import Border
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.styles import Side
from openpyxl.utils import get_column_letter

from app.delivery.problems import as_it_stood
from app.delivery.problems import checks_by_problem
from app.delivery.problems import days_overdue
from app.delivery.problems import is_overdue
from app.delivery.problems import ledger_problems
from app.printing.privacy import make_scrubber
from app.storage.safe_write import writing
from app.text import cn_date
from models import Organisation
from models import settings
from models.fields import CELL_TEXT_LIMIT

HEADINGS = (
    ("序号", 6),
    ("村（社区）", 13),
    ("问题来源", 9),
    ("问题描述", 32),
    ("整改措施", 32),
    ("责任人", 9),
    ("整改时限", 13),
    ("整改情况", 24),
    ("销号时间", 13),
    ("备注", 18),
)


@dataclass
class LedgerRow:
    """One problem as the ledger prints it (all text, already in the office's words)."""

    number: int
    village: str
    source: str
    description: str
    plan: str
    responsible: str
    deadline: str
    progress: str
    closed: str
    remark: str
    overdue: bool
    reopened: bool
    deadline_date: dt.date | None = None  # the same dates as dates, for the workbook's date cells
    closed_date: dt.date | None = None

    def cells(self) -> list[str | int]:
        return [
            self.number,
            self.village,
            self.source,
            self.description,
            self.plan,
            self.responsible,
            self.deadline,
            self.progress,
            self.closed,
            self.remark,
        ]


def ledger_rows(today: dt.date, org_ids: list[int] | None = None) -> list[LedgerRow]:
    """The ledger's rows as of ``today``: every live problem found by then, by village and date.

    Nothing that happened after ``today`` shows (a ledger dated back is the ledger of that
    day). Free text passes through the printing privacy net: a key person's name, an ID or a
    phone number a clerk typed into a description never reaches the sheet.
    """
    scrub = make_scrubber()
    rows = []
    checks = checks_by_problem(org_ids)
    number = 0
    for stored in ledger_problems(org_ids):
        stood = as_it_stood(stored, checks[stored.id], today)
        if stood is None:
            continue
        problem, problem_checks = stood
        number += 1
        progress = problem.state
        if problem.rectified:
            progress += f"，{cn_date(problem.rectified)}整改完成"
        if problem.evidence:
            progress += f"。{scrub(problem.evidence)}"
        remarks = []
        late = days_overdue(problem, today)
        if is_overdue(problem, today):
            remarks.append(f"已逾期{late}天")
        elif late:
            remarks.append(f"超期{late}天完成")
        if problem.reopened:
            remarks.append(f"回头看未通过，重新整改{problem.reopened}次")
        passed = [c for c in problem_checks if c.kind == "回头看" and c.result == "通过"]
        if passed and problem.state in ("已整改", "已销号"):
            remarks.append(f"{cn_date(passed[-1].date)}回头看通过")
        if problem.accountability:
            remarks.append(f"问责：{problem.accountability}")
        rows.append(
            LedgerRow(
                number=number,
                village=problem.org.label,
                source=problem.source,
                description=scrub(problem.description),
                plan=scrub(problem.plan),
                responsible=problem.responsible,
                deadline=cn_date(problem.deadline),
                progress=progress,
                closed=cn_date(problem.closed) if problem.closed else "",
                deadline_date=problem.deadline,
                closed_date=problem.closed,
                remark="；".join(remarks),
                overdue=is_overdue(problem, today),
                reopened=problem.reopened > 0,
            )
        )
    return rows


def ledger_title() -> str:
    return f"{settings.get('town_name')}“五抓五提升”行动问题整改台账"


def issuing_body() -> str:
    town = Organisation.town()
    return town.name if town else f"中共{settings.get('town_name')}委员会"


THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LATE_FONT = Font(name="宋体", size=10, color="C00000")
BODY_FONT = Font(name="宋体", size=10)
REOPENED_FILL = PatternFill("solid", fgColor="FFF2CC")


def export_ledger(path: str | Path, today: dt.date, org_ids: list[int] | None = None) -> int:
    """Write the ledger workbook to ``path``; returns the number of problems written.

    The file is written whole to a temporary name and then moved into place, so a failed
    export never leaves half a workbook behind.
    """
    path = Path(path)
    rows = ledger_rows(today, org_ids)
    # The privacy net over every cell written (责任人 and remarks too), not field by field.
    scrub = make_scrubber()
    book = Workbook()
    sheet = book.active
    sheet.title = "问题台账"
    last_col = get_column_letter(len(HEADINGS))

    sheet.merge_cells(f"A1:{last_col}1")
    _text(sheet["A1"], ledger_title())
    sheet["A1"].font = Font(name="方正小标宋简体", size=18, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 36
    sheet.merge_cells(f"A2:{last_col}2")
    _text(sheet["A2"], f"填报单位：{issuing_body()}　　　　　　　　截至：{cn_date(today)}")
    sheet["A2"].font = Font(name="宋体", size=11)
    sheet["A2"].alignment = Alignment(horizontal="left", vertical="center")

    for col, (heading, width) in enumerate(HEADINGS, start=1):
        cell = sheet.cell(row=3, column=col)
        _text(cell, heading)
        cell.font = Font(name="黑体", size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[3].height = 28

    for offset, row in enumerate(rows):
        r = 4 + offset
        dates = {7: row.deadline_date, 9: row.closed_date}
        for col, value in enumerate(row.cells(), start=1):
            cell = sheet.cell(row=r, column=col)
            if dates.get(col) is not None:
                cell.value = dates[col]  # a real date: sorts and filters as one in Excel and WPS
                cell.number_format = 'yyyy"年"m"月"d"日"'
            elif isinstance(value, int):
                cell.value = value
            else:
                _text(cell, scrub(value))
            cell.border = BOX
            cell.font = LATE_FONT if row.overdue and col in (7, 10) else BODY_FONT
            centred = col in (1, 2, 3, 6, 7, 9)
            cell.alignment = Alignment(
                horizontal="center" if centred else "left", vertical="center", wrap_text=True
            )
            if row.reopened:
                cell.fill = REOPENED_FILL
        longest = max(len(row.description), len(row.plan), len(row.progress), 1)
        sheet.row_dimensions[r].height = max(30, 15 * (longest // 16 + 1))

    last_row = 3 + len(rows)
    sheet.auto_filter.ref = f"A3:{last_col}{max(last_row, 4)}"  # 筛选 on the heading row
    sign_row = last_row + 2
    sheet.merge_cells(f"A{sign_row}:{last_col}{sign_row}")
    _text(
        sheet[f"A{sign_row}"],
        "制表人：　　　　　　　　审核人：　　　　　　　　填报日期：　　　年　　月　　日",
    )
    sheet[f"A{sign_row}"].font = Font(name="宋体", size=11)
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = 0.6
    sheet.page_margins.bottom = 0.8  # room for the footer, which sits 0.3 in from the edge
    sheet.page_margins.footer = 0.3
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"

    with writing(path) as partial:
        book.save(partial)
    return len(rows)


def _text(cell, value: str) -> None:
    """A text cell that stays text (a description starting with '=' is not a formula).

    A cell holds at most CELL_TEXT_LIMIT characters; a longer text (the ledger joins a
    problem's follow-ups into one cell) is cut where the cell says so, never in silence.
    """
    if len(value) > CELL_TEXT_LIMIT:
        said = f"……（共 {len(value)} 字，超过一个单元格能容纳的 {CELL_TEXT_LIMIT} 字，以下从略，全文见程序中的问题台账）"
        value = value[: CELL_TEXT_LIMIT - len(said)] + said
    cell.value = value
    cell.data_type = "s"
