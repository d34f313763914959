"""The quarterly ranking (季督查 排名): score, place, the bottom 3, twice in a row.

Places are competition places: equal scores share a place and the next place is skipped
(1, 2, 2, 4), shown as 并列. A village is in the bottom 3 when fewer than three villages
scored lower than it — so when villages tie at the boundary, all of them are named (the
notice never picks one of two equal villages at random). A branch in the bottom 3 in this
quarter and in the previous quarter that had a 季督查 is flagged (连续2次排名后3位), and a
处置 record for its secretary is proposed in the state 待研究.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from dataclasses import dataclass

from app.campaign_time import parse_quarter
from app.inspection.scoring import InspectionRefused
from app.inspection.scoring import Total
from app.inspection.scoring import totals
from app.records import save_record
from app.setup.identity import installation
from models import Disposal
from models import Inspection
from models import Notice
from models import Organisation
from models import SecretaryTerm
from models.db import read_snapshot

BOTTOM = 3
KIND = "季督查"


@dataclass(frozen=True)
class Place:
    """One village's line in a quarter's ranking."""

    org_id: int
    code: str
    name: str
    inspection_id: int
    points: float
    max_points: float
    score: float
    place: int
    tied: bool
    bottom: bool
    bottom_before: bool
    unscored: int
    unreported: int = 0

    @property
    def twice_bottom(self) -> bool:
        """In the bottom 3 at this and the previous inspection (连续2次排名后3位)."""
        return self.bottom and self.bottom_before

    @property
    def place_text(self) -> str:
        return f"第{self.place}名" + ("（并列）" if self.tied else "")

    @property
    def notes(self) -> str:
        """What the ranking says of the village beside its place (排名后3位；…), the same on screen and on the command line."""
        parts = []
        if self.bottom:
            parts.append("排名后3位")
        if self.twice_bottom:
            parts.append("连续2次排名后3位")
        if self.unscored:
            parts.append(f"{self.unscored}项未打分")
        if self.unreported:
            parts.append(f"{self.unreported}项未报送")
        return "；".join(parts)

    def as_dict(self) -> dict:
        return {**asdict(self), "twice_bottom": self.twice_bottom, "place_text": self.place_text}


def inspected_quarters() -> list[str]:
    """Every quarter with at least one 季督查, oldest first."""
    query = Inspection.live(Inspection.quarter).where(Inspection.kind == KIND).distinct().tuples()
    return sorted((q for (q,) in query), key=parse_quarter)


def previous_quarter(quarter: str) -> str | None:
    """The last quarter before ``quarter`` that had a 季督查 (a skipped quarter is not counted)."""
    earlier = [q for q in inspected_quarters() if parse_quarter(q) < parse_quarter(quarter)]
    return earlier[-1] if earlier else None


def competition_places(scores: list[float]) -> list[int]:
    """1-based places for scores in any order (higher is better): equal scores share a place, 1,2,2,4.

    The village ranking and the members' points both place this way.
    """
    first_place: dict[float, int] = {}
    for index, score in enumerate(sorted(scores, reverse=True)):
        first_place.setdefault(score, index + 1)
    return [first_place[s] for s in scores]


def _quarter_inspections(quarter: str, with_excluded: bool = False) -> dict[int, Inspection]:
    """The 季督查 of each village in a quarter (the latest when a village had two); the
    villages excluded from the ranking are left out unless ``with_excluded``."""
    latest: dict[int, Inspection] = {}
    query = (
        Inspection.live()
        .where((Inspection.kind == KIND) & (Inspection.quarter == quarter))
        .order_by(Inspection.date, Inspection.id)
    )
    for inspection in query:
        latest[inspection.org_id] = inspection
    if not with_excluded:
        latest = {o: i for o, i in latest.items() if not i.excluded.strip()}
    return latest


@dataclass(frozen=True)
class QuarterProgress:
    """How far a quarter's scoring is: 已评 N / 共 M 个村（社区）, and who is left out with what reason.

    A village is scored when its 季督查 has every applicable item scored; a village the clerk
    excluded (不参评理由 on its inspection) is not ranked and the notice states why. The
    bottom 3 are named only when the quarter is complete: every village scored or excluded.
    """

    quarter: str
    villages: int
    scored: tuple[str, ...]
    unscored: tuple[str, ...]  # villages without an inspection, or with items not yet scored
    excluded: tuple[tuple[str, str], ...]  # (village, reason)

    @property
    def complete(self) -> bool:
        return not self.unscored

    @property
    def text(self) -> str:
        """已评 N / 共 M 个村（社区）, with the exclusions when there are any."""
        line = f"已评 {len(self.scored)} / 共 {self.villages} 个村（社区）"
        if self.excluded:
            line += "；不参评：" + "、".join(f"{name}（{reason}）" for name, reason in self.excluded)
        return line

    @property
    def warning(self) -> str:
        """Why no bottom 3 are named yet (empty when the quarter is complete)."""
        if self.complete:
            return ""
        shown = "、".join(self.unscored[:5]) + ("等" if len(self.unscored) > 5 else "")
        return (
            f"{self.text}，{shown}还没有评完。全部村（社区）评分（或写明不参评理由）后，"
            "才确定排名后3位并起草通报。"
        )

    def as_dict(self) -> dict:
        return {
            "villages": self.villages,
            "scored": len(self.scored),
            "unscored": list(self.unscored),
            "excluded": [{"village": n, "reason": r} for n, r in self.excluded],
            "complete": self.complete,
            "text": self.text,
        }


def quarter_progress(quarter: str) -> QuarterProgress:
    """已评 N / 共 M for a quarter (see :class:`QuarterProgress`).

    On a village's computer: the town's, as its ranking notice brought it (the village holds
    its own inspection only).
    """
    if not installation().is_town:
        received = received_ranking(quarter)
        return QuarterProgress(quarter, len(received), tuple(r.name for r in received), (), ())
    inspections = _quarter_inspections(quarter, with_excluded=True)
    results = totals([i.id for i in inspections.values()])
    scored, unscored, excluded = [], [], []
    for org in Organisation.branches():
        inspection = inspections.get(org.id)
        if inspection is not None and inspection.excluded.strip():
            excluded.append((org.label, inspection.excluded.strip()))
        elif inspection is not None and not results[inspection.id].unscored:
            scored.append(org.label)
        else:
            unscored.append(org.label)
    villages = len(scored) + len(unscored) + len(excluded)
    return QuarterProgress(quarter, villages, tuple(scored), tuple(unscored), tuple(excluded))


def exclude_village(quarter: str, org: Organisation, reason: str) -> Inspection:
    """Leave a village out of a quarter's ranking with a recorded reason (an empty reason takes it back in)."""
    inspection = _quarter_inspections(quarter, with_excluded=True).get(org.id)
    if inspection is None:
        raise InspectionRefused(f"{org.label}在{quarter}还没有季度督查记录，请先建立督查（inspection new）。")
    return save_record(Inspection, {"excluded": reason.strip()}, inspection)


def _bottom_ids(scores: dict[int, float]) -> set[int]:
    """The villages named as 排名后3位: fewer than three below them (all tied at the boundary
    are named), never the best one (a town of three names two, and never one village both
    among the best and at the bottom: the praise leaves out those at the bottom)."""
    values = list(scores.values())
    return {
        org
        for org, s in scores.items()
        if sum(other < s for other in values) < BOTTOM and any(other > s for other in values)
    }


def _scores(quarter: str) -> tuple[dict[int, Inspection], dict[int, Total]]:
    inspections = _quarter_inspections(quarter)
    by_inspection = totals([i.id for i in inspections.values()])
    return inspections, {org: by_inspection[i.id] for org, i in inspections.items()}


NOTICE_KIND = "督查排名通报"
AT_TOWN = "排名由镇党委根据全镇各村（社区）的督查结果计算，村（社区）的电脑不计算排名"


def rank_quarter(quarter: str) -> list[Place]:
    """The ranking of a quarter, best first (empty when the quarter had no 季督查).

    On a village's computer the ranking is the town's, as received with its notice
    (:func:`received_ranking`): a village holds its own scores only and never recomputes it.
    """
    if not installation().is_town:
        return received_ranking(quarter)
    return computed_ranking(quarter)


def ranking_notice(quarter: str) -> Notice | None:
    """The newest issued ranking notice (通报) of ``quarter``."""
    query = Notice.live().where((Notice.kind == NOTICE_KIND) & (Notice.quarter == quarter))
    return query.order_by(Notice.date.desc(), Notice.id.desc()).first()


def snapshot(rows: list[Place]) -> str:
    """The ranking as an issued notice keeps it (JSON), so that it travels and prints as issued."""
    keep = (
        "code",
        "name",
        "points",
        "max_points",
        "score",
        "place",
        "tied",
        "bottom",
        "bottom_before",
        "unscored",
    )
    return json.dumps([{k: getattr(r, k) for k in keep} for r in rows], ensure_ascii=False)


def from_snapshot(text: str) -> list[Place]:
    """The ranking kept in a notice, its villages found here by code (0 when not kept here)."""
    try:
        items = json.loads(text) if text else []
    except ValueError:
        return []
    codes = [str(i.get("code", "")) for i in items]
    orgs = {o.code: o.id for o in Organisation.select().where(Organisation.code.in_(codes))}
    inspections = {
        i.org_id: i.id
        for i in Inspection.live().where(Inspection.kind == KIND).order_by(Inspection.date, Inspection.id)
    }
    rows = []
    for item in items:
        org_id = orgs.get(str(item.get("code", "")), 0)
        rows.append(
            Place(
                org_id=org_id,
                code=str(item.get("code", "")),
                name=str(item.get("name", "")),
                inspection_id=inspections.get(org_id, 0),
                points=float(item.get("points", 0)),
                max_points=float(item.get("max_points", 0)),
                score=float(item.get("score", 0)),
                place=int(item.get("place", 0)),
                tied=bool(item.get("tied")),
                bottom=bool(item.get("bottom")),
                bottom_before=bool(item.get("bottom_before")),
                unscored=int(item.get("unscored", 0)),
            )
        )
    return rows


def received_ranking(quarter: str) -> list[Place]:
    """The town's ranking of ``quarter`` as its issued notice holds it (empty: none received)."""
    parse_quarter(quarter)
    notice = ranking_notice(quarter)
    return from_snapshot(notice.ranking) if notice is not None else []


@read_snapshot()
def computed_ranking(quarter: str) -> list[Place]:
    """The ranking computed from the inspections held here (the town's computer)."""
    parse_quarter(quarter)
    inspections, results = _scores(quarter)
    if not inspections:
        return []
    scores = {org: t.score for org, t in results.items()}
    # the bottom 3 of a quarter not wholly scored would be a guess: none are named then
    bottom = _bottom_ids(scores) if quarter_progress(quarter).complete else set()
    before = previous_quarter(quarter)
    bottom_before: set[int] = set()
    if before and quarter_progress(before).complete:
        _prev_inspections, prev_results = _scores(before)
        bottom_before = _bottom_ids({org: t.score for org, t in prev_results.items()})
    orgs = {o.id: o for o in Organisation.select().where(Organisation.id.in_(list(inspections)))}
    ids = list(inspections)
    places = competition_places([scores[o] for o in ids])
    counts = {p: places.count(p) for p in places}
    rows = [
        Place(
            org_id=org,
            code=orgs[org].code,
            name=orgs[org].label,
            inspection_id=inspections[org].id,
            points=results[org].points,
            max_points=results[org].max_points,
            score=scores[org],
            place=place,
            tied=counts[place] > 1,
            bottom=org in bottom,
            bottom_before=org in bottom_before,
            unscored=results[org].unscored,
            unreported=results[org].unreported,
        )
        for org, place in zip(ids, places, strict=True)
    ]
    return sorted(rows, key=lambda r: (r.place, orgs[r.org_id].sort_order, r.code))


def history(org_id: int) -> list[tuple[str, Place]]:
    """A village's place in every inspected quarter, oldest first."""
    found = []
    for quarter in inspected_quarters():
        for row in rank_quarter(quarter):
            if row.org_id == org_id:
                found.append((quarter, row))
    return found


def secretary_of(org: Organisation, day: dt.date | None = None) -> str:
    """The branch secretary's name on ``day`` (from the terms of office, else the current one)."""
    query = SecretaryTerm.live().where(SecretaryTerm.org == org).order_by(SecretaryTerm.start.desc())
    for term in query:
        if day is None or (term.start <= day and (term.end is None or term.end >= day)):
            return term.name
    return org.secretary or ""


def propose_disposals(quarter: str) -> list[Disposal]:
    """A 处置 record (待研究) for each twice-bottom-3 branch's secretary; never twice for a quarter."""
    made = []
    before = previous_quarter(quarter)
    for row in rank_quarter(quarter):
        if not row.twice_bottom:
            continue
        exists = Disposal.live().where((Disposal.org == row.org_id) & (Disposal.quarter == quarter)).exists()
        if exists:
            continue
        org = Organisation.get_by_id(row.org_id)
        inspection = Inspection.get_by_id(row.inspection_id)
        values = {
            "org": org,
            "secretary": secretary_of(org, inspection.date) or "（未登记书记）",
            "quarter": quarter,
            "reason": f"连续2次季度督查排名后3位（{before}、{quarter}）",
            "state": "待研究",
        }
        made.append(save_record(Disposal, values))
    return made
