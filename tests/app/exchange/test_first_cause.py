"""Each row reports every problem it has, its first and most useful cause, on the cell it names."""

from __future__ import annotations

import openpyxl
import pytest
from exchange_helpers import column_letters
from exchange_helpers import filled

from app.exchange import plan_import
from app.exchange import write_errors
from app.exchange.normalize import BadValue
from app.exchange.normalize import to_id_number
from app.exchange.problems import Problem


def test_an_empty_required_cell_says_so_with_its_column(town, tmp_path):
    path = filled(
        town, tmp_path, "办实事", [{"办理日期": "2022-05-01", "实事类别": "帮办代办", "实事内容": "修路"}]
    )
    letters = column_letters(path, "办实事")
    (problem,) = plan_import(path).problems()
    assert (problem.column, problem.header, problem.expected) == (letters["党员"], "党员", "必须填写")
    assert "不属于" not in str(problem)


def test_every_problem_of_a_row_is_reported_and_marked(town, tmp_path):
    row = {"党员": "王建国", "办理日期": "2022-02-30", "实事类别": "没有这类", "实事内容": "修路"}
    path = filled(town, tmp_path, "办实事", [row])
    letters = column_letters(path, "办实事")
    problems = plan_import(path).problems()
    assert sorted(p.column for p in problems) == sorted([letters["办理日期"], letters["实事类别"]])
    marked = openpyxl.load_workbook(write_errors(path, problems, tmp_path / "标错.xlsx"))["办实事"]
    for problem in problems:
        assert marked[f"{problem.column}3"].comment is not None


def test_messages_are_proofread():
    bad_id = Problem("f.xlsx", "党员", 3, "E", "身份证号", "123", "应为18位身份证号（17位数字加1位数字或X）")
    assert "应为应为" not in str(bad_id) and "“123”应为18位身份证号" in str(bad_id)
    old = Problem("f.xlsx", "党员", 3, "E", "身份证号", "123", "是15位旧号码，请填写18位身份证号")
    assert "不对，应为是" not in str(old)
    date = Problem("f.xlsx", "办实事", 3, "B", "办理日期", "x", "日期，如 2022-05-01")
    assert str(date).endswith("“x”不对，应为日期，如 2022-05-01")
    choice = Problem(
        "f.xlsx", "办实事", 3, "C", "实事类别", "发红包", "只能是以下之一：甲、乙（现为“发红包”）"
    )
    assert str(choice).endswith("“发红包”只能是以下之一：甲、乙")


@pytest.mark.parametrize(
    "typed",
    ["6.2010219700101E+17", "620102197001010000", "62010219700101001", "620102197013010012", "abc"],
)
def test_every_id_number_message_reads_as_one_sentence(typed):
    with pytest.raises(BadValue) as caught:
        to_id_number(typed)
    text = str(Problem("f.xlsx", "党员", 3, "E", "身份证号", typed, caught.value.expected))
    assert "不对，应为" not in text or text.count("应为") == 1
    for clumsy in ("应为应为", "应为是", "应为身份证号被", "应为末三位", "应为中间", "应为校验"):
        assert clumsy not in text


def test_a_merged_cell_is_marked_on_the_cell_that_shows_it(town, tmp_path):
    row = {"党员": "王建国", "办理日期": "2022-05-01", "实事类别": "帮办代办", "实事内容": "修路"}
    path = filled(town, tmp_path, "办实事", [row])
    book = openpyxl.load_workbook(path)
    ws = book["办实事"]
    ws.cell(row=4, column=1, value="王建国")
    ws.merge_cells("A3:A4")
    book.save(path)
    problems = plan_import(path).problems()
    assert any("合并单元格" in p.expected for p in problems)
    marked = openpyxl.load_workbook(write_errors(path, problems, tmp_path / "标错.xlsx"))["办实事"]
    assert marked["A3"].comment is not None and "合并" in marked["A3"].comment.text
