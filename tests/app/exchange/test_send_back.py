"""审核退回: the town sends back a village's record; it is corrected there and comes back as 再次报送."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from exchange_helpers import use
from exchange_helpers import village_computer

from app.cli import main
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from app.exchange.receipt import write_receipt
from app.exchange.record_state import state_of
from app.exchange.review import SendBackRefused
from app.exchange.review import accept_resubmission
from app.exchange.review import send_back_record
from app.records import save_record
from models import ACCEPTED
from models import RESUBMITTED
from models import SENT_BACK
from models import Campaign
from models import Deed
from models import Member
from models import Notice
from models import Organisation
from models import SendBack
from models import close_database


def test_a_record_sent_back_is_corrected_and_comes_back_as_a_resubmission(
    town, db_location, tmp_path, capsys
):
    town_path = db_location
    village_computer(town_path, tmp_path / "village.sqlite3", tmp_path)
    deed = Deed.create(member=Member.get(name="张伟"), date=dt.date(2022, 6, 1), kind="其他", title="修路")
    assert state_of(deed, False, "ZD01") == "未报送"
    export_package(Organisation.get(code="ZD01"), tmp_path / "包1.xlsx")
    assert state_of(Deed.get(), False, "ZD01") == "已报送"

    use(town_path)
    apply_plan(plan_import(tmp_path / "包1.xlsx"))
    at_town = Deed.get(title="修路")
    with pytest.raises(SendBackRefused, match="退回原因"):
        send_back_record(at_town, "  ")
    mark = send_back_record(at_town, "佐证不足", dt.date(2022, 6, 10))
    assert mark.org.code == "ZD01" and mark.state == SENT_BACK
    assert state_of(at_town, True, "ZD") == "被退回（佐证不足）"
    with pytest.raises(SendBackRefused, match="已经退回"):
        send_back_record(at_town, "又一次")
    export_package(town["v1"], tmp_path / "下发1.xlsx")

    use(tmp_path / "village.sqlite3")
    apply_plan(plan_import(tmp_path / "下发1.xlsx"))
    deed = Deed.get(title="修路")
    assert state_of(deed, False, "ZD01") == "被退回（佐证不足）"
    deed = save_record(Deed, {"result": "修路300米，附村民签字的验收单"}, deed)
    assert state_of(deed, False, "ZD01") == "未报送"
    export_package(Organisation.get(code="ZD01"), tmp_path / "包2.xlsx")
    assert state_of(Deed.get(), False, "ZD01") == "已报送"

    close_database()
    assert main(["import-package", str(tmp_path / "包2.xlsx"), "--db", str(town_path), "--dry-run"]) == 0
    assert "再次报送：办实事第2行：再次报送（2022-06-10因“佐证不足”退回）" in capsys.readouterr().out
    use(town_path)
    plan = plan_import(tmp_path / "包2.xlsx")
    (row,) = plan.resubmissions()
    assert row.note.startswith("再次报送（2022-06-10因“佐证不足”退回）")
    result = apply_plan(plan)
    assert result.resubmitted == 1
    receipt = write_receipt(plan, result.outcome, tmp_path / "回执.xlsx")
    back = [row for row in openpyxl.load_workbook(receipt)["退回修改"].iter_rows(values_only=True) if row[0]]
    assert back[-1][0] == "办实事第2行" and back[-1][3].startswith("再次报送")
    mark = SendBack.get()
    assert mark.state == RESUBMITTED and mark.resubmitted == dt.date.today()
    assert state_of(Deed.get(title="修路"), True, "ZD") == RESUBMITTED
    assert Deed.select().where(Deed.title == "修路").count() == 1  # nothing doubled, nothing deleted
    accept_resubmission(mark)
    assert state_of(Deed.get(title="修路"), True, "ZD") == ""
    export_package(town["v1"], tmp_path / "下发2.xlsx")

    use(tmp_path / "village.sqlite3")
    said = apply_plan(plan_import(tmp_path / "下发2.xlsx")).messages
    assert len(said) == 1 and said[0].startswith("镇党委回执（") and "再次报送：办实事第2行" in said[0]
    assert SendBack.get().state == ACCEPTED
    assert state_of(Deed.get(title="修路"), False, "ZD01") == "镇里已接收"


def test_only_a_villages_own_record_can_be_sent_back(town):
    notice = Notice.create(
        campaign=Campaign.current(), doc_no="某党发〔2022〕1号", title="通报", date=dt.date(2022, 7, 1)
    )
    with pytest.raises(SendBackRefused, match="通报不是村里报送的"):
        send_back_record(notice, "不对")
    with pytest.raises(SendBackRefused, match="无处退回"):
        send_back_record(town["town"], "不对")
    assert SendBack.select().count() == 0


def test_send_back_from_the_command_line_and_refused_at_a_village(town, db_location, tmp_path, capsys):
    town_path = db_location
    village_computer(town_path, tmp_path / "village.sqlite3", tmp_path)
    Deed.create(member=Member.get(name="张伟"), date=dt.date(2022, 6, 1), kind="其他", title="修路")
    export_package(Organisation.get(code="ZD01"), tmp_path / "包1.xlsx")
    close_database()
    village_db = str(tmp_path / "village.sqlite3")
    use(town_path)
    apply_plan(plan_import(tmp_path / "包1.xlsx"))
    uuid = Deed.get(title="修路").uuid
    close_database()
    db = ["--db", str(town_path)]
    assert main(["send-back", *db, "--record", uuid[:8], "--reason", "佐证不足", "--date", "2022-06-10"]) == 0
    assert "已退回红星村党支部的办实事" in capsys.readouterr().out
    assert main(["send-back", *db, "--json"]) == 0
    (said,) = json.loads(capsys.readouterr().out)["send_backs"]
    assert said == {
        "village": "ZD01",
        "record": uuid,
        "type": "办实事",
        "summary": "2022-06-01 其他",
        "date": "2022-06-10",
        "reason": "佐证不足",
        "state": "被退回",
        "resubmitted": None,
    }
    assert main(["send-back", *db, "--record", "00000000", "--reason", "x"]) == 1
    assert "没有标识为“00000000”" in capsys.readouterr().err
    assert main(["send-back", "--db", village_db, "--record", uuid, "--reason", "自己退回"]) == 1
    assert "村里不能新增" in capsys.readouterr().err
