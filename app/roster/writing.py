"""Writing a checked roster: every member in one transaction through the audited write path."""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field

from app.exchange.merge import IMPORTED
from app.exchange.merge import ImportRefused
from app.exchange.plan import CHANGED
from app.exchange.plan import NEW
from app.records import create_records
from app.records import operator
from app.records import save_record
from models import ImportLog
from models import Member
from models import database

from .members import RosterPlan


@dataclass
class RosterResult:
    """What the import wrote."""

    added: int = 0
    changed: int = 0
    moves: list[str] = field(default_factory=list)

    @property
    def written(self) -> int:
        return self.added + self.changed


def apply_roster(plan: RosterPlan) -> RosterResult:
    """Write the plan's new and changed members, all or nothing; raises ImportRefused on any problem.

    Each member goes through :func:`app.records.save_record` (validated, audited), and the
    attempt, refused or not, leaves a line in the import log.
    """
    problems = plan.problems()
    message = "；".join(str(p) for p in problems[:20])
    if problems:
        _log(plan, "已拒绝", message)
        raise ImportRefused(message)
    result = RosterResult(moves=plan.moves())
    with database.atomic():
        members = {
            m.id: m
            for m in Member.select().where(Member.id.in_([r.member_id for r in plan.rows if r.member_id]))
        }
        result.added = create_records(Member, [r.values for r in plan.rows if r.status == NEW])
        for row in plan.rows:
            if row.status == CHANGED:
                assert row.member_id is not None  # a changed row is a member found
                save_record(Member, row.values, members[row.member_id])
                result.changed += 1
        _log(plan, IMPORTED, "；".join(result.moves[:50]))
    return result


def log_checked(plan: RosterPlan) -> None:
    """The import log's line for a roster only checked (``--dry-run``)."""
    _log(plan, "仅检查", "；".join(str(p) for p in plan.problems()[:20]))


def _log(plan: RosterPlan, outcome: str, message: str) -> None:
    ImportLog.create(
        file_name=plan.path.name[:260],
        file_hash=plan.file_hash,
        org_code="",
        operator=operator(),
        outcome=outcome,
        counts=json.dumps(plan.counts(), ensure_ascii=False),
        message=(f"花名册：{message}" if message else "花名册")[:4000],
    )
