"""Finding the branch and the 党小组 a roster names, by full name, short name or code."""

from __future__ import annotations

from app.exchange.normalize import compact
from models import Organisation
from models.org import BRANCH_KINDS

_AFFIXES = ("中国共产党", "中共")
_SUFFIXES = ("党支部委员会", "支部委员会", "党总支部委员会", "党总支", "党支部", "支部")


def name_key(text: object) -> str:
    """A branch's name as compared: 中共东沟村党支部, 东沟村党支部 and 东沟村 are one."""
    key = compact(text if text is not None else "")
    for prefix in _AFFIXES:
        key = key.removeprefix(prefix)
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key.removesuffix(suffix)
    return key


class BranchIndex:
    """The live branches and 党小组, looked up by what a clerk writes for them."""

    def __init__(self) -> None:
        self.branches: dict[str, list[Organisation]] = {}
        self.groups: dict[int, list[Organisation]] = {}
        for org in Organisation.live():
            if org.kind in BRANCH_KINDS:
                for key in {name_key(org.name), name_key(org.short_name), compact(org.code).upper()} - {""}:
                    self.branches.setdefault(key, []).append(org)
            elif org.kind == "党小组" and org.parent_id is not None:
                self.groups.setdefault(org.parent_id, []).append(org)

    def branch(self, text: str) -> Organisation | None:
        """The one branch ``text`` names (None when none or several do)."""
        found = self.branches.get(name_key(text)) or self.branches.get(compact(text).upper()) or []
        unique = {org.id: org for org in found}
        return next(iter(unique.values())) if len(unique) == 1 else None

    def branch_in(self, text: str) -> Organisation | None:
        """The one branch whose name a title or sheet name contains (东沟村党员花名册)."""
        key = compact(text)
        found = {org.id: org for k, orgs in self.branches.items() if len(k) >= 2 and k in key for org in orgs}
        return next(iter(found.values())) if len(found) == 1 else None

    def group(self, branch: Organisation, text: str) -> Organisation | None:
        """The 党小组 of ``branch`` that ``text`` names (第一党小组 also for 东沟村第一党小组)."""
        key = compact(text)
        candidates = self.groups.get(branch.id, [])
        for test in (
            lambda g: key in (compact(g.name), compact(g.short_name), compact(g.code).upper()),
            lambda g: compact(g.name).endswith(key) and len(key) >= 2,
        ):
            found = [g for g in candidates if test(g)]
            if len(found) == 1:
                return found[0]
        return None

    def group_names(self, branch: Organisation) -> list[str]:
        return [g.name for g in self.groups.get(branch.id, [])]
