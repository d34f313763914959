"""Resolving references, checking scope and values, and comparing each row with the database."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

import peewee as pw

import models
from app.campaign_time import date_problems
from models import SENT_BACK
from models import Campaign
from models import Organisation
from models.authority import TOWN
from models.authority import owner
from models.authority import partly_village
from models.authority import refusal
from models.authority import town_fields
from models.fields import flag
from models.fields import is_required
from models.schema import format_value
from models.schema import one_per_key
from models.schema import user_fields
from models.schema import validate_values

from .cells import IncomingRow
from .checksum import CHECKSUM
from .identity import KeyIndex
from .identity import key_labels
from .identity import key_of
from .marks import agreed
from .meta import this_installation
from .preview import CHANGED
from .preview import CONFLICT
from .preview import NEW
from .preview import REFUSED
from .preview import UNCHANGED
from .preview import ImportPlan
from .preview import PlannedRow
from .problems import Problem
from .problems import shown
from .review import open_send_backs
from .scope import Scope
from .sheets import KIND_PACKAGE
from .sheets import is_town_level
from .sheets import layout
from .sheets import package_models
from .sheets import scoping_field
from .template import example_values

_NS = uuidlib.UUID("9b0f6c52-6a5e-4a35-9d0e-5a2f8e1c7b31")  # hand-filled rows get stable UUIDs


class Planner:
    """Resolves references, checks scope and values, and compares with the database."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        info = plan.info
        self.package = info.kind == KIND_PACKAGE
        village = Organisation.get_or_none(Organisation.code == info.org_code)
        self.village_uuid = village.uuid if village else ""
        # A template comes back filled in by the village, whoever printed it: village rights only.
        # The town's rights also need the sender to be this database's town (when it has one).
        # The sender written in the hidden sheet is not trusted by itself: the town receives
        # only villages' files (its own documents it sends, never takes back), so at the town
        # a file about one village is that village's file, whatever its 文件信息 claims.
        town = Organisation.town()
        _local, local_is_town = this_installation()
        from_town = (
            info.sender_is_town
            and (town is None or town.code == info.sender_code)
            and self.package
            and not local_is_town
        )
        self.scope = Scope(village, self.village_uuid, from_town)
        self.marks = agreed(info.org_code)
        self.id_to_uuid: dict[type, dict[int, str]] = {}
        self.keys = KeyIndex(self.scope.org_ids, self._as_uuids)
        self.elsewhere_names: dict[str, list[str]] = {}
        self.campaign = Campaign.live().order_by(Campaign.year.desc(), Campaign.id.desc()).first()

    def run(self, by_model: dict[type, list[IncomingRow]]) -> None:
        self._run(by_model)
        for orgs, names in self.elsewhere_names.items():
            self.plan.notes.append(
                f"这些名字是{orgs}的党员：{'、'.join(dict.fromkeys(names))}（没有作为本村新党员加入）"
            )

    def _run(self, by_model: dict[type, list[IncomingRow]]) -> None:
        if not self.village_uuid:
            self.village_uuid = self._village_from_file(by_model.get(Organisation, []))
            self.scope.org_uuids.add(self.village_uuid)
            self.scope.village_uuid = self.village_uuid
        for model in package_models():
            rows = by_model.get(model)
            if rows:
                self.plan.rows.extend(self._plan_model(model, rows))
        if not self.scope.town_sender:
            self._note_resubmissions()

    def _note_resubmissions(self) -> None:
        """A record the town sent back, corrected and sent again: 再次报送 (see app.exchange.review)."""
        changed = {p.uuid: p for p in self.plan.rows if p.status in (CHANGED, CONFLICT)}
        for uuid, mark in open_send_backs(changed).items():
            if mark.state == SENT_BACK:
                p = changed[uuid]
                again = f"再次报送（{mark.date.isoformat()}因“{mark.reason}”退回）"
                p.note = f"{again}；{p.note}" if p.note else again
                p.resubmitted = True

    def _village_from_file(self, rows: list[IncomingRow]) -> str:
        for row in rows:
            if row.values.get("code") == self.plan.info.org_code and row.uuid:
                return row.uuid
        return ""

    def _plan_model(self, model: type[models.Record], rows: list[IncomingRow]) -> list[PlannedRow]:
        sheet = layout(model, KIND_PACKAGE)
        present = {c.field_name for c in sheet.columns if c.kind not in ("system",)}
        example = example_values(model) if not self.package else None
        planned = [PlannedRow(r) for r in rows if not (r.example and _same_as_example(r, example))]
        seen: dict[str, tuple[str, int]] = {}
        if any(isinstance(f, pw.ForeignKeyField) and f.rel_model is model for f in model._meta.sorted_fields):
            # a row may refer to an earlier row of the same sheet (a 党小组 to its village)
            for p in planned:
                self._resolve(model, p)
                self._classify(model, p, _existing(model, {p.uuid}), seen, present)
            return planned
        for p in planned:
            self._resolve(model, p)
        existing = _existing(model, {p.uuid for p in planned if p.uuid})
        self._match_by_key(model, planned, existing)
        for p in planned:
            self._classify(model, p, existing, seen, present)
        return planned

    def _resolve(self, model: type[models.Record], p: PlannedRow) -> None:
        row, values = p.incoming, dict(p.incoming.values)
        for f in model._meta.sorted_fields:
            if not isinstance(f, pw.ForeignKeyField) or f.name in ("id",):
                continue
            target = row.ref_uuids.get(f.name)
            name = values.pop(f.name, None)
            if target is None and name:
                matches = self.scope.by_name(f.rel_model, name)
                if len(matches) > 1 and row.uuid:
                    # a pre-filled row names the record it is: two 党小组会 on one day are told
                    # apart by what that record refers to now, when the name still fits it
                    stored = self._stored_reference(model, row.uuid, f)
                    matches = [stored] if stored in matches else matches
                if len(matches) == 1:
                    target = matches[0]
                else:
                    why = (
                        "本村（社区）的名单中没有这个名字" + self._elsewhere_hint(f.rel_model, name)
                        if not matches
                        else f"本村有{len(matches)}个同名，请在“标识”列注明"
                    )
                    self._problem(row, f, name, f"{f.rel_model._meta.verbose_name}的名字（{why}）")
                    continue
            if target is None and not self.package and f.name == _scope_name(model):
                target = self.village_uuid
            if target is not None and not self.scope.is_known(f.rel_model, target):
                self._problem(
                    row,
                    f,
                    name or target,
                    f"本村（社区）已有的{f.rel_model._meta.verbose_name}（找不到或属于其他村）",
                )
                continue
            if target is not None or f.name in row.letters or f.name in row.ref_uuids:
                values[f.name] = target
        p.values = values
        p.uuid = row.uuid or self._natural_uuid(model, values) or ""
        if not p.uuid:
            p.uuid, p.by_content = self._content_uuid(model, values), True
            if model is models.Member:
                self._member_of_another_village(p)

    def _elsewhere_hint(self, model, name: str) -> str:
        if model is not models.Member:
            return ""
        orgs = sorted({org for org, _id in self.scope.elsewhere(name)})
        return f"；这个名字是{'、'.join(orgs)}的党员" if orgs else ""

    def _member_of_another_village(self, p: PlannedRow) -> None:
        """A new name in this village's roster that is a member elsewhere: shown, never added in silence.

        With an ID number that differs from theirs it is another person of the same name.
        """
        name = p.values.get("name") or ""
        found = self.scope.elsewhere(name) if name else []
        given = p.values.get("id_number") or ""
        if not found or (given and all(id_number != given for _org, id_number in found)):
            return
        orgs = "、".join(sorted({org for org, _id in found}))
        self.elsewhere_names.setdefault(orgs, []).append(name)
        same = any(given and id_number == given for _org, id_number in found)
        why = (
            f"这个人（身份证号相同）是{orgs}的党员，不能作为本村新党员再登记一次；党员转入请由镇里办理组织关系转接"
            if same
            else f"这个名字是{orgs}的党员，不能作为本村的新党员加入。如果是同名的另一个人，请填写其身份证号；"
            "如果是转入本村的党员，请由镇里办理组织关系转接"
        )
        f = models.Member._meta.fields["name"]
        self._problem(p.incoming, f, name, why)

    def _stored_reference(self, model: type[models.Record], uuid: str, f: pw.ForeignKeyField) -> str | None:
        """The UUID of what the stored record ``uuid`` of ``model`` refers to in ``f``."""
        stored = model.select(f).where(model.uuid == uuid).tuples().first()
        if stored is None or stored[0] is None:
            return None
        return self._uuid_of(f.rel_model, stored[0])

    def _match_by_key(self, model, planned: list[PlannedRow], existing: dict[str, dict]) -> None:
        """Rows without identity that name a stored event (same natural key) become that record."""
        firsts: dict[tuple, int] = {}
        matched: set[str] = set()
        for p in planned:
            if not p.by_content or p.uuid in existing or p.incoming.problems:
                continue
            key = key_of(model, p.values)
            found = self.keys.matches(model, p.values)
            if len(found) == 1:
                p.content_uuid, p.uuid, p.duplicate_of, p.by_content = p.uuid, found[0], found[0], False
                matched.add(found[0])
            elif key is not None and one_per_key(model):
                # two new rows for one 月调度 in the same file: one of them is a mistake
                if key in firsts:
                    self._row_problem(
                        p.incoming,
                        f"与第{firsts[key]}行是同一条记录（{key_labels(model)}相同），请合并为一行",
                    )
                firsts.setdefault(key, p.incoming.row)
        if matched:
            existing.update(_existing(model, matched))

    def _natural_uuid(self, model: type[models.Record], values: dict) -> str | None:
        key = {models.Member: "name", Organisation: "code"}.get(model)
        if key and values.get(key):
            matches = self.scope.by_name(model, values[key])
            if len(matches) == 1:
                return matches[0]
        return None

    def _content_uuid(self, model: type[models.Record], values: dict) -> str:
        text = "|".join(f"{k}={values[k]}" for k in sorted(values))
        seed = f"{self.plan.info.campaign_uuid}|{self.plan.info.org_code}|{model._meta.table_name}|{text}"
        return str(uuidlib.uuid5(_NS, seed))

    def _problem(self, row: IncomingRow, f: pw.Field, value: Any, expected: str) -> None:
        letter = row.letters.get(f.name) or row.header_letters.get(f.name, "")
        row.problems.append(
            Problem(self.plan.path.name, row.sheet, row.row, letter, f.verbose_name, shown(value), expected)
        )

    def _classify(
        self, model, p: PlannedRow, existing: dict, seen: dict[str, tuple[str, int]], present: set[str]
    ) -> None:
        row = p.incoming
        if p.uuid in seen:
            same = (
                "是同一条记录（标识重复）"
                if row.uuid
                else f"是同一条记录（{key_labels(model)}相同）"
                if p.duplicate_of
                else "完全相同（重复填写）"
            )
            row.problems.append(
                Problem(
                    self.plan.path.name,
                    row.sheet,
                    row.row,
                    "",
                    "",
                    "",
                    f"与{_where(row, *seen[p.uuid])}{same}，请删除重复的行",
                )
            )
        seen.setdefault(p.uuid, (row.sheet, row.row))
        current = existing.get(p.uuid)
        where: str | None = None
        if current is None:
            self._missing_cells(model, p)
        if row.problems:
            pass  # a row already refused for its cells: no need to add scope complaints
        elif current is not None and not self.scope.is_known(model, p.uuid):
            self._row_problem(row, "这条记录属于其他村（社区），不能由本文件修改")
        else:
            where = self.scope.where(model, p.values, p.uuid)
            if is_town_level(model):
                where = self.scope.TOWN
            if where is None:
                self._row_problem(row, f"这条记录不属于 {self.plan.info.org_name}，不能由本文件写入")
            elif where == self.scope.TOWN:
                # the town's own records travel without ID numbers and phones: keep ours
                for f in model._meta.sorted_fields:
                    if flag(f, "sensitive"):
                        p.values.pop(f.name, None)
                        present = present - {f.name}
        if self.package:
            for name in present - set(p.values):
                if name in model._meta.fields:
                    f = model._meta.fields[name]
                    p.values[name] = (
                        None
                        if (f.null or isinstance(f, pw.ForeignKeyField))
                        else (f.default if f.default is not None else "")
                    )
        if current is not None:
            p.existing = current
        if current is None and not self.package:
            # a blank cell of a new hand-filled row takes the declared default (办理状态 → 已办结)
            for f in model._meta.sorted_fields:
                if f.name in p.values or f.name in ("uuid", "origin", "deleted"):
                    continue
                if f.default is not None and not callable(f.default):
                    p.values[f.name] = f.default
        merged = {**(self._as_uuids(model, current) if current else {}), **p.values}
        named = {problem.header for problem in row.problems}
        for error in validate_values(model, merged):
            # every problem of the row at once, but each cell only once (its first cause)
            if error.label not in named:
                self._problem(row, model._meta.fields[error.field], merged.get(error.field), error.message)
        self._date_problems(model, p, merged, current)
        if p.duplicate_of and not row.problems and not one_per_key(model):
            p.as_new = self._as_new(model, p)
        if row.problems:
            p.status = REFUSED
            return
        # every branch that leaves ``where`` unset has refused the row just above
        assert where is not None
        self.scope.accept(model, p.uuid, merged, where)
        if current is None:
            p.status = NEW
            self._authority(model, p, where)
            return
        before = self._as_uuids(model, current)
        p.changed_fields = [
            k
            for k, v in p.values.items()
            if before.get(k) != v and not (v in (None, "") and before.get(k) in (None, ""))
        ]
        deleted = row.system.get("deleted")
        if deleted is not None and bool(deleted) != bool(current["deleted"]):
            p.changed_fields.append("deleted")
        if not p.changed_fields:
            p.status = UNCHANGED
            return
        p.status = self._who_changed(p, current)
        self._authority(model, p, where)
        if p.status == REFUSED:
            return
        if p.status == CONFLICT:
            p.note = f"{p.note}：{self._differences(model, p, before)}"
        if p.duplicate_of:
            same = f"与已有记录的{key_labels(model)}相同"
            p.note = (
                f"{same}，是同一条记录再次报送" if p.as_new is None else f"可能与已有记录重复（{same}）"
            ) + (f"；{p.note}" if p.note else "")

    def _date_problems(self, model, p: PlannedRow, merged: dict, current: dict | None) -> None:
        """Event dates outside the campaign (or the row's month) that this file brings: refused.

        A town's package is the town's word and a date already stored was accepted before;
        only new or changed dates from a village's file are checked.
        """
        if self.campaign is None or self.scope.town_sender:
            return
        named = {problem.header for problem in p.incoming.problems}
        for name, message in date_problems(model, merged, self.campaign):
            f = model._meta.fields[name]
            unchanged = current is not None and current.get(name) == merged.get(name)
            if f.verbose_name not in named and not unchanged:
                self._problem(p.incoming, f, merged.get(name), message)

    def _differences(self, model: type[models.Record], p: PlannedRow, before: dict[str, Any]) -> str:
        """What differs, field by field with both values: 整改佐证：本机“…”，文件“…”."""
        parts = []
        for name in p.changed_fields:
            f = model._meta.fields.get(name)
            if f is None:
                continue
            label = "已删除" if name == "deleted" else f.verbose_name
            parts.append(
                f"{label}：本机“{self._shown(f, before.get(name))}”，文件“{self._shown(f, p.values.get(name))}”"
            )
        return "；".join(parts)

    def _shown(self, f: pw.Field, value: Any) -> str:
        if isinstance(f, pw.ForeignKeyField) and value:
            target = f.rel_model.get_or_none(f.rel_model.uuid == value)
            value = str(target) if target is not None else value
        return shown(format_value(f, value), 30)

    def _authority(self, model: type[models.Record], p: PlannedRow, where: str | None) -> None:
        """A village's file may not create or change what the town writes (models.authority).

        A copy of the town's record sent back unchanged is no harm (无变化). In a problem the
        village writes its 整改佐证 and report; a different 整改状态 or 销号 is refused when it
        can only come from the village, and kept as the town has it when the town changed the
        record too (the village's copy is older).
        """
        if self.scope.town_sender or p.status == UNCHANGED:
            return
        if owner(model) != TOWN:
            if where == self.scope.TOWN:  # a record of the town committee itself (its training)
                self._refuse(p, refusal(model, creating=p.status == NEW, of_town=True))
            return
        if p.status == NEW:
            self._refuse(p, refusal(model, creating=True))
            return
        if not partly_village(model):
            self._refuse(p, refusal(model, creating=False))
            return
        theirs = [n for n in p.changed_fields if n in town_fields(model) or n == "deleted"]
        if not theirs:
            return
        if p.status == CHANGED:
            self._refuse(p, refusal(model, creating=False, fields=[n for n in theirs if n != "deleted"]))
            return
        for name in theirs:  # a conflict: the town's part stays the town's
            p.values.pop(name, None)
        p.changed_fields = [n for n in p.changed_fields if n not in theirs]
        if not p.changed_fields:
            p.status, p.note = UNCHANGED, "文件中是镇党委填写部分的旧版本，保留本机的"

    def _refuse(self, p: PlannedRow, why: str) -> None:
        self._row_problem(p.incoming, why)
        p.status = REFUSED

    def _missing_cells(self, model, p: PlannedRow) -> None:
        """A new row's required cells left empty: 必须填写, before any complaint they would cause."""
        named = {problem.header for problem in p.incoming.problems}
        for f in user_fields(model):
            if not is_required(f) or f.verbose_name in named or (f.default is not None):
                continue
            if p.values.get(f.name) in (None, "") and f.name not in p.incoming.ref_uuids:
                self._problem(p.incoming, f, "", "必须填写")

    def _as_new(self, model, p: PlannedRow) -> dict[str, Any] | None:
        """The row as a record of its own (declared defaults filled), or None if it cannot stand alone."""
        values = dict(p.values)
        for f in model._meta.sorted_fields:
            fillable = f.name not in values and f.name not in ("id", "uuid", "origin", "deleted")
            if fillable and f.default is not None and not callable(f.default):
                values[f.name] = f.default
        return None if validate_values(model, values) else values

    def _who_changed(self, p: PlannedRow, current: dict) -> str:
        remote = p.incoming.system.get("updated_at")
        local, base = current["updated_at"], self.marks.get(p.uuid)
        if remote is None:  # hand-filled
            if p.by_content:
                # the same words as when it was first imported: any difference is an edit here
                p.note = "本机导入后改过，保留本机的"
                return UNCHANGED
            if base is not None and local != base:
                p.note = "上次导入后本机改过，文件中也不同"
                return CONFLICT
            return CHANGED
        edited = p.incoming.edited_in_sheet
        if not edited and remote == local and CHECKSUM not in p.incoming.system:
            # a package without fingerprints (older program): the same version with other
            # words can only have been edited in the spreadsheet
            edited = p.incoming.edited_in_sheet = True
        if edited:
            if remote == local:
                p.note = "文件在表格中改过"
                return CHANGED
            p.note = "文件在表格中改过，本机的记录也改过"
            return CONFLICT
        if base is None:
            if remote > local:
                return CHANGED
            p.note = "本机的记录较新，保留本机的"
            return UNCHANGED
        local_changed, remote_changed = local != base, remote != base
        if remote_changed and not local_changed:
            return CHANGED
        if local_changed and not remote_changed:
            p.note = "文件中是旧版本，保留本机的"
            return UNCHANGED
        p.note = "上次交换后两边都改过"
        return CONFLICT

    def _row_problem(self, row: IncomingRow, why: str) -> None:
        row.problems.append(Problem(self.plan.path.name, row.sheet, row.row, "", "", "", why))

    def _as_uuids(self, model, record: dict) -> dict[str, Any]:
        """A database row with its references as UUIDs, to compare with a file row."""
        out = {}
        for f in model._meta.sorted_fields:
            value = record.get(f.name)
            if isinstance(f, pw.ForeignKeyField) and value is not None:
                value = self._uuid_of(f.rel_model, value)
            out[f.name] = value
        return out

    def _uuid_of(self, model, record_id: int) -> str:
        table = self.id_to_uuid.get(model)
        if table is None:
            table = self.id_to_uuid[model] = dict(model.select(model.id, model.uuid).tuples())
        return table.get(record_id, "")


def _where(row: IncomingRow, sheet: str, number: int) -> str:
    return f"第{number}行" if sheet == row.sheet else f"工作表“{sheet}”第{number}行"


def _scope_name(model) -> str | None:
    f = scoping_field(model)
    return f.name if f is not None else None


def _same_as_example(row: IncomingRow, example: dict | None) -> bool:
    if example is None:
        return False
    return all(row.values.get(k) == v for k, v in example.items()) and set(row.values) <= set(example)


def _existing(model, uuids: set[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    items = list(uuids)
    for start in range(0, len(items), 5000):
        for record in model.select().where(model.uuid.in_(items[start : start + 5000])).dicts():
            found[record["uuid"]] = record
    return found
