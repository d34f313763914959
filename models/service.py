"""抓制度 提升服务水平 (seed items 3–5).

Visits and 社情民意, 我为群众办实事 deeds, member services, problems a branch solved,
key people with their one-to-one helpers and visits, posts for members without office
(设岗定责) and service requests (服务承诺制, 首问负责制, 限时办结制).
"""

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
from .fields import YesNo
from .org import Member
from .org import Organisation

VISIT_KINDS = ("入户走访", "座谈交流", "电话联系", "集中接访")
OPINION_KINDS = ("产业发展", "基础设施", "人居环境", "社会保障", "矛盾纠纷", "政策咨询", "其他")
DEED_KINDS = ("帮办代办", "产业帮扶", "就业帮扶", "基础设施", "环境整治", "助老助残", "矛盾调解", "其他")
DEED_STATES = ("办理中", "已办结")
SERVICE_KINDS = ("志愿服务", "政策宣传", "环境整治", "矛盾调解", "帮办代办", "扶老助残", "疫情防控", "其他")
SOLVED_KINDS = ("基础设施建设", "乡村治理", "产业发展", "人居环境", "民生保障", "其他")
SOLVED_STATES = ("计划中", "推进中", "已解决")
KEY_PERSON_KINDS = ("独居老人", "残疾人", "高龄空巢家庭", "失独家庭", "民政救助对象")
POST_NAMES = (
    "政策宣传岗",
    "环境卫生监督岗",
    "矛盾调解岗",
    "产业发展带头岗",
    "关爱帮扶岗",
    "平安建设岗",
    "移风易俗岗",
    "村务监督岗",
    "其他",
)
EVALUATIONS = ("优秀", "良好", "一般", "较差")
REQUEST_STATES = ("已受理", "办理中", "已办结", "不予受理")
SATISFACTION = ("满意", "基本满意", "不满意")


class Visit(Record):
    member = Ref(Member, "走访党员", required=True)
    date = Date("走访日期", required=True, during=("campaign",))
    kind = Text("方式", required=True, choices=VISIT_KINDS, default="入户走访")
    households = Integer("走访户数", default=1, min_value=0, max_value=1000)
    opinion_kind = Text("社情民意类别", choices=OPINION_KINDS)
    opinion = LongText("收集的社情民意", help="群众反映的急难愁盼问题和工作建议")
    adopted = YesNo("建议已采纳")
    follow_up = LongText("办理情况")

    Meta = About("走访群众", key=("member", "date"), dated="date", track="抓制度")


class Deed(Record):
    member = Ref(Member, "党员", required=True)
    date = Date("办理日期", required=True, during=("campaign",))
    kind = Text("实事类别", required=True, choices=DEED_KINDS)
    title = Text("实事内容", required=True, help="如：帮助群众办理养老保险认证")
    beneficiary = Text("服务对象", private=True, help="群众姓名仅内部留存，不上墙公示")
    state = Text("办理状态", required=True, choices=DEED_STATES, default="已办结")
    verified = YesNo("支部已核实")
    result = LongText("办理结果")

    Meta = About("办实事", key=("member", "date", "kind"), dated="date", track="抓制度")


class Service(Record):
    member = Ref(Member, "党员", required=True)
    date = Date("服务日期", required=True, during=("campaign",))
    kind = Text("服务类别", required=True, choices=SERVICE_KINDS)
    content = Text("服务内容", required=True)
    hours = Decimal("服务时长（小时）", default=2.0, min_value=0, max_value=240)
    score = Integer("量化评分", default=0, min_value=0, max_value=10, help="支部对本次服务的量化评分（0–10）")

    Meta = About("党员服务", key=("member", "date", "kind"), dated="date", track="抓制度")


class SolvedProblem(Record):
    org = Ref(Organisation, "党支部", required=True)
    year = Year()
    kind = Text("问题类别", required=True, choices=SOLVED_KINDS)
    title = Text("困难问题", required=True, help="如：××组道路硬化")
    start = Date("启动日期")
    finished = Date("解决日期", during=("year",))
    state = Text("进展", required=True, choices=SOLVED_STATES, default="推进中")
    investment = Decimal("投入资金（万元）", min_value=0, max_value=100000)
    beneficiaries = Integer("受益群众（人）", min_value=0, max_value=1000000)
    description = LongText("解决情况")

    Meta = About("解决困难问题", key=("org", "title"), dated="finished", track="抓制度")


class KeyPerson(Record):
    org = Ref(Organisation, "所在村（社区）", required=True)
    name = Text("姓名", required=True, private=True, max_length=40)
    kind = Text("人群类别", required=True, choices=KEY_PERSON_KINDS)
    id_number = Text("身份证号", sensitive=True, max_length=18, in_table=False)
    phone = Text("联系电话", sensitive=True, max_length=20, in_table=False)
    address = Text("住址", private=True, in_table=False)
    helper = Ref(Member, "帮扶党员", help="一对一帮扶的党员")
    since = Date("结对日期")
    needs = LongText("主要困难和需求")

    Meta = About("重点人群", key=("org", "name"), dated="since", track="抓制度")


class HelpVisit(Record):
    key_person = Ref(KeyPerson, "帮扶对象", required=True)
    member = Ref(Member, "帮扶党员", required=True)
    date = Date("帮扶日期", required=True, during=("campaign",))
    content = Text("帮扶内容", required=True)
    solved = YesNo("困难已解决")
    note = LongText("情况记录")

    Meta = About("帮扶走访", key=("key_person", "member", "date"), dated="date", track="抓制度")


class Post(Record):
    member = Ref(Member, "无职党员", required=True)
    post = Text("岗位", required=True, choices=POST_NAMES)
    duties = LongText("岗位职责清单", help="“清单＋责任”：写明该岗位具体做什么")
    start = Date("设岗日期", required=True)
    evaluation = Text("履职评价", choices=EVALUATIONS)

    Meta = About("设岗定责", key=("member", "post"), dated="start", track="抓制度")


class ServiceRequest(Record):
    org = Ref(Organisation, "受理村（社区）", required=True)
    received = Date("受理日期", required=True, during=("campaign",))
    requester = Text("申请群众", private=True, max_length=40)
    phone = Text("联系电话", sensitive=True, max_length=20, in_table=False)
    content = Text("办理事项", required=True)
    first_responder = Ref(Member, "首问责任人", required=True, help="首问负责制：第一个接待的党员负责到底")
    promised_days = Integer("承诺办结时限（天）", default=7, min_value=1, max_value=365)
    deadline = Date("限时办结日期", required=True)
    state = Text("办理状态", required=True, choices=REQUEST_STATES, default="已受理")
    finished = Date("办结日期")
    satisfaction = Text("群众评价", choices=SATISFACTION)
    result = LongText("办理结果")

    Meta = About(
        "服务承诺事项", key=("org", "requester", "received", "content"), dated="received", track="抓制度"
    )
