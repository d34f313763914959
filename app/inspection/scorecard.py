"""The quarterly inspection scorecard (季督查评分表): the 2022 default and the active one.

The default covers the five tracks plus the branch's organisational routine (三会一课,
主题党日), 100 points in all. Items with a ``rule`` are computed from the records by the
rules engine; the others are scored by the inspectors against the written guidance.
"""

from __future__ import annotations

from collections.abc import Callable

from models import Campaign
from models import ScoreItem
from models import ScoreSection
from models import ScoreTemplate
from models import database

# The rule keys the computation understands (see the inspection rules); an item with an
# empty rule is scored by hand.
RULE_KEYS = (
    "meetings_held",
    "theme_days_held",
    "attendance_rate",
    "deeds_coverage",
    "services_coverage",
    "requests_on_time",
    "problems_on_time",
    "study_plan",
    "brand",
    "key_people_helped",
)

# (section name, track, [(item name, max points, guidance, rule)]).
DEFAULT_SECTIONS_2022: tuple[tuple[str, str, tuple[tuple[str, float, str, str], ...]], ...] = (
    (
        "组织制度落实（三会一课、主题党日）",
        "抓作风",
        (
            (
                "三会一课按期召开",
                6.0,
                "本季度支部党员大会、支委会、党小组会、党课应开次数全部召开得满分；按实际召开次数占应开次数的比例计分。",
                "meetings_held",
            ),
            (
                "主题党日每月开展",
                4.0,
                "每月开展一次主题党日得满分；每少开展一次按比例扣分。",
                "theme_days_held",
            ),
            (
                "党员参会率",
                5.0,
                "按本季度党员参加组织生活的平均出席率计分；避免“少数人做、多数人不参与”。",
                "attendance_rate",
            ),
        ),
    ),
    (
        "抓学习 提升能力素质",
        "抓学习",
        (
            ("制定年度学习计划", 3.0, "支部有本年度学习计划得满分，无计划不得分。", "study_plan"),
            (
                "专题学习和线上学习",
                4.0,
                "专题学习有记录、有签到；党员坚持使用学习强国、甘肃党建学习。记录不全扣1分，线上学习普遍不足扣2分。",
                "",
            ),
            (
                "交流研讨和培训",
                4.0,
                "开展交流研讨、专题讲座或外出学习，有方案、有记录。本季度未开展扣2分，记录不全扣1分。",
                "",
            ),
            (
                "心得体会",
                4.0,
                "党员结合学习撰写心得体会，质量较好。数量明显不足扣2分，照抄照搬扣1分。",
                "",
            ),
        ),
    ),
    (
        "抓制度 提升服务水平",
        "抓制度",
        (
            (
                "我为群众办实事",
                5.0,
                "按办过至少1件实事的党员占党员总数的比例计分。",
                "deeds_coverage",
            ),
            (
                "党员服务群众",
                5.0,
                "每名党员每年为群众服务不少于2次，按季度折算，按达标党员比例计分。",
                "services_coverage",
            ),
            (
                "服务承诺、首问负责、限时办结",
                5.0,
                "按期限内办结的群众诉求占应办结数的比例计分。",
                "requests_on_time",
            ),
            (
                "重点人群一对一帮扶",
                5.0,
                "重点人群均明确帮扶党员且本季度有走访记录得满分；按比例计分。",
                "key_people_helped",
            ),
            (
                "设岗定责和为民解难题",
                5.0,
                "无职党员设岗定责，“清单＋责任”明确；支部每年解决1个以上实际问题。设岗不全扣2分，未解决问题扣3分。",
                "",
            ),
        ),
    ),
    (
        "抓作风 提升队伍形象",
        "抓作风",
        (
            (
                "组织生活会和民主评议党员",
                5.0,
                "按要求召开组织生活会、开展民主评议，评定等次规范（优秀不超过三分之一）。程序不规范扣2分，等次比例不符扣1分。",
                "",
            ),
            (
                "政治生日和党员先锋作用",
                5.0,
                "按月或按季为党员过政治生日，组建党员突击队、设立先锋岗并发挥作用。未开展扣2分，作用不明显扣1分。",
                "",
            ),
            (
                "党务公开和纪律作风",
                5.0,
                "党务、村务按期公开，内容真实完整；开展守纪律转作风树形象活动。公开不及时扣2分，群众反映作风问题扣3分。",
                "",
            ),
        ),
    ),
    (
        "抓品牌 提升创新活力",
        "抓品牌",
        (
            ("党建品牌创建", 6.0, "支部已创建党建品牌并有具体内容得满分，未创建不得分。", "brand"),
            (
                "观摩交流",
                4.0,
                "组织或参加观摩交流活动，借鉴经验。本季度未参加扣2分，无记录扣1分。",
                "",
            ),
        ),
    ),
    (
        "抓落实 提升工作质效",
        "抓落实",
        (
            (
                "问题按期整改",
                6.0,
                "按期限内整改完成的问题占到期问题的比例计分；逾期未整改的问题每个扣1分。",
                "problems_on_time",
            ),
            (
                "重点任务推进",
                8.0,
                "重点任务按倒排工期推进，节点按时完成。每有一项任务滞后扣2分，停滞不前扣3分。",
                "",
            ),
            (
                "月调度按时报送",
                6.0,
                "每月按时报送工作进展，情况真实。每缺报一次扣2分，迟报一次扣1分。",
                "",
            ),
        ),
    ),
)


def create_default_template(campaign: Campaign, make_uuid: Callable[[], str] | None = None) -> ScoreTemplate:
    """Write the default 100-point scorecard for ``campaign``'s year and return it.

    ``make_uuid`` lets the demo town give the rows fixed identifiers; ordinary callers
    leave it out and get fresh ones.
    """

    def ids() -> dict[str, str]:
        return {"uuid": make_uuid()} if make_uuid else {}

    with database.atomic():
        template = ScoreTemplate.create(
            name=f"{campaign.year}年“五抓五提升”行动季度督查评分表",
            year=campaign.year,
            active=True,
            note="满分100分。标注自动计算的细则由系统根据台账计算，督查组可说明理由后改动；其余由督查组评分。",
            **ids(),
        )
        for s_order, (s_name, track, items) in enumerate(DEFAULT_SECTIONS_2022, start=1):
            section = ScoreSection.create(template=template, order=s_order, name=s_name, track=track, **ids())
            for i_order, (name, points, guidance, rule) in enumerate(items, start=1):
                ScoreItem.create(
                    section=section,
                    order=i_order,
                    name=name,
                    max_points=points,
                    guidance=guidance,
                    rule=rule,
                    **ids(),
                )
    return template


def default_template() -> ScoreTemplate:
    """The scorecard in use (the newest active one), written for the current campaign when none is."""
    found = (
        ScoreTemplate.live()
        .where(ScoreTemplate.active == True)  # noqa: E712
        .order_by(ScoreTemplate.year.desc(), ScoreTemplate.id.desc())
        .first()
    )
    return found if found is not None else create_default_template(Campaign.current())


def template_items(template: ScoreTemplate | int) -> list[ScoreItem]:
    """The template's live items in printed order (by section, then item)."""
    return list(
        ScoreItem.live()
        .join(ScoreSection)
        .where(ScoreSection.template == template, ScoreSection.deleted == False)  # noqa: E712
        .order_by(ScoreSection.order, ScoreSection.id, ScoreItem.order, ScoreItem.id)
    )


def template_total(template: ScoreTemplate) -> float:
    """The full marks of a template (sum of its live items' maximum points)."""
    return sum(item.max_points for item in template_items(template))
