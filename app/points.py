"""党员量化积分: points per member from the records, with a ledger that explains every point.

The scheme is one setting (``points.scheme``): a base, points per kind of item, deductions
for missed 三会一课 and 主题党日, caps per item, the highest total, and whether points start
again each year. Points are never stored: they are read from the records each time, so a
corrected record corrects the points.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import Case
from peewee import fn

from app.inspection.ranking import competition_places
from app.text import pinyin_key
from models import BRANCH_KINDS
from models import Attendance
from models import Campaign
from models import Deed
from models import HelpVisit
from models import Meeting
from models import Member
from models import Organisation
from models import Reflection
from models import Service
from models import StudySession
from models import Training
from models import settings
from models.db import tuples

SCHEME_KEY = "points.scheme"
settings.declare(
    SCHEME_KEY,
    {
        "base": 60,
        "points": {
            "meeting": 1,
            "study": 1,
            "training": 1,
            "reflection": 3,
            "deed": 3,
            "service": 2,
            "help_visit": 1,
            "missed": -2,
        },
        "caps": {"reflection": 15, "help_visit": 12},
        "max_total": None,
        "yearly_reset": True,
    },
    "党员量化积分办法：base 基础分，points 各项加减分，caps 单项上限，max_total 总分上限（写 null 为不限），"
    "yearly_reset 是否每年清零（true 是、false 否）",
)

# What each item is called on the ledger (the scheme's keys).
ITEM_LABELS = {
    "meeting": "参加三会一课、主题党日等会议",
    "study": "参加专题学习",
    "training": "参加教育培训",
    "reflection": "提交心得体会",
    "deed": "为群众办实事",
    "service": "开展党员服务",
    "help_visit": "一对一帮扶走访",
    "missed": "无故缺席三会一课、主题党日",
}
# Missing these (缺席, not 请假) costs points.
COUNTED_MEETINGS = ("支部党员大会", "支委会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员")
COUNTED_SESSIONS = ("三会一课", "主题党日")


@dataclass(frozen=True)
class LedgerEntry:
    """One line of a member's ledger: which record gave (or took) how many points."""

    day: dt.date | None
    item: str
    label: str
    points: float
    text: str
    model: type | None = None
    record_id: int | None = None


@dataclass(frozen=True)
class MemberPoints:
    member_id: int
    name: str
    org_id: int
    org_name: str
    total: float
    branch_rank: int
    town_rank: int


def scheme() -> dict:
    """The points scheme in force (the setting, else the default)."""
    return settings.get(SCHEME_KEY)


def points_window(as_of: dt.date, current: dict | None = None) -> tuple[dt.date, dt.date]:
    """The days whose records count: the year of ``as_of`` when points reset yearly, else since the campaign began."""
    current = current or scheme()
    if current.get("yearly_reset", True):
        return dt.date(as_of.year, 1, 1), as_of
    campaign = Campaign.current()
    return min(campaign.start, dt.date(campaign.year, 1, 1)), as_of


def _counted(model, start: dt.date, end: dt.date):
    """The records of ``model`` that earn points: dated in the window; a 实事 once it is done
    (办理状态 已办结), as the rules count it."""
    condition = model.date.between(start, end)
    if model is Deed:
        condition &= Deed.state == "已办结"
    return condition


def _session_counted(start: dt.date, end: dt.date):
    """Study sessions whose attendance earns (or costs) points: not one that is the same
    主题党日 as a meeting of that branch on that day, whose attendance already counts."""
    twin = Meeting.alias()
    same_event = twin.select(twin.id).where(
        ~twin.deleted
        & (twin.org == StudySession.org)
        & (twin.date == StudySession.date)
        & (twin.kind == StudySession.kind)
    )
    return (
        ~Attendance.deleted
        & ~StudySession.deleted
        & StudySession.date.between(start, end)
        & ~fn.EXISTS(same_event)
    )


def _attended_events(start: dt.date, end: dt.date) -> tuple[tuple, ...]:
    """The events whose attendance earns an item, or a 缺席 mark where its kind counts:
    (item, event table, the attendance field naming it, counted kinds, which attendance counts)."""
    return (
        (
            "meeting",
            Meeting,
            Attendance.meeting,
            COUNTED_MEETINGS,
            ~Attendance.deleted & ~Meeting.deleted & Meeting.date.between(start, end),
        ),
        ("study", StudySession, Attendance.session, COUNTED_SESSIONS, _session_counted(start, end)),
    )


def point_items(
    start: dt.date, end: dt.date, member_ids: list[int] | None = None
) -> Iterator[tuple[int, str, dt.date, type, int, str]]:
    """Every record that earns or costs points: (member id, item, date, record type, record id, title).

    One query per kind of item, for all members at once.
    """

    def only(query, field):
        return query.where(field.in_(member_ids)) if member_ids is not None else query

    attended = Attendance.state == "出席"
    for item, event, joined, counted_kinds, condition in _attended_events(start, end):
        rows = (
            Attendance.select(
                Attendance.member, Attendance.state, event.date, event.id, event.kind, event.topic
            )
            .join(event, on=joined == event.id)
            .where(condition)
        )
        for member, state, day, record_id, kind, topic in only(rows, Attendance.member).tuples():
            if state == "出席":
                yield member, item, day, event, record_id, f"{kind}：{topic}"
            elif state == "缺席" and kind in counted_kinds:
                yield member, "missed", day, event, record_id, f"{kind}：{topic}"
    rows = (
        Attendance.select(Attendance.member, Training.date, Training.id, Training.title)
        .join(Training, on=Attendance.training == Training.id)
        .where(~Attendance.deleted & ~Training.deleted & attended & Training.date.between(start, end))
    )
    for member, day, record_id, title in only(rows, Attendance.member).tuples():
        yield member, "training", day, Training, record_id, title
    simple = (
        ("reflection", Reflection, Reflection.title),
        ("deed", Deed, Deed.title),
        ("service", Service, Service.content),
        ("help_visit", HelpVisit, HelpVisit.content),
    )
    for item, model, title in simple:
        rows = model.live(model.member, model.date, model.id, title).where(_counted(model, start, end))
        for member, day, record_id, text in only(rows, model.member).tuples():
            yield member, item, day, model, record_id, text


def point_counts(start: dt.date, end: dt.date) -> dict[int, Counter]:
    """How many of each item every member has from ``start`` to ``end`` (counted in SQL).

    Counts exactly what :func:`point_items` lists, so a ledger and the totals agree.
    """
    counts: dict[int, Counter] = defaultdict(Counter)
    for item, event, joined, counted_kinds, condition in _attended_events(start, end):
        missed = fn.SUM(Case(None, [((Attendance.state == "缺席") & event.kind.in_(counted_kinds), 1)], 0))
        query = (
            Attendance.select(Attendance.member, fn.SUM(Case(Attendance.state, [("出席", 1)], 0)), missed)
            .join(event, on=joined == event.id)
            .where(condition)
            .group_by(Attendance.member)
        )
        for member, present, absent in tuples(query):
            counts[member][item] += present or 0
            counts[member]["missed"] += absent or 0
    query = (
        Attendance.select(Attendance.member, fn.COUNT(Attendance.id))
        .join(Training, on=Attendance.training == Training.id)
        .where(
            ~Attendance.deleted
            & ~Training.deleted
            & (Attendance.state == "出席")
            & Training.date.between(start, end)
        )
        .group_by(Attendance.member)
    )
    for member, count in tuples(query):
        counts[member]["training"] += count
    for item, model in (
        ("reflection", Reflection),
        ("deed", Deed),
        ("service", Service),
        ("help_visit", HelpVisit),
    ):
        query = (
            model.live(model.member, fn.COUNT(model.id))
            .where(_counted(model, start, end))
            .group_by(model.member)
        )
        for member, count in tuples(query):
            counts[member][item] += count
    return counts


def _apply_scheme(counts: Counter, current: dict) -> tuple[dict[str, float], float]:
    """Points per item (after caps) and the total (base plus items, within 0 … max_total)."""
    per_item = {}
    for item, count in counts.items():
        value = count * float(current["points"].get(item, 0))
        cap = current.get("caps", {}).get(item)
        if cap is not None and value > cap:
            value = float(cap)
        per_item[item] = value
    total = float(current["base"]) + sum(per_item.values())
    return per_item, max(0.0, min(float(current.get("max_total") or total), total))


def member_ledger(member_id: int, as_of: dt.date) -> tuple[list[LedgerEntry], float]:
    """Every point of one member, record by record, and the total they add up to."""
    current = scheme()
    start, end = points_window(as_of, current)
    entries = [LedgerEntry(start, "base", "基础分", float(current["base"]), f"{start.year}年基础分")]
    counts: Counter = Counter()
    items = sorted(point_items(start, end, [member_id]), key=lambda r: (r[2], r[1], r[4]))
    for _member, item, day, model, record_id, text in items:
        counts[item] += 1
        value = float(current["points"].get(item, 0))
        if value:
            entries.append(LedgerEntry(day, item, ITEM_LABELS[item], value, text, model, record_id))
    per_item, total = _apply_scheme(counts, current)
    for item, value in per_item.items():
        raw = counts[item] * float(current["points"].get(item, 0))
        if raw != value:
            entries.append(
                LedgerEntry(
                    end,
                    item,
                    "单项封顶",
                    value - raw,
                    f"{ITEM_LABELS[item]}最多计 {value:g} 分，超出部分不计",
                )
            )
    subtotal = sum(e.points for e in entries)
    if subtotal != total:
        entries.append(
            LedgerEntry(
                end,
                "limit",
                "总分封顶",
                total - subtotal,
                f"总分在 0 到 {current.get('max_total') or '不限'} 分之间",
            )
        )
    return entries, total


def member_totals(as_of: dt.date, org_ids: list[int] | None = None) -> list[MemberPoints]:
    """Every active member's total, with their place in the branch and in the town (highest first)."""
    current = scheme()
    start, end = points_window(as_of, current)
    orgs = {o.id: o for o in Organisation.live()}
    members = {}
    for member in Member.active():
        org = orgs.get(member.org_id)
        if org is not None and org.kind == "党小组":
            org = orgs.get(org.parent_id)
        if org is None or org.kind not in BRANCH_KINDS:
            continue
        members[member.id] = (member.name, org)
    counts = point_counts(start, end)
    rows = []
    for member_id, (name, org) in members.items():
        _, total = _apply_scheme(counts[member_id], current)
        rows.append([member_id, name, org.id, org.label, total])
    rows.sort(key=lambda r: (-r[4], pinyin_key(r[1])))
    town_rank = competition_places([r[4] for r in rows])
    by_branch: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        by_branch[row[2]].append(row[4])
    branch_ranks = {b: iter(competition_places(totals)) for b, totals in by_branch.items()}
    result = [
        MemberPoints(mid, name, oid, oname, total, next(branch_ranks[oid]), town_rank[i])
        for i, (mid, name, oid, oname, total) in enumerate(rows)
    ]
    if org_ids is not None:
        wanted = set(org_ids)
        result = [p for p in result if p.org_id in wanted]
    return result


def bottom_members(as_of: dt.date, org_ids: list[int] | None = None, count: int = 10) -> list[MemberPoints]:
    """The members with the fewest points (lowest first), for the 总览 tab."""
    return list(reversed(member_totals(as_of, org_ids)))[:count]
