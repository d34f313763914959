"""抓制度 rules (seed items 3–5): deeds and services per member, problems solved per branch,
one-to-one helpers for key people, service requests closed by their deadline.

Yearly counts are due at the campaign's end. Before that a member or branch is 滞后 when it
is behind the campaign's pace: by half-way a member should have done half of the required
services (rounded half up), so one 实事 is expected once half the campaign has passed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from collections.abc import Iterator
from typing import NamedTuple

from peewee import fn

from models import Deed
from models import HelpVisit
from models import KeyPerson
from models import Member
from models import Service
from models import ServiceRequest
from models import SolvedProblem
from models import settings

from .engine import BEHIND
from .engine import OVERDUE
from .engine import MemberRef
from .engine import Scope
from .engine import rule

YEARLY_KEY = "rules.yearly_counts"
settings.declare(
    YEARLY_KEY,
    {"deeds_per_member": 1, "services_per_member": 2, "solved_per_branch": 1, "solved_target": 2},
    "每年次数：党员办实事、党员服务、支部解决困难问题（最少 / 目标）",
)
HELP_VISIT_KEY = "rules.help_visit_days"
settings.declare(HELP_VISIT_KEY, 90, "重点人群帮扶走访的最长间隔（天）")


def _yearly_state(scope: Scope, done: int, required: int, expected: int | None = None) -> str | None:
    """逾期 after the campaign's end, 滞后 near it or when behind the pace, else None.

    ``expected`` is how many should be done by now (default: the campaign's pace).
    """
    if done >= required:
        return None
    state = scope.state_for(scope.campaign.end)
    if expected is None:
        expected = scope.expected_by_now(required)
    if state is None and done < expected:
        state = BEHIND
    return state


def per_member_counts(model, scope: Scope) -> Counter:
    """How many ``model`` records (deeds, services) each member has in the campaign year up to ``as_of``.

    A deed counts once it is done (办理状态 已办结); one still 办理中 is not yet a 实事 done.
    """
    start, _ = scope.year_range()
    query = model.live(model.member, fn.COUNT(model.id)).where(model.date.between(start, scope.as_of))
    if model is Deed:
        query = query.where(Deed.state == "已办结")
    query = query.group_by(model.member)
    return Counter(dict(query.tuples()))


class MemberTally(NamedTuple):
    """One member's yearly count: done, owed (pro rata for the part of the campaign since
    joining) and the state (None when on pace)."""

    member: MemberRef
    branch_id: int
    done: int
    owed: int
    state: str | None


def member_tallies(scope: Scope, model, required: int) -> Iterator[MemberTally]:
    """Every active member's count of ``model`` records against the yearly ``required``.

    The overview's rule and the scorecard's coverage items (办实事, 服务群众) count from here.
    """
    counts = per_member_counts(model, scope)
    for member_id, member in scope.members.items():
        done = counts.get(member_id, 0)
        share, passed = scope.member_share(member)
        owed = int(required * share + 0.5)  # joined during the campaign: pro rata
        state = _yearly_state(scope, done, owed, int(owed * passed + 0.5))
        yield MemberTally(member, scope.member_branch[member_id], done, owed, state)


def _member_rule(scope: Scope, key: str, model, required: int, noun: str) -> list:
    findings = []
    for tally in member_tallies(scope, model, required):
        if tally.state is None:
            continue
        member, owed, done = tally.member, tally.owed, tally.done
        note = ""
        if owed != required:
            note = f"（{member.join_date.month}月{member.join_date.day}日入党，按入党后时间折算）"
        findings.append(
            scope.finding(
                tally.branch_id,
                key,
                tally.state,
                f"{member.name} 今年{noun} {done} 次，应不少于 {owed} 次{note}",
                due=scope.campaign.end,
                count=owed - done,
                model=Member,
                record_id=member.id,
                subject=member.name,
            )
        )
    return findings


@rule("deeds", "党员每年至少办 1 件实事", "抓制度", Deed)
def deeds_per_member(scope: Scope) -> list:
    """我为群众办实事: every active member has at least the set number of deeds this year."""
    required = int(settings.get(YEARLY_KEY)["deeds_per_member"])
    return _member_rule(scope, "deeds", Deed, required, "办实事")


@rule("services", "党员每年服务不少于 2 次", "抓制度", Service)
def services_per_member(scope: Scope) -> list:
    """Every active member serves at least the set number of times (2) this year."""
    required = int(settings.get(YEARLY_KEY)["services_per_member"])
    return _member_rule(scope, "services", Service, required, "开展服务")


@rule("solved", "支部每年解决 1–2 件困难问题", "抓制度", SolvedProblem)
def problems_solved(scope: Scope) -> list:
    """Each branch solves at least the set minimum of hard problems (state 已解决) this year."""
    setting = settings.get(YEARLY_KEY)
    required, target = int(setting["solved_per_branch"]), int(setting["solved_target"])
    query = (
        SolvedProblem.live(SolvedProblem.org, fn.COUNT(SolvedProblem.id))
        .where(
            (SolvedProblem.year == scope.campaign.year)
            & (SolvedProblem.state == "已解决")
            & ((SolvedProblem.finished.is_null()) | (SolvedProblem.finished <= scope.as_of))
        )
        .group_by(SolvedProblem.org)
    )
    solved: Counter[int | None] = Counter()
    for org_id, count in query.tuples():
        solved[scope.branch_of_org.get(org_id)] += count
    findings = []
    for branch_id in scope.branches:
        done = solved.get(branch_id, 0)
        state = _yearly_state(scope, done, required)
        if state is None:
            continue
        findings.append(
            scope.finding(
                branch_id,
                "solved",
                state,
                f"今年已解决困难问题 {done} 件，应至少 {required} 件，争取 {target} 件",
                due=scope.campaign.end,
                count=required - done,
                model=SolvedProblem,
            )
        )
    return findings


def _late_records(
    scope: Scope,
    key: str,
    model,
    records: Iterable[tuple[int, str | None, str, dt.date | None, int, str]],
) -> list:
    """A finding for each record late or due soon (state not None), named by the record:
    ``records`` are (branch, state, text, due, record id, subject)."""
    return [
        scope.finding(branch_id, key, state, text, due=due, model=model, record_id=record_id, subject=subject)
        for branch_id, state, text, due, record_id, subject in records
        if state is not None
    ]


def _key_people(scope: Scope) -> list[tuple[int, int, str, int | None, dt.date | None]]:
    query = KeyPerson.live(KeyPerson.id, KeyPerson.org, KeyPerson.kind, KeyPerson.helper, KeyPerson.since)
    return [row for row in query.tuples() if scope.branch_of_org.get(row[1]) in scope.branches]


class KeyPersonState(NamedTuple):
    """One key person's 帮扶: the helper, the last visit, when the next thing is due, its state."""

    person_id: int
    branch_id: int
    subject: str
    helper_id: int | None
    visited: dt.date | None
    due: dt.date | None
    state: str | None
    text: str


def key_person_states(scope: Scope) -> Iterator[KeyPersonState]:
    """Every key person of the branches in scope, with what is due for them (see ``key_helpers``).

    The overview's rule and the scorecard's 重点人群一对一帮扶 item count from here.
    """
    interval = dt.timedelta(days=int(settings.get(HELP_VISIT_KEY)))
    helper_due = scope.phase_end("组织动员", scope.campaign.start)
    last_visit = dict(
        HelpVisit.live(HelpVisit.key_person, fn.MAX(HelpVisit.date))
        .where(HelpVisit.date <= scope.as_of)
        .group_by(HelpVisit.key_person)
        .tuples()
    )
    for person_id, org_id, kind, helper_id, since in _key_people(scope):
        branch = scope.branch_of_org[org_id]
        subject = f"{kind}（编号 {person_id}）"
        if helper_id is None:
            due = max(helper_due, since or helper_due)
            yield KeyPersonState(
                person_id, branch, subject, None, None, due, scope.state_for(due), "尚未确定一对一帮扶党员"
            )
            continue
        visited = last_visit.get(person_id)
        base = visited or max(scope.campaign.start, since or scope.campaign.start)
        due = base + interval
        text = f"最近一次帮扶走访在 {visited.isoformat()}" if visited else "还没有帮扶走访记录"
        text += f"，应每 {interval.days} 天至少走访一次"
        yield KeyPersonState(person_id, branch, subject, helper_id, visited, due, scope.state_for(due), text)


@rule("key_helpers", "重点人群一对一帮扶", "抓制度", KeyPerson)
def key_people_helped(scope: Scope) -> list:
    """Every key person has a helper (from the end of 组织动员) and a visit at least every 90 days.

    The first visit is due 90 days after the pairing (结对日期) or the campaign's start,
    whichever is later; each later one 90 days after the last. Names are kept off the text
    because 重点人群 names are never printed.
    """
    people = key_person_states(scope)
    return _late_records(
        scope,
        "key_helpers",
        KeyPerson,
        ((p.branch_id, p.state, f"{p.subject}{p.text}", p.due, p.person_id, p.subject) for p in people),
    )


class RequestState(NamedTuple):
    """One service request and whether it is (or was) late on ``as_of``; state None when fine."""

    request_id: int
    branch_id: int
    content: str
    deadline: dt.date
    state: str | None
    text: str


def request_states(scope: Scope) -> Iterator[RequestState]:
    """Every service request received by ``as_of`` (not 不予受理) with its 限时办结 state.

    The overview's rule and the scorecard's 限时办结 item count from here.
    """
    query = ServiceRequest.live(
        ServiceRequest.id,
        ServiceRequest.org,
        ServiceRequest.content,
        ServiceRequest.deadline,
        ServiceRequest.state,
        ServiceRequest.finished,
    ).where(ServiceRequest.received <= scope.as_of)
    for request_id, org_id, content, deadline, state_text, finished in query.tuples():
        branch = scope.branch_of_org.get(org_id)
        if branch not in scope.branches or state_text == "不予受理":
            continue
        closed = finished is not None and finished <= scope.as_of
        state: str | None
        if closed and finished > deadline:
            state, text = (
                OVERDUE,
                f"“{content}”超时办结：{finished.isoformat()} 办结，时限 {deadline.isoformat()}",
            )
        elif closed or state_text == "已办结":
            state, text = None, f"“{content}”按时办结"
        else:
            state = scope.state_for(deadline)
            word = "已超过" if state == OVERDUE else "即将到达"
            text = f"“{content}”未办结，{word}限时办结日期 {deadline.isoformat()}"
        yield RequestState(request_id, branch, content, deadline, state, text)


@rule("requests", "服务承诺事项限时办结", "抓制度", ServiceRequest)
def requests_in_time(scope: Scope) -> list:
    """Service requests open past their 限时办结 deadline (逾期), due soon (滞后), or closed late (逾期)."""
    requests = request_states(scope)
    return _late_records(
        scope,
        "requests",
        ServiceRequest,
        ((r.branch_id, r.state, r.text, r.deadline, r.request_id, r.content) for r in requests),
    )
