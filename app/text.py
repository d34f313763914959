"""Chinese text helpers shared by the window, exchange files and printing."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def pinyin_key(text: str) -> str:
    """A sort key that orders Chinese names by pinyin (张 after 李, 长安 as chang2 an1)."""
    if not text:
        return ""
    # imported on first use: loading pypinyin's dictionaries takes longer than the rest of
    # the program's start-up together
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415 (start-up: pypinyin loads its dictionaries, about a second)

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
