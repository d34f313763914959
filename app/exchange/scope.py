"""What a file may touch: its village's records, and the town's own records only from the town.

Also the name look-ups a hand-filled sheet relies on (a member by name within the village,
a 党小组 by code or name, a task by title), fed both from the database and from the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache

import peewee as pw

import models
from models import BirthdayCeremony
from models import KeyPerson
from models import KeyTask
from models import Meeting
from models import Member
from models import Organisation
from models.db import tuples
from models.schema import filter_by_org
from models.schema import org_path

from .normalize import compact
from .sheets import is_town_level
from .sheets import record_label


def name_key(text: str) -> str:
    """A name as compared: 王 建国, 王建国 and 王建国\u200b are one person; zd01 is ZD01."""
    return compact(text).upper() if text else ""


class Scope:
    """The village a file is about: which UUIDs belong to it, and names inside it.

    Rows may refer to the village's own records and to those of the organisations above it
    (a village member attended the town's training); only a town-sent package may write the
    latter, and then without their ID numbers and phones.
    """

    VILLAGE, TOWN = "village", "town"

    def __init__(self, village: Organisation | None, village_uuid: str, town_sender: bool):
        self.village_uuid = village_uuid
        self.town_sender = town_sender
        self.org_ids = _subtree_ids(village) if village is not None else []
        self.ancestor_ids = _ancestor_ids(village) if village is not None else []
        self.org_uuids = _uuids_of(self.org_ids)
        self.ancestor_uuids = _uuids_of(self.ancestor_ids)
        if village_uuid:
            self.org_uuids.add(village_uuid)
        self._sets: dict[tuple[type[models.Record], str], set[str]] = {}
        self.names: dict[type[models.Record], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._elsewhere: dict[str, list[tuple[str, str]]] | None = None
        self._load_names()

    def _set(self, model: type[models.Record], where: str) -> set[str]:
        key = (model, where)
        if key not in self._sets:
            ids = self.org_ids if where == self.VILLAGE else self.ancestor_ids
            if model is Organisation:
                uuids = set(self.org_uuids if where == self.VILLAGE else self.ancestor_uuids)
            elif is_town_level(model):
                uuids = {u for (u,) in tuples(model.select(model.uuid))} if where == self.TOWN else set()
            elif ids:
                uuids = {u for (u,) in tuples(filter_by_org(model.select(model.uuid), model, ids))}
            else:
                uuids = set()
            self._sets[key] = uuids
        return self._sets[key]

    def known(self, model: type[models.Record]) -> set[str]:
        """UUIDs of ``model`` a row may refer to (the village's and the town's, database and file)."""
        return self._set(model, self.VILLAGE) | self._set(model, self.TOWN)

    def is_known(self, model: type[models.Record], uuid: str) -> bool:
        return uuid in self._set(model, self.VILLAGE) or uuid in self._set(model, self.TOWN)

    def accept(self, model: type[models.Record], uuid: str, values: dict, where: str) -> None:
        """A file row was accepted: later rows may refer to it, by UUID or by name."""
        self._set(model, where).add(uuid)
        if model is Organisation:
            (self.org_uuids if where == self.VILLAGE else self.ancestor_uuids).add(uuid)
        if where == self.VILLAGE:
            self._add_names(model, uuid, values)

    def where(self, model: type[models.Record], values: dict, uuid: str) -> str | None:
        """VILLAGE or TOWN: whose record a row with these (resolved) values is; None: another village's."""
        if is_town_level(model):
            return self.TOWN
        if model is Organisation:
            if uuid in self.org_uuids or values.get("parent") in self.org_uuids:
                return self.VILLAGE
            return self.TOWN if uuid in self.ancestor_uuids or not values.get("parent") else None
        first = _first_hop(model)
        target = values.get(first.name)
        if target is None:
            return None
        if target in self._set(first.rel_model, self.VILLAGE):
            return self.VILLAGE
        if target in self._set(first.rel_model, self.TOWN):
            return self.TOWN
        return None

    def may_write(self, model: type[models.Record]) -> bool:
        return not is_town_level(model) or self.town_sender

    # -- names ---------------------------------------------------------------------------------
    def _load_names(self) -> None:
        if not self.org_ids:
            return
        for uuid, name in Member.live(Member.uuid, Member.name).where(Member.org.in_(self.org_ids)).tuples():
            self.names[Member][name_key(name)].append(uuid)
        for uuid, code, name, short in (
            Organisation.live(
                Organisation.uuid, Organisation.code, Organisation.name, Organisation.short_name
            )
            .where(Organisation.id.in_(self.org_ids))
            .tuples()
        ):
            for key in {name_key(code), name_key(name), name_key(short)} - {""}:
                self.names[Organisation][key].append(uuid)
        for uuid, title in (
            KeyTask.live(KeyTask.uuid, KeyTask.title).where(KeyTask.org.in_(self.org_ids)).tuples()
        ):
            self.names[KeyTask][name_key(title)].append(uuid)
        for uuid, name in (
            KeyPerson.live(KeyPerson.uuid, KeyPerson.name).where(KeyPerson.org.in_(self.org_ids)).tuples()
        ):
            self.names[KeyPerson][name_key(name)].append(uuid)
        for uuid, day, kind in (
            Meeting.live(Meeting.uuid, Meeting.date, Meeting.kind)
            .where(Meeting.org.in_(self.org_ids))
            .tuples()
        ):
            self.names[Meeting][name_key(record_label(Meeting, {"date": day, "kind": kind}))].append(uuid)
        for uuid, day in (
            BirthdayCeremony.live(BirthdayCeremony.uuid, BirthdayCeremony.date)
            .where(BirthdayCeremony.org.in_(self.org_ids))
            .tuples()
        ):
            self.names[BirthdayCeremony][name_key(record_label(BirthdayCeremony, {"date": day}))].append(uuid)

    def _add_names(self, model: type[models.Record], uuid: str, values: dict) -> None:
        label = record_label(model, values)
        if label and uuid not in self.names[model][name_key(label)]:
            self.names[model][name_key(label)].append(uuid)
        keys = {
            Member: ("name",),
            Organisation: ("code", "name", "short_name"),
            KeyTask: ("title",),
            KeyPerson: ("name",),
        }.get(model, ())
        for key in keys:
            name = name_key(values.get(key) or "")
            if name and uuid not in self.names[model][name]:
                self.names[model][name].append(uuid)

    def elsewhere(self, name: str) -> list[tuple[str, str]]:
        """(organisation name, ID number) of the members named ``name`` in other villages."""
        if self._elsewhere is None:
            self._elsewhere = defaultdict(list)
            query = (
                Member.live(Member.name, Member.id_number, Organisation.name)
                .join(Organisation, on=(Member.org == Organisation.id))
                .where(Member.org.not_in(self.org_ids or [0]))
                .tuples()
            )
            for member, id_number, org in query:
                self._elsewhere[name_key(member)].append((org, id_number or ""))
        return self._elsewhere.get(name_key(name), [])

    def by_name(self, model: type[models.Record], name: str) -> list[str]:
        """UUIDs of the records a clerk may mean by ``name`` (spaces, invisible marks, width ignored;
        a meeting's or ceremony's date in any way a date is written: 2022.5.3 支部党员大会)."""
        found = self.names[model].get(name_key(name), [])
        if not found and model in (Meeting, BirthdayCeremony):
            found = self.names[model].get(name_key(_iso_dated(name)), [])
        return found


_LEADING_DATE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*(.*)$", re.S)


def _iso_dated(name: str) -> str:
    """``2022.5.3 支部党员大会`` → ``2022-05-03 支部党员大会`` (as a meeting names itself)."""
    match = _LEADING_DATE.match(compact(name) if name else "")
    if not match:
        return name
    year, month, day, rest = match.groups()
    try:
        day_text = dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return name
    return f"{day_text} {rest}".strip()


@cache
def _first_hop(model: type[pw.Model]) -> pw.ForeignKeyField:
    return org_path(model)[0]


def _uuids_of(ids: list[int]) -> set[str]:
    if not ids:
        return set()
    return {u for (u,) in tuples(Organisation.select(Organisation.uuid).where(Organisation.id.in_(ids)))}


def _ancestor_ids(org: Organisation) -> list[int]:
    """The organisations above ``org`` (its 党总支, the 镇党委)."""
    ids, parent = [], org.parent_id
    while parent is not None and parent not in ids:
        ids.append(parent)
        parent = Organisation.get_by_id(parent).parent_id
    return ids


def _subtree_ids(org: Organisation) -> list[int]:
    ids, frontier = [org.id], [org.id]
    while frontier:
        frontier = [
            i
            for (i,) in tuples(Organisation.select(Organisation.id).where(Organisation.parent.in_(frontier)))
        ]
        ids.extend(frontier)
    return ids


def uuid_to_id(model: type[models.Record], uuids: set[str]) -> dict[str, int]:
    """Database ids of records of ``model`` with the given UUIDs."""
    found: dict[str, int] = {}
    items = list(uuids)
    for start in range(0, len(items), 5000):
        chunk = items[start : start + 5000]
        found.update(tuples(model.select(model.uuid, model.id).where(model.uuid.in_(chunk))))
    return found
