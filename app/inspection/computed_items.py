"""The computed scorecard items (ScoreItem.rule): what share of a requirement a village met.

Each rule reads the records of a quarter in bulk for many villages at once and returns
``{org_id: fraction}`` with a fraction from 0 to 1, or None where nothing was due (the
item is then not applicable and leaves the total's denominator).

Yearly requirements (each member ≥1 实事 and ≥2 services a year) are judged at the pace
of the year: by the end of quarter q a member should have q/4 of the yearly count,
rounded up, so a village is not marked down in spring for what is due in December.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import peewee as pw

from app.campaign_time import parse_quarter, quarter_range
from models import (
    Attendance,
    Brand,
    Deed,
    HelpVisit,
    KeyPerson,
    Meeting,
    Member,
    Problem,
    Service,
    ServiceRequest,
    StudyPlan,
)

# 三会一课 due per quarter (DOMAIN.md): 党员大会 and 党课 once, 支委会 and 党小组会 monthly.
MEETINGS_DUE = {"支部党员大会": 1, "支委会": 3, "党小组会": 3, "党课": 1}
THEME_DAYS_DUE = 3


@dataclass(frozen=True)
class RuleContext:
    """The quarter being inspected and the villages asked about."""

    start: dt.date
    end: dt.date
    quarter: int
    org_ids: tuple[int, ...]

    @classmethod
    def for_quarter(cls, quarter: str, org_ids: list[int]) -> RuleContext:
        start, end = quarter_range(quarter)
        return cls(start, end, parse_quarter(quarter)[1], tuple(org_ids))

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.start.year, 1, 1)

    def pace(self, yearly: int) -> int:
        """How many of a yearly count should be done by the end of this quarter."""
        return math.ceil(yearly * self.quarter / 4)


Fractions = dict[int, float | None]
RULES: dict[str, Callable[[RuleContext], Fractions]] = {}
#: what each rule computes, in the words of the scorecard (for choosing it in a form)
RULE_LABELS: dict[str, str] = {}


def rule(name: str, label: str):
    """Register a computed scorecard item under its code, with the clerk's name for it."""

    def register(function):
        RULES[name] = function
        RULE_LABELS[name] = label
        return function

    return register


def _meetings(ctx: RuleContext, kinds) -> dict[int, Counter]:
    counts: dict[int, Counter] = defaultdict(Counter)
    query = (
        Meeting.live(Meeting.org, Meeting.kind, pw.fn.COUNT(Meeting.id))
        .where(
            Meeting.org.in_(ctx.org_ids) & Meeting.kind.in_(kinds) & Meeting.date.between(ctx.start, ctx.end)
        )
        .group_by(Meeting.org, Meeting.kind)
        .tuples()
    )
    for org_id, kind, n in query:
        counts[org_id][kind] = n
    return counts


@rule("meetings_held", "三会一课按期召开（按会议记录计算）")
def meetings_held(ctx: RuleContext) -> Fractions:
    counts = _meetings(ctx, tuple(MEETINGS_DUE))
    due = sum(MEETINGS_DUE.values())
    return {o: sum(min(counts[o][k], n) for k, n in MEETINGS_DUE.items()) / due for o in ctx.org_ids}


@rule("theme_days_held", "主题党日每月开展（按会议记录计算）")
def theme_days_held(ctx: RuleContext) -> Fractions:
    counts = _meetings(ctx, ("主题党日",))
    return {o: min(counts[o]["主题党日"], THEME_DAYS_DUE) / THEME_DAYS_DUE for o in ctx.org_ids}


@rule("attendance_rate", "党员参会率（按出勤记录计算）")
def attendance_rate(ctx: RuleContext) -> Fractions:
    present: Counter = Counter()
    total: Counter = Counter()
    query = (
        Attendance.live(Meeting.org, Attendance.state, pw.fn.COUNT(Attendance.id))
        .join(Meeting, on=Attendance.meeting == Meeting.id)
        .where(
            Meeting.org.in_(ctx.org_ids)
            & (Meeting.deleted == False)  # noqa: E712
            & Meeting.date.between(ctx.start, ctx.end)
        )
        .group_by(Meeting.org, Attendance.state)
        .tuples()
    )
    for org_id, state, n in query:
        total[org_id] += n
        if state == "出席":
            present[org_id] += n
    return {o: (present[o] / total[o] if total[o] else None) for o in ctx.org_ids}


def _active_members(ctx: RuleContext) -> Counter:
    query = (
        Member.active(Member.org, pw.fn.COUNT(Member.id), org_ids=ctx.org_ids).group_by(Member.org).tuples()
    )
    return Counter(dict(query))


def _members_with(ctx: RuleContext, model, at_least: int) -> Counter:
    """Per village, how many active members have ≥ at_least records of ``model`` this year so far."""
    per_member = (
        model.live(Member.org, model.member, pw.fn.COUNT(model.id).alias("n"))
        .join(Member, on=model.member == Member.id)
        .where(
            Member.org.in_(ctx.org_ids)
            & (Member.is_active == True)  # noqa: E712
            & model.date.between(ctx.year_start, ctx.end)
        )
        .group_by(Member.org, model.member)  # every selected column grouped: PostgreSQL insists
        .having(pw.fn.COUNT(model.id) >= at_least)
        .tuples()
    )
    return Counter(org_id for org_id, _member, _n in per_member)


@rule("deeds_coverage", "党员办实事覆盖面（按办实事记录计算）")
def deeds_coverage(ctx: RuleContext) -> Fractions:
    members, covered = _active_members(ctx), _members_with(ctx, Deed, ctx.pace(1))
    return {o: (covered[o] / members[o] if members[o] else None) for o in ctx.org_ids}


@rule("services_coverage", "党员服务群众覆盖面（按党员服务记录计算）")
def services_coverage(ctx: RuleContext) -> Fractions:
    members, covered = _active_members(ctx), _members_with(ctx, Service, ctx.pace(2))
    return {o: (covered[o] / members[o] if members[o] else None) for o in ctx.org_ids}


def _on_time(ctx: RuleContext, model, done_field) -> Fractions:
    """Share of the things due this quarter that were finished by their deadline."""
    due: Counter = Counter()
    kept: Counter = Counter()
    query = (
        model.live(model.org, model.deadline, done_field)
        .where(model.org.in_(ctx.org_ids) & model.deadline.between(ctx.start, ctx.end))
        .tuples()
    )
    for org_id, deadline, done in query:
        due[org_id] += 1
        kept[org_id] += done is not None and done <= deadline
    return {o: (kept[o] / due[o] if due[o] else None) for o in ctx.org_ids}


@rule("requests_on_time", "服务承诺事项限时办结率")
def requests_on_time(ctx: RuleContext) -> Fractions:
    return _on_time(ctx, ServiceRequest, ServiceRequest.finished)


@rule("problems_on_time", "问题按期整改率（按问题台账计算）")
def problems_on_time(ctx: RuleContext) -> Fractions:
    return _on_time(ctx, Problem, Problem.rectified)


@rule("study_plan", "制定年度学习计划（按学习计划计算）")
def study_plan(ctx: RuleContext) -> Fractions:
    having = set(
        StudyPlan.live(StudyPlan.org)
        .where(
            StudyPlan.org.in_(ctx.org_ids)
            & (StudyPlan.year == ctx.start.year)
            & (StudyPlan.made_on <= ctx.end)
        )
        .tuples()
    )
    return {o: 1.0 if (o,) in having else 0.0 for o in ctx.org_ids}


@rule("brand", "党建品牌创建（按党建品牌记录计算）")
def brand(ctx: RuleContext) -> Fractions:
    having = set(
        Brand.live(Brand.org).where(Brand.org.in_(ctx.org_ids) & (Brand.founded <= ctx.end)).tuples()
    )
    return {o: 1.0 if (o,) in having else 0.0 for o in ctx.org_ids}


@rule("key_people_helped", "重点人群一对一帮扶（按帮扶走访计算）")
def key_people_helped(ctx: RuleContext) -> Fractions:
    """Key people with a helper who visited them this quarter, out of all key people."""
    people: Counter = Counter()
    helped: Counter = Counter()
    visited = {
        kp
        for (kp,) in HelpVisit.live(HelpVisit.key_person)
        .where(HelpVisit.date.between(ctx.start, ctx.end))
        .distinct()
        .tuples()
    }
    query = KeyPerson.live(KeyPerson.id, KeyPerson.org, KeyPerson.helper).where(
        KeyPerson.org.in_(ctx.org_ids)
    )
    for kp_id, org_id, helper in query.tuples():
        people[org_id] += 1
        helped[org_id] += helper is not None and kp_id in visited
    return {o: (helped[o] / people[o] if people[o] else None) for o in ctx.org_ids}
