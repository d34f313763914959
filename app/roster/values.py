"""A roster's values as offices write them, turned into the member record's own choices.

大学本科 is 本科, 中专 is 高中/中专, 预备 is 预备党员, 1990.05 and 199005 are May 1990; each
function returns the model's value or raises :class:`BadValue` saying what would do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from app.exchange import normalize as nz
from app.exchange.normalize import BadValue
from models.org import EDUCATION
from models.org import GENDERS
from models.org import MEMBER_STATUS

_EDUCATION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("研究生", ("研究生", "硕士", "博士", "硕士研究生", "博士研究生")),
    ("本科", ("本科", "大学本科", "大学", "大本", "学士")),
    ("大专", ("大专", "大学专科", "专科", "高职", "高等专科")),
    ("高中/中专", ("高中", "中专", "中技", "技校", "职高", "中等专科", "普通高中", "高中中专")),
    ("初中", ("初中", "初级中学")),
    ("小学及以下", ("小学", "小学及以下", "文盲", "半文盲", "扫盲", "无", "不识字")),
)
_STATUS_WORDS = {"正式党员": "正式党员", "正式": "正式党员", "预备党员": "预备党员", "预备": "预备党员"}
_GENDER_WORDS = {"男": "男", "女": "女", "男性": "男", "女性": "女"}
_MONTH = re.compile(r"^(\d{4})\s*[年./\-]?\s*(\d{1,2})\s*月?$")
_SIX_DIGITS = re.compile(r"^(\d{4})(\d{2})$")


def to_education(value: Any) -> str:
    """学历 / 文化程度: 大学本科 → 本科, 中专 → 高中/中专, 初中 → 初中 …"""
    text = nz.compact(value).replace("毕业", "").replace("文化", "").replace("学历", "")
    text = text.replace("（", "(").split("(")[0]  # 本科(函授) is 本科
    if text in EDUCATION:
        return text
    for choice, words in _EDUCATION_WORDS:
        if text in words:
            return choice
    raise BadValue("学历，如 " + "、".join(EDUCATION) + "（也可写大学本科、中专、大学专科等）")


def to_status(value: Any) -> str:
    """人员类别: 正式党员 / 预备党员 (also 正式 / 预备)."""
    text = nz.compact(value)
    if text in _STATUS_WORDS:
        return _STATUS_WORDS[text]
    raise BadValue("以下之一：" + "、".join(MEMBER_STATUS))


def to_gender(value: Any) -> str:
    """性别: 男 / 女."""
    text = nz.compact(value)
    if text in _GENDER_WORDS:
        return _GENDER_WORDS[text]
    raise BadValue("以下之一：" + "、".join(GENDERS))


def to_post_status(value: Any) -> str:
    """是否有职: 是 / 否, 有职 / 无职."""
    text = nz.compact(value)
    if text in ("有职", "无职"):
        return text
    try:
        return "有职" if nz.to_bool(text) else "无职"
    except BadValue:
        raise BadValue("“是”或“否”（或“有职”“无职”）") from None


def to_roster_date(value: Any, epoch: dt.datetime) -> tuple[dt.date, bool]:
    """A date as rosters write it, and whether only the month was given.

    Full dates in every written form and Excel serials (see :func:`normalize.to_date`), and
    the year-and-month forms of 出生年月 and 入党时间: 1990.05, 1990年5月, 1990-05, 199005.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and _SIX_DIGITS.match(str(int(number))):
            return _month(*_SIX_DIGITS.match(str(int(number))).groups())  # type: ignore[union-attr]
        if not number.is_integer() and 1900 <= number < 2100:
            # 1990.05 typed into a number cell: Excel keeps 1990.05 (and 1990.1 for October)
            year, month = f"{number:.2f}".split(".")
            return _month(year, month)
        return nz.to_date(value, epoch), False
    text = nz.compact(value)
    match = _MONTH.match(text) or _SIX_DIGITS.match(text)
    if match and not re.match(r"^\d{4}[年./\-]\d{1,2}[月./\-]\d", text):
        return _month(*match.groups())
    try:
        return nz.to_date(value, epoch), False
    except BadValue:
        raise BadValue("日期，如 1990-05-01、1990.5.1、1990年5月1日，或年月 1990.05、199005") from None


def _month(year: str, month: str) -> tuple[dt.date, bool]:
    if not 1 <= int(month) <= 12 or not 1900 <= int(year) <= 2100:
        raise BadValue("年月，如 1990.05 或 199005（月份应在1到12之间）")
    return dt.date(int(year), int(month), 1), True


def converters(epoch: dt.datetime) -> dict[str, Callable[[Any], Any]]:
    """For each roster field, the function turning a cell into the member's value."""
    text = nz.single_line

    def as_text(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return text(value)

    return {
        "name": lambda v: nz.compact(v),
        "gender": to_gender,
        "ethnicity": lambda v: nz.compact(v),
        "birth_date": lambda v: to_roster_date(v, epoch),
        "id_number": nz.to_id_number,
        "education": to_education,
        "join_date": lambda v: to_roster_date(v, epoch),
        "full_date": lambda v: to_roster_date(v, epoch),
        "status": to_status,
        "org": as_text,
        "group": as_text,
        "post_status": to_post_status,
        "post_title": as_text,
        "phone": nz.to_phone,
        "address": as_text,
        "note": nz.paragraph,
    }
