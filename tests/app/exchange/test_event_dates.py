"""Dates that cannot belong: an event outside the campaign's months or outside its row's month."""

from __future__ import annotations

import datetime as dt

import openpyxl
from exchange_helpers import column_letters
from exchange_helpers import filled

from app.campaign_time import campaign_months
from app.campaign_time import date_problems
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from models import BirthdayCeremony
from models import Campaign
from models import Deed
from models import Member
from models import Progress
from models import settings


def _deed(day: str) -> dict[str, object]:
    return {"党员": "王建国", "办理日期": day, "实事类别": "帮办代办", "实事内容": f"代办 {day}"}


def test_the_campaign_counts_whole_months(town):
    campaign = Campaign.current()
    assert (campaign.start, campaign.end) == (dt.date(2022, 4, 11), dt.date(2022, 11, 30))
    assert campaign_months(campaign) == (dt.date(2022, 4, 1), dt.date(2022, 11, 30))


def test_an_event_outside_the_campaign_is_refused_with_the_allowed_range(town, tmp_path):
    path = filled(town, tmp_path, "办实事", [_deed("2022-04-01"), _deed("2021-05-01"), _deed("2022-12-02")])
    letters = column_letters(path, "办实事")
    problems = plan_import(path).problems()
    assert [(p.row, p.column) for p in problems] == [(4, letters["办理日期"]), (5, letters["办理日期"])]
    for problem in problems:
        assert "2022年4月1日至2022年11月30日" in str(problem) and "行动" in str(problem)
    assert Deed.select().count() == 0


def test_a_report_date_belongs_to_its_month_or_the_next(town):
    campaign = Campaign.current()
    june = {"month": dt.date(2022, 6, 1), "reported": dt.date(2022, 7, 3)}
    assert date_problems(Progress, june, campaign) == []
    early = {"month": dt.date(2022, 7, 1), "reported": dt.date(2022, 5, 20)}
    ((name, message),) = date_problems(Progress, early, campaign)
    assert name == "reported" and "2022年7月1日至2022年8月31日" in message and "调度月份" in message


def test_a_birthday_ceremony_lies_in_the_campaign_and_may_honour_an_earlier_month(town, tmp_path):
    row = {"活动日期": "2022-06-28", "过政治生日的月份": 3, "活动形式": "重温入党誓词"}
    path = filled(town, tmp_path, "政治生日活动", [row, {**row, "活动日期": "2022-03-20"}])
    letters = column_letters(path, "政治生日活动")
    (problem,) = plan_import(path).problems()
    assert (problem.row, problem.column) == (4, letters["活动日期"])
    assert "2022年4月1日至2022年11月30日" in problem.expected
    assert BirthdayCeremony.select().count() == 0


def test_a_ceremony_whose_month_was_left_blank_is_not_judged_by_the_default(town, tmp_path):
    path = filled(town, tmp_path, "政治生日活动", [{"活动日期": "2022-05-20", "活动形式": "重温入党誓词"}])
    assert plan_import(path).problems() == []


def test_dates_that_naturally_lie_outside_keep_their_own_rules(town, tmp_path):
    path = filled(
        town,
        tmp_path,
        "党员",
        [{"姓名": "刘芳", "入党日期": "1985-07-01", "出生日期": "1960-03-02", "党员类别": "正式党员"}],
    )
    plan = plan_import(path)
    assert plan.problems() == []
    apply_plan(plan)
    assert Member.get(name="刘芳").join_date == dt.date(1985, 7, 1)


def test_a_stored_date_brought_back_unchanged_is_not_refused_again(town, tmp_path):
    Deed.create(member=Member.get(name="王建国"), date=dt.date(2022, 3, 1), kind="帮办代办", title="早办的事")
    settings.put("local_org_code", "ZD01")  # the village's own computer sends its package
    path = tmp_path / "红星村交换包.xlsx"
    export_package(town["v1"], path)
    settings.put("local_org_code", "ZD")
    assert plan_import(path).problems() == []
    book = openpyxl.load_workbook(path)
    ws = book["办实事"]
    column = next(c.column for c in ws[1] if c.value == "办理日期")
    ws.cell(row=2, column=column, value=dt.date(2022, 2, 1))
    book.save(path)
    (problem,) = plan_import(path).problems()
    assert problem.header == "办理日期" and "2022年4月1日至2022年11月30日" in problem.expected
