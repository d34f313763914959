"""Turning what a person typed into a cell into the value they obviously meant.

Hand-filled workbooks are the normal case: full-width digits, stray spaces and line breaks,
dates typed five different ways or stored as serial numbers, numbers stored as text. Each
function here either returns the clean value or raises :class:`BadValue` saying what was
expected, in words a clerk understands.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from openpyxl.utils.datetime import from_excel

from .idcard import id_number_problem


class BadValue(ValueError):
    """A cell whose value cannot be what the person meant; ``expected`` says what would do."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


# Excel's error values: a formula that went wrong. Never data.
ERROR_VALUES = frozenset(
    {"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

# Characters a cell may hold that nobody typed on purpose: controls, zero-width marks, the
# soft hyphen, direction marks, and OOXML's _x000B_ escapes (openpyxl leaves them as text).
_INVISIBLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DIRTY = re.compile(f"[{_INVISIBLE}\n\r\t\u3000\u00a0\u2028\u2029]|  |_x[0-9A-Fa-f]{{4}}_")
_DROP = re.compile(f"[{_INVISIBLE}]")
_SPACES = re.compile(f"[\\s\u3000\u00a0{_INVISIBLE}]+")
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\u2028\u2029\x0b]+[ \t]*")
_DATE = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*(?:[月./\-]\s*(\d{1,2})\s*日?)?\s*月?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_YES = frozenset({"是", "有", "√", "✓", "Y", "YES", "TRUE", "1", "对"})
_NO = frozenset({"否", "无", "×", "✗", "N", "NO", "FALSE", "0", "不是", "错"})


def half_width(text: str) -> str:
    """Full-width digits, letters and spaces as ordinary ones (ＺＤ０１ → ZD01)."""
    return unicodedata.normalize("NFKC", text)


def _decoded(text: str) -> str:
    """Text with OOXML escapes turned back into characters (_x000D_ → a line end)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def compact(value: Any) -> str:
    """A short token (code, number, choice, name) with every kind of space and invisible mark removed."""
    text = value if value.__class__ is str else str(value)
    if text.isascii() and text.isprintable() and " " not in text and "_x" not in text:
        return text  # the common case (UUIDs, codes, plain digits): nothing to normalise
    return _SPACES.sub("", half_width(_decoded(text)))


def person_name(value: Any) -> str:
    """A person's or a place's name as stored and compared: no spaces inside, full width folded."""
    return compact(value)


def single_line(value: Any) -> str:
    """A one-line text: line breaks and runs of spaces inside become one space, ends trimmed."""
    text = value if value.__class__ is str else str(value)
    if not _DIRTY.search(text):
        return text.strip()
    text = _decoded(text)
    text = text.replace("\u3000", " ").replace("\u00a0", " ").replace("\t", " ")
    text = _LINE_BREAKS.sub(" ", text)
    text = _DROP.sub("", text).strip()
    return re.sub(r" {2,}", " ", text)


def paragraph(value: Any) -> str:
    """A long text: kept as written, only the ends trimmed, line ends unified and invisible marks dropped."""
    text = str(value)
    if _DIRTY.search(text):
        text = _decoded(text).replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
        text = _DROP.sub("", text)
    return text.strip().strip("\u3000")


def is_blank(value: Any) -> bool:
    """An empty cell, or one holding only spaces and invisible marks."""
    if value is None:
        return True
    if value.__class__ is not str:
        return False
    return not value.strip(" \t\r\n\u3000\u00a0\u200b\ufeff") or not _SPACES.sub("", _decoded(value))


def to_date(value: Any, epoch: dt.datetime, *, month_only: bool = False) -> dt.date:
    """A date from a date cell, an Excel serial number or text like 2022.5.1 or 2022年5月1日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, epoch)
    text = compact(value)
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        year, month, day = match.group(1), match.group(2), match.group(3)
        if day is None and not month_only:
            raise BadValue("完整的日期，如 2022-05-01（缺少“日”）")
        try:
            return dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            raise BadValue(f"真实存在的日期（{year}年{int(month)}月没有{day}日）") from None
    if _NUMBER.match(text):
        return _serial(float(text), epoch)
    raise BadValue("日期，如 2022-05-01、2022.5.1 或 2022年5月1日")


def _serial(number: float, epoch: dt.datetime) -> dt.date:
    # 1 (1900-01-01) … 73050 (2099-12-31); anything else is a number, not a date.
    if not 1 <= number <= 73050:
        raise BadValue("日期，如 2022-05-01（这个数字不像日期）")
    return from_excel(number, epoch).date()


def to_number(value: Any, *, whole: bool) -> int | float:
    """A number from a number cell or from digits stored as text (１２、12.0、1,200)."""
    if isinstance(value, bool):
        raise BadValue("数字")
    if isinstance(value, int | float):
        number = value
    else:
        text = compact(value).replace(",", "").replace("，", "")
        if not _NUMBER.match(text):
            raise BadValue("整数" if whole else "数字")
        number = float(text)
    if whole:
        if not float(number).is_integer():
            raise BadValue("整数")
        return int(number)
    return float(number)


def to_bool(value: Any) -> bool:
    """是/否 (also √/×, Y/N, 1/0, TRUE/FALSE)."""
    if isinstance(value, bool):
        return value
    text = compact(value).upper()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadValue("“是”或“否”")


def to_choice(value: Any, choices: list[str]) -> str:
    """One of the declared choices, ignoring spaces and full-width letters."""
    text = compact(value)
    if text in choices:
        return text
    for choice in choices:
        if compact(choice) == text:
            return choice
    raise BadValue("以下之一：" + "、".join(choices))


def to_id_number(value: Any) -> str:
    """An 18-digit ID number; refuses the forms Excel leaves after treating it as a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = f"{value:.15g}" if isinstance(value, float) else str(value)
        raise BadValue(
            f"文本格式的18位身份证号（现为数字 {shown}，后几位可能已丢失；请把单元格设为文本后重新输入）"
        )
    text = compact(value).upper()
    problem = id_number_problem(text)
    if problem:
        raise BadValue(problem)
    return text


def to_phone(value: Any) -> str:
    """A phone number as digits (with an optional area-code dash)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = compact(value).replace("－", "-")
    if not re.fullmatch(r"[\d\-+]{5,20}", text):
        raise BadValue("电话号码（数字，如 13912345678 或 0931-1234567）")
    return text


def to_timestamp(value: Any) -> dt.datetime:
    """A system time column (修改时间): written by the program as ISO text."""
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise BadValue("程序写入的时间，如 2022-05-01 08:30:00（请勿修改该列）") from None
