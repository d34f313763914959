"""Several clerks on one database: no lost update, imports one at a time (both engines)."""

from __future__ import annotations

import os
import threading
import time

import pytest

from app.records import RecordChanged
from app.records import save_record
from app.records import set_operator
from models import AuditEntry
from models import Organisation
from models import database
from models.db import write_transaction


@pytest.fixture
def branch(db):
    set_operator("李娟")
    record = save_record(Organisation, {"code": "GZ01", "name": "马家湾村党支部", "kind": "村党支部"})
    yield record
    set_operator("")


def test_the_second_save_of_a_record_is_told_who_changed_it_when_and_both_values(branch):
    mine = Organisation.get_by_id(branch.id)  # the second clerk's form, read before the first saved
    theirs = Organisation.get_by_id(branch.id)
    set_operator("王磊")
    save_record(Organisation, {"secretary": "张建国"}, theirs)
    set_operator("李娟")
    with pytest.raises(RecordChanged) as told:
        save_record(Organisation, {"secretary": "赵志强"}, mine)
    clash = told.value
    assert clash.who == "王磊"
    assert clash.when == Organisation.get_by_id(branch.id).updated_at
    assert clash.differences == [("书记", "张建国", "赵志强")]
    assert "王磊" in str(clash) and "张建国" in str(clash) and "赵志强" in str(clash)
    # nothing lost: the first save stands, the refused one wrote nothing (no audit entry either)
    assert Organisation.get_by_id(branch.id).secretary == "张建国"
    assert AuditEntry.select().where(AuditEntry.operator == "李娟", AuditEntry.action == "修改").count() == 0
    assert mine.secretary == "" or mine.secretary is None


def test_the_second_clerk_may_keep_their_value_after_seeing_the_clash(branch):
    mine = Organisation.get_by_id(branch.id)
    theirs = Organisation.get_by_id(branch.id)
    save_record(Organisation, {"secretary": "张建国"}, theirs)
    with pytest.raises(RecordChanged) as told:
        save_record(Organisation, {"secretary": "赵志强"}, mine)
    mine.updated_at = told.value.their_stamp  # 用我的内容覆盖
    save_record(Organisation, {"secretary": "赵志强"}, mine)
    assert Organisation.get_by_id(branch.id).secretary == "赵志强"


def test_changes_to_different_fields_of_one_record_both_stay(branch):
    mine = Organisation.get_by_id(branch.id)
    theirs = Organisation.get_by_id(branch.id)
    save_record(Organisation, {"secretary": "张建国"}, theirs)
    save_record(Organisation, {"address": "马家湾村村委会"}, mine)  # no clash: another field
    stored = Organisation.get_by_id(branch.id)
    assert (stored.secretary, stored.address) == ("张建国", "马家湾村村委会")


def test_writing_transactions_run_one_after_the_other(db):
    """Two imports at once: the second begins writing only when the first has committed."""
    spans: dict[str, tuple[float, float]] = {}
    entered = threading.Event()

    def work(name: str, hold: float) -> None:
        with database.connection_context(), write_transaction():
            start = time.perf_counter()
            entered.set()
            Organisation.create(code=f"GZ0{len(name)}", name=name, kind="村党支部", uuid=name, origin="GZ")
            time.sleep(hold)
            spans[name] = (start, time.perf_counter())

    first = threading.Thread(target=work, args=("一", 0.6))
    first.start()
    assert entered.wait(10)
    second = threading.Thread(target=work, args=("二二", 0.0))
    second.start()
    first.join(20)
    second.join(20)
    assert set(spans) == {"一", "二二"}
    assert spans["二二"][0] >= spans["一"][1] - 0.01
    assert Organisation.select().count() == 2


@pytest.mark.skipif(not os.environ.get("WUZHUA_TEST_POSTGRES"), reason="只在数据库服务器上：其他电脑的连接")
def test_the_other_programs_connected_to_the_server_database_are_named(db, db_location):
    import psycopg

    from app.storage.sessions import describe_others
    from app.storage.sessions import other_clerks
    from models.server import server_url

    url = server_url(db_location)
    params = url.connect_params()
    params["application_name"] = "wuzhua/dangjianban-pc/4242"
    with psycopg.connect(dbname=url.dbname, **params):
        clerks = other_clerks()
        assert [c.computer for c in clerks] == ["dangjianban-pc"]
        assert "dangjianban-pc" in describe_others(clerks)
    assert other_clerks() == []
    assert describe_others([]) == "其他电脑：无"
