"""The member roster (花名册) and the organisation list as offices keep them, brought in at once.

``plan_roster`` reads a roster workbook as it is (title rows, its own column names and
values) and says, member by member, what importing it would do; ``apply_roster`` writes it
in one transaction. ``plan_orgs`` / ``apply_orgs`` do the same for branches and 党小组.
"""

from __future__ import annotations

from .headers import MEMBER_HEADERS
from .headers import ORG_HEADERS
from .headers import remember
from .headers import remembered
from .members import ROSTER_STATUSES
from .members import RosterPlan
from .members import RosterRow
from .members import plan_roster
from .writing import RosterResult
from .writing import apply_roster
from .writing import log_checked

__all__ = [
    "MEMBER_HEADERS",
    "ORG_HEADERS",
    "ROSTER_STATUSES",
    "RosterPlan",
    "RosterResult",
    "RosterRow",
    "apply_roster",
    "log_checked",
    "plan_roster",
    "remember",
    "remembered",
]
