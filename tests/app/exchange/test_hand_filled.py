"""Hand-filled templates: what a person obviously meant is accepted, the rest refused precisely."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from exchange_helpers import put
from exchange_helpers import template_book
from exchange_helpers import valid_id

from app.exchange import apply_plan
from app.exchange import plan_import
from app.exchange import write_errors
from app.exchange import write_template
from app.exchange.merge import ImportRefused
from models import Deed
from models import ImportLog
from models import Meeting
from models import Member
from models import Organisation
from models import Service


def _wrong_check(first17: str) -> str:
    good = valid_id(first17)[-1]
    return first17 + ("1" if good != "1" else "2")


def test_typical_hand_filling_is_understood(town, tmp_path):
    book = template_book(town, tmp_path)
    deeds = book["办实事"]
    put(
        deeds,
        3,
        {"党员": " 王建国 ", "办理日期": "2022.5.1", "实事类别": "帮办代办", "实事内容": "代办\n医保认证"},
    )
    put(
        deeds,
        4,
        {
            "党员": "李秀英",
            "办理日期": "２０２２年５月２日",
            "实事类别": "产业帮扶",
            "实事内容": "联系收购商",
        },
    )
    put(
        deeds,
        6,
        {"党员": "张伟", "办理日期": 44690, "实事类别": "其他", "实事内容": "清理水渠", "支部已核实": "是"},
    )
    services = book["党员服务"]
    put(
        services,
        3,
        {
            "党员": "王建国",
            "服务日期": "2022/5/3",
            "服务类别": "志愿服务",
            "服务内容": "打扫村道",
            "服务时长（小时）": "３",
            "量化评分": " 8 ",
        },
    )
    members = book["党员"]
    put(
        members,
        3,
        {
            "姓名": "刘芳",
            "入党日期": "2021-07-01",
            "党员类别": "预备党员",
            "有职/无职": "无职",
            "身份证号": valid_id("62010219990101123"),
            "党小组": "红星村第一党小组",
        },
    )
    # Columns and sheets reordered, the example row left in place.
    book.move_sheet("党员服务", offset=-10)
    services.move_range("A1:Z600", cols=2)
    book.save(tmp_path / "filled.xlsx")

    plan = plan_import(tmp_path / "filled.xlsx")
    assert plan.problems() == []
    assert plan.totals()["新增"] == 5
    apply_plan(plan)
    assert Deed.select().count() == 3
    first = Deed.get(Deed.date == dt.date(2022, 5, 1))
    assert first.member.name == "王建国" and first.title == "代办 医保认证"
    assert Deed.get(Deed.date == dt.date(2022, 5, 2)).member.name == "李秀英"
    assert Deed.get(Deed.date == dt.date(2022, 5, 9)).verified is True  # serial 44690
    service = Service.get()
    assert service.hours == 3.0 and service.score == 8
    liu = Member.get(name="刘芳")
    assert liu.org.code == "ZD01" and liu.group.code == "ZD0101" and liu.origin == "ZD01"

    # Bringing the same file again adds nothing.
    again = plan_import(tmp_path / "filled.xlsx")
    assert again.totals()["新增"] == 0 and again.totals()["无变化"] == 5
    apply_plan(again)
    assert Deed.select().count() == 3


def test_mistakes_are_refused_with_file_sheet_row_column_and_expectation(town, tmp_path):
    book = template_book(town, tmp_path)
    deeds = book["办实事"]
    put(deeds, 3, {"党员": "王建国", "办理日期": "2022-2-30", "实事类别": "帮办代办", "实事内容": "甲"})
    put(deeds, 4, {"党员": "不存在的人", "办理日期": "2022-5-1", "实事类别": "帮办代办", "实事内容": "乙"})
    put(deeds, 5, {"党员": "王建国", "办理日期": "2022-5-1", "实事类别": "发红包", "实事内容": "丙"})
    put(deeds, 6, {"党员": "王建国", "办理日期": "2022-5-1", "实事类别": "帮办代办", "实事内容": "丁"})
    put(deeds, 7, {"党员": "王建国", "办理日期": "2022-5-1", "实事类别": "帮办代办", "实事内容": "丁"})
    put(
        book["党员服务"],
        3,
        {"党员": "王建国", "服务日期": "2022-5-1", "服务类别": "志愿服务", "服务内容": "x", "量化评分": 11},
    )
    members = book["党员"]
    put(members, 3, {"姓名": "甲", "入党日期": "2021-7-1", "身份证号": 6.20102199901011e17})
    put(members, 4, {"姓名": "乙", "入党日期": "2021-7-1", "身份证号": "620102199901011000"})
    put(members, 5, {"姓名": "丙", "入党日期": "2021-7-1", "身份证号": "6.20102199901011E+17"})
    put(members, 6, {"姓名": "丁", "入党日期": "2021-7-1", "身份证号": _wrong_check("62010219990101123")})
    meetings = book["三会一课"]
    put(meetings, 3, {"会议类型": "支委会", "日期": "2022-5-1", "主题": "合并的行"})
    put(meetings, 4, {"会议类型": "支委会", "日期": "2022-5-2", "主题": "另一行"})
    meetings.merge_cells("C3:C4")
    book.save(tmp_path / "bad.xlsx")

    plan = plan_import(tmp_path / "bad.xlsx")
    text = [str(p) for p in plan.problems()]
    joined = "\n".join(text)
    assert "工作表“办实事”第3行B列（办理日期）：“2022-2-30”不对，应为真实存在的日期" in joined
    assert "工作表“办实事”第4行A列（党员）：“不存在的人”" in joined
    assert "第5行C列（实事类别）：“发红包”不对，应为以下之一：帮办代办" in joined
    assert "第7行：与第6行完全相同（重复填写）" in joined
    assert "工作表“党员服务”第3行" in joined and "不能大于 10" in joined
    assert sum("身份证号" in t for t in text) == 4
    assert (
        any("科学计数法" in t for t in text)
        and any("000" in t for t in text)
        and any("校验位" in t for t in text)
    )
    assert any("合并单元格" in t for t in text)
    assert all(t.startswith("文件“bad.xlsx”") for t in text)
    assert plan.totals()["新增"] == 1  # row 6 of 办实事 is fine

    with pytest.raises(ImportRefused):
        apply_plan(plan)
    assert Deed.select().count() == 0 and Member.select().count() == 4 and Meeting.select().count() == 0
    assert ImportLog.get().outcome == "已拒绝"

    # The refused workbook goes back with every bad cell marked.
    out = write_errors(tmp_path / "bad.xlsx", plan.problems(), tmp_path / "bad-marked.xlsx")
    marked = openpyxl.load_workbook(out)
    cell = marked["办实事"]["B3"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE") and "真实存在的日期" in cell.comment.text
    assert marked["办实事"]["A4"].comment is not None
    assert marked["党员"]["E3"].comment is not None or any(c.comment for c in marked["党员"][3])

    # Or the good rows go in now and the rest later.
    apply_plan(plan, skip_refused=True)
    assert Deed.select().count() == 1
    assert ImportLog.select().order_by(ImportLog.id.desc()).first().outcome == "部分导入"


def test_a_file_for_another_village_or_campaign_is_refused(town, tmp_path):
    from app.exchange import FileRefused
    from models import Campaign

    write_template(town["v2"], tmp_path / "v2.xlsx")
    book = openpyxl.load_workbook(tmp_path / "v2.xlsx")
    book["文件信息"]["B3"] = "00000000-0000-0000-0000-000000000000"
    book.save(tmp_path / "other-campaign.xlsx")
    with pytest.raises(FileRefused, match="另一个行动"):
        plan_import(tmp_path / "other-campaign.xlsx")
    assert Campaign.select().count() == 1

    # A village's computer only takes its own files.
    from models import settings

    settings.put("local_org_code", "ZD01")
    with pytest.raises(FileRefused, match="东风村党支部（ZD02）的文件"):
        plan_import(tmp_path / "v2.xlsx")


def test_a_village_file_cannot_write_another_villages_records(town, tmp_path):
    book = template_book(town, tmp_path)
    zhao = Member.get(name="赵强")  # of ZD02
    ws = book["办实事"]
    put(ws, 3, {"党员": "赵强", "办理日期": "2022-5-1", "实事类别": "其他", "实事内容": "越界"})
    put(book["党员"], 3, {"姓名": "赵强", "入党日期": "2001-07-01", "记录标识": zhao.uuid})
    book.save(tmp_path / "x.xlsx")
    text = "\n".join(str(p) for p in plan_import(tmp_path / "x.xlsx").problems())
    assert "办实事”第3行A列（党员）：“赵强”" in text
    assert "属于其他村" in text
    assert Organisation.select().count() == 4


def test_a_blank_required_cell_is_named_by_its_column(town, tmp_path):
    book = template_book(town, tmp_path)
    put(book["办实事"], 3, {"党员": "王建国", "实事类别": "其他", "实事内容": "没写日期"})
    put(book["党员"], 3, {"姓名": "新党员", "入党日期": "2022-07-01"})
    put(
        book["办实事"],
        4,
        {"党员": "新党员", "办理日期": "2022-07-02", "实事类别": "其他", "实事内容": "新党员办的"},
    )
    book.save(tmp_path / "blank.xlsx")
    plan = plan_import(tmp_path / "blank.xlsx")
    assert [str(p) for p in plan.problems()] == [
        "文件“blank.xlsx”工作表“办实事”第3行B列（办理日期）：必须填写"
    ]
    # A member added in the same file can be named on the other sheets at once.
    apply_plan(plan, skip_refused=True)
    assert Deed.get().member.name == "新党员"


def test_a_village_file_cannot_touch_the_towns_records(town, tmp_path):
    from models import Campaign

    book = template_book(town, tmp_path)
    ws = book.create_sheet("行动")
    ws.append(["行动名称", "年度", "开始日期", "结束日期", "记录标识"])
    ws.append(["改名的行动", 2022, "2022-4-11", "2022-11-30", Campaign.get().uuid])
    book.save(tmp_path / "越权.xlsx")
    text = "\n".join(str(p) for p in plan_import(tmp_path / "越权.xlsx").problems())
    assert "工作表“行动”第2行：镇党委的行动安排，村里不能修改" in text
    assert Campaign.get().name == "五抓五提升行动"


def test_a_package_claiming_to_come_from_the_town_must_name_this_town(town, tmp_path):
    from app.exchange import export_package
    from models import Campaign

    export_package(town["v1"], tmp_path / "包.xlsx")
    book = openpyxl.load_workbook(tmp_path / "包.xlsx")
    info = book["文件信息"]
    for row in info.iter_rows():
        if row[0].value == "sender_code":
            row[1].value = "ZD99"
    ws = book["行动"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("行动名称") + 1, value="冒名改的")
    ws.cell(row=2, column=headers.index("修改时间") + 1, value="2030-01-01 00:00:00")
    book.save(tmp_path / "冒名.xlsx")
    text = "\n".join(str(p) for p in plan_import(tmp_path / "冒名.xlsx").problems())
    assert "工作表“行动”第2行：镇党委的行动安排，村里不能修改" in text
    assert Campaign.get().name == "五抓五提升行动"


def test_a_title_row_above_the_headers_is_tolerated(town, tmp_path):
    book = template_book(town, tmp_path)
    ws = book["办实事"]
    put(ws, 3, {"党员": "王建国", "办理日期": "2022-5-1", "实事类别": "其他", "实事内容": "有标题行"})
    ws.insert_rows(1)
    ws["A1"] = "红星村2022年办实事台账"
    book.save(tmp_path / "标题.xlsx")
    plan = plan_import(tmp_path / "标题.xlsx")
    assert plan.problems() == [] and plan.totals()["新增"] == 1
    assert plan.rows[0].incoming.row == 4


def test_bringing_an_old_hand_filled_file_again_keeps_the_towns_corrections(town, tmp_path):
    book = template_book(town, tmp_path)
    put(book["办实事"], 3, {"党员": "王建国", "办理日期": "2022-5-1", "实事类别": "其他", "实事内容": "修路"})
    put(book["党员"], 3, {"姓名": "张伟", "职务": "组长"})
    book.save(tmp_path / "f.xlsx")
    apply_plan(plan_import(tmp_path / "f.xlsx"))
    assert Member.get(name="张伟").post_title == "组长"
    deed = Deed.get()
    deed.title = "修路（镇里核实后更正）"
    deed.save()
    zhang = Member.get(name="张伟")
    zhang.post_title = "党小组组长"
    zhang.save()
    again = plan_import(tmp_path / "f.xlsx")
    statuses = {r.incoming.sheet: r.status for r in again.rows}
    assert statuses == {"办实事": "无变化", "党员": "冲突"}
    apply_plan(again)
    assert Deed.get().title == "修路（镇里核实后更正）" and Member.get(name="张伟").post_title == "党小组组长"
