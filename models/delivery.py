"""抓落实 提升工作质效 (seed items 9–10).

The town's 重点任务清单 with milestones (倒排工期), 月调度 progress reports, inspections
(季督查/明查/暗访/回头看) scored against a scorecard template, the 问题台账 with
follow-up checks and 问责, 通报 with document numbers, and 处置 records for secretaries.
"""

from __future__ import annotations

from .authority import TOWN
from .authority import VILLAGE
from .campaign import TRACKS
from .campaign import Campaign
from .db import Record
from .fields import About
from .fields import Date
from .fields import Decimal
from .fields import Integer
from .fields import LongText
from .fields import Quarter
from .fields import Ref
from .fields import Text
from .fields import Year
from .fields import YesNo
from .org import Organisation

TASK_STATES = ("未开始", "推进中", "已完成", "已暂停")
INSPECTION_KINDS = ("季督查", "明查", "暗访", "回头看")
PROBLEM_SOURCES = ("季督查", "明查", "暗访", "回头看", "自查", "群众反映", "上级反馈")
PROBLEM_STATES = ("待整改", "整改中", "已整改", "已销号")
CHECK_KINDS = ("跟进督办", "回头看")
CHECK_RESULTS = ("通过", "未通过")
ACCOUNTABILITY_FORMS = ("提醒谈话", "约谈", "通报批评", "责令书面检查", "诫勉谈话", "组织处理")
NOTICE_KINDS = ("督查排名通报", "问题整改通报", "工作通报")
DISPOSAL_MEASURES = ("约谈", "通报批评", "责令书面检查", "诫勉谈话", "调整岗位")
DISPOSAL_STATES = ("待研究", "已处置", "不予处置")
_LEDGER_HELP = "在“问题台账管理”中用“开始整改、整改完成、回头看、销号”更新"
_BLAME_HELP = "超过整改时限的问题，在“问题台账管理”中用“问责”记录"


class TownRecord(Record):
    """A record of 抓落实 that the town writes: a village receives it and may not change it.

    Its subclasses take these Meta options from it (peewee passes on the options of our
    own that a base declares, unless the subclass sets them itself). It declares no fields:
    a reference inherited from a base would get a backref on the model it refers to.
    """

    class Meta:
        written_by = TOWN
        track = "抓落实"


class KeyTask(TownRecord):
    campaign = Ref(Campaign, "行动", required=True, in_table=False)
    batch = Text(
        "任务批次", max_length=36, in_table=False, in_form=False, help="同一任务下发到多个村时共用的标识"
    )
    title = Text("任务名称", required=True)
    track = Text("所属行动", required=True, choices=TRACKS)
    org = Ref(Organisation, "责任单位", help="责任村（社区）；镇直部门负责的任务留空并填写责任科室")
    org_id: int | None  # peewee's accessor for the key, for the type checker
    office = Text("责任科室", help="如：党建办")
    owner = Text("责任人", required=True, max_length=40)
    start = Date("开始日期", required=True)
    deadline = Date("完成时限", required=True)
    output = LongText("预期成果")
    state = Text("状态", required=True, choices=TASK_STATES, default="未开始")
    finished = Date("完成日期")

    Meta = About("重点任务", key=("campaign", "title"), dated="deadline", town="镇党委下发的重点任务")


class Milestone(TownRecord):
    task = Ref(KeyTask, "重点任务", required=True, on_delete="CASCADE")
    order = Integer("步骤序号", default=1, min_value=1, max_value=100)
    title = Text("节点", required=True)
    days = Integer("工期（天）", default=7, min_value=0, max_value=365)
    start = Date("开始日期", required=True)
    due = Date("完成日期", required=True)
    finished = Date("实际完成日期")

    Meta = About("任务节点", key=("task", "title"), dated="due", town="镇党委下发的任务节点")


class Progress(Record):
    task = Ref(KeyTask, "重点任务", required=True)
    month = Date("调度月份", required=True, help="填该月任意一天", during=("campaign",))
    percent = Integer("完成进度（%）", required=True, default=0, min_value=0, max_value=100)
    done = LongText("本月完成情况", in_table=True)
    difficulties = LongText("存在困难")
    reported = Date("报送日期", during=("month+1",))
    reporter = Text("报送人", max_length=40)

    Meta = About("月调度", key=("task", "month"), one_per_key=True, dated="month", track="抓落实")


class _ScorecardPart(TownRecord):
    """The town's 督查评分表, its sections and its items: one of each per natural key."""

    class Meta:
        town_what = "镇党委的督查评分表"
        one_per_key = True


class ScoreTemplate(_ScorecardPart):
    name = Text("评分表名称", required=True)
    year = Year()
    active = YesNo("当前使用", default=True)
    note = LongText("说明")

    Meta = About("督查评分表", key=("name", "year"))


class ScoreSection(_ScorecardPart):
    template = Ref(ScoreTemplate, "评分表", required=True, on_delete="CASCADE")
    order = Integer("序号", default=1, min_value=1)
    name = Text("评分项目", required=True)
    track = Text("所属行动", choices=TRACKS)

    Meta = About("评分项目", key=("template", "name"))


class ScoreItem(_ScorecardPart):
    section = Ref(ScoreSection, "评分项目", required=True, on_delete="CASCADE")
    order = Integer("序号", default=1, min_value=1)
    name = Text("评分内容", required=True)
    max_points = Decimal("分值", required=True, default=5.0, min_value=0, max_value=100)
    guidance = LongText("评分标准", in_table=True)
    rule = Text("自动计算依据", in_table=False, help="选择后由系统根据台账计算得分；不选则由督查组打分")

    Meta = About("评分细则", key=("section", "name"))


class Inspection(TownRecord):
    campaign = Ref(Campaign, "行动", required=True, in_table=False)
    org = Ref(Organisation, "被督查党组织", required=True)
    org_id: int  # peewee's accessors for the keys, for the type checker
    kind = Text("督查类型", required=True, choices=INSPECTION_KINDS, default="季督查")
    quarter = Quarter(required=True)
    date = Date("督查日期", required=True)
    template = Ref(ScoreTemplate, "评分表")
    template_id: int | None
    inspectors = Text("督查组成员")
    summary = LongText("督查情况")
    excluded = Text(
        "不参评理由",
        in_table=False,
        help="本季度不参加排名的村（社区）写明理由，如：新设社区本季度不参评；通报中写明",
    )

    Meta = About(
        "督查检查", key=("org", "quarter", "kind"), one_per_key=True, dated="date", town="镇党委的督查结果"
    )


class InspectionScore(TownRecord):
    inspection = Ref(Inspection, "督查", required=True, on_delete="CASCADE")
    item = Ref(ScoreItem, "评分细则", required=True)
    points = Decimal("得分", default=None, min_value=0, max_value=100)
    computed = Decimal(
        "系统计算得分",
        default=None,
        min_value=0,
        max_value=100,
        managed=True,
        help="由系统根据台账计算（督查评分中点“重新计算”）",
    )
    not_applicable = YesNo("不适用", help="不适用的细则不计入总分的分母")
    unreported = YesNo(
        "未报送",
        managed=True,
        help="该村（社区）没有报送这项计算所需的台账：不计分，也不计入总分的分母",
    )
    override_reason = Text("改动计算得分的理由")
    remark = Text("扣分说明")

    Meta = About(
        "督查得分", key=("inspection", "item"), one_per_key=True, key_index="plain", town="镇党委的督查结果"
    )


class Problem(TownRecord):
    org = Ref(Organisation, "责任党组织", required=True)
    source = Text("问题来源", required=True, choices=PROBLEM_SOURCES, default="季督查")
    inspection = Ref(Inspection, "发现问题的督查", in_table=False)
    inspection_id: int | None  # peewee's accessor for the key, for the type checker
    found = Date("发现日期", required=True)
    description = Text("问题描述", required=True, max_length=500)
    # The village writes its 整改方案 (措施), 整改佐证, a proposed date and its report that the
    # problem is fixed; the town confirms it (已整改) or sends it back with a reason.
    plan = LongText("整改方案", written_by=VILLAGE)
    responsible = Text("整改责任人", required=True, max_length=40)
    deadline = Date("整改时限", required=True)
    # 整改状态 and its dates move only through the ledger (app/problems.py): 开始整改,
    # 整改完成, 回头看, 销号; a form that set them freely could close a problem unchecked.
    state = Text(
        "整改状态",
        required=True,
        choices=PROBLEM_STATES,
        default="待整改",
        managed=True,
        help=_LEDGER_HELP,
    )
    rectified = Date("整改完成日期", managed=True, help=_LEDGER_HELP)
    closed = Date("销号日期", in_table=False, managed=True, help="回头看通过后销号的日期；" + _LEDGER_HELP)
    evidence = LongText("整改佐证", written_by=VILLAGE)
    proposed = Date("拟完成日期", in_table=False, written_by=VILLAGE, help="村（社区）拟定的整改完成日期")
    reported = Date(
        "村报整改完成日期",
        in_table=False,
        managed=True,
        written_by=VILLAGE,
        help="村（社区）报整改完成的日期；镇党委确认后为“已整改”，退回时清空",
    )
    review_note = Text(
        "退回原因",
        in_table=False,
        managed=True,
        max_length=500,
        help="镇党委退回村（社区）整改报告的原因；确认整改后清空",
    )
    reopened = Integer(
        "重新整改次数", default=0, min_value=0, in_table=False, managed=True, help="回头看未通过时自动加 1"
    )
    # 问责 only for a problem not fixed in time: recorded through the ledger's 问责 button.
    accountability = Text("问责方式", choices=ACCOUNTABILITY_FORMS, managed=True, help=_BLAME_HELP)
    accountability_date = Date("问责日期", in_table=False, managed=True, help=_BLAME_HELP)
    accountability_note = LongText("问责情况")

    Meta = About("问题台账", key=("org", "found", "description"), dated="deadline", town="镇党委的问题台账")

    def __str__(self) -> str:
        return self.description[:30]


class ProblemCheck(TownRecord):
    problem = Ref(Problem, "问题", required=True, on_delete="CASCADE")
    kind = Text("检查类型", required=True, choices=CHECK_KINDS, default="回头看")
    date = Date("检查日期", required=True)
    result = Text("检查结果", required=True, choices=CHECK_RESULTS)
    checker = Text("检查人", max_length=40)
    note = LongText("检查情况")

    Meta = About("跟踪检查", key=("problem", "date", "kind"), dated="date", town="镇党委的回头看")


class Notice(TownRecord):
    campaign = Ref(Campaign, "行动", required=True, in_table=False)
    kind = Text("通报类别", required=True, choices=NOTICE_KINDS, default="督查排名通报")
    year = Year()
    number = Integer("文号序号", required=True, default=1, min_value=1, max_value=9999)
    doc_no = Text("发文字号", required=True, help="如：×党发〔2022〕5号")
    title = Text("标题", required=True)
    date = Date("成文日期", required=True)
    quarter = Quarter()
    body = LongText("正文")
    ranking = LongText(
        "排名表",
        in_form=False,
        managed=True,
        help="签发时的排名（通报的附件），一行一个党组织：名次、党组织、得分、备注；村（社区）收到后按此打印",
    )

    Meta = About(
        "通报",
        key=("year", "number"),
        one_per_key=True,
        key_index="unique",
        dated="date",
        town="镇党委的通报",
    )


class Disposal(TownRecord):
    org = Ref(Organisation, "党组织", required=True)
    secretary = Text("书记姓名", required=True, max_length=40)
    quarter = Quarter("触发季度", help="如 2022Q3")
    reason = Text("处置原因", required=True, help="如：连续2次季度督查排名后3位")
    measure = Text(
        "处置方式",
        suggestions=DISPOSAL_MEASURES,
        help="可从列表中选择，也可写镇党委研究确定的其他方式；状态为“已处置”后通报中写明",
    )
    date = Date("处置日期")
    state = Text("状态", required=True, choices=DISPOSAL_STATES, default="待研究")
    note = LongText("处置情况")

    Meta = About("书记处置", key=("org", "quarter"), dated="date", town="镇党委的书记处置")
