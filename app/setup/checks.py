"""Checking a changed setting: the same shape as its declared default, plus a few rules of its own.

A setting such as the points scheme is a small JSON structure; what the clerk types must
keep its shape (the same items, numbers where numbers are), so that no rule ever meets a
value it cannot read. The reason is one Chinese line naming the item.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

PERIODS = ("月", "季度", "年")
FONT_ROLES = ("fangsong", "heiti", "kaiti", "songti", "biaosong")
_DOC_NO = re.compile(r"^[\u4e00-\u9fff]{2,8}〔(\d{4})〕([1-9]\d{0,3})号$")


class SettingRefused(ValueError):
    """A value the setting cannot take; the message says why in one Chinese line."""


def parse_json(text: str) -> Any:
    """The value typed as JSON (Chinese punctuation typed by an IME accepted)."""
    typed = text.strip().translate(str.maketrans("，：“”［］｛｝", ',:""[]{}'))
    try:
        return json.loads(typed)
    except ValueError:
        raise SettingRefused('写法不对：应与默认值的格式相同（JSON，如 {"base": 60}）') from None


def check_like(default: Any, value: Any, where: str = "") -> None:
    """SettingRefused unless ``value`` has the shape of ``default`` (numbers ≥ 0 unless negative by default)."""
    at = f"“{where}”" if where else "值"
    if default is None:
        if value is not None and not _number(value):
            raise SettingRefused(f"{at}应为数字，或 null（不限）")
    elif isinstance(default, bool):
        if not isinstance(value, bool):
            raise SettingRefused(f"{at}应为 true 或 false")
    elif isinstance(default, int | float):
        if not _number(value) or (isinstance(default, int) and not float(value).is_integer()):
            raise SettingRefused(f"{at}应为{'整数' if isinstance(default, int) else '数字'}")
        if value < 0 <= default:
            raise SettingRefused(f"{at}不能小于 0")
    elif isinstance(default, str):
        if not isinstance(value, str):
            raise SettingRefused(f"{at}应为文字")
    elif isinstance(default, list):
        _check_list(default, value, where, at)
    elif isinstance(default, dict):
        if not isinstance(value, dict):
            raise SettingRefused(f"{at}应为 {{项: 值}} 的形式")
        if default and set(value) != set(default):
            missing, extra = sorted(set(default) - set(value)), sorted(set(value) - set(default))
            said = (f"缺少 {'、'.join(missing)}" if missing else "") + (
                f"{'；' if missing else ''}没有 {'、'.join(extra)} 这一项" if extra else ""
            )
            raise SettingRefused(f"{at}{said}（应有：{'、'.join(default)}）")
        for key, item in value.items():
            if key in default:  # an empty default (fonts) leaves the items to check_special
                check_like(default[key], item, f"{where}.{key}" if where else key)


def _check_list(default: list, value: Any, where: str, at: str) -> None:
    if not isinstance(value, list):
        raise SettingRefused(f"{at}应为 [ … ] 形式的列表")
    uniform = len(default) > 2 and len({type(d) for d in default}) == 1
    if not uniform and len(value) != len(default):
        raise SettingRefused(f"{at}应有 {len(default)} 个值")
    for n, item in enumerate(value):
        check_like(default[0] if uniform else default[n], item, f"{where}[{n + 1}]")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_special(key: str, value: Any) -> None:
    """The rules a setting has beyond its shape (a period is 月/季度/年; a share is at most 1…)."""
    if key == "rules.meeting_frequency":
        for kind, (period, times) in value.items():
            if period not in PERIODS:
                raise SettingRefused(f"“{kind}”的周期应为 {'、'.join(PERIODS)} 之一，收到“{period}”")
            if times < 1:
                raise SettingRefused(f"“{kind}”每{period}至少 1 次")
    elif key == "rules.excellent_share_max":
        top, bottom = value
        if bottom < 1 or top > bottom:
            raise SettingRefused("比例应为 [分子, 分母]，分母至少为 1，分子不大于分母，如 [1, 3]")
    elif key == "rules.attendance" and not 0 <= value["min_share"] <= 1:
        raise SettingRefused("“min_share”是比例，应在 0 到 1 之间，如 0.6")
    elif key == "printing.fonts":
        for role, file in value.items():
            if role not in FONT_ROLES:
                raise SettingRefused(f"没有“{role}”这种用途（可用：{'、'.join(FONT_ROLES)}）")
            if not isinstance(file, str) or not Path(file.split("#")[0]).is_file():
                raise SettingRefused(f"“{role}”的字体文件“{file}”不存在")


def check_doc_number(text: str) -> str:
    """“柳党发〔2022〕3号” (brackets as typed normalised to 〔〕); SettingRefused when not a number."""
    typed = re.sub(r"\s+", "", text).translate(str.maketrans("[]【】［］（）()", "〔〕〔〕〔〕〔〕〔〕"))
    if typed and not _DOC_NO.match(typed):
        raise SettingRefused("发文字号应写成 前缀〔年份〕序号号，如 柳党发〔2022〕3号")
    return typed
