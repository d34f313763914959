"""The computed scorecard items (ScoreItem.rule), counted by the rule engine behind 总览 and ``check``.

Each item asks the same counting function of :mod:`app.rules` as the overview, with the
same settings (meeting frequencies, yearly counts, the 帮扶 visit interval, attendance
kinds), looked at on the quarter's last day, and returns per village an :class:`ItemCount`:
how many things were asked, how many were met, what was counted and what was missing (the
overview's own words). So a member the overview lists as "今年办实事 0 次" is the member the
scorecard counts as not covered, and a 主题党日 held as a study session counts on both.

An item whose records never arrived from the village (no meeting, no attendance, no deed,
no 帮扶走访 in the period) is 未报送: it is neither 0 nor 不适用, and leaves the total's
denominator like 不适用 does, so a village is never ranked on what it has not reported.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field

from app.campaign_time import quarter_range
from app.rules import BEHIND
from app.rules import OVERDUE
from app.rules import Scope
from app.rules import build_scope
from app.rules.conduct import attendance_shares
from app.rules.conduct import meeting_tallies
from app.rules.delivery import problem_states
from app.rules.service import YEARLY_KEY
from app.rules.service import key_person_states
from app.rules.service import member_tallies
from app.rules.service import request_states
from app.rules.study_brand import branches_with_brand
from app.rules.study_brand import branches_with_plan
from app.rules.study_brand import brand_due
from app.rules.study_brand import study_plan_due
from models import Deed
from models import HelpVisit
from models import KeyPerson
from models import Meeting
from models import Member
from models import Service
from models import StudySession
from models import settings

UNREPORTED = "未报送"
NOT_DUE = "不适用"
MEETING_KINDS = ("支部党员大会", "支委会", "党小组会", "党课")
LATE = (BEHIND, OVERDUE)


@dataclass
class ItemCount:
    """What one computed item counted for one village: asked, met, and the evidence."""

    asked: float = 0.0
    met: float = 0.0
    counted: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    reported: bool = True
    note: str = ""  # why nothing was asked (不适用) or what did not arrive (未报送)

    @property
    def status(self) -> str:
        """未报送, 不适用 (nothing was due), or "" when the item is scored."""
        if not self.reported:
            return UNREPORTED
        return NOT_DUE if not self.asked else ""

    @property
    def fraction(self) -> float | None:
        """The share achieved (0–1); None when 未报送 or 不适用."""
        return None if self.status else min(1.0, self.met / self.asked)

    def explain(self) -> str:
        """One line for the score's remark: the count, or why there is none."""
        if self.status == UNREPORTED:
            return f"未报送：{self.note}" if self.note else UNREPORTED
        if self.status == NOT_DUE:
            return f"不适用：{self.note or '本季度无应办事项'}"
        return f"应 {self.asked:g}，达标 {self.met:g}" + (f"（{self.note}）" if self.note else "")

    def evidence(self) -> list[str]:
        """What was counted and what was missing, one line each, as the village would read it."""
        lines = [self.explain()]
        lines += [f"缺少：{line}" for line in self.missing]
        lines += [f"已计入：{line}" for line in self.counted]
        return lines


@dataclass(frozen=True)
class ItemContext:
    """The quarter being inspected, the villages asked about, and the rule engine's scope on its last day."""

    quarter: str
    start: dt.date
    end: dt.date
    scope: Scope

    @classmethod
    def for_quarter(cls, quarter: str, org_ids: list[int]) -> ItemContext:
        start, end = quarter_range(quarter)
        # looked at on the quarter's last day, after it is over (what was due then is due)
        scope = build_scope(end, org_ids, today=end + dt.timedelta(days=1))
        return cls(quarter, start, end, scope)

    @property
    def org_ids(self) -> list[int]:
        return list(self.scope.branches)

    def counts(self) -> dict[int, ItemCount]:
        return {o: ItemCount() for o in self.org_ids}

    def in_quarter(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


Counts = dict[int, ItemCount]
RULES: dict[str, Callable[[ItemContext], Counts]] = {}
#: what each rule computes, in the words of the scorecard (for choosing it in a form)
RULE_LABELS: dict[str, str] = {}
#: the overview's rule (app.rules) each computed item counts with
OVERVIEW_RULE: dict[str, str] = {}


def rule(name: str, label: str, overview: str):
    """Register a computed scorecard item under its code, with the clerk's name for it."""

    def register(function: Callable[[ItemContext], Counts]):
        RULES[name] = function
        RULE_LABELS[name] = label
        OVERVIEW_RULE[name] = overview
        return function

    return register


def count_items(quarter: str, org_ids: list[int], rules: list[str] | None = None) -> dict[str, Counts]:
    """Every computed item (or the ones named) for the villages of a quarter, in one scope."""
    ctx = ItemContext.for_quarter(quarter, org_ids)
    return {key: fn(ctx) for key, fn in RULES.items() if rules is None or key in rules}


def _branch_of(ctx: ItemContext, org_id: int | None) -> int | None:
    return ctx.scope.branch_of_org.get(org_id) if org_id is not None else None


def _meetings_reported(ctx: ItemContext) -> set[int]:
    """Villages with any meeting or 主题党日 study session recorded in the quarter."""
    found = set()
    for model in (Meeting, StudySession):
        query = model.live(model.org).where(model.date.between(ctx.start, ctx.end)).distinct()
        found |= {_branch_of(ctx, o) for (o,) in query.tuples()}
    return {b for b in found if b is not None}


def _meeting_item(ctx: ItemContext, kinds: tuple[str, ...]) -> Counts:
    counts = ctx.counts()
    for tally in meeting_tallies(ctx.scope):
        if tally.kind not in kinds or not ctx.in_quarter(tally.period.due):
            continue
        count = counts[tally.branch_id]
        held = len(tally.held)
        count.asked += tally.required
        count.met += min(held, tally.required)
        line = f"{tally.period.label}{tally.group_name}{tally.kind}应开 {tally.required} 次，已开 {held} 次"
        if tally.held:
            line += "（" + "、".join(f"{d.month}月{d.day}日" for d in tally.held) + "）"
        (count.counted if held >= tally.required else count.missing).append(line)
    reported = _meetings_reported(ctx)
    for org_id, count in counts.items():
        if count.asked and org_id not in reported:
            count.reported, count.note = False, "本季度没有收到会议记录"
    return counts


@rule("meetings_held", "三会一课按期召开（按会议记录计算）", "meetings")
def meetings_held(ctx: ItemContext) -> Counts:
    """支部党员大会, 支委会, 党小组会, 党课 held as the frequency setting asks, in the quarter."""
    return _meeting_item(ctx, MEETING_KINDS)


@rule("theme_days_held", "主题党日每月开展（按会议记录计算）", "meetings")
def theme_days_held(ctx: ItemContext) -> Counts:
    """主题党日 (meetings or study sessions of that form) as the frequency setting asks."""
    return _meeting_item(ctx, ("主题党日",))


@rule("attendance_rate", "党员参会率（按出勤记录计算）", "attendance")
def attendance_rate(ctx: ItemContext) -> Counts:
    """出席 out of the all-member meetings with attendance kept this quarter (the overview's kinds)."""
    counts = ctx.counts()
    per_member, per_branch = attendance_shares(ctx.scope, since=ctx.start)
    for member_id, (present, held) in per_member.items():
        count = counts[ctx.scope.member_branch[member_id]]
        count.asked += held
        count.met += present
        if present < held:
            member = ctx.scope.members[member_id]
            count.missing.append(f"{member.name} 参加 {present}/{held} 次")
    held_meetings = _meetings_reported(ctx)
    for org_id, count in counts.items():
        meetings = per_branch.get(org_id, 0)
        if meetings:
            count.counted.append(f"本季度记录出勤的全体党员会议 {meetings} 次，应出席 {count.asked:g} 人次")
        elif org_id in held_meetings:
            count.reported, count.note = False, "本季度有会议记录，但没有收到逐人出勤"
        else:
            count.reported, count.note = False, "本季度没有收到会议和出勤记录"
    return counts


def _reporters(ctx: ItemContext, model) -> set[int]:
    """Villages whose members have any ``model`` record (deed, service) this year up to the quarter's end."""
    year_start = dt.date(ctx.scope.campaign.year, 1, 1)
    query = (
        model.live(Member.org)
        .join(Member, on=model.member == Member.id)
        .where(model.date.between(year_start, ctx.end))
        .distinct()
    )
    return {b for (o,) in query.tuples() if (b := _branch_of(ctx, o)) is not None}


def _coverage(ctx: ItemContext, model, required: int, noun: str) -> Counts:
    counts = ctx.counts()
    for tally in member_tallies(ctx.scope, model, required):
        count = counts[tally.branch_id]
        count.asked += 1
        if tally.state is None:
            count.met += 1
        else:
            count.missing.append(f"{tally.member.name} 今年{noun} {tally.done} 次，应不少于 {tally.owed} 次")
    reporters = _reporters(ctx, model)
    for org_id, count in counts.items():
        count.counted.append(f"党员 {count.asked:g} 人，按进度达标 {count.met:g} 人")
        if count.asked and org_id not in reporters:
            count.reported, count.note = False, f"今年没有收到{noun}记录"
    return counts


@rule("deeds_coverage", "党员办实事覆盖面（按办实事记录计算）", "deeds")
def deeds_coverage(ctx: ItemContext) -> Counts:
    """Members on pace with the yearly 办实事 count (a deed counts once 已办结), out of all members."""
    required = int(settings.get(YEARLY_KEY)["deeds_per_member"])
    return _coverage(ctx, Deed, required, "办实事")


@rule("services_coverage", "党员服务群众覆盖面（按党员服务记录计算）", "services")
def services_coverage(ctx: ItemContext) -> Counts:
    """Members on pace with the yearly count of services, out of all members."""
    required = int(settings.get(YEARLY_KEY)["services_per_member"])
    return _coverage(ctx, Service, required, "开展服务")


@rule("requests_on_time", "服务承诺事项限时办结率", "requests")
def requests_on_time(ctx: ItemContext) -> Counts:
    """Service requests due this quarter that were closed by their deadline."""
    counts = ctx.counts()
    for request in request_states(ctx.scope):
        if not ctx.in_quarter(request.deadline):
            continue
        count = counts[request.branch_id]
        count.asked += 1
        if request.state is None:
            count.met += 1
            count.counted.append(request.text)
        else:
            count.missing.append(request.text)
    for count in counts.values():
        count.note = "" if count.asked else "本季度没有到期的服务承诺事项"
    return counts


@rule("problems_on_time", "问题按期整改率（按问题台账计算）", "problems")
def problems_on_time(ctx: ItemContext) -> Counts:
    """Problems of the 问题台账 due this quarter that were rectified by their deadline."""
    counts = ctx.counts()
    for problem in problem_states(ctx.scope):
        if not ctx.in_quarter(problem.deadline):
            continue
        count = counts[problem.branch_id]
        count.asked += 1
        line = f"问题“{problem.description[:40]}”{problem.text}"
        if problem.state is None:
            count.met += 1
            count.counted.append(line)
        else:
            count.missing.append(line)
    for count in counts.values():
        count.note = "" if count.asked else "本季度没有到期的整改问题"
    return counts


def _one_record(ctx: ItemContext, have: set[int], due: dt.date, noun: str) -> Counts:
    branches = {_branch_of(ctx, o) for o in have}
    counts = ctx.counts()
    for org_id, count in counts.items():
        if org_id in branches:
            count.asked = count.met = 1
            count.counted.append(f"已有{noun}")
        elif due <= ctx.end:
            count.asked = 1
            count.missing.append(f"没有{noun}（应在 {due.isoformat()} 前）")
        else:
            count.note = f"{noun}应在 {due.isoformat()} 前完成，尚未到期"
    return counts


@rule("study_plan", "制定年度学习计划（按学习计划计算）", "study_plan")
def study_plan(ctx: ItemContext) -> Counts:
    """The campaign year's study plan, due at the end of 组织动员."""
    scope = ctx.scope
    return _one_record(
        ctx, branches_with_plan(scope), study_plan_due(scope), f"{scope.campaign.year}年学习计划"
    )


@rule("brand", "党建品牌创建（按党建品牌记录计算）", "brand")
def brand(ctx: ItemContext) -> Counts:
    """A 党建品牌, due before the 总结提高 phase (not asked for before then, but counted once made)."""
    return _one_record(ctx, branches_with_brand(ctx.scope), brand_due(ctx.scope), "党建品牌")


@rule("key_people_helped", "重点人群一对一帮扶（按帮扶走访计算）", "key_helpers")
def key_people_helped(ctx: ItemContext) -> Counts:
    """Key people with a helper and visits as often as the setting asks, out of all key people.

    A key person is counted missing when their helper or visit fell due by the quarter's end.
    """
    counts = ctx.counts()
    with_helper: dict[int, int] = defaultdict(int)
    for person in key_person_states(ctx.scope):
        count = counts[person.branch_id]
        count.asked += 1
        with_helper[person.branch_id] += person.helper_id is not None
        if person.state in LATE and person.due is not None and person.due <= ctx.end:
            count.missing.append(f"{person.subject}{person.text}")
        else:
            count.met += 1
    visited = _help_reporters(ctx)
    for org_id, count in counts.items():
        count.counted.append(
            f"重点人群 {count.asked:g} 人，已结对 {with_helper[org_id]} 人，按期走访 {count.met:g} 人"
        )
        if not count.asked:
            count.note = "没有登记重点人群"
        elif with_helper[org_id] and org_id not in visited:
            count.reported, count.note = False, "已结对，但没有收到帮扶走访记录"
    return counts


def _help_reporters(ctx: ItemContext) -> set[int]:
    query = (
        HelpVisit.live(KeyPerson.org)
        .join(KeyPerson, on=HelpVisit.key_person == KeyPerson.id)
        .where(HelpVisit.date <= ctx.end)
        .distinct()
    )
    return {b for (o,) in query.tuples() if (b := _branch_of(ctx, o)) is not None}
