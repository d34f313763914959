"""The columns of a roster as offices head them: 姓名, 公民身份号码, 所在党支部… in their variants.

A 花名册 is made by each office in its own way: a title row above the headers, 身份证号 or
公民身份号码, 所属支部 or 支部名称. Each field is known by the headers offices use; a header
the program does not know can be mapped once (in the window) and is remembered.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.exchange.normalize import compact
from app.exchange.reader import SheetData
from models import settings

# field → the headers that mean it (compared without spaces, marks or brackets)
MEMBER_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "id_number": ("公民身份号码", "身份证号", "身份证号码", "身份证", "居民身份证号码"),
    "education": ("学历", "文化程度", "全日制学历", "最高学历"),
    "join_date": ("入党日期", "入党时间", "入党年月"),
    "full_date": ("转正日期", "转正时间", "转正年月"),
    "status": ("人员类别", "党员类别", "党员类型", "类别"),
    "org": ("所在党支部", "所属支部", "支部名称", "所在支部", "所属党支部", "党支部", "支部"),
    "group": ("党小组", "所在党小组", "所属党小组"),
    "post_status": ("是否有职", "有职无职", "有职/无职"),
    "post_title": ("现任职务", "职务", "党内职务", "担任职务"),
    "phone": ("联系电话", "手机号码", "手机号", "电话", "联系方式"),
    "address": ("家庭住址", "住址", "现居住地", "家庭地址"),
    "note": ("备注",),
}

ORG_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("组织名称", "党组织名称", "名称", "支部名称", "党组织全称", "全称"),
    "short_name": ("简称", "组织简称"),
    "code": ("组织代码", "代码", "编码", "组织编码"),
    "kind": ("组织类别", "类别", "类型", "组织类型"),
    "parent": ("上级组织", "上级党组织", "上级", "所属组织", "隶属"),
    "secretary": ("书记", "书记姓名", "党组织书记"),
}

SKIP = ""  # a remembered choice: this header holds nothing to import (序号…)
ALWAYS_SKIPPED = frozenset({"序号", "编号", "序"})
MAPPING_SETTING = "roster_header_mapping"
settings.declare(MAPPING_SETTING, {}, "花名册中自定义的列名和对应的党员信息（导入时记住的选择）")


def header_text(value: object) -> str:
    """A header as compared: no spaces, no required mark, no brackets or colons."""
    text = compact(value if value is not None else "")
    for mark in ("*", "＊", "：", ":", "(", ")", "（", "）"):
        text = text.replace(mark, "")
    return text


@dataclass
class HeaderRow:
    """Where the headers are and which column holds which field."""

    row: int
    columns: dict[int, str]  # column number → field
    headers: dict[int, str]  # column number → the header as written
    unknown: dict[int, str]  # column number → a header that maps to nothing known


def remembered() -> dict[str, str]:
    """The headers the clerk mapped before: {header: field, or SKIP}."""
    return dict(settings.get(MAPPING_SETTING) or {})


def remember(choices: dict[str, str]) -> None:
    """Keep the clerk's mapping of unknown headers for every later roster (a setting)."""
    mapping = remembered()
    mapping.update({header_text(k): v for k, v in choices.items()})
    settings.put(MAPPING_SETTING, mapping)


def find_header_row(data: SheetData, variants: dict[str, tuple[str, ...]], key: str) -> HeaderRow | None:
    """The row (among the first ten) with the most known headers; it must hold ``key``'s column."""
    known = {header_text(v): name for name, names in variants.items() for v in names}
    if variants is MEMBER_HEADERS:
        known.update({h: f for h, f in remembered().items() if f in variants or f == SKIP})
    best: HeaderRow | None = None
    for row_index, cells in data.rows[:10]:
        columns: dict[int, str] = {}
        headers: dict[int, str] = {}
        unknown: dict[int, str] = {}
        for column, value, _type in cells:
            if not isinstance(value, str) or not value.strip():
                continue
            text = header_text(value)
            headers[column] = value.strip()
            field = known.get(text)
            if field is None:
                if text not in ALWAYS_SKIPPED:
                    unknown[column] = value.strip()
            elif field != SKIP and field not in columns.values():
                columns[column] = field
        if key in columns.values() and (best is None or len(columns) > len(best.columns)):
            best = HeaderRow(row_index, columns, headers, unknown)
    return best
