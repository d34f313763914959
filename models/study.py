"""抓学习 提升能力素质 (seed items 1–2): study plans, sessions, online study, training, reflections."""

from __future__ import annotations

from .db import Record
from .fields import About
from .fields import Date
from .fields import Decimal
from .fields import Integer
from .fields import LongText
from .fields import Ref
from .fields import Text
from .fields import Year
from .org import Member
from .org import Organisation

SESSION_KINDS = ("专题学习", "三会一课", "主题党日", "集中学习", "其他")
STUDY_PLATFORMS = ("学习强国", "甘肃党建", "其他平台")
TRAINING_FORMS = ("交流研讨", "专题讲座", "走出去", "引进来", "其他")
TRAINING_AUDIENCE = ("支部书记及党务干部", "全体党员", "无职党员", "入党积极分子", "抓党建促乡村振兴示范培训")


class StudyPlan(Record):
    org = Ref(Organisation, "党支部", required=True)
    year = Year()
    title = Text("计划名称", required=True)
    made_on = Date("制定日期", required=True)
    focus = LongText("学习重点", help="如：习近平新时代中国特色社会主义思想、党的二十大精神")
    content = LongText("计划内容")

    Meta = About("学习计划", key=("org", "year"), one_per_key=True, dated="made_on", track="抓学习")


class StudySession(Record):
    org = Ref(Organisation, "党支部", required=True)
    date = Date("学习日期", required=True, during=("campaign",))
    kind = Text("学习形式", required=True, choices=SESSION_KINDS)
    topic = Text("学习主题", required=True)
    host = Text("主持人", max_length=40)
    location = Text("地点", in_table=False)
    content = LongText("学习内容")

    Meta = About("专题学习", key=("org", "date", "kind"), dated="date", track="抓学习", attendance=True)


class OnlineStudy(Record):
    member = Ref(Member, "党员", required=True)
    month = Date("月份", required=True, help="填该月任意一天，按月统计", during=("campaign",))
    platform = Text("学习平台", required=True, choices=STUDY_PLATFORMS, default="学习强国")
    hours = Decimal("学习时长（小时）", min_value=0, max_value=300)
    points = Integer("平台积分", min_value=0, max_value=100000)

    Meta = About(
        "在线学习", key=("member", "month", "platform"), one_per_key=True, dated="month", track="抓学习"
    )


class Training(Record):
    org = Ref(Organisation, "组织单位", required=True)
    date = Date("培训日期", required=True, during=("campaign",))
    form = Text("培训形式", required=True, choices=TRAINING_FORMS)
    title = Text("培训名称", required=True)
    audience = Text("培训对象", choices=TRAINING_AUDIENCE)
    days = Decimal("天数", default=1.0, min_value=0, max_value=60)
    location = Text("地点", in_table=False)
    result = LongText("培训成效", help="培训成果如何转化为具体成效")

    Meta = About("教育培训", key=("org", "date", "title"), dated="date", track="抓学习", attendance=True)


class Reflection(Record):
    member = Ref(Member, "党员", required=True)
    date = Date("提交日期", required=True, during=("campaign",))
    title = Text("题目", required=True)
    source = Text("学习来源", help="如：主题党日、专题学习、培训")
    words = Integer("字数", min_value=0, max_value=100000)
    content = LongText("心得体会")

    Meta = About("心得体会", key=("member", "title"), dated="date", track="抓学习")
