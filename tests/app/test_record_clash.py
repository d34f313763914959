"""A save the database refuses is told in the clerk's words, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from app.records import RecordClash
from app.records import save_record
from models import Organisation


def _town_and_village():
    town = save_record(Organisation, {"code": "ZD", "name": "中共柳湾镇委员会", "kind": "镇党委"})
    save_record(Organisation, {"code": "ZD01", "name": "红崖村党支部", "kind": "村党支部", "parent": town})
    return town


def test_a_code_already_taken_names_the_field(db):
    town = _town_and_village()
    with pytest.raises(RecordClash) as refused:
        save_record(
            Organisation, {"code": "ZD01", "name": "东沟村党支部", "kind": "村党支部", "parent": town}
        )
    [error] = refused.value.errors
    assert (error.field, error.label) == ("code", "组织代码")
    assert error.message == "与已有的记录重复，请换一个"
    assert Organisation.select().where(Organisation.code == "ZD01").count() == 1


def test_a_missing_referred_record_is_told_as_such(db):
    town = _town_and_village()
    with pytest.raises(RecordClash) as refused:
        save_record(
            Organisation,
            {"code": "ZD02", "name": "东沟村党支部", "kind": "村党支部", "parent": town.id + 999},
        )
    [error] = refused.value.errors
    assert error.label == "引用的记录"
    assert "已不存在" in error.message
    assert not Organisation.select().where(Organisation.code == "ZD02").exists()
