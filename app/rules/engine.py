"""The rule engine's vocabulary: findings, the scope a check runs in, campaign periods.

A rule is a plain function ``rule(scope) -> list[Finding]`` registered with :func:`rule`.
It reads the database in bulk (one query per record type, grouped in SQL or in one pass in
Python), never per member, so a whole town-year is checked in well under a second.

States of a finding:

``逾期`` (overdue)  the due date has passed and the requirement is not met;
``滞后`` (behind)   not yet due, but the due date is near (``rules.warn_days``) or a yearly
                   count is behind the campaign's pace; also quality warnings that have no
                   due date (attendance share, too many 优秀);
``达标`` (met)      only in summaries: a rule with no finding for a village.

Nothing is missing before it was due: a rule never reports a period whose due date is more
than ``rules.warn_days`` after ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import NamedTuple

from app.campaign_time import Period
from app.campaign_time import as_of_day
from app.campaign_time import campaign_periods
from models import BRANCH_KINDS
from models import TRACKS
from models import Campaign
from models import Member
from models import Organisation
from models import settings
from models.db import Record

MET, BEHIND, OVERDUE = "达标", "滞后", "逾期"
STATES = (MET, BEHIND, OVERDUE)

WARN_DAYS_KEY = "rules.warn_days"
settings.declare(WARN_DAYS_KEY, 10, "到期前多少天起提示“滞后”")


@dataclass(frozen=True)
class Finding:
    """One thing a village is missing or late with, as a clerk would write it down.

    ``model``/``record_id`` point at the record behind it (a member, a meeting, a request…)
    so the window can open it; ``subject`` names it (a member's name, a request's matter).
    ``subject_private`` marks a subject that must never be printed (重点人群 names).
    """

    org_id: int
    org_code: str
    org_name: str
    rule: str
    label: str
    track: str
    state: str
    missing: str
    due: dt.date | None = None
    count: int = 1
    model: type[Record] | None = None
    record_id: int | None = None
    subject: str = ""
    subject_private: bool = False

    def as_dict(self) -> dict:
        """Plain values for JSON output (the record type by its table name)."""
        return {
            "org_code": self.org_code,
            "org_name": self.org_name,
            "rule": self.rule,
            "label": self.label,
            "track": self.track,
            "state": self.state,
            "missing": self.missing,
            "due": self.due.isoformat() if self.due else None,
            "count": self.count,
            "record_type": self.model._meta.table_name if self.model else None,
            "record_id": self.record_id,
            "subject": "" if self.subject_private else self.subject,
        }


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    track: str
    check: Callable[[Scope], list[Finding]]
    model: type[Record] | None = None  # the record list behind the rule, for "show me"


RULES: dict[str, Rule] = {}


def ordered_rules() -> list[Rule]:
    """The rules in the order of the five tracks (抓学习 … 抓落实), then of registration."""
    return sorted(RULES.values(), key=lambda r: TRACKS.index(r.track) if r.track in TRACKS else 99)


def rule(key: str, label: str, track: str, model: type[Record] | None = None):
    """Register a rule function under ``key`` (the order of registration is the display order)."""

    def register(function: Callable[[Scope], list[Finding]]):
        RULES[key] = Rule(key, label, track, function, model)
        return function

    return register


class MemberRef(NamedTuple):
    """The little the rules need of a member (read as plain tuples: fast for a whole town)."""

    id: int
    name: str
    org_id: int
    join_date: dt.date


@dataclass
class Scope:
    """What a check looks at: the campaign, the day, the branches and their members."""

    campaign: Campaign
    as_of: dt.date
    branches: dict[int, Organisation]
    members: dict[int, MemberRef]  # active members of these branches, joined by as_of
    member_branch: dict[int, int] = field(default_factory=dict)
    branch_of_org: dict[int, int] = field(default_factory=dict)  # any org id (党小组 too) -> branch id
    town: Organisation | None = None
    warn_days: int = 10
    whole_town: bool = True  # no village selected: the town's own tasks are looked at too
    campaign_over: bool = False  # looking back after the campaign's end: all that was due is due

    # -- helpers the rules share ------------------------------------------------------------
    def finding(self, org_id: int | None, key: str, state: str, missing: str, **extra) -> Finding:
        org = (self.branches.get(org_id) if org_id is not None else None) or self.town
        spec = RULES[key]
        return Finding(
            org_id=org.id if org else 0,
            org_code=org.code if org else "",
            org_name=(org.label if org else ""),
            rule=key,
            label=spec.label,
            track=spec.track,
            state=state,
            missing=missing,
            **extra,
        )

    def state_for(self, due: dt.date) -> str | None:
        """逾期 when ``due`` has passed, 滞后 when it is near, None when not yet due."""
        if self.as_of > due or (self.campaign_over and due <= self.as_of):
            return OVERDUE
        if (due - self.as_of).days <= self.warn_days:
            return BEHIND
        return None

    def elapsed(self) -> float:
        """The share of the campaign that has passed on ``as_of`` (0 to 1)."""
        total = (self.campaign.end - self.campaign.start).days or 1
        return min(1.0, max(0.0, (self.as_of - self.campaign.start).days / total))

    def expected_by_now(self, required: int) -> int:
        """How many of a yearly ``required`` count should be done by ``as_of`` (rounded half up)."""
        return int(required * self.elapsed() + 0.5)

    def member_share(self, member: MemberRef) -> tuple[float, float]:
        """(share of the campaign a member is counted for, share of that time passed by ``as_of``).

        A member who joined during the campaign (a new 预备党员, say) is asked for the part of
        a yearly count that matches the time left after joining, not the whole year's.
        """
        start, end = self.campaign.start, self.campaign.end
        since = max(start, member.join_date)
        total = (end - start).days or 1
        span = (end - since).days
        share = min(1.0, max(0.0, span / total))
        passed = min(1.0, max(0.0, (self.as_of - since).days / (span or 1)))
        return share, passed

    def phase_end(self, name: str, default: dt.date) -> dt.date:
        for phase in self.campaign.phases():
            if phase.name == name:
                return phase.end
        return default

    def phase_start(self, name: str, default: dt.date) -> dt.date:
        for phase in self.campaign.phases():
            if phase.name == name:
                return phase.start
        return default

    def year_range(self) -> tuple[dt.date, dt.date]:
        year = self.campaign.year
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    def periods(self, unit: str) -> list[Period]:
        return campaign_periods(self.campaign, unit)


def build_scope(
    as_of: dt.date | None = None, org_ids: list[int] | None = None, today: dt.date | None = None
) -> Scope:
    """The branches (narrowed to ``org_ids`` when given) and their active members on ``as_of``.

    When ``today`` (default: the real date) is after the campaign and ``as_of`` is its last
    day, the campaign is over and whatever was due by then and is not done is 逾期.
    """
    campaign = Campaign.current()
    today = today or dt.date.today()
    as_of = as_of or as_of_day(campaign, today)
    orgs = list(Organisation.live())
    by_id = {o.id: o for o in orgs}
    branches = {o.id: o for o in orgs if o.kind in BRANCH_KINDS}
    if org_ids is not None:
        wanted = set(org_ids)
        branches = {i: o for i, o in branches.items() if i in wanted}
    branch_of_org: dict[int, int] = {}
    for org in orgs:
        if org.kind in BRANCH_KINDS:
            branch_of_org[org.id] = org.id
        elif org.kind == "党小组" and org.parent_id in by_id:
            branch_of_org[org.id] = org.parent_id
    members: dict[int, MemberRef] = {}
    member_branch: dict[int, int] = {}
    query = Member.active(Member.id, Member.name, Member.org, Member.join_date).where(
        Member.join_date <= as_of
    )
    for member in map(MemberRef._make, query.tuples()):
        branch = branch_of_org.get(member.org_id)
        if branch is not None and branch in branches:
            members[member.id] = member
            member_branch[member.id] = branch
    town = next((o for o in orgs if o.kind == "镇党委"), None)
    return Scope(
        campaign=campaign,
        as_of=as_of,
        branches=branches,
        members=members,
        member_branch=member_branch,
        branch_of_org=branch_of_org,
        town=town,
        warn_days=int(settings.get(WARN_DAYS_KEY)),
        whole_town=org_ids is None,
        campaign_over=today > campaign.end and as_of >= campaign.end,
    )
