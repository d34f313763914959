"""A new town from zero (``init`` and the 新建乡镇 wizard): what it needs on its first day.

The campaign of the chosen year with its three phases (dated as in the plan), the default
100-point scorecard, the 镇党委 and the settings the documents use. The demo town is made
the same way, then filled with a year of records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict
from dataclasses import dataclass
from typing import Any

from app.inspection.scorecard import create_default_template
from app.printing.letterhead import COPY_TO_KEY
from app.printing.letterhead import OFFICE_KEY
from app.printing.letterhead import PLAN_NUMBER_KEY
from app.records import save_record
from models import Campaign
from models import Organisation
from models import create_default_campaign
from models import database
from models import settings

_CODE = re.compile(r"^[A-Z]{2,6}$")
_CHINESE = re.compile(r"^[\u4e00-\u9fff]+$")


class SetupRefused(ValueError):
    """The answers cannot be used, or the database already holds a town; said in Chinese."""


@dataclass(frozen=True)
class TownAnswers:
    """The wizard's answers (and ``init``'s options)."""

    town_name: str  # 柳湾镇
    town_code: str  # LW: the 镇党委's code; villages get LW01, LW02…
    issuer: str  # 发文机关: 中共柳湾镇委员会
    doc_prefix: str  # 发文字号前缀: 柳党发
    office: str  # 印发机关: 党政办公室 (the town's name is put in front)
    year: int = 2022

    def cleaned(self) -> TownAnswers:
        """The answers with spaces dropped and the code in capitals (as a clerk types them)."""
        return TownAnswers(
            town_name=_squeeze(self.town_name),
            town_code=_squeeze(self.town_code).upper(),
            issuer=_squeeze(self.issuer),
            doc_prefix=_squeeze(self.doc_prefix),
            office=_squeeze(self.office),
            year=int(self.year),
        )

    @property
    def imprint_office(self) -> str:
        """“柳湾镇党政办公室”: the office as the 版记 names it (the town's name in front)."""
        if self.office.startswith((self.town_name, "中共")):
            return self.office
        return f"{self.town_name}{self.office}"


def _squeeze(text: Any) -> str:
    return re.sub(r"\s+", "", str(text or ""))


# One check per answer: (field, Chinese label, test, the one-line reason when it fails).
ANSWER_CHECKS: tuple[tuple[str, str, Callable[[Any], bool], str], ...] = (
    (
        "town_name",
        "乡镇名称",
        lambda v: 2 <= len(v) <= 12 and bool(_CHINESE.match(v)) and v.endswith(("镇", "乡", "街道")),
        "应为 2 到 12 个汉字、以“镇”“乡”或“街道”结尾，如 柳湾镇",
    ),
    (
        "town_code",
        "乡镇代码",
        lambda v: bool(_CODE.match(v)),
        "应为 2 到 6 个英文字母，如 LW（各村代码在其后加两位序号：LW01）",
    ),
    (
        "issuer",
        "发文机关",
        lambda v: 4 <= len(v) <= 40 and ("委员会" in v or "党委" in v),
        "应写镇党委的全称，如 中共柳湾镇委员会",
    ),
    (
        "doc_prefix",
        "发文字号前缀",
        lambda v: 2 <= len(v) <= 8 and bool(_CHINESE.match(v)),
        "应为 2 到 8 个汉字、不含年份和序号，如 柳党发（印出来是 柳党发〔2022〕1号）",
    ),
    ("office", "印发机关", lambda v: 2 <= len(v) <= 30, "应写印发通报的办公室，如 党政办公室"),
    ("year", "行动年度", lambda v: 2000 <= v <= 2100, "应为 2000 到 2100 之间的年份，如 2022"),
)


def validate_answers(answers: TownAnswers) -> list[str]:
    """One Chinese line per refused answer (“乡镇代码“L1”：应为……”); empty when all are usable."""
    problems = []
    values = asdict(answers.cleaned())
    for name, label, test, reason in ANSWER_CHECKS:
        value = values[name]
        if not test(value):
            problems.append(f"{label}“{value}”：{reason}。" if value != "" else f"{label}未填写：{reason}。")
    return problems


def refuse_if_not_empty() -> None:
    """SetupRefused when the database already holds a town or any organisation."""
    town = Organisation.town()
    if town is not None:
        raise SetupRefused(
            f"数据库中已有乡镇“{town.name}”（{town.code}），不能再新建乡镇。请换一个新的数据库文件。"
        )
    if Organisation.select().exists():
        raise SetupRefused("数据库中已有党组织，只能在空数据库中新建乡镇。请换一个新的数据库文件。")


def create_town(
    answers: TownAnswers,
    *,
    make_uuid: Callable[[], str] | None = None,
    town_details: dict[str, Any] | None = None,
    audited: bool = True,
) -> tuple[Campaign, Organisation]:
    """Write a new, empty town into the open database; returns its campaign and its 镇党委.

    ``town_details`` adds values to the 镇党委 (secretary, address…). ``make_uuid`` and
    ``audited`` are for the demo town, whose rows are fixed by its seed; a real town's set-up
    is recorded in the audit log. Raises :class:`SetupRefused` for a refused answer or a
    database that already holds a town; then nothing is written.
    """
    problems = validate_answers(answers)
    if problems:
        raise SetupRefused("".join(problems))
    answers = answers.cleaned()
    refuse_if_not_empty()
    with database.atomic():
        settings.put("town_name", answers.town_name)
        settings.put("town_code", answers.town_code)
        settings.put("local_org_code", answers.town_code)
        settings.put(OFFICE_KEY, answers.imprint_office)
        settings.put(COPY_TO_KEY, "")
        settings.put(PLAN_NUMBER_KEY, "")
        campaign = create_default_campaign(answers.issuer, answers.doc_prefix, answers.year)
        create_default_template(campaign, make_uuid=make_uuid)
        values = {
            "code": answers.town_code,
            "name": answers.issuer,
            "short_name": answers.town_name,
            "kind": "镇党委",
            **(town_details or {}),
        }
        town = save_record(Organisation, values) if audited else Organisation.create(**values)
    return campaign, town
