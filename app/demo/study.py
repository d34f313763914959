"""抓学习 for the demo town: plans, study sessions, online study, training, reflections."""

from __future__ import annotations

import datetime as dt

from models import OnlineStudy
from models import Reflection
from models import StudyPlan
from models import StudySession
from models import Training

from .common import MONTHS
from .common import add_own
from .common import as_member
from .common import attend
from .common import chance
from .common import day_in
from .town import Branch
from .town import Town
from .writer import Writer

TOPICS = (
    "学习习近平新时代中国特色社会主义思想",
    "学习贯彻党的二十大精神",
    "学习《中国共产党章程》",
    "学习《中国共产党支部工作条例（试行）》",
    "学习省第十四次党代会精神",
    "学习乡村振兴政策",
    "学习《中国共产党纪律处分条例》",
    "党史学习教育常态化长效化",
)
TRAININGS = (
    ("交流研讨", "“五抓五提升”行动交流研讨会", "全体党员"),
    ("专题讲座", "乡村振兴政策专题讲座", "全体党员"),
    ("引进来", "特色种植技术培训", "无职党员"),
    ("走出去", "赴先进村学习产业发展经验", "支部书记及党务干部"),
)
REFLECTION_TITLES = (
    "学习党的二十大精神心得体会",
    "参加主题党日活动的体会",
    "学习党章的几点认识",
    "做一名合格党员的体会",
    "参加专题讲座的收获",
)


def build_study(w: Writer, town: Town) -> None:
    """Queue the 抓学习 records of every branch."""
    rng = w.rng
    _town_training(w, town)
    for branch in town.branches:
        # Most branches made a plan in the 组织动员 phase; a weak village and one more did not.
        if not (branch.weak and branch is _first_weak(town)) and rng.random() > 0.04:
            w.add(
                StudyPlan,
                dt.date(2022, 4, 15),
                branch.code,
                org=branch.id,
                year=2022,
                title=f"{branch.short}党支部2022年度党员学习计划",
                made_on=day_in(rng, MONTHS[0], 12, 20),
                focus="习近平新时代中国特色社会主义思想；党的二十大精神；乡村振兴政策",
                content="每月开展专题学习1次，每季度党课1次，党员每天登录学习强国学习。",
            )
        for month in MONTHS:
            if not chance(rng, branch, 0.85):
                continue
            day = day_in(rng, month, 8, 25)
            sid = w.add(
                StudySession,
                day,
                branch.code,
                org=branch.id,
                date=day,
                kind="专题学习",
                topic=rng.choice(TOPICS),
                host=branch.secretary.name,
                location=f"{branch.short}党员活动室",
                content="领学原文，党员交流发言。",
            )
            attend(w, rng, branch, branch.members, day, session=sid)
        for form, title, audience in rng.sample(TRAININGS, 2 if branch.weak else 3):
            day = day_in(rng, rng.choice(MONTHS[1:7]))
            tid = w.add(
                Training,
                day,
                branch.code,
                org=branch.id,
                date=day,
                form=form,
                title=title,
                audience=audience,
                days=1.0,
                location=f"{branch.short}党员活动室",
                result="参训党员掌握了相关政策和技术，带头在村里推广。",
            )
            who = branch.committee if audience == "支部书记及党务干部" else branch.members
            if audience == "无职党员":
                who = branch.without_office
            attend(w, rng, branch, who, day, training=tid)
        _online_and_reflections(w, branch)


def _first_weak(town: Town) -> Branch | None:
    return next((b for b in town.branches if b.weak), None)


def _town_training(w: Writer, town: Town) -> None:
    """The town's own course for all branch secretaries (组织单位 is the town committee)."""
    rng = w.rng
    day = dt.date(2022, 5, 17)
    tid = w.add(
        Training,
        day,
        town.code,
        org=town.id,
        date=day,
        form="专题讲座",
        title="村（社区）党组织书记“五抓五提升”专题培训班",
        audience="支部书记及党务干部",
        days=2.0,
        location=f"{town.name}党群服务中心",
        result="书记们明确了五项行动的任务和标准。",
    )
    for branch in town.branches:
        attend(w, rng, branch, [branch.secretary], day, training=tid)


def _online_and_reflections(w: Writer, branch: Branch) -> None:
    rng = w.rng
    for person in branch.members:
        # Older members often have no smartphone: about a quarter do not study online.
        if rng.random() < 0.25 + 0.2 * (1 - branch.strength):
            continue
        platform = "甘肃党建" if rng.random() < 0.2 else "学习强国"
        for month in MONTHS:
            on_roll = person.member_on(month) or person.member_on(month.replace(day=28))
            if rng.random() < 0.15 or not on_roll:
                continue
            hours = round(rng.uniform(2, 30), 1)
            w.add(
                OnlineStudy,
                month,
                branch.code,
                member=person.id,
                month=month,
                platform=platform,
                hours=hours,
                points=int(hours * rng.uniform(18, 30)) if platform == "学习强国" else 0,
            )
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            day = as_member(rng, person, day_in(rng, rng.choice(MONTHS)))
            if day is None:
                continue
            add_own(
                w,
                Reflection,
                person,
                branch,
                day,
                title=rng.choice(REFLECTION_TITLES),
                source=rng.choice(("主题党日", "专题学习", "培训")),
                words=rng.randint(600, 2500),
                content="通过学习，进一步坚定了理想信念，要在乡村振兴中当好先锋。",
            )
