"""Rules as a township clerk reads the records: new members, late rectification, duplicates.

Each case is a hand-built town where the clerk's answer is known from the records alone.
"""

from __future__ import annotations

import subprocess
import sys

from rules_town import D
from rules_town import build_town
from rules_town import key_task
from rules_town import problem

from app.rules import BEHIND
from app.rules import OVERDUE
from app.rules import evaluate
from models import Attendance
from models import KeyTask
from models import Meeting
from models import Member
from models import Milestone
from models import Organisation
from models import ProblemCheck
from models import Service

AFTER = D(2026, 1, 5)  # looked at long after the campaign: whatever was due is 逾期


def of(findings, rule, org=None):
    return [f for f in findings if f.rule == rule and (org is None or f.org_id == org.id)]


def test_members_who_joined_during_the_campaign_owe_a_share_of_the_year(db):
    town = build_town()
    september = Member.create(org=town.west, name="钱五", status="预备党员", join_date=D(2022, 9, 1))
    november = Member.create(org=town.west, name="孙六", status="预备党员", join_date=D(2022, 11, 1))
    Service.create(member=town.members[3], date=D(2022, 6, 1), kind="志愿服务", content="清扫")
    findings = evaluate(today=AFTER)
    services = {f.subject: f for f in of(findings, "services", town.west)}
    # 赵四 (a member for years) owes two; 钱五 a third of the campaign's time: one; 孙六 none.
    assert services["赵四"].missing == "赵四 今年开展服务 1 次，应不少于 2 次"
    assert services["钱五"].missing == "钱五 今年开展服务 0 次，应不少于 1 次（9月1日入党，按入党后时间折算）"
    assert services["钱五"].state == OVERDUE and services["钱五"].count == 1
    assert "孙六" not in services
    deeds = {f.subject for f in of(findings, "deeds", town.west)}
    assert deeds == {"赵四"}  # under half a deed owed rounds to none
    assert november.id not in {f.record_id for f in findings}
    assert september.id in {f.record_id for f in findings}


def test_attendance_counts_only_meetings_held_since_a_member_joined(db):
    town = build_town()
    old, new = town.members[3], Member.create(org=town.west, name="钱五", join_date=D(2022, 8, 1))
    days = [D(2022, 5, 10), D(2022, 6, 10), D(2022, 7, 10), D(2022, 8, 10), D(2022, 9, 10)]
    for day in days:
        meeting = Meeting.create(org=town.west, kind="主题党日", date=day, topic="主题党日")
        Attendance.create(meeting=meeting, member=old, state="出席")
        # 钱五 attends every meeting since joining (the sheet lists them as 缺席 before).
        Attendance.create(meeting=meeting, member=new, state="出席" if day >= new.join_date else "缺席")
    assert of(evaluate(D(2022, 9, 30)), "attendance", town.west) == []
    # A member who moved in from 东村 is not counted present at 东村's meetings for 西村.
    east_meeting = Meeting.create(org=town.east, kind="党课", date=D(2022, 9, 20), topic="党课")
    Attendance.create(meeting=east_meeting, member=town.members[0], state="出席")
    Member.update(org=town.west, group=None).where(Member.id == town.members[0].id).execute()
    found = of(evaluate(D(2022, 9, 30)), "attendance", town.west)
    assert [f.missing for f in found if f.model is Member] == [
        "张一 参加 0/5 次全体党员组织生活（0%），低于 60%"
    ]
    # The branch: 5 + 2 + 0 present of 5 + 2 + 5 expected.
    assert [f.missing for f in found if f.model is Meeting] == ["支部平均参会率 58%，低于 60%"]


def _rectified(org, description, day):
    """A problem found on 5 July, to be rectified by 4 August, rectified on ``day``."""
    return problem(
        org, D(2022, 8, 4), found=D(2022, 7, 5), description=description, state="已整改", rectified=day
    )


def test_a_problem_rectified_late_stays_overdue_and_was_open_before(db):
    town = build_town()
    late = _rectified(town.east, "三会一课记录不全", D(2022, 8, 11))
    in_time = _rectified(town.west, "党务公开不及时", D(2022, 8, 1))
    # On 8 August the late one was still open (rectified on the 11th): overdue, not yet rectified.
    found = of(evaluate(D(2022, 8, 8)), "problems")
    assert [(f.record_id, f.state) for f in found] == [(late.id, OVERDUE)]
    assert "尚未整改" in found[0].missing
    found = of(evaluate(D(2022, 9, 1)), "problems")
    assert [(f.record_id, f.state) for f in found] == [(late.id, OVERDUE)]
    assert found[0].missing == "问题“三会一课记录不全”超期整改（2022-08-11 整改完成，时限 2022-08-04）"
    assert in_time.id not in {f.record_id for f in of(evaluate(today=AFTER), "problems")}


def test_a_failed_recheck_before_the_new_rectification_does_not_count(db):
    town = build_town()
    reopened = problem(
        town.east,
        D(2022, 7, 1),
        description="帮扶走访记录缺失",
        state="已整改",
        rectified=D(2022, 8, 1),  # rectified again after the failed 回头看
        reopened=1,
    )
    ProblemCheck.create(problem=reopened, kind="回头看", date=D(2022, 7, 15), result="未通过")
    found = of(evaluate(D(2022, 9, 5)), "rechecks")
    assert [(f.record_id, f.state) for f in found] == [(reopened.id, OVERDUE)]
    ProblemCheck.create(problem=reopened, kind="回头看", date=D(2022, 9, 1), result="通过")
    assert of(evaluate(D(2022, 9, 5)), "rechecks") == []


def test_an_overdue_task_is_one_finding_not_one_per_milestone(db):
    town = build_town()
    task = key_task(town, town.east, D(2022, 9, 30), title="人居环境整治", state="推进中")
    first = Milestone.create(task=task, order=1, title="摸底", start=D(2022, 5, 1), due=D(2022, 6, 30))
    Milestone.create(task=task, order=2, title="验收", start=D(2022, 7, 1), due=D(2022, 9, 30))
    # While the task is running, its late milestone is the news.
    found = of(evaluate(D(2022, 7, 10)), "key_tasks")
    assert [(f.model, f.record_id) for f in found] == [(Milestone, first.id)]
    # Once the task itself is overdue, the clerk writes down the task once.
    found = of(evaluate(D(2022, 10, 10)), "key_tasks")
    assert [(f.model, f.record_id, f.state) for f in found] == [(KeyTask, task.id, OVERDUE)]


def test_a_task_assigned_to_the_town_committee_itself_is_the_towns(db):
    town = build_town()
    own = key_task(town, town.town, D(2022, 6, 30), title="镇级观摩活动", state="推进中")
    found = of(evaluate(D(2022, 7, 10)), "key_tasks")
    assert [(f.record_id, f.org_code, f.state) for f in found] == [(own.id, "ZD", OVERDUE)]
    assert of(evaluate(D(2022, 7, 10), org_ids=[town.east.id]), "key_tasks") == []


def test_a_group_meeting_names_the_group_once(db):
    town = build_town()
    Organisation.update(short_name="第一党小组").where(Organisation.id == town.group.id).execute()
    found = [f for f in of(evaluate(D(2022, 5, 3)), "meetings", town.east) if f.subject == "党小组会"]
    assert [f.missing for f in found] == ["2022年4月第一党小组党小组会应开 1 次，已开 0 次"]
    assert found[0].state == OVERDUE


def test_check_prints_a_deadline_once(db_location, db, tmp_path):
    town = build_town()
    _rectified(town.east, "三会一课记录不全", D(2022, 8, 11))
    path = str(db_location)  # the database the fixture opened (a file or a server URL)
    result = subprocess.run(
        [sys.executable, "-m", "app", "check", "--db", str(path), "--as-of", "2022-09-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if "三会一课记录不全" in x)
    assert line.count("2022-08-04") == 1
    meeting_line = next(x for x in result.stdout.splitlines() if "党课应开" in x)
    assert meeting_line.endswith("（时限 2022-06-30）")
    assert BEHIND in result.stdout or OVERDUE in result.stdout


def test_ratings_count_from_the_day_of_their_review_meeting(db):
    from models import Review

    town = build_town()
    review = Meeting.create(org=town.east, kind="民主评议党员", date=D(2022, 11, 25), topic="民主评议")
    for member in town.members[:3]:
        Review.create(member=member, year=2022, meeting=review, rating="优秀")
    # In July nothing was rated yet: neither too many 优秀 nor a review held.
    assert of(evaluate(D(2022, 7, 31)), "excellent_share") == []
    found = of(evaluate(D(2022, 11, 30)), "excellent_share")
    assert [f.missing for f in found] == ["评议 3 人，优秀 3 人，超过三分之一（最多 1 人）"]
