"""The campaign (五抓五提升行动), its phases, and key/value settings."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from .db import BaseModel
from .db import Record
from .fields import About
from .fields import Date
from .fields import Integer
from .fields import LongText
from .fields import Ref
from .fields import Text
from .fields import Year

TRACKS = ("抓学习", "抓制度", "抓作风", "抓品牌", "抓落实")
TRACK_TITLES = {
    "抓学习": "抓学习 提升能力素质",
    "抓制度": "抓制度 提升服务水平",
    "抓作风": "抓作风 提升队伍形象",
    "抓品牌": "抓品牌 提升创新活力",
    "抓落实": "抓落实 提升工作质效",
}


class Campaign(Record):
    name = Text("行动名称", required=True)
    year = Year()
    start = Date("开始日期", required=True)
    end = Date("结束日期", required=True)
    issuer = Text("发文机关", help="如：中共××镇委员会", default="中共××镇委员会")
    doc_prefix = Text("发文字号前缀", help="如：×党发", default="×党发")
    description = LongText("说明")

    Meta = About("行动", town="镇党委的行动安排", track=None, table_name="campaign")

    @classmethod
    def current(cls) -> Campaign:
        """The campaign the program works on (the newest one)."""
        campaign = cls.live().order_by(cls.year.desc(), cls.id.desc()).first()
        if campaign is None:
            raise LookupError(
                "数据库中没有行动方案。请先新建乡镇（首次启动时选“新建乡镇”，或运行 init），"
                "行动名称、年度和阶段日期之后可在“基础信息 → 设置”中修改。"
            )
        return campaign

    def phase_on(self, day: dt.date) -> Phase | None:
        for phase in self.phases():
            if phase.start <= day <= phase.end:
                return phase
        return None

    def phases(self) -> list[Phase]:
        return list(Phase.live().where(Phase.campaign == self).order_by(Phase.order))


class Phase(Record):
    campaign = Ref(Campaign, "行动", required=True, on_delete="CASCADE")
    order = Integer("序号", default=1, min_value=1)
    name = Text("阶段", required=True)
    start = Date("开始日期", required=True)
    end = Date("结束日期", required=True)
    description = LongText("工作要求")

    Meta = About("阶段", town="镇党委的行动安排", track=None)


class Setting(BaseModel):
    """One setting, its value stored as JSON text."""

    key = pw.CharField(primary_key=True, max_length=80)
    value = pw.TextField()

    class Meta:
        table_name = "setting"


DEFAULT_PHASES_2022 = (
    (
        "组织动员",
        dt.date(2022, 4, 11),
        dt.date(2022, 4, 20),
        "各村（社区）迅速行动，制定计划和落实措施，在全镇上下形成比学赶超的浓厚氛围。",
    ),
    (
        "集中实施",
        dt.date(2022, 4, 21),
        dt.date(2022, 10, 31),
        "按照行动实施方案，认真开展抓学习、抓制度、抓作风、抓品牌、抓落实等活动。",
    ),
    (
        "总结提高",
        dt.date(2022, 11, 1),
        dt.date(2022, 11, 30),
        "对活动进行认真总结验收，查漏补缺，对好的做法和经验形成长效机制。",
    ),
)


def create_default_campaign(
    issuer: str = "中共××镇委员会", doc_prefix: str = "×党发", year: int = 2022
) -> Campaign:
    """The 五抓五提升 campaign of ``year`` with its three phases (步骤要求), dated as in 2022."""
    phases = [
        (name, start.replace(year=year), end.replace(year=year), text)
        for name, start, end, text in DEFAULT_PHASES_2022
    ]
    campaign = Campaign.create(
        name="五抓五提升行动",
        year=year,
        start=phases[0][1],
        end=phases[-1][2],
        issuer=issuer,
        doc_prefix=doc_prefix,
        description="抓学习提升能力素质、抓制度提升服务水平、抓作风提升队伍形象、抓品牌提升创新活力、抓落实提升工作质效。",
    )
    for order, (name, start, end, text) in enumerate(phases, start=1):
        Phase.create(campaign=campaign, order=order, name=name, start=start, end=end, description=text)
    return campaign
