"""The campaign's rule checks: who is behind, what is due, what is overdue.

Pure functions over the open database, shared by the 总览 tab, ``python -m app check`` and
the printed reports::

    findings = evaluate(as_of=date(2022, 9, 30))          # the whole town
    findings = evaluate(org_ids=[village.id])              # one village
    states = rule_states(findings)                         # per rule: 达标 / 滞后 / 逾期, count

Defaults (frequencies, counts, thresholds) are settings declared once in the rule modules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.campaign_time import as_of_day
from models import Campaign
from models.db import read_snapshot

from . import conduct  # noqa: F401 (registers the rules)
from . import delivery  # noqa: F401 (registers the rules)
from . import service  # noqa: F401 (registers the rules)
from . import study_brand  # noqa: F401 (registers the rules)
from .engine import BEHIND
from .engine import MET
from .engine import OVERDUE
from .engine import RULES
from .engine import STATES
from .engine import Finding
from .engine import Rule
from .engine import Scope
from .engine import build_scope
from .engine import ordered_rules

__all__ = [
    "BEHIND",
    "MET",
    "OVERDUE",
    "RULES",
    "STATES",
    "Finding",
    "Rule",
    "RuleState",
    "Scope",
    "build_scope",
    "evaluate",
    "findings_by_village",
    "findings_in_period",
    "meetings_due",
    "ordered_rules",
    "rule_states",
    "upcoming",
]

_SEVERITY = {MET: 0, BEHIND: 1, OVERDUE: 2}


@read_snapshot()
def evaluate(
    as_of: dt.date | None = None,
    org_ids: list[int] | None = None,
    rules: list[str] | None = None,
    today: dt.date | None = None,
    warn_days: int | None = None,
) -> list[Finding]:
    """Every finding of every rule (or of the rules named) for the town or the given organisations.

    ``as_of`` defaults to today, but no later than the campaign's last day. Findings come
    sorted by village, then rule order, then due date.
    """
    scope = build_scope(as_of, org_ids, today)
    if warn_days is not None:
        scope.warn_days = warn_days
    findings: list[Finding] = []
    for spec in ordered_rules():
        if rules is None or spec.key in rules:
            findings.extend(spec.check(scope))
    order = {spec.key: i for i, spec in enumerate(ordered_rules())}
    findings.sort(key=lambda f: (f.org_code, order[f.rule], f.due or dt.date.max, f.missing))
    return findings


@dataclass(frozen=True)
class RuleState:
    """One rule at a glance: its worst state and how many findings it has."""

    rule: str
    label: str
    track: str
    state: str
    count: int
    overdue: int
    behind: int


def rule_states(findings: list[Finding]) -> list[RuleState]:
    """Each registered rule's state (达标 when it has no finding), in rule order."""
    result = []
    for spec in ordered_rules():
        key = spec.key
        mine = [f for f in findings if f.rule == key]
        overdue = sum(1 for f in mine if f.state == OVERDUE)
        behind = sum(1 for f in mine if f.state == BEHIND)
        state = max((f.state for f in mine), key=_SEVERITY.__getitem__, default=MET)
        result.append(RuleState(key, spec.label, spec.track, state, len(mine), overdue, behind))
    return result


def findings_by_village(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by organisation code (keeps the order of ``findings``)."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.org_code, []).append(finding)
    return groups


def upcoming(
    as_of: dt.date | None = None,
    org_ids: list[int] | None = None,
    days: int = 30,
    today: dt.date | None = None,
) -> list[Finding]:
    """What falls due in the next ``days`` days and is not done yet, soonest first."""
    scope_day = as_of or as_of_day(Campaign.current(), today)
    findings = evaluate(scope_day, org_ids, today=today, warn_days=days)
    end = scope_day + dt.timedelta(days=days)
    soon = [f for f in findings if f.due and scope_day <= f.due <= end and f.state != OVERDUE]
    return sorted(soon, key=lambda f: (f.due, f.org_code))


def findings_in_period(
    org_id: int, start: dt.date, end: dt.date, rules: list[str] | None = None
) -> list[Finding]:
    """What one branch missed that fell due from ``start`` to ``end``, looked at once ``end`` is over.

    For the quarterly inspection: e.g. ``findings_in_period(village.id, date(2022, 4, 1),
    date(2022, 6, 30), ["meetings"])`` lists the 三会一课 the village did not hold in Q2.
    """
    after = end + dt.timedelta(days=1)  # the period is over: what was due on ``end`` is 逾期
    findings = evaluate(after, [org_id], rules=rules, today=after)
    return [f for f in findings if f.due is None or start <= f.due <= end]


def meetings_due(org_id: int, start: dt.date, end: dt.date) -> list[Finding]:
    """The 三会一课 and 主题党日 one branch should have held from ``start`` to ``end`` and did not."""
    return findings_in_period(org_id, start, end, ["meetings"])
