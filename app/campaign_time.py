"""Campaign time, in one place: quarters, months and phases, working days and "as of" days.

Rules, the inspection, printing and the window all ask here, so that "2022Q2", "the day a
check looks from" and "a working day" mean the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models import Campaign, settings

ONE_DAY = dt.timedelta(days=1)
WEEKENDS_KEY = "schedule.weekends_are_workdays"
settings.declare(WEEKENDS_KEY, True, "倒排工期时周六、周日算作工作日")

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


class QuarterRefused(ValueError):
    """A quarter that is not written like 2022Q2; the message says so in Chinese."""


# --- quarters ---------------------------------------------------------------------------


def parse_quarter(text: str) -> tuple[int, int]:
    """“2022Q2” → (2022, 2); raises QuarterRefused for anything else."""
    match = _QUARTER.match((text or "").strip().upper())
    if not match:
        raise QuarterRefused(f"季度“{text}”写法不对，应写成如 2022Q2（年份＋Q＋1至4）。")
    return int(match.group(1)), int(match.group(2))


def quarter_range(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter."""
    year, q = parse_quarter(text)
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return start, end - ONE_DAY


def quarter_label(text: str) -> str:
    """“2022Q2” → “2022年第二季度”."""
    year, q = parse_quarter(text)
    return f"{year}年第{'一二三四'[q - 1]}季度"


def quarter_of(day: dt.date) -> str:
    """The quarter a day lies in, written like 2022Q2."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def campaign_quarters() -> set[str]:
    """Every quarter the campaign runs in (2022Q2–2022Q4), or this quarter without a campaign."""
    try:
        campaign = Campaign.current()
    except LookupError:
        return {quarter_of(dt.date.today())}
    quarters, day = set(), campaign.start
    while day <= campaign.end:
        quarters.add(quarter_of(day))
        day = dt.date(day.year + (day.month > 9), (day.month + 2) % 12 + 1, 1)
    return quarters


def day_in_quarter(quarter: str, today: dt.date | None = None) -> dt.date:
    """Today when it lies in ``quarter``, else the quarter's nearest day (entering past work)."""
    start, end = quarter_range(quarter)
    return min(max(today or dt.date.today(), start), end)


# --- the day a view or a check looks from ------------------------------------------------


def as_of_day(campaign: Campaign | None = None, today: dt.date | None = None) -> dt.date:
    """Today, but no later than the campaign's last day (today when there is no campaign)."""
    today = today or dt.date.today()
    if campaign is None:
        try:
            campaign = Campaign.current()
        except LookupError:
            return today
    return min(today, campaign.end)


# --- months, quarters and the year a requirement is counted in ----------------------------


@dataclass(frozen=True)
class Period:
    """A month, quarter or the campaign year that a requirement is counted in."""

    label: str
    start: dt.date
    end: dt.date
    due: dt.date


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - ONE_DAY


def campaign_periods(campaign: Campaign, unit: str) -> list[Period]:
    """The months (``月``), quarters (``季度``) or the year (``年``) a campaign asks for.

    A month or quarter counts when the campaign covers at least half of its days, so a
    campaign starting on 11 April counts April and the second quarter, and one ending on
    30 November counts November and the fourth quarter. Meetings anywhere in a counted
    period count for it; its due date is the period's last day, or the campaign's end when
    that comes first (the year's requirements are due at the end of the campaign).
    """
    if unit == "年":
        start, end = dt.date(campaign.year, 1, 1), dt.date(campaign.year, 12, 31)
        return [Period(f"{campaign.year}年", start, end, min(end, campaign.end))]
    step = 3 if unit == "季度" else 1
    first_month = (campaign.start.month - 1) // step * step + 1
    start = dt.date(campaign.start.year, first_month, 1)
    result = []
    while start <= campaign.end:
        end = month_end(dt.date(start.year, start.month + step - 1, 1))
        covered = (min(end, campaign.end) - max(start, campaign.start)).days + 1
        if covered * 2 >= (end - start).days + 1:
            label = (
                f"{start.year}年{start.month}月"
                if step == 1
                else f"{start.year}年第{(start.month + 2) // 3}季度"
            )
            result.append(Period(label, start, end, min(end, campaign.end)))
        start = end + dt.timedelta(days=1)
    return result


# --- working days (倒排工期) --------------------------------------------------------------


def weekends_are_workdays() -> bool:
    """The setting, read from the open database."""
    return bool(settings.get(WEEKENDS_KEY))


def is_workday(day: dt.date, weekends: bool) -> bool:
    return weekends or day.weekday() < 5


def last_workday_on_or_before(day: dt.date, weekends: bool) -> dt.date:
    while not is_workday(day, weekends):
        day -= ONE_DAY
    return day


def first_workday_on_or_after(day: dt.date, weekends: bool) -> dt.date:
    while not is_workday(day, weekends):
        day += ONE_DAY
    return day


def workdays_between(start: dt.date, end: dt.date, weekends: bool) -> int:
    """Working days from ``start`` to ``end``, both included (0 when end is before start)."""
    count, day = 0, start
    while day <= end:
        count += is_workday(day, weekends)
        day += ONE_DAY
    return count
