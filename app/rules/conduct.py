"""抓作风 rules: 三会一课 and 主题党日 frequencies, 组织生活会, 民主评议, attendance share.

Frequencies follow the 中国共产党支部工作条例（试行） and local practice (DOMAIN.md) and are
one setting: meeting kind → [period, how many]. A 主题党日 recorded as a study session
(学习形式 “主题党日”) counts like a 主题党日 meeting.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from app.campaign_time import Period
from models import Attendance
from models import Meeting
from models import Member
from models import Organisation
from models import Review
from models import StudySession
from models import settings
from models.db import tuples

from .engine import BEHIND
from .engine import Scope
from .engine import rule

FREQUENCY_KEY = "rules.meeting_frequency"
settings.declare(
    FREQUENCY_KEY,
    {
        "支部党员大会": ["季度", 1],
        "支委会": ["月", 1],
        "党小组会": ["月", 1],
        "党课": ["季度", 1],
        "主题党日": ["月", 1],
        "组织生活会": ["年", 1],
        "民主评议党员": ["年", 1],
    },
    "三会一课、主题党日等组织生活的频次（会议类型 → [周期, 次数]，周期为 月/季度/年）",
)
EXCELLENT_SHARE_KEY = "rules.excellent_share_max"
settings.declare(EXCELLENT_SHARE_KEY, [1, 3], "民主评议“优秀”等次最多占支部党员的比例 [分子, 分母]")
ATTENDANCE_KEY = "rules.attendance"
settings.declare(
    ATTENDANCE_KEY,
    {
        "min_share": 0.6,
        "min_meetings": 3,
        "kinds": ["支部党员大会", "党课", "主题党日", "组织生活会", "民主评议党员"],
    },
    "参会率：出勤比例低于 min_share（0.6 即六成）的党员列出；记录了出勤的全体党员会议达到 min_meetings 次后才计算；"
    "kinds 是计入的会议类型",
)


def meeting_counts(scope: Scope) -> dict[tuple[int, int | None, str], list]:
    """Dates of every meeting per (branch, 党小组, kind), 主题党日 study sessions included."""
    start, _ = scope.year_range()
    dates: dict[tuple[int, int | None, str], list] = defaultdict(list)
    query = Meeting.live(Meeting.org, Meeting.group, Meeting.kind, Meeting.date).where(
        Meeting.date.between(start, scope.as_of)
    )
    for org_id, group_id, kind, day in query.tuples():
        branch = scope.branch_of_org.get(org_id)
        if branch in scope.branches:
            if group_id is None and branch != org_id:  # recorded under the 党小组 itself
                group_id = org_id
            dates[(branch, group_id, kind)].append(day)
    # A year's ratings (民主评议) show the review was held even without its meeting recorded.
    reviewed = _reviews(scope, Review.member).tuples()
    for branch in {scope.member_branch[m] for (m,) in reviewed if m in scope.member_branch}:
        dates[(branch, None, "民主评议党员")].append(scope.as_of)
    sessions = StudySession.live(StudySession.org, StudySession.date).where(
        (StudySession.kind == "主题党日") & StudySession.date.between(start, scope.as_of)
    )
    for org_id, day in sessions.tuples():
        branch = scope.branch_of_org.get(org_id)
        if branch in scope.branches:
            dates[(branch, None, "主题党日")].append(day)
    return dates


def _reviews(scope: Scope, *fields):
    """The year's 民主评议 ratings known on ``as_of``: those of a review meeting held by then,
    or recorded without their meeting."""
    held = Meeting.select(Meeting.id).where(~Meeting.deleted & (Meeting.date <= scope.as_of))
    return Review.live(*fields).where(
        (Review.year == scope.campaign.year) & (Review.meeting.is_null() | Review.meeting.in_(held))
    )


def _groups_of(scope: Scope) -> dict[int, list[Organisation]]:
    groups: dict[int, list[Organisation]] = defaultdict(list)
    for org in Organisation.live().where(Organisation.kind == "党小组"):
        if org.parent_id in scope.branches:
            groups[org.parent_id].append(org)
    return groups


class MeetingTally(NamedTuple):
    """One kind of meeting one branch (or 党小组) owed in one period, and the days it was held."""

    branch_id: int
    period: Period
    kind: str
    group_name: str
    required: int
    held: list[dt.date]


def meeting_tallies(scope: Scope) -> Iterator[MeetingTally]:
    """Each (branch or 党小组, period, kind) the frequency setting asks for and that is due or near.

    党小组会 are counted per 党小组 (a 党小组会 recorded without a 党小组 counts for every
    group of its branch); a branch without 党小组 is not asked for them. The overview's rule
    and the scorecard's 三会一课/主题党日 items both count from here.
    """
    frequency = settings.get(FREQUENCY_KEY)
    dates = meeting_counts(scope)
    groups = _groups_of(scope)
    for kind, (unit, required) in frequency.items():
        for period in scope.periods(unit):
            if scope.state_for(period.due) is None:
                continue
            for branch_id in scope.branches:
                units: list[tuple[int | None, str]] = [(None, "")]
                if kind == "党小组会":
                    units = [(g.id, g.short_name or g.name) for g in groups.get(branch_id, [])]
                for group_id, group_name in units:
                    held = [
                        d
                        for d in dates.get((branch_id, group_id, kind), [])
                        if period.start <= d <= period.end
                    ]
                    if group_id is not None:
                        held += [
                            d
                            for d in dates.get((branch_id, None, kind), [])
                            if period.start <= d <= period.end
                        ]
                    yield MeetingTally(branch_id, period, kind, group_name, int(required), sorted(held))


@rule("meetings", "三会一课和主题党日按期召开", "抓作风", Meeting)
def meetings_held(scope: Scope) -> list:
    """Each branch holds each kind of meeting as often as the frequency setting asks."""
    findings = []
    for tally in meeting_tallies(scope):
        held, required = len(tally.held), tally.required
        if held >= required:
            continue
        state = scope.state_for(tally.period.due)
        assert state is not None  # meeting_tallies yields only periods that are due or near
        findings.append(
            scope.finding(
                tally.branch_id,
                "meetings",
                state,
                f"{tally.period.label}{tally.group_name}{tally.kind}应开 {required} 次，已开 {held} 次",
                due=tally.period.due,
                count=required - held,
                model=Meeting,
                subject=tally.kind,
            )
        )
    return findings


@rule("excellent_share", "民主评议“优秀”不超过三分之一", "抓作风", Review)
def excellent_share(scope: Scope) -> list:
    """A branch rates at most the set share (1/3) of its members 优秀 in a year's 民主评议."""
    numerator, denominator = settings.get(EXCELLENT_SHARE_KEY)
    rated: dict[int, int] = defaultdict(int)
    excellent: dict[int, int] = defaultdict(int)
    query = _reviews(scope, Review.member, Review.rating)
    for member_id, rating in query.tuples():
        branch = scope.member_branch.get(member_id)
        if branch is None:
            continue
        rated[branch] += 1
        excellent[branch] += rating == "优秀"
    findings = []
    for branch_id, total in rated.items():
        if excellent[branch_id] * denominator > total * numerator:
            allowed = total * numerator // denominator
            findings.append(
                scope.finding(
                    branch_id,
                    "excellent_share",
                    BEHIND,
                    f"评议 {total} 人，优秀 {excellent[branch_id]} 人，超过{_share(numerator, denominator)}"
                    f"（最多 {allowed} 人）",
                    count=excellent[branch_id] - allowed,
                    model=Review,
                )
            )
    return findings


def _share(numerator: int, denominator: int) -> str:
    """A share as a clerk writes it: 三分之一, else 2/5."""
    words = "零一二三四五六七八九十"
    if 0 < numerator < denominator <= 10:
        return f"{words[denominator]}分之{words[numerator]}"
    return f"{numerator}/{denominator}"


def attendance_shares(
    scope: Scope, since: dt.date | None = None
) -> tuple[dict[int, tuple[int, int]], dict[int, int]]:
    """Per member (出席, meetings of the branch with attendance kept), and such meetings per branch.

    Counted from the campaign's start, or from ``since`` (the scorecard asks for a quarter).

    Only all-member meetings of the kinds in the setting count; 请假 is not 出席. A member
    is counted against the meetings held since joining, and only the branch's own meetings
    count (a member who moved in is not asked about the meetings before).
    """
    setting = settings.get(ATTENDANCE_KEY)
    counted = (
        ~Attendance.deleted
        & ~Meeting.deleted
        & Meeting.kind.in_(setting["kinds"])
        & Meeting.date.between(since or scope.campaign.start, scope.as_of)
    )
    kept = (
        Attendance.select(Meeting.id, Meeting.org, Meeting.date)
        .join(Meeting, on=Attendance.meeting == Meeting.id)
        .where(counted)
        .distinct()
    )
    held_on: dict[int, list] = defaultdict(list)  # branch -> dates of meetings with attendance
    meeting_branch: dict[int, int] = {}
    for meeting_id, org_id, day in tuples(kept):
        branch = scope.branch_of_org.get(org_id)
        if branch in scope.branches:
            held_on[branch].append(day)
            meeting_branch[meeting_id] = branch
    for dates in held_on.values():
        dates.sort()
    present: dict[int, int] = defaultdict(int)
    rows = (
        Attendance.select(Attendance.member, Meeting.id, Meeting.date)
        .join(Meeting, on=Attendance.meeting == Meeting.id)
        .where(counted & (Attendance.state == "出席"))
    )
    for member_id, meeting_id, day in tuples(rows):
        member = scope.members.get(member_id)
        if member and meeting_branch.get(meeting_id) == scope.member_branch[member_id]:
            present[member_id] += day >= member.join_date
    per_member = {}
    for member_id, branch in scope.member_branch.items():
        branch_dates = held_on.get(branch)
        if branch_dates:
            held = len(branch_dates) - bisect_left(branch_dates, scope.members[member_id].join_date)
            if held:
                per_member[member_id] = (min(present[member_id], held), held)
    return per_member, {b: len(d) for b, d in held_on.items()}


@rule("attendance", "党员参加组织生活（参会率）", "抓作风", Member)
def attendance_share(scope: Scope) -> list:
    """Members (and branches) whose attendance share is below the threshold: 少数人做、多数人不参与."""
    setting = settings.get(ATTENDANCE_KEY)
    threshold, minimum = float(setting["min_share"]), int(setting["min_meetings"])
    per_member, per_branch = attendance_shares(scope)
    findings = []
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for member_id, (present, held) in per_member.items():
        branch = scope.member_branch[member_id]
        totals[branch][0] += present
        totals[branch][1] += held
        if held < minimum or present >= threshold * held:
            continue
        member = scope.members[member_id]
        findings.append(
            scope.finding(
                branch,
                "attendance",
                BEHIND,
                f"{member.name} 参加 {present}/{held} 次全体党员组织生活（{present / held:.0%}），低于 {threshold:.0%}",
                model=Member,
                record_id=member_id,
                subject=member.name,
            )
        )
    for branch, (present, expected) in totals.items():
        if per_branch.get(branch, 0) >= minimum and expected and present < threshold * expected:
            findings.append(
                scope.finding(
                    branch,
                    "attendance",
                    BEHIND,
                    f"支部平均参会率 {present / expected:.0%}，低于 {threshold:.0%}",
                    model=Meeting,
                )
            )
    return findings
