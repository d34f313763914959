"""Document numbers: per year, one more than the highest ever given, never reused."""

from __future__ import annotations

import datetime as dt

import peewee as pw
import pytest

from app.printing.docnumber import format_doc_no
from app.printing.docnumber import issue_notice
from app.printing.docnumber import next_number
from app.records import delete_record
from models import Campaign
from models import Notice
from models import create_default_campaign


def test_format_has_six_corner_brackets_and_no_leading_zeros():
    assert format_doc_no("红党发", 2022, 5) == "红党发〔2022〕5号"
    assert format_doc_no("红党发", 2022, 12) == "红党发〔2022〕12号"


def test_numbers_count_per_year_and_are_never_reused(db):
    create_default_campaign(doc_prefix="红党发")
    campaign = Campaign.current()
    first = issue_notice(campaign, title="一", date=dt.date(2022, 7, 8))
    second = issue_notice(campaign, title="二", date=dt.date(2022, 10, 9))
    assert (first.number, second.number) == (1, 2)
    assert second.doc_no == "红党发〔2022〕2号"
    delete_record(second)
    third = issue_notice(campaign, title="三", date=dt.date(2022, 11, 1))
    assert third.number == 3  # the deleted notice keeps its number
    assert issue_notice(campaign, title="新年", date=dt.date(2023, 1, 5)).doc_no == "红党发〔2023〕1号"
    assert next_number(2022) == 4 and next_number(2024) == 1


def test_the_table_refuses_a_duplicate_number(db):
    create_default_campaign()
    campaign = Campaign.current()
    issue_notice(campaign, title="一", date=dt.date(2022, 7, 8))
    with pytest.raises(pw.IntegrityError):
        Notice.create(
            campaign=campaign, year=2022, number=1, doc_no="x", title="重号", date=dt.date(2022, 7, 9)
        )


def test_a_number_taken_in_between_is_taken_again(db, monkeypatch):
    import app.printing.docnumber as docnumber

    create_default_campaign()
    campaign = Campaign.current()
    issue_notice(campaign, title="一", date=dt.date(2022, 7, 8))
    answers = iter([1, 2])  # another computer took 1 after it was read here
    monkeypatch.setattr(docnumber, "next_number", lambda _year: next(answers))
    assert issue_notice(campaign, title="二", date=dt.date(2022, 7, 9)).number == 2
