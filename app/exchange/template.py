"""The workbook a village fills by hand (``export-template``), blank or pre-filled.

Pre-filled (``--prefilled``, 一表同享), each sheet starts with the village's records the town
already holds, each with its 记录标识 (the identity packages carry), so a correction comes
back as a modification of that record and nothing is doubled; the records the town sent back
are marked red with the reason and listed on a 退回修改 sheet; the village's open problems
are on a 问题台账 sheet where it writes its 整改方案, 整改佐证 and dates (the town's columns
grey: a change there is refused at import, see models.authority).

Normal (not write-only) openpyxl mode: the file is small and needs dropdowns, formats and a
frozen header. Dropdown lists live on a hidden sheet, because Excel limits a list typed into
the validation itself to 255 characters and because member names change per village.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

import models
from app.storage.safe_write import writing
from app.text import sort_by_pinyin
from models import SENT_BACK
from models import BirthdayCeremony
from models import KeyPerson
from models import KeyTask
from models import Meeting
from models import Member
from models import Organisation
from models import Problem
from models import Record
from models.authority import VILLAGE
from models.authority import field_owner
from models.schema import filter_by_org

from .idcard import check_digit
from .meta import describe
from .review import open_send_backs
from .sheets import GUIDE_SHEET
from .sheets import KIND_TEMPLATE
from .sheets import LISTS_SHEET
from .sheets import META_SHEET
from .sheets import RETURNED_SHEET
from .sheets import Column
from .sheets import layout
from .sheets import record_label
from .sheets import template_models
from .writing import safe_text

TEMPLATE_ROWS = 500  # rows pre-formatted (dates, text) and covered by dropdowns
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
EXAMPLE_FONT = Font(italic=True, color="808080")
EXAMPLE_MARK_TEXT = "示例（导入时跳过，可删除或直接覆盖）"
TOWN_FILL = PatternFill("solid", fgColor="E7E6E6")  # 镇党委填写的列（问题台账）
RETURNED_FILL = PatternFill("solid", fgColor="FCE4E4")  # 被退回的记录


def example_value(column: Column):
    """The value of the marked example row in a column (also recognised on import)."""
    if column.choices:
        return column.choices[0]
    kind = column.kind
    if kind == "date":
        return dt.date(2022, 5, 10)
    if kind == "integer":
        low = _least_integer(column)
        default = column.field.default if column.field is not None else None
        # a new record's own value where it is a real one (年度 2022, 工期 7 天), else the least allowed
        return (
            default if isinstance(default, int) and not isinstance(default, bool) and default >= low else low
        )
    if kind == "decimal":
        return 1.0
    if kind == "bool":
        return False
    if kind == "ref":
        assert column.field is not None  # a "ref" column is made from its ForeignKeyField
        return "张三" if column.field.rel_model is Member else "示例"
    if column.name == "id_number":
        return "62010219900101123" + check_digit("62010219900101123")
    if "phone" in column.name:
        return "13900000000"
    return "示例：" + column.header


def _least_integer(column: Column) -> int:
    return max(int((column.field and getattr(column.field, "_wz_min_value", None)) or 0), 1)


def example_values(model: type[models.Record]) -> dict:
    return {c.name: example_value(c) for c in layout(model, KIND_TEMPLATE).columns if c.kind != "system"}


def earlier_example_values(model: type[models.Record]) -> list:
    """Example values that templates of earlier versions wrote (a number column's least value,
    e.g. 年度 2000): their example rows, already out in the villages, are still skipped."""
    return [_least_integer(c) for c in layout(model, KIND_TEMPLATE).columns if c.kind == "integer"]


def _width(column: Column) -> float:
    if column.kind == "longtext":
        return 40
    if column.kind == "date":
        return 13
    if column.name == "id_number":
        return 21
    return max(10, min(30, 2.2 * len(column.header) + 2))


class _Lists:
    """The hidden sheet of dropdown lists: one column per list, reused by identical lists."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.columns: dict[tuple[str, ...], str] = {}

    def range_for(self, values: list[str], formulas: tuple[str, ...] = ()) -> str | None:
        """The range listing ``values``, then the results of ``formulas`` (rows typed into this
        file, e.g. the meetings on its 三会一课 sheet)."""
        key = (*values, *formulas)
        if not key:
            return None
        if key not in self.columns:
            index = len(self.columns) + 1
            letter = get_column_letter(index)
            for row, value in enumerate(values, start=1):
                cell = self.sheet.cell(row=row, column=index)
                cell.value = value
                cell.data_type = "s"
            for row, formula in enumerate(formulas, start=len(values) + 1):
                self.sheet.cell(row=row, column=index).value = formula
            self.columns[key] = f"{quote_sheetname(self.sheet.title)}!${letter}$1:${letter}${len(key)}"
        return self.columns[key]


def _typed_in_file(model: type) -> tuple[str, ...]:
    """Formulas naming each row typed on ``model``'s own sheet of the same file as a hand-filled
    cell names it (``2022-05-03 支部党员大会``; ``2022-06-28``), blank for an empty row. Plain
    functions only (YEAR, MONTH, DAY, RIGHT, IF), which Excel, WPS and LibreOffice all compute
    the same in every language, so a meeting entered on 三会一课 is in the 出勤记录 dropdown."""
    if model not in (Meeting, BirthdayCeremony):
        return ()
    sheet_layout = layout(model, KIND_TEMPLATE)
    letters = {c.name: get_column_letter(n) for n, c in enumerate(sheet_layout.columns, start=1)}
    sheet = quote_sheetname(sheet_layout.title)
    formulas = []
    for row in range(3, TEMPLATE_ROWS + 2):  # row 2 is the example
        day = f"{sheet}!${letters['date']}{row}"
        text = (
            f'IF(ISNUMBER({day}),YEAR({day})&"-"&RIGHT("0"&MONTH({day}),2)&"-"&RIGHT("0"&DAY({day}),2),{day})'
        )
        if model is Meeting:
            kind = f"{sheet}!${letters['kind']}{row}"
            formulas.append(f'=IF(OR({day}="",{kind}=""),"",{text}&" "&{kind})')
        else:
            formulas.append(f'=IF({day}="","",{text})')
    return tuple(formulas)


def write_template(village: Organisation, out: str | Path, prefilled: bool = False) -> Path:
    """Write the hand-fillable workbook of ``village`` to ``out``.

    ``prefilled``: with the village's records the town holds, its open problems and what was
    sent back (一表同享), so that the village checks and adds instead of retyping.
    """
    out = Path(out)
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    lists = _Lists(book.create_sheet(LISTS_SHEET))
    lists.sheet.sheet_state = "hidden"
    village_lists = _village_lists(village)
    org_ids = _village_ids(village)
    # what the town sent back goes to a hand-filling village in every template, blank or not
    backs = {u: m for u, m in open_send_backs(org_ids=[village.id]).items() if m.state == SENT_BACK}
    models_written = template_models() + ([Problem] if prefilled else [])
    for model in models_written:
        held = _held(model, org_ids) if prefilled else []
        # the pre-filled rows come first; the blank rows with their dropdowns follow them
        ws = _write_sheet(book, model, lists, village_lists, len(held))
        if held:
            _prefill(ws, model, held, backs)
    if backs:
        _write_returned(book, backs)
    _write_guide(guide, village)
    if prefilled:
        guide.append([])
        guide.append(
            ["本模板已预先填入镇党委已有的本村记录（“记录标识”列勿改勿删）：核对、改正、补充即可，不必重抄。"]
        )
        guide.append(
            ["粉红色的行是镇党委退回修改的记录，原因见该行批注和“退回修改”表；改正后照常交回，即为再次报送。"]
        )
        guide.append(
            [
                "“问题台账”表中灰色的列由镇党委填写，村里只填写整改方案、整改佐证、拟完成日期和村报整改完成日期。"
            ]
        )
    meta = book.create_sheet(META_SHEET)
    for row in describe(KIND_TEMPLATE, village).rows():
        meta.append([row[0], "是" if row[1] is True else "否" if row[1] is False else row[1], row[2]])
    meta.sheet_state = "hidden"
    with writing(out) as partial:
        book.save(partial)
    return out


def _village_lists(village: Organisation) -> dict[type, list[str]]:
    groups = list(Organisation.live().where(Organisation.parent == village).order_by(Organisation.code))
    org_ids = [village.id, *[g.id for g in groups]]
    members = Member.active(org_ids=org_ids)

    return {
        Member: sort_by_pinyin(sorted({m.name for m in members})),
        Organisation: [g.name for g in groups],
        KeyTask: [t.title for t in KeyTask.live().where(KeyTask.org == village).order_by(KeyTask.deadline)],
        # the village's own key people, for its own 帮扶走访 (the template goes back to the village only)
        KeyPerson: sort_by_pinyin(
            sorted({k.name for k in KeyPerson.live().where(KeyPerson.org.in_(org_ids))})
        ),
        Meeting: [
            record_label(Meeting, {"date": m.date, "kind": m.kind})
            for m in Meeting.live().where(Meeting.org.in_(org_ids)).order_by(Meeting.date.desc()).limit(300)
        ],
        BirthdayCeremony: [
            record_label(BirthdayCeremony, {"date": c.date})
            for c in BirthdayCeremony.live()
            .where(BirthdayCeremony.org.in_(org_ids))
            .order_by(BirthdayCeremony.date)
        ],
    }


def _village_ids(village: Organisation) -> list[int]:
    groups = Organisation.live(Organisation.id).where(Organisation.parent == village)
    return [village.id, *[g.id for g in groups]]


def _held(model: type[Record], org_ids: list[int]) -> list[Record]:
    """The village's live records of ``model`` (its open problems for 问题台账), oldest first."""
    query = filter_by_org(model.live(), model, org_ids)
    if model is Problem:
        query = query.where(Problem.state != "已销号")
    return list(query.order_by(model.id))


def _cell_value(column: Column, record: Record):
    if column.kind == "system":
        return record.uuid
    value = record.__data__.get(column.field_name)
    if column.kind == "ref":
        assert column.field is not None
        target = getattr(record, column.field_name) if value is not None else None
        if target is None:
            return None
        label = record_label(type(target), target.__data__)
        return label or next(
            (target.__data__[n] for n in ("name", "title") if target.__data__.get(n)), str(target)
        )
    if column.kind == "bool":
        return "是" if value else "否"
    return value


def _prefill(ws, model: type[Record], held: list[Record], backs) -> None:
    columns = layout(model, KIND_TEMPLATE).columns
    town_columns = [
        i
        for i, c in enumerate(columns, start=1)
        if c.field is not None and c.kind != "system" and field_owner(model, c.field) != VILLAGE
    ]
    for index in town_columns:
        header = ws.cell(row=1, column=index)
        header.fill = TOWN_FILL
        header.comment = Comment("镇党委填写，村里改了也不会被接收", "五抓五提升工作台")
    for row, record in enumerate(held, start=3):
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=index)
            safe_text(cell, _cell_value(column, record))
            if index in town_columns:
                cell.fill = TOWN_FILL
        mark = backs.get(record.uuid)
        if mark is not None:
            for index in range(1, len(columns) + 1):
                ws.cell(row=row, column=index).fill = RETURNED_FILL
            ws.cell(row=row, column=1).comment = Comment(
                f"{mark.date} 镇党委退回：{mark.reason}。请改正后交回。", "五抓五提升工作台"
            )


def _write_returned(book, backs) -> None:
    ws = book.create_sheet(RETURNED_SHEET, 1)
    ws.append(["记录类型", "被退回的记录", "退回日期", "退回原因", "状态"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for mark in sorted(backs.values(), key=lambda m: (m.date, m.id)):
        ws.append([mark.record_label, mark.summary, mark.date, mark.reason, mark.state])
        ws.cell(row=ws.max_row, column=3).number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDE", (14, 36, 13, 40, 10), strict=True):
        ws.column_dimensions[letter].width = width


def _write_sheet(book, model, lists: _Lists, village_lists, prefilled_rows: int = 0):
    sheet_layout = layout(model, KIND_TEMPLATE)
    ws = book.create_sheet(sheet_layout.title)
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"  # printed blank for a meeting: one page wide
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    example = example_values(model)
    for index, column in enumerate(sheet_layout.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index, value=column.header + ("*" if column.required else ""))
        header.fill = HEADER_FILL
        header.font = REQUIRED_FONT if column.required else Font(bold=True)
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.field is not None and column.field.help_text:
            header.comment = Comment(column.field.help_text, "五抓五提升工作台")
        ws.column_dimensions[letter].width = _width(column)
        sample = ws.cell(row=2, column=index)
        if column.kind == "system":
            sample.value = EXAMPLE_MARK_TEXT
            header.comment = Comment("新填写的记录此列留空", "五抓五提升工作台")
        else:
            value = example[column.name]
            safe_text(sample, "是" if value is True else "否" if value is False else value)
        sample.font = EXAMPLE_FONT
        _format_column(ws, column, index)
        _add_dropdown(ws, column, letter, lists, village_lists, TEMPLATE_ROWS + prefilled_rows + 1)
    return ws


def _format_column(ws, column: Column, index: int) -> None:
    """Give the column's empty cells their format: a column style, which Excel, WPS and
    LibreOffice apply to every cell typed into that column (one ``<col>`` element instead of
    a styled empty cell per row)."""
    dimension = ws.column_dimensions[get_column_letter(index)]
    sample = ws.cell(row=2, column=index)
    if column.kind == "date":
        dimension.number_format = sample.number_format = "yyyy-mm-dd"
    elif column.kind in ("text", "ref", "system") and not column.choices:
        # ID and phone numbers stay text instead of becoming 6.2E+17
        dimension.number_format = sample.number_format = "@"
    if column.kind == "longtext":
        dimension.alignment = sample.alignment = Alignment(wrap_text=True, vertical="top")


def _add_dropdown(ws, column: Column, letter: str, lists: _Lists, village_lists, last_row: int) -> None:
    values: list[str] = []
    if column.choices:
        values = list(column.choices)
    elif column.kind == "bool":
        values = ["是", "否"]
    formulas: tuple[str, ...] = ()
    if not values and column.kind == "ref":
        assert column.field is not None  # a "ref" column is made from its ForeignKeyField
        values = village_lists.get(column.field.rel_model, [])
        formulas = _typed_in_file(column.field.rel_model)
    source = lists.range_for(values, formulas)
    if source is None:
        return
    strict = column.kind != "ref"  # a new member may be added on the 党员 sheet of the same file
    validation = DataValidation(
        type="list",
        formula1=f"={source}",
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle="输入有误",
        error=f"“{column.header}”请从下拉列表中选择",
        showInputMessage=False,
    )
    validation.add(f"{letter}2:{letter}{last_row}")
    ws.add_data_validation(validation)


def _write_guide(ws, village: Organisation) -> None:
    lines = [
        f"{village.name} 五抓五提升 台账填报模板",
        "",
        "填表说明：",
        "1. 每个工作表对应一类台账，每行填写一条记录；第一行是列名，请勿修改、删除或合并。",
        "2. 列名带 * 的为必填项；有下拉箭头的单元格请从下拉列表中选择。",
        "3. 日期可填写为 2022-05-01、2022.5.1、2022/5/1 或 2022年5月1日。",
        "4. 身份证号、电话号码请按文本填写（模板中已设为文本格式），不要改成数字格式。",
        "5. “党员”类的列填写本村（社区）党员的姓名；新党员请先在“党员”表中登记。",
        "   “出勤记录”每名党员每次会议一行：“会议”写会议日期和类型（如 2022-05-03 支部党员大会），"
        "与“三会一课”表中的一行或已报送的会议对应，“出勤”选出席、请假或缺席。",
        "   “帮扶走访”的“帮扶对象”从下拉列表选本村重点人群（新的请先在“重点人群”表中登记）；"
        "“过政治生日的党员”的“政治生日活动”写活动日期（如 2022-07-01），与“政治生日活动”表对应。",
        "6. 灰色斜体的第二行是示例，导入时自动跳过；可以删除，也可以直接在其上填写。",
        "7. 不要使用公式、合并单元格；“记录标识”列新填写的记录留空即可。",
        "8. 工作表“文件信息”已隐藏，记录本文件属于哪个村，请勿修改。",
        "9. 填好后保存为 .xlsx 格式（不要另存为 .xls 或 .et），用 U 盘交回镇党委。",
    ]
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 100
