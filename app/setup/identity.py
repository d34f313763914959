"""Whose database this is: the town's (镇党委) or one village's (its 本机单位)."""

from __future__ import annotations

from dataclasses import dataclass

from models import Organisation
from models import settings

APP_TITLE = "五抓五提升 工作台"


@dataclass(frozen=True)
class Installation:
    """The organisation running this program: the town, or one village and its 党小组."""

    code: str
    name: str
    is_town: bool
    village_ids: tuple[int, ...] = ()  # a village: its branch, then its 党小组

    @property
    def window_title(self) -> str:
        """“五抓五提升 工作台 — 红崖村党支部” on a village's computer; the plain title at the town."""
        return APP_TITLE if self.is_town else f"{APP_TITLE} — {self.name}"


def installation() -> Installation:
    """This database's 本机单位 (setting ``local_org_code``); the town when it names none."""
    town = Organisation.town()
    code = settings.get("local_org_code") or (town.code if town else "")
    if not code or (town is not None and code == town.code):
        return Installation(code, town.name if town else "", True)
    org = Organisation.live().where(Organisation.code == code).first()
    if org is None or org.kind == "镇党委":
        return Installation(code, org.name if org else code, True)
    groups = Organisation.live().where(Organisation.parent == org, Organisation.kind == "党小组")
    return Installation(code, org.name, False, (org.id, *[g.id for g in groups.order_by(Organisation.id)]))
