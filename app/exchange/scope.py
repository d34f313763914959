"""What a file may touch: its village's records, and the town's own records only from the town.

Also the name look-ups a hand-filled sheet relies on (a member by name within the village,
a 党小组 by code or name, a task by title), fed both from the database and from the file.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import peewee as pw

import models
from models import KeyTask, Member, Organisation
from models.schema import filter_by_org, org_path

from .sheets import is_town_level


class Scope:
    """The village a file is about: which UUIDs belong to it, and names inside it."""

    def __init__(self, village: Organisation | None, village_uuid: str, town_sender: bool):
        self.village_uuid = village_uuid
        self.town_sender = town_sender
        self.org_ids = _subtree_ids(village) if village is not None else []
        self.org_uuids: set[str] = set()
        if self.org_ids:
            self.org_uuids = {
                u
                for (u,) in Organisation.select(Organisation.uuid)
                .where(Organisation.id.in_(self.org_ids))
                .tuples()
            }
        self.org_uuids.add(village_uuid)
        self._known: dict[type, set[str]] = {}
        self.names: dict[type, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._load_names()

    def known(self, model: type[models.Record]) -> set[str]:
        """UUIDs of ``model`` this file may refer to (database records in scope + accepted file rows)."""
        if model not in self._known:
            if model is Organisation:
                uuids = set(self.org_uuids)
                town = Organisation.town()
                if town is not None:
                    uuids.add(town.uuid)
            elif is_town_level(model):
                uuids = {u for (u,) in model.select(model.uuid).tuples()}
            elif self.org_ids:
                query = filter_by_org(model.select(model.uuid), model, self.org_ids)
                uuids = {u for (u,) in query.tuples()}
            else:
                uuids = set()
            self._known[model] = uuids
        return self._known[model]

    def accept(self, model: type[models.Record], uuid: str, values: dict) -> None:
        """A file row was accepted: later rows may refer to it, by UUID or by name."""
        self.known(model).add(uuid)
        if model is Organisation and values.get("parent") in self.org_uuids:
            self.org_uuids.add(uuid)
        self._add_names(model, uuid, values)

    def owned(self, model: type[models.Record], values: dict, uuid: str) -> bool:
        """Whether a row with these (resolved) values belongs to this file's village."""
        if model is Organisation:
            return uuid in self.org_uuids or values.get("parent") in self.org_uuids
        first = _first_hop(model)
        target = values.get(first.name)
        if first.rel_model is Organisation:
            return target in self.org_uuids
        return target in self.known(first.rel_model)

    def may_write(self, model: type[models.Record]) -> bool:
        return not is_town_level(model) or self.town_sender

    # -- names ---------------------------------------------------------------------------------
    def _load_names(self) -> None:
        if not self.org_ids:
            return
        for uuid, name in Member.live(Member.uuid, Member.name).where(Member.org.in_(self.org_ids)).tuples():
            self.names[Member][name].append(uuid)
        for uuid, code, name, short in (
            Organisation.live(
                Organisation.uuid, Organisation.code, Organisation.name, Organisation.short_name
            )
            .where(Organisation.id.in_(self.org_ids))
            .tuples()
        ):
            for key in {code, name, short} - {""}:
                self.names[Organisation][key].append(uuid)
        for uuid, title in (
            KeyTask.live(KeyTask.uuid, KeyTask.title).where(KeyTask.org.in_(self.org_ids)).tuples()
        ):
            self.names[KeyTask][title].append(uuid)

    def _add_names(self, model: type, uuid: str, values: dict) -> None:
        keys = {
            Member: ("name",),
            Organisation: ("code", "name", "short_name"),
            KeyTask: ("title",),
        }.get(model, ())
        for key in keys:
            name = values.get(key)
            if name and uuid not in self.names[model][name]:
                self.names[model][name].append(uuid)

    def by_name(self, model: type, name: str) -> list[str]:
        return self.names[model].get(name, [])


@cache
def _first_hop(model: type[pw.Model]) -> pw.ForeignKeyField:
    return org_path(model)[0]


def _subtree_ids(org: Organisation) -> list[int]:
    ids, frontier = [org.id], [org.id]
    while frontier:
        frontier = [
            i
            for (i,) in Organisation.select(Organisation.id).where(Organisation.parent.in_(frontier)).tuples()
        ]
        ids.extend(frontier)
    return ids


def uuid_to_id(model: type[pw.Model], uuids: set[str]) -> dict[str, int]:
    """Database ids of records of ``model`` with the given UUIDs."""
    found: dict[str, int] = {}
    items = list(uuids)
    for start in range(0, len(items), 5000):
        chunk = items[start : start + 5000]
        found.update(model.select(model.uuid, model.id).where(model.uuid.in_(chunk)).tuples())
    return found
