"""季督查 and other inspections: computed scorecard items, score entry, problems found.

A scorecard item with a ``rule`` is computed from the village's records for the quarter
as a fraction (0–1) of its maximum points; the inspectors may override the computed
points, but only with a reason. An item marked not applicable (不适用) leaves both the
points and the maximum out of the village's total, so

    百分制得分 = sum(points of applicable items) / sum(max of applicable items) × 100.

An applicable item nobody scored counts 0 (the scorecard shows it as 未打分). A computed
item whose records the village never reported (未报送) is left out like 不适用 but shown as
未报送, so a village is never ranked on what it has not reported.
Problems found during an inspection go straight into the 问题台账 with a deadline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.inspection.computed_items import NOT_DUE
from app.inspection.computed_items import RULES
from app.inspection.computed_items import UNREPORTED
from app.inspection.computed_items import ItemCount
from app.inspection.computed_items import count_items
from app.inspection.scorecard import template_items
from app.records import save_record
from app.setup.identity import installation
from models import Inspection
from models import InspectionScore
from models import Problem
from models import ScoreItem
from models import database


class InspectionRefused(ValueError):
    """A score or problem the inspection refuses; the message says why, in Chinese."""


def item_counts(inspection: Inspection) -> dict[str, ItemCount]:
    """What each computed item counted for the inspected village (the evidence behind its points)."""
    counts = count_items(inspection.quarter, [inspection.org_id])
    return {
        key: per_org[inspection.org_id] for key, per_org in counts.items() if inspection.org_id in per_org
    }


def computed_values(item: ScoreItem, count: ItemCount) -> dict:
    """The score row's computed fields for one computed item: points, 未报送/不适用, remark."""
    fraction = count.fraction
    computed = None if fraction is None else round(fraction * item.max_points, 1)
    return {
        "computed": computed,
        "points": computed,
        "not_applicable": count.status == NOT_DUE,
        "unreported": count.status == UNREPORTED,
        "remark": count.explain(),
    }


def fill_scores(inspection: Inspection, refresh: bool = False) -> list[InspectionScore]:
    """Make sure every item of the inspection's template has a score row; compute what can be.

    New rows get their computed values. With ``refresh`` the computed values of existing
    rows are brought up to date too (points the inspectors overrode, with a reason, are
    kept); without it a scored inspection is shown as it was scored. Returns the score
    rows in scorecard order.
    """
    if inspection.template_id is None:
        raise InspectionRefused("这次督查还没有选定评分表，请先在“督查检查”中选择评分表。")
    items = template_items(inspection.template_id)
    existing = {s.item_id: s for s in InspectionScore.live().where(InspectionScore.inspection == inspection)}
    if not installation().is_town:
        # a village's computer shows the town's scores as received: never computed nor added here
        return [existing[item.id] for item in items if item.id in existing]
    counts: dict[str, ItemCount] | None = None
    rows = []
    with database.atomic():
        for item in items:
            score = existing.get(item.id)
            values: dict = {}
            if item.rule in RULES and (score is None or refresh):
                if counts is None:
                    counts = item_counts(inspection)
                values = computed_values(item, counts[item.rule])
                if score is not None and score.override_reason:
                    values = {"computed": values["computed"]}  # the inspectors' points stand
            if score is None:
                score = save_record(InspectionScore, {"inspection": inspection, "item": item, **values})
            elif any(score.__data__.get(k) != v for k, v in values.items()):
                score = save_record(InspectionScore, values, score)
            rows.append(score)
    return rows


def set_score(
    score: InspectionScore,
    *,
    points: float | None,
    not_applicable: bool = False,
    remark: str = "",
    override_reason: str = "",
) -> InspectionScore:
    """Enter one item's points (or mark it 不适用); a computed item changed needs a reason."""
    item = score.item
    label = f"“{item.name}”"
    if not_applicable:
        points = None
    elif points is not None and (points < 0 or points > item.max_points):
        raise InspectionRefused(f"{label}的得分应在 0 到 {item.max_points:g} 分之间（现为 {points:g}）。")
    computed = score.computed
    changed = computed is not None and (not_applicable or points is None or abs(points - computed) > 1e-9)
    if score.unreported and points is not None and not override_reason.strip():
        raise InspectionRefused(
            f"{label}的台账未报送，督查组现场核实后打分须填写理由（如：现场查阅纸质台账）。"
        )
    changed = changed or (bool(score.unreported) and points is not None)
    if changed and not override_reason.strip():
        raise InspectionRefused(f"{label}是系统根据台账计算的（{computed:g} 分），改动须填写理由。")
    values = {
        "points": points,
        "not_applicable": not_applicable,
        "unreported": bool(score.unreported) and points is None and not not_applicable,
        "remark": remark,
        "override_reason": override_reason.strip() if changed else "",
    }
    return save_record(InspectionScore, values, score)


@dataclass(frozen=True)
class Total:
    """A village's result in one inspection."""

    points: float
    max_points: float
    unscored: int
    unreported: int = 0

    @property
    def score(self) -> float:
        """Points out of 100 over the applicable items, 未报送 ones included (0 when nothing applies)."""
        return round(self.points / self.max_points * 100, 2) if self.max_points else 0.0


def totals(inspection_ids: list[int]) -> dict[int, Total]:
    """Each inspection's total, in one query over all their scores."""
    sums: dict[int, list[float]] = {i: [0.0, 0.0, 0, 0] for i in inspection_ids}
    query = (
        InspectionScore.live(
            InspectionScore.inspection,
            InspectionScore.points,
            InspectionScore.not_applicable,
            InspectionScore.unreported,
            ScoreItem.max_points,
        )
        .join(ScoreItem)
        .where(InspectionScore.inspection.in_(inspection_ids))
        .tuples()
    )
    for inspection_id, points, not_applicable, unreported, max_points in query:
        if unreported and points is None:
            # 未报送 earns nothing but still counts its points in the whole: a village that
            # reports nothing for an item must never rank above one that reported and fell short
            sums[inspection_id][3] += 1
            sums[inspection_id][1] += max_points
            continue
        if not_applicable:
            continue
        entry = sums[inspection_id]
        entry[0] += points or 0.0
        entry[1] += max_points
        entry[2] += points is None
    return {i: Total(round(p, 2), round(m, 2), int(u), int(r)) for i, (p, m, u, r) in sums.items()}


def record_problem(
    inspection: Inspection,
    *,
    description: str,
    deadline: dt.date,
    responsible: str,
    plan: str = "",
) -> Problem:
    """Put a problem found in this inspection into the 问题台账 (state 待整改)."""
    if not description.strip():
        raise InspectionRefused("请写明发现的问题。")
    if deadline < inspection.date:
        raise InspectionRefused(
            f"整改时限 {deadline.isoformat()} 早于督查日期 {inspection.date.isoformat()}，请重新选择。"
        )
    values = {
        "org": inspection.org_id,
        "source": inspection.kind,
        "inspection": inspection,
        "found": inspection.date,
        "description": description.strip(),
        "plan": plan,
        "responsible": responsible.strip(),
        "deadline": deadline,
        "state": "待整改",
    }
    return save_record(Problem, values)
