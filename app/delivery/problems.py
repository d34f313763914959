"""问题台账: a problem's way from being found to being closed (销号).

The town finds, confirms, closes and reopens; a village reports its 整改佐证 and 整改完成,
which the town confirms or sends back (see ``report_rectified``).

待整改 → 整改中 → 已整改 → 已销号, one step at a time. A 回头看 that fails sends a
rectified or closed problem back to 整改中 and counts it as reopened. A problem not fixed
by its deadline is overdue, and only then can 问责 be recorded. Every change goes through
:mod:`app.records` (validated and audited), a check and its consequence in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from app.records import InvalidRecord
from app.records import check_authority
from app.records import save_record
from models import Organisation
from models import Problem
from models import ProblemCheck
from models import database
from models.schema import FieldError
from models.schema import filter_by_org
from models.schema import validate_values

OPEN_STATES = ("待整改", "整改中")

# The only moves a clerk can make by hand; reopening happens through a failed 回头看.
TRANSITIONS = {
    "待整改": ("整改中",),
    "整改中": ("已整改",),
    "已整改": ("已销号",),
    "已销号": (),
}

ACTION_NAMES = {"整改中": "开始整改", "已整改": "整改完成", "已销号": "销号"}


class StateRefused(ValueError):
    """A move the ledger does not allow; the message says why, in Chinese."""


def allowed_moves(problem: Problem) -> tuple[str, ...]:
    return TRANSITIONS.get(problem.state, ())


def start_rectification(problem: Problem, plan: str = "") -> Problem:
    """待整改 → 整改中; the rectification plan (整改方案) must be written by now."""
    _require(problem, "整改中")
    plan = plan or problem.plan
    if not plan.strip():
        raise StateRefused("请先填写整改方案，再开始整改。")
    return save_record(Problem, {"state": "整改中", "plan": plan}, problem)


def mark_rectified(problem: Problem, day: dt.date, evidence: str = "") -> Problem:
    """整改中 → 已整改 on ``day``, with a note of the evidence (整改佐证)."""
    _require(problem, "已整改")
    evidence = evidence or problem.evidence
    if not evidence.strip():
        raise StateRefused("请填写整改佐证（做了什么、有何材料），再标记整改完成。")
    if day < problem.found:
        raise StateRefused(f"整改完成日期 {day.isoformat()} 早于发现日期 {problem.found.isoformat()}。")
    return save_record(Problem, {"state": "已整改", "rectified": day, "evidence": evidence}, problem)


def close_problem(problem: Problem, day: dt.date) -> Problem:
    """已整改 → 已销号, only after a 回头看 that passed on or after the rectification."""
    _require(problem, "已销号")
    passed = (
        ProblemCheck.live()
        .where(
            (ProblemCheck.problem == problem)
            & (ProblemCheck.kind == "回头看")
            & (ProblemCheck.result == "通过")
            & (ProblemCheck.date >= problem.rectified)
        )
        .exists()
    )
    if not passed:
        raise StateRefused("整改完成后还没有通过“回头看”复查，不能销号。")
    if day < problem.rectified:
        raise StateRefused(f"销号日期 {day.isoformat()} 早于整改完成日期 {problem.rectified.isoformat()}。")
    return save_record(Problem, {"state": "已销号", "closed": day}, problem)


def record_check(
    problem: Problem, kind: str, day: dt.date, result: str, checker: str = "", note: str = ""
) -> ProblemCheck:
    """Record a 跟进督办 or 回头看; a failed 回头看 of a fixed problem reopens it.

    Reopening sets the state back to 整改中, clears the rectified and closed dates and adds
    one to ``reopened``; the check and the reopening are written together or not at all.
    """
    if day < problem.found:
        raise StateRefused(f"检查日期 {day.isoformat()} 早于问题发现日期 {problem.found.isoformat()}。")
    check_authority(ProblemCheck, {}, None)  # a village's computer hears "not yours" first
    if kind == "回头看" and not can_look_back(problem):
        raise StateRefused(
            f"这个问题当前为“{problem.state}”，还没有整改完成：回头看在整改完成后复查；"
            "整改过程中的检查请记为“跟进督办”。"
        )
    with database.atomic():
        check = save_record(
            ProblemCheck,
            {
                "problem": problem.id,
                "kind": kind,
                "date": day,
                "result": result,
                "checker": checker,
                "note": note,
            },
        )
        if kind == "回头看" and result == "未通过" and problem.state in ("已整改", "已销号"):
            save_record(
                Problem,
                {
                    "state": "整改中",
                    "rectified": None,
                    "closed": None,
                    "reported": None,
                    "reopened": problem.reopened + 1,
                },
                problem,
            )
    return check


def can_look_back(problem: Problem) -> bool:
    """A 回头看 re-checks a rectified problem (已整改, or 已销号 when it is looked at again later)."""
    return problem.state in ("已整改", "已销号")


def record_check_from_form(values: dict) -> ProblemCheck:
    """A check typed into the generic 跟踪检查 form: refused like any record, and with the
    same consequence as :func:`record_check` (a failed 回头看 reopens the problem)."""
    errors = validate_values(ProblemCheck, values)
    problem = Problem.get_or_none(Problem.id == values.get("problem")) if not errors else None
    if problem is not None and values["date"] < problem.found:
        errors.append(
            FieldError("date", "检查日期", f"不能早于问题的发现日期（{problem.found.isoformat()}）")
        )
    if problem is not None and values.get("kind") == "回头看" and not can_look_back(problem):
        errors.append(
            FieldError(
                "kind", "检查类型", f"问题当前为“{problem.state}”，整改完成后才能回头看；现在可记为“跟进督办”"
            )
        )
    if errors or problem is None:
        raise InvalidRecord(errors or [FieldError("problem", "问题", "必须填写")])
    return record_check(
        problem,
        values["kind"],
        values["date"],
        values["result"],
        values.get("checker") or "",
        values.get("note") or "",
    )


# -- between the village and the town -------------------------------------------------------
# A village reports that a problem is fixed (整改完成, with its 整改佐证): the problem is then
# 待确认 at the town, which confirms it (已整改) or sends it back with a reason (被退回). The
# village's report is its own field (``reported``); the state stays the town's to move.

PENDING, RETURNED = "待确认", "被退回"


def is_pending(problem: Problem) -> bool:
    """The village has reported the problem fixed and the town has not yet decided."""
    return problem.reported is not None and problem.state in OPEN_STATES


def shown_state(problem: Problem) -> str:
    """The state as the ledger shows it: 待确认 (reported by the village), 被退回（原因）, or the state."""
    if is_pending(problem):
        return PENDING + ("（再次报送）" if problem.review_note else "")
    if problem.review_note and problem.state in OPEN_STATES:
        return f"{RETURNED}（{problem.review_note}）"
    return problem.state


def report_rectified(
    problem: Problem, day: dt.date, evidence: str = "", proposed: dt.date | None = None
) -> Problem:
    """The village reports 整改完成 on ``day`` with its 整改佐证; the town sees it as 待确认."""
    if problem.state not in OPEN_STATES:
        raise StateRefused(f"问题当前为“{problem.state}”，不需要再报整改完成。")
    evidence = evidence or problem.evidence
    if not evidence.strip():
        raise StateRefused("请填写整改佐证（做了什么、有何材料），再报整改完成。")
    if day < problem.found:
        raise StateRefused(f"整改完成日期 {day.isoformat()} 早于发现日期 {problem.found.isoformat()}。")
    values: dict = {"reported": day, "evidence": evidence}
    if proposed is not None:
        values["proposed"] = proposed
    return save_record(Problem, values, problem)


def confirm_rectified(problem: Problem, day: dt.date | None = None) -> Problem:
    """The town accepts the village's report: 已整改 on the day the village reported (or ``day``)."""
    if not is_pending(problem):
        raise StateRefused("这个问题没有待确认的整改报告。")
    day = day or problem.reported
    if day < problem.found:
        raise StateRefused(f"整改完成日期 {day.isoformat()} 早于发现日期 {problem.found.isoformat()}。")
    return save_record(Problem, {"state": "已整改", "rectified": day, "review_note": ""}, problem)


def send_back(problem: Problem, reason: str) -> Problem:
    """The town does not accept the village's report: back to 整改中 with the reason (nothing deleted)."""
    if not is_pending(problem):
        raise StateRefused("这个问题没有待确认的整改报告，无需退回。")
    if not reason.strip():
        raise StateRefused("请写明退回的原因（如：佐证不足），村（社区）据此补充后再次报送。")
    return save_record(Problem, {"state": "整改中", "reported": None, "review_note": reason.strip()}, problem)


def is_overdue(problem: Problem, today: dt.date) -> bool:
    """Not yet rectified and past its deadline (整改时限)."""
    return problem.state in OPEN_STATES and problem.deadline < today


def was_late(problem: Problem) -> bool:
    """Rectified, but after the deadline."""
    return problem.rectified is not None and problem.rectified > problem.deadline


def days_overdue(problem: Problem, today: dt.date) -> int:
    if is_overdue(problem, today):
        return (today - problem.deadline).days
    if was_late(problem):
        return (problem.rectified - problem.deadline).days
    return 0


def overdue_problems(today: dt.date, org_ids: list[int] | None = None) -> list[Problem]:
    """Open problems past their deadline, the longest overdue first."""
    query = Problem.live().where(Problem.state.in_(OPEN_STATES) & (Problem.deadline < today))
    if org_ids is not None:
        query = filter_by_org(query, Problem, org_ids)
    return list(query.order_by(Problem.deadline, Problem.id))


def hold_accountable(problem: Problem, form: str, day: dt.date, note: str = "") -> Problem:
    """Record 问责 for a problem not fixed in time (overdue now, or rectified late)."""
    if not (is_overdue(problem, day) or was_late(problem)):
        raise StateRefused("该问题未超过整改时限，不能问责。")
    return save_record(
        Problem,
        {"accountability": form, "accountability_date": day, "accountability_note": note},
        problem,
    )


def checks_of(problem: Problem) -> list[ProblemCheck]:
    return list(ProblemCheck.live().where(ProblemCheck.problem == problem).order_by(ProblemCheck.date))


def checks_by_problem(org_ids: list[int] | None = None) -> defaultdict[int, list[ProblemCheck]]:
    """Every live problem's checks (of the villages ``org_ids``, or all) in date order, in one query."""
    query = (
        ProblemCheck.live()
        .join(Problem)
        .where(Problem.deleted == False)  # noqa: E712 (a peewee expression)
        .order_by(ProblemCheck.date, ProblemCheck.id)
    )
    if org_ids is not None:
        query = query.where(Problem.org.in_(org_ids))
    found: defaultdict[int, list[ProblemCheck]] = defaultdict(list)
    for check in query:
        found[check.problem_id].append(check)
    return found


def as_it_stood(
    problem: Problem, checks: list[ProblemCheck], day: dt.date
) -> tuple[Problem, list[ProblemCheck]] | None:
    """``problem`` and its checks as they stood on ``day`` (None: not yet found then).

    A ledger dated back shows nothing that happened after its date: a closing, a
    rectification or a 回头看 recorded later is left out, and the state is what it was.
    The copy is not saved; the stored problem is not touched.
    """
    if problem.found and problem.found > day:
        return None
    then = Problem(**problem.__data__)
    then.__rel__ = dict(problem.__rel__)  # the village read with it, not read again
    earlier = [c for c in checks if c.date is None or c.date <= day]
    if then.closed and then.closed > day:
        then.closed = None
        if then.state == "已销号":
            then.state = "已整改"
    if then.rectified and then.rectified > day:
        then.rectified = None
        if then.state in ("已整改", "已销号"):
            then.state = "整改中"
    if then.reopened:
        failed = sum(1 for c in earlier if c.kind == "回头看" and c.result != "通过")
        then.reopened = min(then.reopened, failed)
    return then, earlier


def ledger_problems(org_ids: list[int] | None = None, states: tuple[str, ...] | None = None) -> list[Problem]:
    """The ledger in its usual order: by village, then by the date found.

    Each problem comes with its village (``problem.org``) read in the same query, so a ledger
    of any length costs one query, not one per row.
    """
    query = Problem.live(Problem, Organisation).join(Organisation, on=Problem.org)
    if org_ids is not None:
        query = query.where(Problem.org.in_(org_ids))
    if states:
        query = query.where(Problem.state.in_(states))
    return list(query.order_by(Organisation.sort_order, Organisation.code, Problem.found, Problem.id))


def _require(problem: Problem, target: str) -> None:
    if target not in allowed_moves(problem):
        raise StateRefused(
            f"问题当前为“{problem.state}”，不能直接改为“{target}”。"
            f"整改顺序是：待整改 → 整改中 → 已整改 → 已销号。"
        )


def history(problem: Problem) -> list[tuple[dt.date, str]]:
    """The problem's way so far, in date order: found, rectified, each check, closed, 问责."""
    found = f"发现问题（{problem.source}）"
    if problem.inspection_id:
        ins = problem.inspection
        found = f"{ins.quarter} {ins.kind}发现问题（督查组：{ins.inspectors or '未填'}）"
    events = [(problem.found, found)]
    if problem.reported and problem.state in OPEN_STATES:
        events.append((problem.reported, "村（社区）报整改完成，待镇党委确认"))
    if problem.rectified:
        events.append((problem.rectified, "整改完成"))
    for check in checks_of(problem):
        text = f"{check.kind}：{check.result}"
        if check.note:
            text += f"（{check.note}）"
        events.append((check.date, text))
    if problem.closed:
        events.append((problem.closed, "销号"))
    if problem.accountability and problem.accountability_date:
        events.append((problem.accountability_date, f"问责：{problem.accountability}"))
    return sorted(events, key=lambda e: e[0])
