"""What the exported workbooks look like: layout from the declarations, no formulas from user text."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl

from app.exchange import export_package
from app.exchange import write_template
from models import Deed
from models import KeyPerson
from models import Member
from models import Organisation


def test_template_is_fillable(town, tmp_path):
    path = write_template(town["v1"], tmp_path / "模板.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "填表说明"
    assert book["文件信息"].sheet_state == "hidden" and book["下拉选项"].sheet_state == "hidden"
    info = {row[0].value: row[1].value for row in book["文件信息"].iter_rows()}
    assert info["kind"] == "template" and info["org_code"] == "ZD01"
    deeds = book["办实事"]
    headers = [c.value for c in deeds[1]]
    assert headers[:4] == ["党员*", "办理日期*", "实事类别*", "实事内容*"]  # labels from the model
    assert deeds.freeze_panes == "A2"
    # the empty rows take the column's format (Excel/WPS/LibreOffice apply it to what is typed)
    assert deeds.column_dimensions["B"].number_format == "yyyy-mm-dd"
    assert deeds["B2"].number_format == "yyyy-mm-dd"
    assert deeds["A2"].font.italic and "示例" in deeds.cell(row=2, column=len(headers)).value
    # an example 年度 is the campaign's year, not the least year allowed
    years = [
        sheet.cell(row=2, column=[c.value for c in sheet[1]].index("年度*") + 1).value
        for sheet in book.worksheets
        if "年度*" in [c.value for c in sheet[1]]
    ]
    assert years and set(years) == {2022}
    validations = {str(v.sqref): v.formula1 for v in deeds.data_validations.dataValidation}
    lists = book["下拉选项"]
    member_list = validations["A2:A501"]
    column = re.search(r"\$([A-Z]+)\$1", member_list).group(1)
    names = [c.value for c in lists[column] if c.value]
    assert sorted(names) == sorted(["王建国", "李秀英", "张伟"])  # this village's members only
    kinds_column = re.search(r"\$([A-Z]+)\$1", validations["C2:C501"]).group(1)
    assert [c.value for c in lists[kinds_column] if c.value][0] == "帮办代办"
    members = book["党员"]
    id_column = [c.value for c in members[1]].index("身份证号") + 1
    id_letter = openpyxl.utils.get_column_letter(id_column)
    assert members.column_dimensions[id_letter].number_format == "@"  # ID numbers stay text


def test_package_carries_uuids_and_times_and_never_formulas(town, tmp_path):
    wang = Member.get(name="王建国")
    evil = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"]
    for text in evil:
        Deed.create(member=wang, date=dt.date(2022, 5, 1), kind="其他", title=text, result=text)
    path = tmp_path / "包.xlsx"
    export_package(town["v1"], path)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(z.read(n) for n in sheets)
    assert b"<f>" not in xml and b"<f " not in xml
    book = openpyxl.load_workbook(path)
    ws = book["办实事"]
    headers = [c.value for c in ws[1]]
    titles = [row[headers.index("实事内容")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == sorted(evil)
    assert "记录标识" in headers and "修改时间" in headers and "党员标识" in headers
    first = next(ws.iter_rows(min_row=2, values_only=True))
    assert first[headers.index("党员标识")] == wang.uuid


def test_package_holds_only_that_villages_people(town, tmp_path):
    KeyPerson.create(org=town["v2"], name="孤寡老人甲", kind="独居老人", id_number="620102194001010011")
    KeyPerson.create(org=town["v1"], name="孤寡老人乙", kind="独居老人", phone="13911112222")
    path = tmp_path / "包.xlsx"
    export_package(town["v1"], path)
    book = openpyxl.load_workbook(path, read_only=True)
    text = " ".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )
    assert "孤寡老人乙" in text and "13911112222" in text
    assert "孤寡老人甲" not in text and "赵强" not in text and "620102194001010011" not in text
    assert Member.get(name="赵强").id_number not in text
    assert "09310000000" not in text  # the town committee's phone stays at the town
    assert Organisation.get(code="ZD02").name not in text
