"""The demo town's two quarterly inspections (2022Q2, 2022Q3), the problems they found,
the Q2 ranking notice and a 处置 candidate.

Scores follow each village's strength, so the two weak villages are the lowest at both
inspections (the twice-bottom-3 rule fires for them). Problems go through every state of
the ledger: closed after a passed 回头看, rectified late, overdue, reopened by a failed
回头看, and one overdue problem with 问责.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.inspection.computed_items import NOT_DUE
from app.inspection.computed_items import UNREPORTED
from app.inspection.computed_items import ItemCount
from app.inspection.computed_items import count_items
from models import Disposal
from models import Inspection
from models import InspectionScore
from models import Notice
from models import Problem
from models import ProblemCheck
from models import ScoreItem

from .town import Branch
from .town import Town
from .writer import Writer

INSPECTIONS = (("2022Q2", dt.date(2022, 7, 5)), ("2022Q3", dt.date(2022, 10, 8)))
INSPECTORS = "镇党委督查组：李文斌、张秀兰、马志刚"
NOTICE_DATE = dt.date(2022, 7, 8)
NOTICE_NUMBER = 5

# What the inspectors write down when an item loses points (扣分说明 and the problem found).
SHORTCOMINGS = {
    "三会一课按期召开": "三会一课未按期召开，会议记录不完整",
    "主题党日每月开展": "主题党日有缺月，活动内容单一",
    "党员参会率": "部分党员长期不参加组织生活",
    "制定年度学习计划": "未制定年度学习计划",
    "专题学习和线上学习": "专题学习记录不全，部分党员线上学习长期中断",
    "交流研讨和培训": "交流研讨和培训开展少，无培训记录",
    "心得体会": "党员心得体会数量少、质量不高",
    "我为群众办实事": "部分党员未办实事，办实事台账不全",
    "党员服务群众": "党员服务群众次数不足",
    "服务承诺、首问负责、限时办结": "个别群众诉求未在承诺时限内办结",
    "重点人群一对一帮扶": "个别重点人群未明确帮扶党员，走访记录缺失",
    "设岗定责和为民解难题": "无职党员设岗定责不全，岗位职责不清",
    "组织生活会和民主评议党员": "民主评议程序不规范",
    "政治生日和党员先锋作用": "政治生日未按月开展，先锋岗作用不明显",
    "党务公开和纪律作风": "党务公开不及时，公开栏内容未更新",
    "党建品牌创建": "党建品牌内涵不清，特色不明显",
    "观摩交流": "未参加观摩交流活动",
    "问题按期整改": "上次督查发现的问题未按期整改到位",
    "重点任务推进": "重点任务推进滞后，未按倒排工期完成节点",
    "月调度按时报送": "月调度缺报、迟报",
}


def shortcoming(item: ScoreItem) -> str:
    return SHORTCOMINGS.get(item.name, f"{item.name}落实不到位")


def build_inspections(
    w: Writer, town: Town, campaign_id: int, template_id: int, items: list[ScoreItem]
) -> None:
    """Queue the inspections, their scores and problems, the notice and the 处置 candidate."""
    rng = w.rng
    totals: dict[str, dict[int, float]] = {}
    special = _special_cases(town)
    for quarter, day in INSPECTIONS:
        w.flush()  # the computed items read the records written so far
        fractions = _computed(quarter, town, items)
        totals[quarter] = {}
        for branch in town.branches:
            iid = w.add(
                Inspection,
                day,
                town.code,
                campaign=campaign_id,
                org=branch.id,
                kind="季督查",
                quarter=quarter,
                date=day,
                template=template_id,
                inspectors=INSPECTORS,
            )
            deductions = []
            points_sum = max_sum = 0.0
            spread = 0.05 if branch.weak else 0.08
            for item in items:
                count: ItemCount | None = None
                if item.rule:  # as the program computes it from the records
                    count = fractions[item.rule][branch.id]
                    fraction = count.fraction
                    points = None if fraction is None else round(fraction * item.max_points, 1)
                else:  # the inspectors' judgement follows how well the village works
                    share = min(1.0, max(0.0, branch.strength + rng.uniform(-spread, spread)))
                    points = round(item.max_points * share * 2) / 2
                if points is None:
                    remark = count.explain() if count else "本季度无应办事项，不计分"
                else:
                    lost = round(item.max_points - points, 1)
                    points_sum += points
                    max_sum += item.max_points
                    remark = f"{shortcoming(item)}，扣{lost:g}分" if lost > 0 else ""
                    if lost >= 1:
                        deductions.append((lost / item.max_points, item))
                w.add(
                    InspectionScore,
                    day,
                    town.code,
                    inspection=iid,
                    item=item.id,
                    points=points,
                    computed=points if item.rule else None,
                    not_applicable=points is None and (count is None or count.status == NOT_DUE),
                    unreported=count is not None and count.status == UNREPORTED,
                    remark=remark,
                )
            total = round(points_sum / max_sum * 100, 2) if max_sum else 0.0
            totals[quarter][branch.id] = total
            deductions.sort(key=lambda d: (-d[0], d[1].id))
            found = deductions[: (4 if branch.weak else rng.randint(1, 2))]
            w.update(
                Inspection,
                iid,
                summary="督查组查阅台账资料、走访党员群众。"
                + ("发现的主要问题：" + "；".join(shortcoming(i) for _l, i in found) + "。" if found else ""),
            )
            for index, (_lost, item) in enumerate(found):
                case = special.get((quarter, branch.id, index), "")
                _problem(w, town.code, branch, quarter, iid, day, item, case)
    _notice(w, town, campaign_id, totals["2022Q2"])
    _disposals(w, town, totals)


def _computed(quarter: str, town: Town, items: list[ScoreItem]) -> dict[str, dict[int, ItemCount]]:
    """What each village achieved of every computed item, counted as the program counts it."""
    return count_items(quarter, [b.id for b in town.branches], [i.rule for i in items if i.rule])


def _special_cases(town: Town) -> dict[tuple[str, int, int], str]:
    """Pinned problem stories, so every state of the ledger exists for any seed."""
    weak = [b for b in town.branches if b.weak] or town.branches[-2:]
    return {("2022Q2", weak[0].id, 0): "问责", ("2022Q2", weak[-1].id, 0): "回头看未通过"}


def _problem(
    w: Writer,
    town_code: str,
    branch: Branch,
    quarter: str,
    iid: int,
    found: dt.date,
    item: ScoreItem,
    case: str,
) -> None:
    rng = w.rng
    deadline = found + dt.timedelta(days=30)
    roll = rng.random() * (0.7 + 0.3 * branch.strength)
    values: dict[str, Any] = {"state": "整改中", "rectified": None, "closed": None}
    checks: list[tuple[dt.date, str, str]] = []
    if case == "问责":
        values.update(
            accountability="约谈",
            accountability_date=deadline + dt.timedelta(days=20),
            accountability_note="逾期未整改，镇党委对支部书记进行约谈。",
        )
    elif case == "回头看未通过":
        checks.append((deadline + dt.timedelta(days=15), "回头看", "未通过"))
        values["reopened"] = 1
    elif roll < 0.12:
        values["state"] = "待整改" if quarter == "2022Q3" else "整改中"  # overdue
    elif roll < 0.25:  # rectified, but after the deadline; re-checked unless the village is weak
        rectified = deadline + dt.timedelta(days=rng.randint(3, 15))
        values.update(state="已整改", rectified=rectified)
        if not branch.weak:
            check = rectified + dt.timedelta(days=rng.randint(5, 15))
            values.update(state="已销号", closed=check)
            checks.append((check, "回头看", "通过"))
    elif quarter == "2022Q3" and roll < 0.38:  # rectified lately, 回头看 still to come
        values.update(state="已整改", rectified=deadline - dt.timedelta(days=rng.randint(1, 20)))
    else:  # rectified in time and closed after a passed 回头看
        rectified = deadline - dt.timedelta(days=rng.randint(1, 20))
        check = rectified + dt.timedelta(days=rng.randint(5, 15))
        values.update(state="已销号", rectified=rectified, closed=check)
        checks.append((check, "回头看", "通过"))
    pid = w.add(
        Problem,
        found,
        town_code,
        org=branch.id,
        source="季督查",
        inspection=iid,
        found=found,
        description=shortcoming(item),
        plan=f"支部书记牵头，对照{item.name}评分标准逐项整改，限期补齐台账。",
        responsible=branch.secretary.name,
        deadline=deadline,
        evidence="整改台账和照片" if values.get("rectified") else "",
        **values,
    )
    for day, kind, result in checks:
        w.add(
            ProblemCheck,
            day,
            town_code,
            problem=pid,
            kind=kind,
            date=day,
            result=result,
            checker="李文斌",
            note="现场查看台账" + ("，整改到位" if result == "通过" else "，问题仍然存在，重新整改"),
        )


def ranking(totals: dict[int, float], town: Town) -> list[Branch]:
    """Branches best first (ties in the order of the branch list)."""
    return sorted(town.branches, key=lambda b: -totals[b.id])


def _notice(w: Writer, town: Town, campaign_id: int, totals: dict[int, float]) -> None:
    ranked = ranking(totals, town)
    bottom = "、".join(b.short for b in ranked[-3:])
    top = "、".join(b.short for b in ranked[:3])
    # a short first text; draft_notice_text() replaces it with the full draft once rows are written
    body = (
        "各村（社区）党组织：\n"
        f"为推动“五抓五提升”行动落地见效，7月5日，镇党委督查组对全镇{len(ranked)}个村（社区）"
        "党组织第二季度行动开展情况进行了督查，现将有关情况通报如下。\n"
        f"一、总体情况。各村（社区）按照行动方案稳步推进，{top}等工作扎实、成效明显。\n"
        f"二、存在的问题。{bottom}得分排名后三位，三会一课不规范、办实事覆盖面不足等问题较为突出。\n"
        "三、整改要求。排名后三位的村（社区）党组织书记要作出书面说明，于8月5日前整改到位；"
        "连续两次排名后三位的，对支部书记进行处置。"
    )
    w.add(
        Notice,
        NOTICE_DATE,
        town.code,
        campaign=campaign_id,
        kind="督查排名通报",
        year=2022,
        number=NOTICE_NUMBER,
        doc_no=f"{town.name[0]}党发〔2022〕{NOTICE_NUMBER}号",
        title="关于2022年第二季度“五抓五提升”行动督查情况的通报",
        date=NOTICE_DATE,
        quarter="2022Q2",
        body=body,
    )


def draft_notice_text() -> None:
    """Give the Q2 notice the text the program drafts from the written ranking.

    Run once the rows are written: the draft names each bottom village's problems and
    follows the 通报's order (basis and method, result, bottom 3, handling, requirements),
    so the demo's printed notice shows what a clerk gets before editing.
    """
    from app.printing.notice import draft_body  # noqa: PLC0415 (start-up: ReportLab only when the demo is written)

    body = draft_body("2022Q2", NOTICE_DATE)
    Notice.update(body=body).where((Notice.quarter == "2022Q2") & (Notice.number == NOTICE_NUMBER)).execute()


def _disposals(w: Writer, town: Town, totals: dict[str, dict[int, float]]) -> None:
    """A 处置 candidate for each branch in the bottom 3 at both inspections."""
    bottoms = [{b.id for b in ranking(t, town)[-3:]} for t in totals.values()]
    for branch in town.branches:
        if all(branch.id in bottom for bottom in bottoms):
            w.add(
                Disposal,
                dt.date(2022, 10, 12),
                town.code,
                org=branch.id,
                secretary=branch.secretary.name,
                quarter="2022Q3",
                reason="连续2次季度督查排名后3位",
                state="待研究",
            )
