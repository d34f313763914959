"""抓落实 rules: key tasks and their milestones on time, problems rectified by their deadline
and re-checked (回头看) after rectification.

A task or milestone finished after its deadline stays 逾期 (as in :mod:`app.delivery.tasks`); a
problem is 逾期 while it is open past its 整改时限, and stays so when it was rectified after
it (as :func:`app.delivery.problems.days_overdue` counts it). Once a task is overdue its unfinished
milestones are not listed one by one: the task's finding says it all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from peewee import fn

from models import KeyTask
from models import Milestone
from models import Problem
from models import ProblemCheck
from models import settings

from .engine import OVERDUE
from .engine import Finding
from .engine import Scope
from .engine import rule

RECHECK_DAYS_KEY = "rules.recheck_days"
settings.declare(RECHECK_DAYS_KEY, 30, "问题整改完成后多少天内应“回头看”")
OPEN_PROBLEM_STATES = ("待整改", "整改中")


def _owner(scope: Scope, org_id: int | None) -> int | None:
    """The branch a task belongs to; None for the town's own tasks (kept when the whole town is looked at)."""
    if org_id is None or (scope.town is not None and org_id == scope.town.id):
        return scope.town.id if scope.town else 0
    return scope.branch_of_org.get(org_id)


def _in_scope(scope: Scope, owner: int | None, whole_town: bool) -> bool:
    return owner in scope.branches or (whole_town and scope.town is not None and owner == scope.town.id)


def _late_or_open(scope: Scope, deadline: dt.date, finished: dt.date | None) -> tuple[str | None, str]:
    if finished is not None and finished <= scope.as_of:
        if finished > deadline:
            return OVERDUE, f"超期完成（{finished.isoformat()} 完成，时限 {deadline.isoformat()}）"
        return None, ""
    state = scope.state_for(deadline)
    word = "已超过" if state == OVERDUE else "即将到达"
    return state, f"未完成，{word}完成时限 {deadline.isoformat()}"


def _problem_finding(
    scope: Scope,
    owner: int | None,
    key: str,
    state: str,
    problem_id: int,
    description: str,
    text: str,
    due: dt.date,
) -> Finding:
    """A problem's finding, the problem named by the start of its description as the ledger shows it."""
    subject = description[:40]
    return scope.finding(
        owner,
        key,
        state,
        f"问题“{subject}”{text}",
        due=due,
        model=Problem,
        record_id=problem_id,
        subject=subject,
    )


@rule("key_tasks", "重点任务按期完成", "抓落实", KeyTask)
def key_tasks_on_time(scope: Scope) -> list:
    """Key tasks (and their milestones, 倒排工期) unfinished near or past their deadline, or finished late."""
    findings = []
    tasks = KeyTask.live(
        KeyTask.id, KeyTask.org, KeyTask.title, KeyTask.deadline, KeyTask.state, KeyTask.finished
    ).where((KeyTask.campaign == scope.campaign) & (KeyTask.start <= scope.as_of))
    open_tasks = {}
    for task_id, org_id, title, deadline, state_text, finished in tasks.tuples():
        if state_text == "已暂停":
            continue
        owner = _owner(scope, org_id)
        if not _in_scope(scope, owner, scope.whole_town):
            continue
        if state_text == "已完成" and finished is None:
            continue  # done, date not recorded: nothing a clerk could call late
        state, text = _late_or_open(scope, deadline, finished)
        running = finished is None or finished > scope.as_of
        if running and state != OVERDUE:  # an overdue task is one finding, not one per milestone
            open_tasks[task_id] = (owner, title)
        if state is None:
            continue
        findings.append(
            scope.finding(
                owner,
                "key_tasks",
                state,
                f"重点任务“{title}”{text}",
                due=deadline,
                model=KeyTask,
                record_id=task_id,
                subject=title,
            )
        )
    milestones = Milestone.live(
        Milestone.id, Milestone.task, Milestone.title, Milestone.due, Milestone.finished
    )
    for milestone_id, task_id, title, due, finished in milestones.tuples():
        if task_id not in open_tasks or (finished is not None and finished <= scope.as_of):
            continue  # a milestone counts while its task is still running and not yet overdue
        state = scope.state_for(due)
        if state != OVERDUE:
            continue
        owner, task_title = open_tasks[task_id]
        findings.append(
            scope.finding(
                owner,
                "key_tasks",
                state,
                f"重点任务“{task_title}”的节点“{title}”未完成，已超过 {due.isoformat()}",
                due=due,
                model=Milestone,
                record_id=milestone_id,
                subject=title,
            )
        )
    return findings


class ProblemState(NamedTuple):
    """One problem of the 问题台账 and whether it is (or was) late on ``as_of``; state None when fine."""

    problem_id: int
    branch_id: int
    description: str
    deadline: dt.date
    state: str | None
    text: str


def problem_states(scope: Scope) -> Iterator[ProblemState]:
    """Every problem found by ``as_of`` of the branches in scope, with its 整改时限 state.

    A problem rectified after ``as_of`` was still open on that day (looking back). The
    overview's rule and the scorecard's 问题按期整改 item count from here.
    """
    query = Problem.live(
        Problem.id, Problem.org, Problem.description, Problem.deadline, Problem.state, Problem.rectified
    ).where(Problem.found <= scope.as_of)
    for problem_id, org_id, description, deadline, state_text, rectified in query.tuples():
        owner = scope.branch_of_org.get(org_id)
        if owner not in scope.branches:
            continue
        state: str | None
        if rectified is not None and rectified <= scope.as_of and state_text not in OPEN_PROBLEM_STATES:
            if rectified <= deadline:
                state, text = None, "按期整改"
            else:
                state = OVERDUE
                text = f"超期整改（{rectified.isoformat()} 整改完成，时限 {deadline.isoformat()}）"
        elif state_text in OPEN_PROBLEM_STATES or (rectified is not None and rectified > scope.as_of):
            state = scope.state_for(deadline)
            word = "已超过" if state == OVERDUE else "即将到达"
            text = f"尚未整改，{word}整改时限 {deadline.isoformat()}"
        else:
            state, text = None, "已整改"
        yield ProblemState(problem_id, owner, description, deadline, state, text)


@rule("problems", "问题限期整改", "抓落实", Problem)
def problems_on_time(scope: Scope) -> list:
    """Problems in the 问题台账 still open near or past their 整改时限, or rectified after it."""
    return [
        _problem_finding(
            scope, p.branch_id, "problems", p.state, p.problem_id, p.description, p.text, p.deadline
        )
        for p in problem_states(scope)
        if p.state is not None
    ]


@rule("rechecks", "整改问题“回头看”", "抓落实", Problem)
def problems_rechecked(scope: Scope) -> list:
    """Rectified (or closed) problems without a 回头看 re-check, due ``rules.recheck_days`` after rectification."""
    days = dt.timedelta(days=int(settings.get(RECHECK_DAYS_KEY)))
    last_check = dict(
        ProblemCheck.live(ProblemCheck.problem, fn.MAX(ProblemCheck.date))
        .where((ProblemCheck.kind == "回头看") & (ProblemCheck.date <= scope.as_of))
        .group_by(ProblemCheck.problem)
        .tuples()
    )
    findings = []
    query = Problem.live(
        Problem.id, Problem.org, Problem.description, Problem.rectified, Problem.closed, Problem.deadline
    ).where(Problem.state.in_(("已整改", "已销号")))
    for problem_id, org_id, description, rectified, closed, deadline in query.tuples():
        owner = scope.branch_of_org.get(org_id)
        if owner not in scope.branches:
            continue
        done = rectified or closed or deadline
        checked = last_check.get(problem_id)
        if done > scope.as_of or (checked is not None and checked >= done):
            continue  # a 回头看 before this rectification (a failed one, say) does not count
        due = done + days
        state = scope.state_for(due)
        if state is None:
            continue
        text = f"{done.isoformat()} 整改完成，尚未“回头看”"
        findings.append(_problem_finding(scope, owner, "rechecks", state, problem_id, description, text, due))
    return findings
