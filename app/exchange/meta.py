"""The hidden sheet that says what a workbook is: kind, campaign, village, sender, time.

Files are recognised by this content, never by their name: a clerk renames files freely.
"""

from __future__ import annotations

from dataclasses import asdict
from dataclasses import dataclass

import models
from models import Campaign
from models import Organisation
from models import settings

from .sheets import FORMAT_VERSION

# key → label shown next to it (the sheet is hidden, but a curious clerk may unhide it).
LABELS = {
    "format_version": "文件格式版本",
    "kind": "文件类型",
    "campaign_uuid": "行动标识",
    "campaign_name": "行动名称",
    "org_code": "村（社区）代码",
    "org_name": "村（社区）名称",
    "sender_code": "导出单位代码",
    "sender_is_town": "由镇党委导出",
    "exported_at": "导出时间",
    "package_no": "交换包序号",
}
# Keys a file written before they existed lacks (read as their default).
OPTIONAL = ("package_no",)


@dataclass
class FileInfo:
    """What the hidden sheet of an exchange workbook says."""

    format_version: int
    kind: str
    campaign_uuid: str
    campaign_name: str
    org_code: str
    org_name: str
    sender_code: str
    sender_is_town: bool
    exported_at: str
    package_no: int = 0  # a village's packages are numbered 1, 2, 3… (0: the town's, or a template)

    def rows(self) -> list[tuple[str, object, str]]:
        return [(key, value, LABELS[key]) for key, value in asdict(self).items()]


def this_installation() -> tuple[str, bool]:
    """(code, is the town) of the organisation running this program."""
    town = Organisation.town()
    code = settings.get("local_org_code") or (town.code if town else "")
    return code, town is not None and code == town.code


def describe(kind: str, village: Organisation) -> FileInfo:
    """The file information for a workbook about ``village`` written now by this computer."""
    campaign = Campaign.current()
    sender, is_town = this_installation()
    return FileInfo(
        FORMAT_VERSION,
        kind,
        campaign.uuid,
        campaign.name,
        village.code,
        village.name,
        sender,
        is_town,
        models.now().isoformat(sep=" ", timespec="seconds"),
    )


def parse(rows: list[tuple]) -> FileInfo | None:
    """FileInfo from the (key, value, …) rows of the hidden sheet; None when keys are missing."""
    values = {str(r[0]).strip(): r[1] for r in rows if r and r[0] is not None and len(r) > 1}
    if any(key not in values for key in LABELS if key not in OPTIONAL):
        return None
    try:
        package_no = max(0, int(values.get("package_no") or 0))
    except (TypeError, ValueError):
        package_no = 0
    try:
        version = int(values["format_version"])
    except (TypeError, ValueError):
        return None
    text = {key: "" if values.get(key) is None else str(values[key]).strip() for key in LABELS}
    return FileInfo(
        version,
        text["kind"],
        text["campaign_uuid"],
        text["campaign_name"],
        text["org_code"],
        text["org_name"],
        text["sender_code"],
        text["sender_is_town"] in ("1", "True", "TRUE", "是"),
        text["exported_at"],
        package_no,
    )
