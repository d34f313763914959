"""``import-members``: a 花名册 read as offices keep it, all or nothing, re-import by ID number."""

from __future__ import annotations

import json

import openpyxl
import pytest
from roster_books import D
from roster_books import build_town
from roster_books import id_number
from roster_books import member_rows
from roster_books import write_roster

from app.cli import main
from models import AuditEntry
from models import ImportLog
from models import Member
from models import close_database
from models import open_database


@pytest.fixture
def town(tmp_path):
    path = tmp_path / "town.sqlite3"
    open_database(path)
    orgs = build_town()
    close_database()
    yield path, orgs
    close_database()


def _run(capsys, db, *args) -> tuple[int, dict]:
    code = main(["import-members", "--db", str(db), "--json", *map(str, args)])
    return code, json.loads(capsys.readouterr().out)


def test_a_roster_with_a_title_row_and_its_own_headers_and_values(town, tmp_path, capsys):
    db, orgs = town
    book = write_roster(tmp_path / "花名册.xlsx", member_rows())
    code, report = _run(capsys, db, book)
    assert code == 0, report
    assert report["totals"] == {"新增": 3, "修改": 0, "无变化": 0, "拒绝": 0}
    assert report["unknown_headers"] == ["籍贯"]  # 序号 is known to mean nothing
    open_database(db)
    ma = Member.get(Member.name == "马文斌")
    assert (ma.org_id, ma.group_id) == (orgs["east"].id, orgs["group"].id)
    assert (ma.gender, ma.ethnicity, ma.education) == ("男", "回族", "本科")
    assert ma.birth_date == D(1990, 5, 17)  # 出生年月 1990.05, the day from the ID number
    assert ma.join_date == D(2010, 7, 1)  # Excel serial 40360
    assert (ma.full_date, ma.status) == (D(2011, 7, 1), "正式党员")
    assert (ma.post_status, ma.post_title, ma.phone) == ("有职", "支部书记", "13909311234")
    li = Member.get(Member.name == "李秀英")
    assert (li.org_id, li.education, li.status) == (orgs["west"].id, "高中/中专", "预备党员")
    assert (li.birth_date, li.join_date, li.post_status) == (D(1990, 5, 2), D(2021, 6, 1), "无职")
    zhang = Member.get(Member.name == "张国华")
    assert (zhang.birth_date, zhang.join_date, zhang.full_date) == (
        D(1958, 3, 9),
        D(1985, 7, 1),
        D(1986, 7, 1),
    )
    # written through the audited path, and logged as an import
    assert AuditEntry.select().where(AuditEntry.table == "member", AuditEntry.action == "新增").count() == 3
    log = ImportLog.select().order_by(ImportLog.id.desc()).get()
    assert log.outcome == "已导入" and json.loads(log.counts)["花名册"]["新增"] == 3


def test_a_wrong_check_digit_is_located_and_nothing_is_written(town, tmp_path, capsys):
    db, _orgs = town
    rows = member_rows()
    good = rows[1][5]
    rows[1][5] = good[:17] + ("0" if good[17] != "0" else "1")
    book = write_roster(tmp_path / "花名册.xlsx", rows)
    errors = tmp_path / "错误.xlsx"
    code, report = _run(capsys, db, book, "--errors-out", errors)
    assert code == 1
    assert "未导入任何党员" in report["error"]
    assert "工作表“花名册”第4行F列（身份证号）" in report["error"]
    assert "校验位不对，请核对是否有数字填错" in report["error"]
    open_database(db)
    assert Member.select().count() == 0  # the two good rows were not written either
    marked = openpyxl.load_workbook(errors)["花名册"]["F4"]
    assert "校验位不对" in marked.comment.text and marked.fill.fgColor.rgb.endswith("FFC7CE")


def test_bad_values_each_named_by_cell(town, tmp_path, capsys):
    db, _orgs = town
    rows = member_rows()
    rows[0][6] = "扫盲班结业以上"  # no such 学历
    rows[1][10] = "北山村"  # no such branch
    rows[2][7] = "1985.13"  # no 13th month
    book = write_roster(tmp_path / "花名册.xlsx", rows)
    code, report = _run(capsys, db, book, "--dry-run")
    assert code == 1 and report["outcome"] == "仅检查"  # a check that found errors exits 1
    problems = "\n".join(report["problems"])
    assert "第3行G列（学历）：“扫盲班结业以上”不对，应为学历" in problems
    assert "第4行K列（所在支部）：“北山村”不对，应为已登记的党支部的名称或简称" in problems
    assert "第5行H列（入党日期）：“1985.13”不对" in problems
    assert report["totals"]["拒绝"] == 3


def test_reimporting_updates_by_id_number_and_says_who_moved(town, tmp_path, capsys):
    db, orgs = town
    _run(capsys, db, write_roster(tmp_path / "第一次.xlsx", member_rows()))
    rows = member_rows()
    rows[2][10] = "东沟村"  # 张国华 moved to 东沟村
    rows[0][12] = "支部委员"  # 马文斌's post changed
    rows[1][1] = "李秀英 "  # the same person, a stray space
    rows.append(
        [4, "王小军", "男", "汉族", "1995.10", id_number("19951003", "171"), "大专", "2020-07-01",
         "2021-07-01", "正式党员", "西坪村", None, None, None, None]
    )  # fmt: skip
    again = write_roster(tmp_path / "第二次.xlsx", rows)
    code, preview = _run(capsys, db, again, "--dry-run")
    assert preview["totals"] == {"新增": 1, "修改": 2, "无变化": 1, "拒绝": 0}
    assert preview["moved"] == ["张国华：西坪村党支部 → 东沟村党支部"]
    code, report = _run(capsys, db, again)
    assert code == 0 and report["written"] == 3
    open_database(db)
    assert Member.select().count() == 4  # no duplicates
    zhang = Member.get(Member.name == "张国华")
    assert zhang.org_id == orgs["east"].id and zhang.join_date == D(1985, 7, 1)
    assert Member.get(Member.name == "马文斌").post_title == "支部委员"
    changed = AuditEntry.get(AuditEntry.record_uuid == zhang.uuid, AuditEntry.action == "修改")
    assert json.loads(changed.changes)["所在支部"] == ["西坪村党支部", "东沟村党支部"]


def test_a_per_branch_sheet_without_a_branch_column(town, tmp_path, capsys):
    db, orgs = town
    headers = ("姓名", "身份证号码", "入党日期", "学历")
    rows = [["马六", id_number("19800101", "011"), "2000.07.01", "大学专科"]]
    book = write_roster(tmp_path / "东沟村.xlsx", rows, title="东沟村党支部党员花名册", headers=headers)
    code, report = _run(capsys, db, book)
    assert code == 0, report
    open_database(db)
    member = Member.get(Member.name == "马六")
    assert (member.org_id, member.education, member.gender) == (orgs["east"].id, "大专", "男")


def test_a_workbook_without_a_roster_is_refused(town, tmp_path, capsys):
    db, _orgs = town
    book = write_roster(tmp_path / "其他.xlsx", [["a", "b"]], headers=("项目", "金额"))
    code, report = _run(capsys, db, book)
    assert code == 1 and "没有找到花名册" in report["error"]
