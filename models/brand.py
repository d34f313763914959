"""抓品牌 提升创新活力 (seed item 8): 党建品牌 and 观摩交流 events."""

from __future__ import annotations

from .db import Record
from .fields import About
from .fields import Date
from .fields import Integer
from .fields import LongText
from .fields import Ref
from .fields import Text
from .org import Organisation

BRAND_FIELDS = ("乡村振兴", "项目建设", "产业发展", "人居环境", "信访维稳", "民生保障")
BRAND_LEVELS = ("培育中", "镇级", "区级", "市级", "省级")


class Brand(Record):
    org = Ref(Organisation, "党组织", required=True)
    name = Text("品牌名称", required=True, help="如：“红色引擎·产业兴村”")
    field = Text("聚焦领域", required=True, choices=BRAND_FIELDS)
    founded = Date("创建日期", required=True)
    level = Text("品牌层级", choices=BRAND_LEVELS, default="培育中")
    idea = LongText("品牌内涵")
    measures = LongText("主要做法")
    results = LongText("取得成效")

    Meta = About("党建品牌", key=("org", "name"), dated="founded", track="抓品牌")


class Observation(Record):
    host = Ref(Organisation, "承办党组织", required=True)
    date = Date("观摩日期", required=True, during=("campaign",))
    title = Text("观摩主题", required=True, help="党建引领促发展、观摩交流共提升")
    visitors = Text("观摩单位", help="参加观摩的党组织，用顿号分隔")
    participants = Integer("参加人数", min_value=0, max_value=5000)
    points = LongText("观摩点位和内容")
    outcome = LongText("交流收获")

    Meta = About("观摩交流", key=("host", "date"), dated="date", track="抓品牌")
