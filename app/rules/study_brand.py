"""抓学习 and 抓品牌 rules: every branch has a study plan and a 党建品牌.

The plan is made in the 组织动员 phase, so it is due at that phase's end; the brand must
stand by the 总结提高 phase, so it is due the day before that phase begins.
"""

from __future__ import annotations

import datetime as dt

from models import Brand, StudyPlan

from .engine import Scope, rule


def _branches_without(scope: Scope, org_ids: set[int]) -> list[int]:
    have = {scope.branch_of_org.get(o) for o in org_ids}
    return [b for b in scope.branches if b not in have]


@rule("study_plan", "支部制定学习计划", "抓学习", StudyPlan)
def study_plans(scope: Scope) -> list:
    """Each branch has a study plan for the campaign year, due at the end of 组织动员."""
    due = scope.phase_end("组织动员", scope.campaign.start)
    state = scope.state_for(due)
    if state is None:
        return []
    have = {
        org_id
        for (org_id,) in StudyPlan.live(StudyPlan.org)
        .where((StudyPlan.year == scope.campaign.year) & (StudyPlan.made_on <= scope.as_of))
        .tuples()
    }
    return [
        scope.finding(
            branch,
            "study_plan",
            state,
            f"没有{scope.campaign.year}年学习计划（应在组织动员阶段 {due.isoformat()} 前制定）",
            due=due,
            model=StudyPlan,
        )
        for branch in _branches_without(scope, have)
    ]


@rule("brand", "支部打造党建品牌", "抓品牌", Brand)
def brands(scope: Scope) -> list:
    """Each branch has at least one 党建品牌 before the 总结提高 phase begins."""
    summary_start = scope.phase_start("总结提高", scope.campaign.end)
    due = summary_start - dt.timedelta(days=1)
    state = scope.state_for(due)
    if state is None:
        return []
    have = {org_id for (org_id,) in Brand.live(Brand.org).where(Brand.founded <= scope.as_of).tuples()}
    return [
        scope.finding(
            branch,
            "brand",
            state,
            f"还没有党建品牌（应在总结提高阶段前、{due.isoformat()} 前创建）",
            due=due,
            model=Brand,
        )
        for branch in _branches_without(scope, have)
    ]
