"""The demo town's organisations and members: villages and communities under the 镇党委, 党小组.

Each branch has a 支部书记 and a few 支部委员 among its members, 2–4 党小组, and members of
every generation, so that 政治生日 fall in every month. Two villages are "weak": they
keep fewer records and score lowest at both inspections.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field

from models import Member
from models import Organisation
from models import SecretaryTerm

from .people import People
from .writer import Writer

TOWN_NAME = "高寨镇"
TOWN_CODE = "GZ"
TOWN_SECRETARY = "王建军"

VILLAGE_NAMES = (
    "红崖村", "石岔村", "马家湾村", "杨家庄村", "柳树沟村", "王家坪村", "李家堡村", "大坪村",
    "河湾村", "塬头村", "董家山村", "刘家岔村", "何家沟村", "赵家塬村", "阳坡村", "水泉村",
    "桃园村", "杏树湾村", "东坪村", "西川村", "南河村", "北山村", "梁家湾村", "窑坡村",
    "碾子沟村", "庙山村", "黄土坡村", "堡子村", "上川村", "沙河村", "芦子沟村", "郭家寨村",
    "高庄村", "前进村", "新华村", "下川村", "阴洼村", "小寨村", "张家岘村", "魏家河村",
)  # fmt: skip
COMMUNITY_NAMES = ("新庄社区", "城关社区", "东街社区", "西街社区")
GROUP_NAMES = ("第一党小组", "第二党小组", "第三党小组", "第四党小组")
EDUCATION_WEIGHTS = (("小学及以下", 22), ("初中", 38), ("高中/中专", 22), ("大专", 11), ("本科", 7))

CAMPAIGN_START = dt.date(2022, 4, 11)


@dataclass
class Person:
    id: int
    name: str
    gender: str
    join_date: dt.date
    group_id: int
    post_status: str
    title: str = ""
    absent_prone: bool = False  # "少数人做、多数人不参与": mostly misses meetings
    left: dt.date | None = None  # moved away (转出) or died during the year: no longer 在册

    def member_on(self, day: dt.date) -> bool:
        """Whether this person was a member of the branch on ``day`` (joined, not yet left)."""
        return self.join_date <= day and (self.left is None or day <= self.left)


@dataclass
class Branch:
    id: int
    code: str
    name: str
    short: str
    kind: str
    strength: float  # 0..1: how well the village keeps up the campaign
    weak: bool
    groups: list[tuple[int, str]] = field(default_factory=list)
    members: list[Person] = field(default_factory=list)

    @property
    def secretary(self) -> Person:
        return self.members[0]

    @property
    def committee(self) -> list[Person]:
        return [m for m in self.members if m.post_status == "有职"]

    @property
    def without_office(self) -> list[Person]:
        return [m for m in self.members if m.post_status == "无职"]


@dataclass
class Town:
    id: int
    code: str
    name: str
    branches: list[Branch]


def branch_names(count: int) -> list[tuple[str, str]]:
    """(name, kind) of ``count`` branches: villages first, then two communities."""
    communities = 2 if count >= 4 else 0
    villages = count - communities
    names = [VILLAGE_NAMES[i % len(VILLAGE_NAMES)] for i in range(villages)]
    # Beyond the list, number the repeats so names stay unique (only for very large towns).
    names = [
        n if i < len(VILLAGE_NAMES) else f"{n[:-1]}{i // len(VILLAGE_NAMES) + 1}村"
        for i, n in enumerate(names)
    ]
    return [(n, "村党支部") for n in names] + [(COMMUNITY_NAMES[i], "社区党支部") for i in range(communities)]


def build_town(
    w: Writer, people: People, villages: int, members_per_village: tuple[int, int], town_id: int
) -> Town:
    """Queue the branches under the town committee ``town_id``, their 党小组 and members."""
    rng = people.rng
    specs = branch_names(villages)
    # The two weak villages: spread out, never the communities.
    village_count = sum(1 for _n, k in specs if k == "村党支部")
    weak = set(rng.sample(range(village_count), 2)) if village_count >= 4 else set()
    branches = []
    for order, (name, kind) in enumerate(specs, start=1):
        code = f"{TOWN_CODE}{order:02d}"
        is_weak = order - 1 in weak
        strength = rng.uniform(0.45, 0.52) if is_weak else rng.uniform(0.78, 0.97)
        branch_id = w.add(
            Organisation,
            CAMPAIGN_START,
            TOWN_CODE,
            code=code,
            name=f"{name}党支部",
            short_name=name,
            kind=kind,
            parent=town_id,
            sort_order=order,
            address=f"{TOWN_NAME}{name}",
        )
        branch = Branch(branch_id, code, f"{name}党支部", name, kind, strength, is_weak)
        for g in range(rng.randint(2, 4)):
            gid = w.add(
                Organisation,
                CAMPAIGN_START,
                TOWN_CODE,
                code=f"{code}{g + 1:02d}",
                name=f"{name}党支部{GROUP_NAMES[g]}",
                short_name=GROUP_NAMES[g],
                kind="党小组",
                parent=branch_id,
                sort_order=g + 1,
            )
            branch.groups.append((gid, GROUP_NAMES[g]))
        _add_members(w, people, branch, rng.randint(*members_per_village))
        secretary = branch.secretary
        phone = w.values(Member, secretary.id)["phone"]
        w.update(Organisation, branch_id, secretary=secretary.name, secretary_phone=phone)
        w.add(
            SecretaryTerm,
            dt.date(2021, 1, 15),
            code,
            org=branch_id,
            member=secretary.id,
            name=secretary.name,
            start=dt.date(2021, 1, 15),  # the 2021 村“两委”换届
        )
        branches.append(branch)
    return Town(town_id, TOWN_CODE, TOWN_NAME, branches)


def _add_members(w: Writer, people: People, branch: Branch, count: int) -> None:
    rng = people.rng
    supervisor = "村监委会主任" if branch.kind == "村党支部" else "居务监督委员会主任"
    titles = ["支部书记"] + ["支部委员"] * rng.randint(2, 4) + [supervisor]
    taken: set[str] = set()
    for index in range(count):
        title = titles[index] if index < len(titles) else ""
        gender = "男" if index == 0 and rng.random() < 0.9 else people.gender()
        probationary = not title and rng.random() < 0.04
        birth = people.day_between(dt.date(1938, 1, 1), dt.date(2000, 12, 31))
        if title:  # office holders are of working age
            birth = people.day_between(dt.date(1962, 1, 1), dt.date(1990, 12, 31))
        elif probationary:  # new members are young
            birth = people.day_between(dt.date(1985, 1, 1), dt.date(2000, 12, 31))
        if probationary:  # received in the last year, a few during the campaign (七一 and after)
            joined = people.day_between(dt.date(2021, 7, 1), dt.date(2022, 8, 31))
        else:
            earliest = dt.date(birth.year + 20, birth.month, min(birth.day, 28))
            latest = min(dt.date(birth.year + 50, 12, 31), dt.date(2021, 6, 30))
            joined = people.day_between(min(earliest, latest), latest)
        left = None
        if not title and not probationary and rng.random() < 0.015:
            left = people.day_between(dt.date(2022, 5, 15), dt.date(2022, 10, 31))
        group_id = branch.groups[index % len(branch.groups)][0]
        name = people.name(gender)
        while name in taken:  # names are unique within a branch, so a sheet row finds its member
            name = people.name(gender)
        taken.add(name)
        mid = w.add(
            Member,
            CAMPAIGN_START,
            branch.code,
            org=branch.id,
            group=group_id,
            name=name,
            gender=gender,
            birth_date=birth,
            education=rng.choices([e for e, _ in EDUCATION_WEIGHTS], [n for _, n in EDUCATION_WEIGHTS])[0],
            status="预备党员" if probationary else "正式党员",
            join_date=joined,
            post_status="有职" if title else "无职",
            post_title=title,
            phone=people.phone(),
            id_number=people.id_number(birth, gender),
            address=f"{TOWN_NAME}{branch.short}{index % 9 + 1}组",
            is_active=left is None,
            note=f"{left.year}年{left.month}月{left.day}日{rng.choice(('转出', '去世'))}" if left else "",
        )
        absent = not title and rng.random() < (0.16 if branch.weak else 0.07)
        branch.members.append(
            Person(mid, name, gender, joined, group_id, "有职" if title else "无职", title, absent, left)
        )
