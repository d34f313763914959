"""抓作风 提升队伍形象 (seed items 6–7).

三会一课 and other meetings with per-member attendance, 民主评议党员 ratings, 党员突击队 and
党员先锋岗, 政治生日 ceremonies, red-education and 守纪律转作风树形象 activities, and
党务公开/政务公开 postings.
"""

from __future__ import annotations

from .db import EngineSQL
from .db import Record
from .fields import About
from .fields import Date
from .fields import Integer
from .fields import LongText
from .fields import Ref
from .fields import Text
from .fields import Year
from .org import Member
from .org import Organisation
from .study import StudySession
from .study import Training

MEETING_KINDS = (
    "支部党员大会",
    "支委会",
    "党小组会",
    "党课",
    "主题党日",
    "组织生活会",
    "民主评议党员",
    "其他会议",
)
ATTENDANCE_STATES = ("出席", "请假", "缺席")
REVIEW_RATINGS = ("优秀", "合格", "基本合格", "不合格")
TEAM_KINDS = ("党员突击队", "党员先锋岗")
ACTIVITY_KINDS = ("重温入党誓词", "参观红色基地", "红色教育", "守纪律转作风树形象", "党风廉政教育", "其他")
DISCLOSURE_KINDS = ("党务公开", "政务公开", "财务公开")
DISCLOSURE_CHANNELS = ("公开栏", "微信群", "会议通报", "甘肃党建平台", "其他")


class Meeting(Record):
    org = Ref(Organisation, "党组织", required=True, help="党小组会选党小组所在支部，并在“党小组”中注明")
    group = Ref(Organisation, "党小组", help="党小组会时填写")
    kind = Text("会议类型", required=True, choices=MEETING_KINDS)
    date = Date("日期", required=True, during=("campaign",))
    topic = Text("主题", required=True)
    host = Text("主持人", max_length=40)
    recorder = Text("记录人", max_length=40, in_table=False)
    location = Text("地点", in_table=False)
    content = LongText("会议内容")
    decisions = LongText("形成决议")

    Meta = About("三会一课", key=("org", "kind", "date"), dated="date", track="抓作风", attendance=True)


class Attendance(Record):
    """Whether one member attended one meeting, study session or training."""

    member = Ref(Member, "党员", required=True)
    meeting = Ref(Meeting, "会议", on_delete="CASCADE")
    session = Ref(StudySession, "专题学习", on_delete="CASCADE")
    training = Ref(Training, "培训", on_delete="CASCADE")
    state = Text("出勤", required=True, choices=ATTENDANCE_STATES, default="出席")
    reason = Text("请假/缺席原因")

    class Meta:
        verbose_name = "出勤记录"
        natural_key = ("meeting", "session", "training", "member")
        one_per_key = True
        track = "抓作风"
        exactly_one = ("meeting", "session", "training")
        constraints = [
            EngineSQL(
                "CHECK ((meeting_id IS NOT NULL) + (session_id IS NOT NULL) + (training_id IS NOT NULL) = 1)",
                "CHECK (num_nonnulls(meeting_id, session_id, training_id) = 1)",
            )
        ]
        indexes = (
            (("meeting", "member"), False),
            (("session", "member"), False),
            (("training", "member"), False),
        )


class Review(Record):
    member = Ref(Member, "党员", required=True)
    year = Year()
    meeting = Ref(Meeting, "评议会议")
    rating = Text("评议等次", required=True, choices=REVIEW_RATINGS)
    remark = Text("评语")

    Meta = About("民主评议", key=("member", "year"), one_per_key=True, key_index="plain", track="抓作风")


class Team(Record):
    org = Ref(Organisation, "党组织", required=True)
    kind = Text("类别", required=True, choices=TEAM_KINDS)
    name = Text("名称", required=True, help="如：人居环境整治党员突击队、产业发展先锋岗")
    formed = Date("成立/设岗日期", required=True)
    leader = Ref(Member, "负责人")
    size = Integer("党员人数", min_value=0, max_value=500)
    task = LongText("承担任务")
    result = LongText("工作成效")

    Meta = About("突击队和先锋岗", key=("org", "name"), dated="formed", track="抓作风")


class BirthdayCeremony(Record):
    org = Ref(Organisation, "党组织", required=True)
    date = Date("活动日期", required=True, during=("campaign",))
    month = Integer(
        "过政治生日的月份",
        required=True,
        default=1,
        min_value=1,
        max_value=12,
        help="为入党日期在该月的党员过政治生日",
    )
    form = Text("活动形式", help="如：重温入党誓词、赠送政治生日贺卡、讲一次党课")
    content = LongText("活动内容")

    Meta = About("政治生日活动", key=("org", "date"), dated="date", track="抓作风")


class BirthdayHonoree(Record):
    ceremony = Ref(BirthdayCeremony, "政治生日活动", required=True, on_delete="CASCADE")
    member = Ref(Member, "党员", required=True)

    Meta = About(
        "过政治生日的党员", key=("ceremony", "member"), one_per_key=True, key_index="plain", track="抓作风"
    )


class Activity(Record):
    org = Ref(Organisation, "党组织", required=True)
    date = Date("日期", required=True, during=("campaign",))
    kind = Text("活动类别", required=True, choices=ACTIVITY_KINDS)
    title = Text("活动名称", required=True)
    participants = Integer("参加人数", min_value=0, max_value=5000)
    content = LongText("活动内容")

    Meta = About("党性教育活动", key=("org", "date", "title"), dated="date", track="抓作风")


class Disclosure(Record):
    org = Ref(Organisation, "党组织", required=True)
    date = Date("公开日期", required=True, during=("campaign",))
    kind = Text("公开类别", required=True, choices=DISCLOSURE_KINDS)
    title = Text("公开事项", required=True)
    channel = Text("公开方式", choices=DISCLOSURE_CHANNELS, default="公开栏")
    period = Text("公开期间", help="如：2022年第二季度")
    content = LongText("公开内容")

    Meta = About("党务公开", key=("org", "date", "title"), dated="date", track="抓作风")
