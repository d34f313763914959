"""Calendar and attendance helpers shared by the demo town's tracks."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from models import Attendance
from models import Record

from .town import Branch
from .town import Person
from .writer import Writer

YEAR = 2022
# The months the campaign runs (组织动员 in April to 总结提高 in November).
MONTHS = tuple(dt.date(YEAR, m, 1) for m in range(4, 12))
QUARTER_MONTHS = {"2022Q2": (4, 5, 6), "2022Q3": (7, 8, 9), "2022Q4": (10, 11)}
END = dt.date(YEAR, 11, 30)

ABSENCE_REASONS = ("外出务工", "身体不适", "农忙", "家中有事", "在外地就医")


def day_in(rng: random.Random, month: dt.date, first: int = 1, last: int = 28) -> dt.date:
    """A day of ``month`` between ``first`` and ``last`` (never past the campaign's end)."""
    return min(month.replace(day=rng.randint(first, last)), END)


def chance(rng: random.Random, branch: Branch, good: float) -> bool:
    """True with probability ``good`` scaled by how well the branch keeps up."""
    return rng.random() < good * (0.55 + 0.45 * branch.strength) / 0.99


def as_member(rng: random.Random, person: Person, day: dt.date) -> dt.date | None:
    """The day a member's own record (a visit, 实事, service…) is dated: a new member's comes
    after joining; none after leaving."""
    if day < person.join_date:
        day = min(person.join_date + dt.timedelta(days=rng.randint(3, 30)), END)
    return day if person.member_on(day) else None


def add_own(
    w: Writer, model: type[Record], person: Person, branch: Branch, day: dt.date, **values: Any
) -> int:
    """Queue a member's own record (a visit, 实事, service, 心得…) dated ``day``, typed in by the branch."""
    return w.add(model, day, branch.code, member=person.id, date=day, **values)


def present(rng: random.Random, person: Person, branch: Branch) -> bool:
    share = 0.2 if person.absent_prone else 0.8 + 0.18 * branch.strength
    return rng.random() < share


def attend(
    w: Writer, rng: random.Random, branch: Branch, people: list[Person], day: dt.date, **link: int
) -> int:
    """Queue one attendance row per person for a meeting/session/training; number present."""
    count = 0
    for person in people:
        if not person.member_on(day):  # not yet received, or already left
            continue
        if present(rng, person, branch):
            state, reason = "出席", ""
            count += 1
        else:
            state = "请假" if rng.random() < 0.6 else "缺席"
            reason = rng.choice(ABSENCE_REASONS) if state == "请假" else ""
        w.add(Attendance, day, branch.code, member=person.id, state=state, reason=reason, **link)
    return count
