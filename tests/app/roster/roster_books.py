"""A small town and 花名册 workbooks as offices make them (title row, their own headers and values)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from app.exchange.idcard import check_digit
from models import Organisation
from models import create_default_campaign

HEADERS = (
    "序号", "姓名", "性别", "民族", "出生年月", "公民身份号码", "文化程度", "入党时间",
    "转正时间", "党员类别", "所属支部", "党小组", "现任职务", "手机号码", "籍贯",
)  # fmt: skip


def id_number(birth: str, serial: str) -> str:
    """A valid 18-digit ID number of Lanzhou's 城关区 for ``birth`` (YYYYMMDD) and a 3-digit serial."""
    first = "620102" + birth + serial
    return first + check_digit(first)


def build_town() -> dict[str, Organisation]:
    create_default_campaign()
    town = Organisation.create(code="LW", name="中共柳湾镇委员会", short_name="柳湾镇", kind="镇党委")
    east = Organisation.create(
        code="LW01", name="东沟村党支部", short_name="东沟村", kind="村党支部", parent=town
    )
    west = Organisation.create(
        code="LW02", name="西坪村党支部", short_name="西坪村", kind="村党支部", parent=town
    )
    group = Organisation.create(code="LW0101", name="东沟村第一党小组", kind="党小组", parent=east)
    return {"town": town, "east": east, "west": west, "group": group}


def member_rows() -> list[list]:
    """Three members, written the ways rosters write them."""
    return [
        # 出生年月 as 1990.05 text; 入党时间 an Excel date serial (a number cell); 大学本科
        [1, "马文斌", "男", "回族", "1990.05", id_number("19900517", "131"), "大学本科", 40360.0,
         "2011.07", "正式党员", "东沟村党支部", "第一党小组", "支部书记", "13909311234", "临夏"],
        # 出生年月 199005 as a number; 中专; 预备; a short branch name
        [2, "李秀英", "女", "汉族", 199005, id_number("19900502", "242"), "中专", "2021年6月1日",
         None, "预备", "西坪村", None, None, "0931-8123456", "定西"],
        # a full date as text; 是否有职 left out with no 职务: 无职
        [3, "张国华", "男", "汉族", "1958-03-09", id_number("19580309", "353"), "初中", "1985.07.01",
         "1986.07.01", "正式党员", "西坪村党支部", None, None, None, None],
    ]  # fmt: skip


def write_roster(path: Path, rows: list[list], *, title: str = "柳湾镇党员花名册", headers=HEADERS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, float) and cell.column == 8:
                cell.number_format = "yyyy-mm-dd"  # a date cell
    book.save(path)
    return path


D = dt.date
