"""Campaign time, in one place: quarters, months and phases, working days and "as of" days.

Rules, the inspection, printing and the window all ask here, so that "2022Q2", "the day a
check looks from" and "a working day" mean the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models import Campaign
from models import settings
from models.fields import flag

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
    """Today when it lies in ``quarter``, else the quarter's nearest day (entering past work).

    Never after the campaign's last day: once it is over, the last quarter's day is that last
    day (2022-11-30), not the quarter's (2022-12-31).
    """
    start, end = quarter_range(quarter)
    return min(max(as_of_day(today=today), start), end)


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


# --- where an event's date may lie (the ``during`` flag of a date field) -----------------


def campaign_months(campaign: Campaign) -> tuple[dt.date, dt.date]:
    """First and last day of the months a campaign counts (a meeting on 4月1日 counts for April)."""
    months = campaign_periods(campaign, "月")
    if not months:
        return campaign.start, campaign.end
    return months[0].start, months[-1].end


def _month_of(value: object, year: int) -> dt.date | None:
    """The first day of the month a record names: a date in it, or a month number in ``year``."""
    if isinstance(value, dt.date):
        return value.replace(day=1)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 12:
        return dt.date(year, value, 1)
    return None


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _allowed(
    rule: str, values: dict, campaign: Campaign, month_label: str
) -> tuple[dt.date, dt.date, str] | None:
    """(first day, last day, what the range is) for one rule, or None when it cannot be told."""
    if rule == "campaign":
        start, end = campaign_months(campaign)
        return start, end, f"不在行动“{campaign.name}”期间"
    if rule == "year":
        year = values.get("year")
        if not isinstance(year, int) or isinstance(year, bool):
            return None
        return dt.date(year, 1, 1), dt.date(year, 12, 31), f"不在所填年度（{year}年）内"
    first = _month_of(values.get("month"), campaign.year)
    if first is None:
        return None
    named = f"“{month_label}”（{first.year}年{first.month}月）"
    if rule == "month":
        return first, month_end(first), f"不在{named}内"
    if rule == "month+1":
        following = month_end(first) + ONE_DAY
        return first, month_end(following), f"不在{named}或其下一个月内"
    raise ValueError(f"unknown date rule {rule!r}")


def date_problems(model, values: dict, campaign: Campaign) -> list[tuple[str, str]]:
    """(field name, message) for each date of ``values`` outside where its declaration puts it.

    Reads each date field's ``during`` flag (see models.fields): an event of the campaign lies
    in the campaign's months, a report in its month or the next. The message names the
    allowed range.
    """
    problems = []
    month_field = model._meta.fields.get("month")
    month_label = month_field.verbose_name if month_field is not None else "月份"
    for field in model._meta.sorted_fields:
        rules = flag(field, "during")
        value = values.get(field.name)
        if not rules or not isinstance(value, dt.date):
            continue
        for rule in rules:
            allowed = _allowed(rule, values, campaign, month_label)
            if allowed is None:
                continue
            start, end, what = allowed
            if not start <= value <= end:
                problems.append((field.name, f"{what}，应在{_cn(start)}至{_cn(end)}之间"))
                break
    return problems
