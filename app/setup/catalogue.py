"""Every value the clerk may change in 设置 (and with ``python -m app settings``), checked and audited.

Most are settings declared by the module that uses them (their declared label is the
one-line explanation); the campaign's name, year, 发文机关, 发文字号前缀 and phase dates are
fields of the campaign's own records and are changed through the one write path.
Each change is a line in the 操作日志.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Imported for the settings they declare (a setting is declared by the module that uses it).
import app.campaign_time
import app.points
import app.printing.fonts
import app.rules  # noqa: F401
from app.printing.letterhead import COPY_TO_KEY
from app.printing.letterhead import OFFICE_KEY
from app.printing.letterhead import PLAN_NUMBER_KEY
from app.records import InvalidRecord
from app.records import operator
from app.records import save_record
from app.text import parse_date_text
from models import AuditEntry
from models import Campaign
from models import Organisation
from models import Phase
from models import database
from models import settings
from models.settings import load_local_origin

from .checks import SettingRefused
from .checks import check_doc_number
from .checks import check_like
from .checks import check_special
from .checks import parse_json
from .town import ANSWER_CHECKS

GROUPS = ("乡镇和本机", "发文和版记", "行动和阶段", "规则和积分", "打印字体")
AUDIT_TABLE = "setting"  # the 操作日志 shows it as 设置


@dataclass(frozen=True)
class Entry:
    """One value of 设置: its key, label, one-line explanation, and how it is read and written."""

    key: str
    label: str
    help: str
    group: str
    kind: str  # text, number, date, flag, json
    read: Callable[[], Any]
    parse: Callable[[str], Any]  # the typed text → the value; SettingRefused when unusable
    write: Callable[[Any], None]

    def text(self) -> str:
        """The current value as the page and the CLI show it."""
        return show(self.kind, self.read())


def show(kind: str, value: Any) -> str:
    """A value as text: dates YYYY-MM-DD, flags 是/否, structures as JSON."""
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "flag":
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


# -- reading typed text ----------------------------------------------------------------


def _answer(name: str) -> Callable[[str], Any]:
    """The wizard's own check for a town answer (乡镇名称, 乡镇代码…)."""
    _field, _label, test, reason = next(c for c in ANSWER_CHECKS if c[0] == name)

    def parse(text: str) -> Any:
        value: Any = "".join(text.split())
        value = value.upper() if name == "town_code" else value
        if name == "year":
            value = _integer(value)
        if not test(value):
            raise SettingRefused(reason)
        return value

    return parse


def _integer(text: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise SettingRefused("应为整数") from None


def _plain(limit: int, required: bool = False) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = " ".join(text.split())
        if required and not value:
            raise SettingRefused("不能为空")
        if len(value) > limit:
            raise SettingRefused(f"最多 {limit} 个字，现有 {len(value)} 个")
        return value

    return parse


def _date(text: str) -> dt.date:
    """A date as clerks type it (2022-4-11, 2022.4.11, 2022年4月11日 …)."""
    try:
        day = parse_date_text(text)
    except ValueError as error:
        raise SettingRefused(str(error)) from None
    if day is None:
        raise SettingRefused("请填写日期，如 2022-4-11") from None
    return day


def _flag(text: str) -> bool:
    typed = text.strip().lower()
    if typed in ("是", "true", "1", "yes"):
        return True
    if typed in ("否", "false", "0", "no"):
        return False
    raise SettingRefused("应为 是 或 否")


def _shaped(key: str) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        value = parse_json(text)
        check_like(settings.declared()[key], value)
        check_special(key, value)
        return value

    return parse


def _local_unit(text: str) -> str:
    code = "".join(text.split()).upper()
    org = Organisation.live().where(Organisation.code == code).first()
    if org is None or org.kind not in ("镇党委", "村党支部", "社区党支部", "党总支"):
        raise SettingRefused("应为镇党委或本村（社区）党支部的组织代码（见“基础信息 → 党组织”）")
    return code


# -- writing -----------------------------------------------------------------------------


def _put(key: str, label: str) -> Callable[[Any], None]:
    def write(value: Any) -> None:
        before = settings.get(key)
        settings.put(key, value)
        _audit_setting(key, label, before, value)

    return write


def _audit_setting(key: str, label: str, before: Any, after: Any) -> None:
    kind = "json" if isinstance(after, dict | list) else "text"
    AuditEntry.create(
        operator=operator(),
        action="修改",
        table=AUDIT_TABLE,
        record_uuid=key[:36],
        summary=f"设置：{label}"[:200],
        changes=json.dumps({label: [show(kind, before), show(kind, after)]}, ensure_ascii=False),
    )


def _campaign_field(name: str) -> Callable[[Any], None]:
    def write(value: Any) -> None:
        save_record(Campaign, {name: value}, Campaign.current())

    return write


def _town_code(value: str) -> None:
    old = settings.get("town_code") or ""
    if value == old:
        return
    if Organisation.branches().exists():
        raise SettingRefused("已有村（社区）党组织，乡镇代码不能再改（各村代码、记录的录入单位都以它开头）")
    town = Organisation.town()
    if town is not None:
        save_record(Organisation, {"code": value}, town)
    if settings.get("local_org_code") in ("", old):
        _put("local_org_code", "本机单位")(value)
    _put("town_code", "乡镇代码")(value)


def _campaign_year(value: int) -> None:
    """A later campaign: the year and every phase move together (same months and days)."""
    campaign = Campaign.current()
    if value == campaign.year:
        return
    for phase in campaign.phases():
        save_record(Phase, {"start": _in_year(phase.start, value), "end": _in_year(phase.end, value)}, phase)
    save_record(
        Campaign,
        {"year": value, "start": _in_year(campaign.start, value), "end": _in_year(campaign.end, value)},
        campaign,
    )


def _in_year(day: dt.date, year: int) -> dt.date:
    return (
        day.replace(year=year, day=min(day.day, 28))
        if (day.month, day.day) == (2, 29)
        else day.replace(year=year)
    )


def _phase_date(order: int, end: bool) -> Callable[[Any], None]:
    def write(value: dt.date) -> None:
        campaign = Campaign.current()
        phases = campaign.phases()
        phase = phases[order]
        start, finish = (phase.start, value) if end else (value, phase.end)
        if finish < start:
            raise SettingRefused(f"{phase.name}的结束日期不能早于开始日期（{start.isoformat()}）")
        if order > 0 and start <= phases[order - 1].end:
            raise SettingRefused(
                f"应晚于上一阶段“{phases[order - 1].name}”的结束日期 {phases[order - 1].end.isoformat()}"
            )
        if order + 1 < len(phases) and finish >= phases[order + 1].start:
            raise SettingRefused(
                f"应早于下一阶段“{phases[order + 1].name}”的开始日期 {phases[order + 1].start.isoformat()}"
            )
        save_record(Phase, {"start": start, "end": finish}, phase)  # ``phases`` sees the new dates
        # The campaign runs from its first phase's start to its last phase's end.
        save_record(Campaign, {"start": phases[0].start, "end": phases[-1].end}, campaign)

    return write


def note_operator() -> None:
    """Remember ``WUZHUA_OPERATOR`` as the operator, so that the command line's changes name who made them."""
    name = os.environ.get("WUZHUA_OPERATOR", "").strip()
    if name and name != settings.get("operator"):
        settings.put("operator", name[:40])


# -- the catalogue ------------------------------------------------------------------------

_RULE_PREFIXES = ("rules.", "schedule.", "points.")


def entries() -> list[Entry]:
    """Every value of 设置, in the page's order (the phases as the campaign has them)."""
    found = [
        _setting("town_name", "乡镇名称", "乡镇和本机", "text", _answer("town_name")),
        Entry(
            "town_code",
            "乡镇代码",
            settings.label("town_code"),
            "乡镇和本机",
            "text",
            _town_code_now,
            _answer("town_code"),
            _town_code,
        ),
        _setting("local_org_code", "本机单位", "乡镇和本机", "text", _local_unit),
        _setting("operator", "操作人员", "乡镇和本机", "text", _plain(40, required=True)),
    ]
    found += _campaign_entries()
    found += [
        _setting(PLAN_NUMBER_KEY, "行动方案文号", "发文和版记", "text", check_doc_number),
        _setting(OFFICE_KEY, "印发机关", "发文和版记", "text", _plain(30)),
        _setting(COPY_TO_KEY, "抄送", "发文和版记", "text", _plain(120)),
    ]
    for key, default in settings.declared().items():
        if key.startswith(_RULE_PREFIXES):
            kind = "flag" if isinstance(default, bool) else "number" if isinstance(default, int) else "json"
            parse = _flag if kind == "flag" else _shaped(key)
            found.append(_setting(key, key, "规则和积分", kind, parse, title_from_label=True))
    found.append(_setting("printing.fonts", "打印字体", "打印字体", "json", _shaped("printing.fonts")))
    return found


def _town_code_now() -> str:
    town = Organisation.town()
    return settings.get("town_code") or (town.code if town else "")


def _setting(
    key: str, label: str, group: str, kind: str, parse: Callable[[str], Any], title_from_label: bool = False
) -> Entry:
    explanation = settings.label(key)
    if title_from_label:  # a rule's label is its explanation; its title is the part before "："
        label = explanation.split("：")[0].split("（")[0]
    if kind == "number":
        number = _integer

        def parse(text: str) -> Any:
            value = number(text)
            check_like(settings.declared()[key], value)
            return value

    return Entry(key, label, explanation, group, kind, lambda: settings.get(key), parse, _put(key, label))


def _campaign_entries() -> list[Entry]:
    try:
        campaign = Campaign.current()
    except LookupError:
        return []  # nothing to change before the town is set up
    found = [
        _field_entry("campaign.issuer", "issuer", "发文机关", "发文和版记", _answer("issuer")),
        _field_entry(
            "campaign.doc_prefix", "doc_prefix", "发文字号前缀", "发文和版记", _answer("doc_prefix")
        ),
        _field_entry("campaign.name", "name", "行动名称", "行动和阶段", _plain(40, required=True)),
        Entry(
            "campaign.year",
            "行动年度",
            "行动的年度；改年度时各阶段日期随之移到新的一年（月、日不变）",
            "行动和阶段",
            "number",
            lambda: Campaign.current().year,
            _answer("year"),
            _campaign_year,
        ),
    ]
    for order, phase in enumerate(campaign.phases()):
        for end, word in ((False, "开始"), (True, "结束")):
            found.append(
                Entry(
                    f"phase{order + 1}.{'end' if end else 'start'}",
                    f"{phase.name}{word}日期",
                    f"第{order + 1}阶段“{phase.name}”的{word}日期（如 2022-4-11），与前后阶段不重叠",
                    "行动和阶段",
                    "date",
                    _phase_reader(order, end),
                    _date,
                    _phase_date(order, end),
                )
            )
    return found


def _field_entry(key: str, name: str, label: str, group: str, parse: Callable[[str], Any]) -> Entry:
    field = Campaign._meta.fields[name]
    explanation = f"{label}（{field.help_text}）" if field.help_text else label
    return Entry(
        key,
        label,
        explanation,
        group,
        "text",
        lambda: getattr(Campaign.current(), name),
        parse,
        _campaign_field(name),
    )


def _phase_reader(order: int, end: bool) -> Callable[[], dt.date]:
    def read() -> dt.date:
        phase = Campaign.current().phases()[order]
        return phase.end if end else phase.start

    return read


def entry(key: str) -> Entry:
    """The entry of ``key``; SettingRefused naming the keys there are when it is unknown."""
    for found in entries():
        if found.key == key:
            return found
    raise SettingRefused(f"没有“{key}”这一项设置（python -m app settings 列出全部）")


def change(values: dict[str, str]) -> list[Entry]:
    """Change several values at once (key → typed text); all or none, each change audited.

    Raises SettingRefused “label：reason” for the first value refused; nothing is written then.
    Returns the entries whose value changed.
    """
    changed: list[Entry] = []
    try:
        return _change(values, changed)
    finally:
        load_local_origin()  # 本机单位 as stored, also when a refused change was rolled back


def _change(values: dict[str, str], changed: list[Entry]) -> list[Entry]:
    with database.atomic() as transaction:
        for key, text in values.items():
            found = entry(key)
            try:
                value = found.parse(text)
                if show(found.kind, value) != found.text():
                    found.write(value)
                    changed.append(found)
            except SettingRefused as refused:
                transaction.rollback()
                raise SettingRefused(f"{found.label}：{refused}") from None
            except InvalidRecord as invalid:
                transaction.rollback()
                raise SettingRefused(f"{found.label}：{invalid}") from None
    return changed
