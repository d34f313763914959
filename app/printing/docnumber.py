"""Document numbers (发文字号) such as “×党发〔2022〕5号”: counted per year, never reused.

The next number of a year is one more than the highest ever given that year, deleted
notices included, so a number withdrawn by mistake is never handed out again. The
Notice table's unique (year, number) index guards against two clerks taking the same
number at once; on a clash the number is taken again.
"""

from __future__ import annotations

import datetime as dt

import peewee as pw

from app.records import RecordClash
from app.records import save_record
from models import Campaign
from models import Notice
from models import database


def format_doc_no(prefix: str, year: int, number: int) -> str:
    """“×党发〔2022〕5号”: six-corner brackets, the number without leading zeros (GB/T 9704)."""
    return f"{prefix}〔{year}〕{int(number)}号"


def next_number(year: int) -> int:
    """The number the next document of ``year`` gets (deleted documents still hold theirs)."""
    highest = Notice.select(pw.fn.MAX(Notice.number)).where(Notice.year == year).scalar()
    return int(highest or 0) + 1


def issue_notice(
    campaign: Campaign,
    *,
    title: str,
    date: dt.date,
    body: str = "",
    kind: str = "督查排名通报",
    quarter: str = "",
    ranking: str = "",
) -> Notice:
    """Create a notice with the next free number of ``date``'s year (audited).

    ``ranking``: the ranking it announces as issued (ranking.snapshot), kept with it.
    """
    for _attempt in range(5):
        number = next_number(date.year)
        values = {
            "campaign": campaign,
            "kind": kind,
            "year": date.year,
            "number": number,
            "doc_no": format_doc_no(campaign.doc_prefix or "", date.year, number),
            "title": title,
            "date": date,
            "quarter": quarter,
            "body": body,
            "ranking": ranking,
        }
        try:
            with database.atomic():
                return save_record(Notice, values)
        except (pw.IntegrityError, RecordClash):
            continue  # another computer took this number in between: take the next one
    raise RuntimeError("无法分配发文字号，请稍后重试。")
