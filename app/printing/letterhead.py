"""Who the town's documents come from: 印发机关 and 抄送 for the 版记, the plan's own number.

Kept as settings (changed in 设置) rather than in code, so that each town prints its own
office and the plan it cites; left empty, the notice prints as it always did.
"""

from __future__ import annotations

from models import Campaign
from models import settings

OFFICE_KEY = "printing.office"
COPY_TO_KEY = "printing.copy_to"
PLAN_NUMBER_KEY = "campaign.plan_doc_no"
settings.declare(OFFICE_KEY, "", "印发机关（版记左侧，如 柳湾镇党政办公室；留空为“发文机关＋办公室”）")
settings.declare(COPY_TO_KEY, "", "版记的默认抄送机关（如 县委组织部，多个用顿号分开；留空不印抄送行）")
settings.declare(
    PLAN_NUMBER_KEY, "", "行动方案的发文字号（如 柳党发〔2022〕3号），通报引用为依据；留空不引用"
)


def imprint_office(campaign: Campaign) -> str:
    """The 印发机关 of the 版记: the setting, else the issuing body's own office."""
    return (settings.get(OFFICE_KEY) or "").strip() or f"{campaign.issuer}办公室"


def copy_to_line() -> str:
    """“抄送：县委组织部。” for the 版记, or "" when the setting names nobody."""
    names = (settings.get(COPY_TO_KEY) or "").strip().rstrip("。")
    return f"抄送：{names}。" if names else ""


def plan_citation() -> str:
    """The plan as the notice cites it: “《“五抓五提升”行动方案》（柳党发〔2022〕3号）”."""
    number = (settings.get(PLAN_NUMBER_KEY) or "").strip()
    return "《“五抓五提升”行动方案》" + (f"（{number}）" if number else "")
