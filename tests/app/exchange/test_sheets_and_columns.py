"""Sheets and columns as clerks rename, copy, insert and repeat them: recognised, or refused by name."""

from __future__ import annotations

import pytest
from exchange_helpers import put
from exchange_helpers import template_book

from app.exchange import apply_plan
from app.exchange import plan_import
from app.exchange.merge import ImportRefused
from app.exchange.plan import NEW
from models import Deed

_DEED = {"党员": "王建国", "办理日期": "2022-05-01", "实事类别": "帮办代办", "实事内容": "代办医保认证"}


def _save(book, tmp_path):
    out = tmp_path / "已填.xlsx"
    book.save(out)
    return out


def test_a_renamed_sheet_is_recognised_by_its_headers(town, tmp_path):
    book = template_book(town, tmp_path)
    put(book["办实事"], 3, _DEED)
    book["办实事"].title = "办实事台账"
    plan = plan_import(_save(book, tmp_path))
    assert [(r.incoming.sheet, r.status) for r in plan.rows] == [("办实事台账", NEW)]
    apply_plan(plan)
    assert [d.title for d in Deed.select()] == ["代办医保认证"]


def test_a_copied_sheet_is_read_and_its_repeated_rows_named(town, tmp_path):
    book = template_book(town, tmp_path)
    put(book["办实事"], 3, _DEED)
    copy = book.copy_worksheet(book["办实事"])
    copy.title = "办实事 (2)"
    put(copy, 4, {**_DEED, "实事内容": "帮助申请低保"})
    plan = plan_import(_save(book, tmp_path))
    messages = [str(p) for p in plan.problems()]
    assert len(messages) == 1 and "办实事 (2)”第3行" in messages[0]
    assert "与工作表“办实事”第3行完全相同" in messages[0]
    assert sorted(r.status for r in plan.rows) == sorted([NEW, NEW, "拒绝"])


def test_a_sheet_of_unknown_rows_stops_the_import(town, tmp_path):
    book = template_book(town, tmp_path)
    put(book["办实事"], 3, _DEED)
    other = book.create_sheet("统计")
    other.append(["村名", "户数"])
    other.append(["红星村", 120])
    plan = plan_import(_save(book, tmp_path))
    (problem,) = plan.sheet_problems
    text = str(problem)
    assert "工作表“统计”" in text and "村名、户数" in text and "办实事" in text and "1 行数据" in text
    with pytest.raises(ImportRefused):
        apply_plan(plan)
    assert Deed.select().count() == 0


def test_a_renamed_header_over_data_is_refused_with_the_expected_headers(town, tmp_path):
    book = template_book(town, tmp_path)
    ws = book["办实事"]
    put(ws, 3, {**_DEED, "办理结果": "已办好"})
    cell = next(c for c in ws[1] if c.value == "办理结果")
    cell.value = "办理结果说明"
    plan = plan_import(_save(book, tmp_path))
    (problem,) = plan.sheet_problems
    assert problem.column == cell.column_letter and problem.header == "办理结果说明"
    assert "不是本表的列名" in problem.expected and "办理结果" in problem.expected.split("列名为：")[1]


def test_a_column_of_running_numbers_is_tolerated(town, tmp_path):
    book = template_book(town, tmp_path)
    ws = book["办实事"]
    ws.insert_cols(1)
    ws.cell(row=1, column=1, value="序号")
    put(ws, 3, _DEED)
    ws.cell(row=3, column=1, value=1)
    plan = plan_import(_save(book, tmp_path))
    assert plan.problems() == [] and [r.status for r in plan.rows] == [NEW]


def test_two_columns_with_one_header_are_both_named(town, tmp_path):
    book = template_book(town, tmp_path)
    ws = book["办实事"]
    put(ws, 3, _DEED)
    spare = ws.max_column + 1
    ws.cell(row=1, column=spare, value="实事内容")
    ws.cell(row=3, column=spare, value="另一种说法")
    plan = plan_import(_save(book, tmp_path))
    named = sorted(p.column for p in plan.sheet_problems)
    first = next(c.column_letter for c in ws[1] if c.value == "实事内容*")
    assert named == sorted([first, ws.cell(row=1, column=spare).column_letter])
    assert all("表头都是“实事内容”" in p.expected for p in plan.sheet_problems)


def test_the_example_row_is_still_the_example_when_headers_are_swapped(town, tmp_path):
    book = template_book(town, tmp_path)
    ws = book["办实事"]
    headers = [c for c in ws[1] if c.value in ("实事内容*", "实事类别*")]
    headers[0].value, headers[1].value = headers[1].value, headers[0].value
    plan = plan_import(_save(book, tmp_path))
    assert plan.rows == [] and plan.problems() == []


def test_an_example_row_written_by_an_earlier_version_is_still_skipped(town, tmp_path):
    # Templates written before the example 年度 became 2022 carried the least year, 2000; such
    # templates are out in the villages and come back with their example row left in.
    book = template_book(town, tmp_path)
    changed = 0
    for sheet in book.worksheets:
        headers = [c.value for c in sheet[1]]
        if "年度*" in headers:
            cell = sheet.cell(row=2, column=headers.index("年度*") + 1)
            assert cell.value == 2022
            cell.value = 2000
            changed += 1
    assert changed
    plan = plan_import(_save(book, tmp_path))
    assert plan.rows == [] and plan.problems() == []
