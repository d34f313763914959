"""倒排工期: dates worked back from the deadline, with and without weekends."""

import datetime as dt

from app.delivery import schedule
from app.delivery.schedule import Step
from app.delivery.schedule import check_plan
from app.delivery.schedule import plan_backwards
from app.delivery.schedule import plan_forwards
from app.delivery.schedule import workdays_between
from models import settings

D = dt.date


def test_calendar_days_back_from_deadline():
    steps = plan_backwards(D(2022, 6, 30), [("摸底", 5), ("实施", 10), ("验收", 3)], weekends=True)
    assert [(s.order, s.start, s.due) for s in steps] == [
        (1, D(2022, 6, 13), D(2022, 6, 17)),
        (2, D(2022, 6, 18), D(2022, 6, 27)),
        (3, D(2022, 6, 28), D(2022, 6, 30)),
    ]
    assert steps[-1].due == D(2022, 6, 30)


def test_working_days_skip_weekends():
    # 2022-07-03 is a Sunday: the last step must end on Friday 1 July.
    steps = plan_backwards(D(2022, 7, 3), [("整改", 5), ("验收", 2)], weekends=False)
    assert steps[-1].due == D(2022, 7, 1)
    assert steps[-1].start == D(2022, 6, 30)
    # 5 working days ending Wednesday 29 June start on Thursday 23 June.
    assert steps[0].due == D(2022, 6, 29)
    assert steps[0].start == D(2022, 6, 23)
    for step in steps:
        assert step.start.weekday() < 5 and step.due.weekday() < 5
        assert workdays_between(step.start, step.due, False) == step.days


def test_zero_day_step_is_a_checkpoint_on_one_day():
    steps = plan_backwards(D(2022, 5, 20), [("准备", 3), ("上报", 0)], weekends=True)
    assert steps[1].start == steps[1].due == D(2022, 5, 20)
    # A checkpoint falls on the day the step before it ends.
    assert steps[0].due == D(2022, 5, 20) and steps[0].start == D(2022, 5, 18)


def test_setting_decides_when_not_given(db):
    assert schedule.weekends_are_workdays() is True
    settings.put(schedule.WEEKENDS_KEY, False)
    steps = plan_backwards(D(2022, 7, 3), [("验收", 1)])
    assert steps[0].due == D(2022, 7, 1)


def test_forward_replan_keeps_durations():
    steps = plan_backwards(D(2022, 6, 30), [("一", 3), ("二", 4)], weekends=False)
    moved = plan_forwards(D(2022, 6, 1), steps, weekends=False)
    assert moved[0].start == D(2022, 6, 1) and moved[0].due == D(2022, 6, 3)
    # Monday 6 June after the weekend, four working days to Thursday 9 June.
    assert moved[1].start == D(2022, 6, 6) and moved[1].due == D(2022, 6, 9)


def test_check_plan_names_what_is_wrong():
    good = plan_backwards(D(2022, 6, 30), [("一", 3), ("二", 4)], weekends=True)
    assert check_plan(D(2022, 6, 1), D(2022, 6, 30), good) == []
    late = [Step(1, "一", 3, D(2022, 6, 28), D(2022, 7, 2))]
    assert any("晚于任务完成时限" in p for p in check_plan(None, D(2022, 6, 30), late))
    tight = plan_backwards(D(2022, 6, 10), [("一", 30)], weekends=True)
    assert any("工期不够" in p for p in check_plan(D(2022, 6, 1), D(2022, 6, 10), tight))
    after_the_end = check_plan(D(2022, 6, 1), D(2022, 6, 30), good, campaign_end=D(2022, 6, 29))
    assert after_the_end == ["完成时限 2022-06-30 晚于本次活动的结束日期 2022-06-29，请改在此前"]
    assert check_plan(D(2022, 6, 1), D(2022, 6, 30), good, campaign_end=D(2022, 6, 30)) == []
    unnamed = [Step(1, " ", 1, D(2022, 6, 5), D(2022, 6, 5))]
    assert any("没有填写节点名称" in p for p in check_plan(None, D(2022, 6, 30), unnamed))


def test_check_plan_with_a_missing_start_names_it_instead_of_failing():
    # The first step lost its start date (the clerk cleared it); the order check must not
    # compare the next step's start with nothing.
    steps = [Step(1, "一", 3, None, D(2022, 6, 5)), Step(2, "二", 3, D(2022, 6, 6), D(2022, 6, 9))]
    found = check_plan(None, D(2022, 6, 30), steps)
    assert found == ["第1步“一”缺少开始或完成日期"]
