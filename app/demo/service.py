"""抓制度 for the demo town: visits, deeds, services, problems solved, key people, posts, requests.

Gaps on purpose: some members have no 实事 or fewer than two services, a few key people
have no helper, some requests are overdue or were closed late, a weak village solved
nothing yet.
"""

from __future__ import annotations

import datetime as dt

from models import Deed
from models import HelpVisit
from models import KeyPerson
from models import Post
from models import Service
from models import ServiceRequest
from models import SolvedProblem
from models import Visit
from models.service import DEED_KINDS
from models.service import KEY_PERSON_KINDS
from models.service import OPINION_KINDS
from models.service import POST_NAMES
from models.service import SERVICE_KINDS

from .common import END
from .common import MONTHS
from .common import add_own
from .common import as_member
from .common import chance
from .common import day_in
from .people import People
from .town import Branch
from .town import Town
from .writer import Writer

DEEDS = {
    "帮办代办": "帮助群众办理养老保险资格认证",
    "产业帮扶": "帮助农户联系马铃薯种薯",
    "就业帮扶": "介绍村民到县城务工",
    "基础设施": "组织修补村组道路坑洼",
    "环境整治": "带头清理房前屋后垃圾",
    "助老助残": "为独居老人购买生活用品",
    "矛盾调解": "调解邻里宅基地纠纷",
    "其他": "帮助群众抢收农作物",
}
OPINIONS = {
    "产业发展": "希望村里引进中药材种植合作社",
    "基础设施": "反映社道路雨后泥泞难行",
    "人居环境": "建议增设垃圾收集点",
    "社会保障": "咨询城乡居民医保缴费",
    "矛盾纠纷": "反映灌溉用水分配不均",
    "政策咨询": "询问危房改造补助政策",
    "其他": "希望多组织文化活动",
}
SOLVED = (
    ("基础设施建设", "组道路硬化"),
    ("民生保障", "人饮工程管网维修"),
    ("人居环境", "村庄垃圾集中清运点建设"),
    ("产业发展", "马铃薯储藏窖建设"),
    ("乡村治理", "村规民约修订和红白理事会成立"),
)
REQUESTS = (
    "办理残疾证",
    "申请临时救助",
    "开具居住证明",
    "咨询养老保险补缴",
    "申请危房改造",
    "协调自来水入户",
    "办理低保年审",
)


def build_service(w: Writer, people: People, town: Town) -> None:
    """Queue the 抓制度 records of every branch."""
    for branch in town.branches:
        _member_work(w, branch)
        _solved(w, branch)
        _key_people(w, people, branch)
        _requests(w, people, branch)


def _member_work(w: Writer, branch: Branch) -> None:
    rng = w.rng
    for person in branch.members:
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            kind = rng.choice(OPINION_KINDS)
            day = as_member(rng, person, day_in(rng, rng.choice(MONTHS)))
            if day is None:
                continue
            add_own(
                w,
                Visit,
                person,
                branch,
                day,
                kind=rng.choice(("入户走访", "入户走访", "座谈交流", "电话联系")),
                households=rng.randint(1, 8),
                opinion_kind=kind,
                opinion=OPINIONS[kind],
                adopted=rng.random() < 0.4,
            )
        # Most members did at least one 实事 and served twice; a few lag, mostly those who
        # also stay away from meetings, and more of them in the two weak villages.
        lagging = (
            0.4 if person.absent_prone else (0.01 + 0.05 * (1 - branch.strength)) * (3 if branch.weak else 1)
        )
        deeds = 0 if rng.random() < lagging else rng.choice((1, 1, 2, 3))
        for index in range(deeds):
            kind = rng.choice(DEED_KINDS)
            day = as_member(rng, person, day_in(rng, rng.choice(_spread(index, deeds))))
            if day is None:
                continue
            add_own(
                w,
                Deed,
                person,
                branch,
                day,
                kind=kind,
                title=DEEDS[kind],
                beneficiary="",
                state="已办结" if day < dt.date(2022, 11, 15) or rng.random() < 0.5 else "办理中",
                verified=rng.random() < 0.8,
            )
        services = rng.choice((0, 1, 1)) if rng.random() < lagging else rng.choice((2, 2, 3, 4, 5))
        for index in range(services):
            day = as_member(rng, person, day_in(rng, rng.choice(_spread(index, services))))
            kind = rng.choice(SERVICE_KINDS)
            if day is None:
                continue
            add_own(
                w,
                Service,
                person,
                branch,
                day,
                kind=kind,
                content=f"参加{kind}服务",
                hours=float(rng.choice((1, 2, 2, 3, 4))),
                score=rng.randint(6, 10),
            )
    for person in branch.without_office:
        if rng.random() < 0.2 + 0.3 * (1 - branch.strength):
            continue  # not everyone has a post yet
        post = rng.choice(POST_NAMES[:-1])
        day = as_member(rng, person, day_in(rng, MONTHS[1], 1, 20))
        if day is None:
            continue
        w.add(
            Post,
            day,
            branch.code,
            member=person.id,
            post=post,
            duties=f"负责本组的{post[:-1]}工作，每月至少履职2次并记录。",
            start=day,
            evaluation=rng.choice(("优秀", "良好", "良好", "一般")),
        )


def _spread(index: int, count: int) -> tuple[dt.date, ...]:
    """The months the ``index``-th of ``count`` deeds or services falls in: members keep a pace
    (the first of two services before August, the second after), a single deed by September."""
    if count == 1:
        return MONTHS[:6]
    return MONTHS[index * len(MONTHS) // count : (index + 1) * len(MONTHS) // count]


def _solved(w: Writer, branch: Branch) -> None:
    rng = w.rng
    count = 0 if branch.weak and rng.random() < 0.6 else rng.randint(1, 3)
    for kind, title in rng.sample(SOLVED, count):
        start = day_in(rng, rng.choice(MONTHS[:4]))
        finished = day_in(rng, rng.choice(MONTHS[4:]))
        done = rng.random() < 0.8
        w.add(
            SolvedProblem,
            finished if done else start,
            branch.code,
            org=branch.id,
            year=2022,
            kind=kind,
            title=f"{branch.short}{rng.randint(1, 9)}{title}" if kind == "基础设施建设" else title,
            start=start,
            finished=finished if done else None,
            state="已解决" if done else "推进中",
            investment=round(rng.uniform(0.5, 60), 1),
            beneficiaries=rng.randint(30, 900),
            description="支部牵头，党员带头，群众投工投劳。",
        )
    if count == 0:  # a weak village has one problem only started
        day = day_in(rng, MONTHS[3])
        w.add(
            SolvedProblem, day, branch.code, org=branch.id, year=2022, kind="基础设施建设",
            title=f"{branch.short}村道排水渠修建", start=day, state="计划中",
        )  # fmt: skip


def _key_people(w: Writer, people: People, branch: Branch) -> None:
    rng = w.rng
    staying = [m for m in branch.members if m.left is None and m.join_date < dt.date(2022, 4, 1)]
    helpers = staying[: max(6, len(staying) // 2)]
    for index in range(rng.randint(3, 8)):
        kind = rng.choice(KEY_PERSON_KINDS)
        gender = people.gender(0.5)
        birth = people.day_between(dt.date(1930, 1, 1), dt.date(1960, 12, 31))
        helper = None if rng.random() < 0.05 or (branch.weak and index == 0) else rng.choice(helpers)
        since = day_in(rng, MONTHS[0], 15, 28)
        kid = w.add(
            KeyPerson,
            since,
            branch.code,
            org=branch.id,
            name=people.name(gender),
            kind=kind,
            id_number=people.id_number(birth, gender),
            phone=people.phone() if rng.random() < 0.6 else "",
            address=f"{branch.short}{rng.randint(1, 9)}组",
            helper=helper.id if helper else None,
            since=since if helper else None,
            needs=rng.choice(("行动不便，需要代购生活用品", "慢性病需定期取药", "房屋老旧需要维修")),
        )
        if helper is None:
            continue
        for month in MONTHS:
            if not chance(rng, branch, 0.8):
                continue
            day = day_in(rng, month)
            w.add(
                HelpVisit,
                day,
                branch.code,
                key_person=kid,
                member=helper.id,
                date=day,
                content=rng.choice(("上门看望，打扫卫生", "代购药品", "帮助办理医保报销", "陪同就医")),
                solved=rng.random() < 0.5,
            )


def _requests(w: Writer, people: People, branch: Branch) -> None:
    rng = w.rng
    for _ in range(rng.randint(5, 12)):
        received = day_in(rng, rng.choice(MONTHS))
        days = rng.choice((3, 5, 7, 7, 15))
        deadline = received + dt.timedelta(days=days)
        roll = rng.random()
        if roll < 0.75 + 0.2 * branch.strength:  # closed in time
            state, finished = "已办结", received + dt.timedelta(days=rng.randint(1, days))
        elif roll < 0.96:  # closed late
            state, finished = "已办结", deadline + dt.timedelta(days=rng.randint(1, 10))
        else:  # still open: overdue once its deadline passed
            state, finished = "办理中", None
        finished = min(finished, END) if finished else None
        w.add(
            ServiceRequest,
            received,
            branch.code,
            org=branch.id,
            received=received,
            requester=people.name(people.gender(0.5)),
            phone=people.phone(),
            content=rng.choice(REQUESTS),
            first_responder=rng.choice(branch.committee).id,
            promised_days=days,
            deadline=deadline,
            state=state,
            finished=finished,
            satisfaction=rng.choice(("满意", "满意", "基本满意")) if finished else "",
            result="已按时办结" if finished and finished <= deadline else "",
        )
