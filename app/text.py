"""Chinese text helpers shared by the window, exchange files and printing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def pinyin_key(text: str) -> str:
    """A sort key that orders Chinese names by pinyin (张 after 李, 长安 as chang2 an1)."""
    if not text:
        return ""
    # imported on first use: loading pypinyin's dictionaries takes longer than the rest of
    # the program's start-up together
    from pypinyin import Style  # noqa: PLC0415 (start-up: pypinyin loads its dictionaries, about a second)
    from pypinyin import lazy_pinyin  # noqa: PLC0415 (start-up: pypinyin loads its dictionaries, about a second)

    # Characters without pinyin (letters, digits) are kept one by one. pypinyin documents a
    # list as a valid answer of ``errors``; its type hints allow only a string.
    keep = lambda s: list(s.lower())  # noqa: E731
    return " ".join(lazy_pinyin(text, style=Style.TONE3, errors=keep))  # type: ignore[arg-type]


def sort_by_pinyin(items, key=lambda x: str(x)):
    """``items`` sorted by the pinyin of ``key(item)``."""
    return sorted(items, key=lambda item: pinyin_key(key(item)))


def cn_date(day) -> str:
    """2022年4月15日: Arabic numerals, no leading zeros (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def score_text(score: float) -> str:
    """A score as every document writes it: at most two decimals, no trailing zeros (88.09, 59, 54.9)."""
    return f"{round(score, 2):g}"


_DATE_SEPARATED = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date_text(text: str) -> dt.date | None:
    """A date as clerks type it: 2022-5-1, 2022.5.1, 2022/5/1, 20220501, 2022年5月1日 (also in
    full-width digits). None for an empty text; ValueError with a Chinese reason otherwise."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if not cleaned:
        return None
    match = _DATE_SEPARATED.match(cleaned) or _DATE_DIGITS.match(cleaned)
    if not match:
        raise ValueError(f"“{text.strip()}”不是日期，请写成 2022-5-1、2022.5.1 或 2022年5月1日")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"没有 {year}年{month}月{day}日 这一天") from None


@lru_cache(maxsize=65536)
def pinyin_forms(text: str) -> tuple[str, str]:
    """The initials and the full pinyin of ``text``, lower case, no spaces or tones.

    张小明 → ("zxm", "zhangxiaoming"); letters and digits are kept as they are.
    """
    if not text:
        return "", ""
    from pypinyin import Style  # noqa: PLC0415 (start-up: pypinyin loads its dictionaries, about a second)
    from pypinyin import lazy_pinyin  # noqa: PLC0415 (start-up: pypinyin loads its dictionaries, about a second)

    keep = lambda s: list(s.lower())  # noqa: E731
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors=keep))  # type: ignore[arg-type]
    full = "".join(lazy_pinyin(text, style=Style.NORMAL, errors=keep))  # type: ignore[arg-type]
    return initials.lower(), full.lower()


_PINYIN_QUERY = re.compile(r"^[A-Za-z]+$")


def is_pinyin_query(query: str) -> bool:
    """Whether a search text could be pinyin (only Latin letters, as typed for zxm or zhangxm)."""
    return bool(_PINYIN_QUERY.match(query.strip()))


def matches_text(text: str, query: str) -> bool:
    """Whether ``query`` finds ``text``: as characters, or as pinyin initials or full pinyin.

    “zxm”, “zhangxiaoming” and “小明” all find 张小明; case does not matter.
    """
    query = query.strip()
    if not query:
        return True
    if not text:
        return False
    if query.lower() in text.lower():
        return True
    if not is_pinyin_query(query):
        return False
    initials, full = pinyin_forms(text)
    wanted = query.lower()
    return wanted in initials or wanted in full


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters and full-width forms take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: object, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` terminal columns (``align`` "<" left, ">" right)."""
    text = str(text)
    spaces = " " * max(0, width - display_width(text))
    return text + spaces if align == "<" else spaces + text
