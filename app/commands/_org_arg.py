"""``--org``: an organisation named as clerks name it: its code (GZ01), its name or its short name."""

from __future__ import annotations

from app.cli import Refused
from models import Organisation


def org_named(text: str) -> Organisation:
    """The one organisation ``text`` names; refused, in Chinese, when none or several."""
    found = Organisation.matching(text)
    if len(found) == 1:
        return found[0]
    if not found:
        raise Refused(f"没有代码、名称或简称为“{text}”的党组织（见“基础信息 → 党组织”）。")
    both = "、".join(f"{o.name}（{o.code}）" for o in found)
    raise Refused(f"“{text}”可指{both}，请写组织代码。")


def org_and_groups(text: str) -> list[int]:
    """The ids of the organisation ``text`` names and of its 党小组 (its children)."""
    org = org_named(text)
    return [org.id, *[c.id for c in Organisation.live().where(Organisation.parent == org)]]
