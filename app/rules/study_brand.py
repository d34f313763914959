"""抓学习 and 抓品牌 rules: every branch has a study plan and a 党建品牌.

The plan is made in the 组织动员 phase, so it is due at that phase's end; the brand must
stand by the 总结提高 phase, so it is due the day before that phase begins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from models import Brand
from models import Record
from models import StudyPlan

from .engine import Finding
from .engine import Scope
from .engine import rule


def _each_branch_without(
    scope: Scope,
    key: str,
    due: dt.date,
    model: type[Record],
    has_it: Callable[[Scope], set[int]],
    missing: str,
) -> list[Finding]:
    """A finding for each branch in scope none of whose organisations (``has_it``) has the record by ``due``.

    Nothing while the record is not yet behind or overdue on ``scope.as_of``.
    """
    state = scope.state_for(due)
    if state is None:
        return []
    have = {scope.branch_of_org.get(o) for o in has_it(scope)}
    return [
        scope.finding(branch, key, state, missing, due=due, model=model)
        for branch in scope.branches
        if branch not in have
    ]


def study_plan_due(scope: Scope) -> dt.date:
    """The study plan is made in 组织动员: due at that phase's end."""
    return scope.phase_end("组织动员", scope.campaign.start)


def brand_due(scope: Scope) -> dt.date:
    """A 党建品牌 stands by the 总结提高 phase: due the day before it begins."""
    return scope.phase_start("总结提高", scope.campaign.end) - dt.timedelta(days=1)


def branches_with_plan(scope: Scope) -> set[int]:
    """The organisations with a study plan for the campaign year made by ``as_of``."""
    query = StudyPlan.live(StudyPlan.org).where(
        (StudyPlan.year == scope.campaign.year) & (StudyPlan.made_on <= scope.as_of)
    )
    return {org_id for (org_id,) in query.tuples()}


def branches_with_brand(scope: Scope) -> set[int]:
    """The organisations with a 党建品牌 founded by ``as_of``."""
    return {org_id for (org_id,) in Brand.live(Brand.org).where(Brand.founded <= scope.as_of).tuples()}


@rule("study_plan", "支部制定学习计划", "抓学习", StudyPlan)
def study_plans(scope: Scope) -> list:
    """Each branch has a study plan for the campaign year, due at the end of 组织动员."""
    due = study_plan_due(scope)
    missing = f"没有{scope.campaign.year}年学习计划（应在组织动员阶段 {due.isoformat()} 前制定）"
    return _each_branch_without(scope, "study_plan", due, StudyPlan, branches_with_plan, missing)


@rule("brand", "支部打造党建品牌", "抓品牌", Brand)
def brands(scope: Scope) -> list:
    """Each branch has at least one 党建品牌 before the 总结提高 phase begins."""
    due = brand_due(scope)
    missing = f"还没有党建品牌（应在总结提高阶段前、{due.isoformat()} 前创建）"
    return _each_branch_without(scope, "brand", due, Brand, branches_with_brand, missing)
