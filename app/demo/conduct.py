"""抓作风 for the demo town: 三会一课 and other meetings with attendance, reviews, teams,
政治生日, education activities and 党务公开.

Frequencies follow DOMAIN.md (支委会, 党小组会 and 主题党日 monthly, 支部党员大会 and 党课
quarterly, 组织生活会 and 民主评议 once in Q4); weak villages skip more meetings.
"""

from __future__ import annotations

import datetime as dt

from models import Activity
from models import BirthdayCeremony
from models import BirthdayHonoree
from models import Disclosure
from models import Meeting
from models import Review
from models import Team

from .common import MONTHS
from .common import QUARTER_MONTHS
from .common import attend
from .common import chance
from .common import day_in
from .town import Branch
from .town import Town
from .writer import Writer

MEETING_TOPICS = {
    "支委会": ("研究本月“五抓五提升”工作安排", "研究发展党员工作", "研究重点任务推进"),
    "党小组会": ("学习传达支部会议精神", "讨论本组环境整治", "组织党员学习"),
    "支部党员大会": ("通报支部季度工作", "讨论接收预备党员", "部署“五抓五提升”行动"),
    "党课": ("书记讲党课：当好乡村振兴带头人", "党课：弘扬伟大建党精神", "党课：学习贯彻党的二十大精神"),
    "主题党日": ("重温入党誓词", "环境卫生集中整治", "学习强国学习交流", "走访慰问困难群众"),
    "组织生活会": ("2022年度组织生活会",),
    "民主评议党员": ("2022年度民主评议党员",),
}


def build_conduct(w: Writer, town: Town) -> None:
    """Queue the 抓作风 records of every branch."""
    rng = w.rng
    strong = [b for b in town.branches if not b.weak]
    too_many_excellent = rng.choice(strong) if strong else None
    for branch in town.branches:
        theme_day = rng.choice((5, 8, 10, 15, 20))  # each branch's fixed 主题党日
        for month in MONTHS:
            if chance(rng, branch, 0.97):
                _meeting(w, branch, "支委会", day_in(rng, month, 1, 10), branch.committee)
            for group_id, _name in branch.groups:
                if chance(rng, branch, 0.93):
                    people = [m for m in branch.members if m.group_id == group_id]
                    _meeting(w, branch, "党小组会", day_in(rng, month, 11, 25), people, group=group_id)
            if chance(rng, branch, 0.97):
                _meeting(w, branch, "主题党日", month.replace(day=theme_day), branch.members)
        for months in QUARTER_MONTHS.values():
            for kind in ("支部党员大会", "党课"):
                if chance(rng, branch, 0.96):
                    month = dt.date(2022, rng.choice(months), 1)
                    _meeting(w, branch, kind, day_in(rng, month, 1, 28), branch.members)
        _meeting(w, branch, "组织生活会", day_in(rng, MONTHS[-1], 10, 20), branch.members)
        review_day = day_in(rng, MONTHS[-1], 21, 28)
        review_id = _meeting(w, branch, "民主评议党员", review_day, branch.members)
        _reviews(
            w, branch, review_id, review_day, 0.4 if branch is too_many_excellent else rng.uniform(0.2, 0.3)
        )
        _teams_and_birthdays(w, branch)
        _activities(w, branch)


def _meeting(
    w: Writer, branch: Branch, kind: str, day: dt.date, people: list, group: int | None = None
) -> int:
    rng = w.rng
    mid = w.add(
        Meeting,
        day,
        branch.code,
        org=branch.id,
        group=group,
        kind=kind,
        date=day,
        topic=rng.choice(MEETING_TOPICS[kind]),
        host=branch.secretary.name,
        recorder=branch.committee[1].name if len(branch.committee) > 1 else "",
        location=f"{branch.short}党员活动室",
        content="传达学习上级精神，安排部署近期工作。",
    )
    attend(w, rng, branch, people, day, meeting=mid)
    return mid


def _reviews(w: Writer, branch: Branch, meeting_id: int, day: dt.date, share_excellent: float) -> None:
    rng = w.rng
    members = [m for m in branch.members if m.member_on(day)]  # those on the roll that day
    excellent = set(
        m.id
        for m in rng.sample([m for m in members if not m.absent_prone], int(len(members) * share_excellent))
    )
    for person in members:
        if person.id in excellent:
            rating = "优秀"
        elif person.absent_prone and rng.random() < 0.5:
            rating = "基本合格" if rng.random() < 0.9 else "不合格"
        else:
            rating = "合格"
        w.add(
            Review, day, branch.code, member=person.id, year=2022, meeting=meeting_id, rating=rating,
            remark="长期不参加组织生活" if rating in ("基本合格", "不合格") else "",
        )  # fmt: skip


def _teams_and_birthdays(w: Writer, branch: Branch) -> None:
    rng = w.rng
    teams = (("党员突击队", "人居环境整治党员突击队"), ("党员先锋岗", "产业发展党员先锋岗"))
    for kind, name in teams[: 1 if branch.weak else 2]:
        day = day_in(rng, MONTHS[1])
        w.add(
            Team, day, branch.code, org=branch.id, kind=kind, name=name, formed=day,
            leader=rng.choice(branch.committee).id, size=rng.randint(5, 15),
            task="带头开展环境整治和产业发展", result="完成村庄清洁行动和产业示范点建设",
        )  # fmt: skip
    for month in MONTHS:
        if not chance(rng, branch, 0.9):
            continue
        day = day_in(rng, month, 1, 28)
        cid = w.add(
            BirthdayCeremony, day, branch.code, org=branch.id, date=day, month=month.month,
            form="重温入党誓词、赠送政治生日贺卡", content=f"为{month.month}月入党的党员过政治生日。",
        )  # fmt: skip
        for person in branch.members:
            # A 政治生日 is an anniversary: not the year one joined, not after leaving.
            if (
                person.join_date.month == month.month
                and person.join_date.year < 2022
                and person.member_on(day)
            ):
                w.add(BirthdayHonoree, day, branch.code, ceremony=cid, member=person.id)


def _activities(w: Writer, branch: Branch) -> None:
    rng = w.rng
    day = dt.date(2022, 7, 1)
    w.add(
        Activity, day, branch.code, org=branch.id, date=day, kind="重温入党誓词",
        title="庆祝建党101周年重温入党誓词", participants=max(1, len(branch.members) - rng.randint(3, 15)),
    )  # fmt: skip
    for kind, title in rng.sample(
        (("参观红色基地", "参观会宁红军会师旧址"), ("守纪律转作风树形象", "守纪律转作风树形象专题教育"),
         ("党风廉政教育", "观看警示教育片")), 1 if branch.weak else 2,
    ):  # fmt: skip
        day = day_in(rng, rng.choice(MONTHS))
        w.add(
            Activity, day, branch.code, org=branch.id, date=day, kind=kind, title=title,
            participants=rng.randint(len(branch.members) // 3, len(branch.members)),
        )  # fmt: skip
    for quarter, months in QUARTER_MONTHS.items():
        label = {"2022Q2": "第二季度", "2022Q3": "第三季度", "2022Q4": "第四季度"}[quarter]
        for kind in ("党务公开", "财务公开", "政务公开"):
            if not chance(rng, branch, 0.9):
                continue
            day = dt.date(2022, months[-1], rng.randint(20, 28))
            w.add(
                Disclosure, day, branch.code, org=branch.id, date=day, kind=kind,
                title=f"2022年{label}{kind}", channel=rng.choice(("公开栏", "公开栏", "微信群")),
                period=f"2022年{label}",
            )  # fmt: skip
