"""One real-world event, one record: rows sent again without identity are recognised by their natural key."""

from __future__ import annotations

import json

from exchange_helpers import filled

from app.cli import main
from app.exchange import KEEP_BOTH
from app.exchange import apply_plan
from app.exchange import plan_import
from app.exchange.plan import CHANGED
from app.exchange.plan import NEW
from app.exchange.plan import REFUSED
from app.exchange.plan import UNCHANGED
from models import Deed
from models import Review
from models import close_database
from models import open_database

_DEED = {"党员": "王建国", "办理日期": "2022-05-01", "实事类别": "帮办代办", "实事内容": "代办医保认证"}


def test_a_corrected_resubmission_updates_the_record(town, tmp_path):
    first = filled(town, tmp_path, "办实事", [_DEED])
    apply_plan(plan_import(first))
    corrected = filled(town, tmp_path, "办实事", [{**_DEED, "实事内容": "代办医保和养老认证"}], "改正.xlsx")
    plan = plan_import(corrected)
    (row,) = plan.rows
    assert row.status == CHANGED and "可能与已有记录重复" in row.note and "实事类别" in row.note
    assert plan.likely_duplicates() == [row]
    apply_plan(plan)
    assert [d.title for d in Deed.select()] == ["代办医保和养老认证"]


def test_the_same_row_sent_again_is_unchanged(town, tmp_path):
    first = filled(town, tmp_path, "办实事", [_DEED])
    apply_plan(plan_import(first))
    again = plan_import(filled(town, tmp_path, "办实事", [{**_DEED, "党员": " 王建国\u3000"}], "再.xlsx"))
    assert [r.status for r in again.rows] == [UNCHANGED]
    apply_plan(again)
    assert Deed.select().count() == 1


def test_a_clerk_may_keep_a_likely_duplicate_as_a_second_event(town, tmp_path):
    apply_plan(plan_import(filled(town, tmp_path, "办实事", [_DEED])))
    other = plan_import(filled(town, tmp_path, "办实事", [{**_DEED, "实事内容": "代办低保申请"}], "二.xlsx"))
    result = apply_plan(other, duplicates=KEEP_BOTH)
    assert result.written == 1
    assert sorted(d.title for d in Deed.select()) == ["代办低保申请", "代办医保认证"]
    assert Deed.select().where(Deed.state == "已办结").count() == 2  # the new one took its default


def test_one_rating_per_member_and_year_is_never_doubled(town, tmp_path):
    rating = {"党员": "李秀英", "年度": 2022, "评议等次": "合格"}
    apply_plan(plan_import(filled(town, tmp_path, "民主评议", [rating])))
    plan = plan_import(filled(town, tmp_path, "民主评议", [{**rating, "评议等次": "优秀"}], "二.xlsx"))
    (row,) = plan.rows
    assert row.status == CHANGED and "同一条记录再次报送" in row.note
    assert plan.likely_duplicates() == []  # certain, so the clerk is not asked
    apply_plan(plan, duplicates=KEEP_BOTH)
    assert [(r.rating) for r in Review.select()] == ["优秀"]


def test_two_rows_for_one_rating_in_a_file_are_refused(town, tmp_path):
    rows = [
        {"党员": "李秀英", "年度": 2022, "评议等次": "合格"},
        {"党员": "李秀英", "年度": 2022, "评议等次": "优秀"},
    ]
    plan = plan_import(filled(town, tmp_path, "民主评议", rows))
    assert [r.status for r in plan.rows] == [NEW, REFUSED]
    assert "与第3行是同一条记录（党员、年度相同）" in str(plan.problems()[0])


def test_the_command_line_offers_the_choice(db_location, town, tmp_path, capsys):
    db_file = db_location  # the town's database (see the db fixture)
    first = filled(town, tmp_path, "办实事", [_DEED])
    second = filled(town, tmp_path, "办实事", [{**_DEED, "实事内容": "代办低保申请"}], "二.xlsx")
    close_database()
    assert main(["import-package", "--db", str(db_file), str(first)]) == 0
    capsys.readouterr()
    assert main(["import-package", "--db", str(db_file), str(second), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["修改"] == 1 and "可能与已有记录重复" in report["duplicates"][0]
    assert main(["import-package", "--db", str(db_file), str(second), "--duplicates", "keep"]) == 0
    open_database(db_file)
    assert Deed.select().count() == 2
