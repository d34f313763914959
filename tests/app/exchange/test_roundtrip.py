"""Village → town → village: every record arrives once, with its values; imports are idempotent."""

from __future__ import annotations

import datetime as dt

from exchange_helpers import dump
from exchange_helpers import use
from exchange_helpers import village_computer

from app.exchange import CONFLICT
from app.exchange import TAKE_FILE
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from models import AuditEntry
from models import Campaign as CampaignModel
from models import Deed
from models import ImportLog
from models import KeyTask
from models import Meeting
from models import Member
from models import Organisation


def test_full_round_trip(db_location, town, tmp_path):
    town_path = db_location
    village_path = tmp_path / "village.sqlite3"
    village_computer(town_path, village_path, tmp_path)
    assert Member.select().count() == 3  # only this village's members came
    assert Member.get(name="王建国").id_number  # its own ID numbers travel to it
    assert Organisation.get(code="ZD").secretary_phone == ""  # the town's phone does not

    # The village works: new records, one member changed.
    wang = Member.get(name="王建国")
    v1 = Organisation.get(code="ZD01")
    Deed.create(member=wang, date=dt.date(2022, 5, 3), kind="帮办代办", title="代办医保认证", result="已办好")
    Meeting.create(
        org=v1, kind="支委会", date=dt.date(2022, 5, 6), topic="=研究五月工作", content="第一行\n第二行"
    )
    wang.phone = "13800000001"
    wang.save()
    export_package(v1, tmp_path / "to_town.xlsx")
    village_before = dump()

    # The town imports it.
    use(town_path)
    plan = plan_import(tmp_path / "to_town.xlsx")
    totals = plan.totals()
    assert totals["新增"] == 2 and totals["修改"] == 1 and totals["拒绝"] == 0 and totals["冲突"] == 0
    apply_plan(plan)
    assert Deed.get(title="代办医保认证").member.name == "王建国"
    assert Meeting.get().topic == "=研究五月工作" and Meeting.get().content == "第一行\n第二行"
    assert Member.get(name="王建国").phone == "13800000001"
    assert AuditEntry.select().where(AuditEntry.action == "导入").count() == 3
    log = ImportLog.select().order_by(ImportLog.id.desc()).first()
    assert log.outcome == "已导入" and log.org_code == "ZD01" and len(log.file_hash) == 64

    # The town changes a deed and issues a task; the village imports the town's package.
    deed = Deed.get(title="代办医保认证")
    deed.verified = True
    deed.save()
    KeyTask.create(
        campaign=CampaignModel.get(),
        title="村级活动场所规范化建设",
        track="抓落实",
        org=Organisation.get(code="ZD01"),
        owner="王建国",
        start=dt.date(2022, 5, 1),
        deadline=dt.date(2022, 9, 30),
    )
    export_package(Organisation.get(code="ZD01"), tmp_path / "to_village.xlsx")
    town_records = dump()
    use(village_path)
    plan = plan_import(tmp_path / "to_village.xlsx")
    assert plan.totals()["新增"] == 1 and plan.totals()["修改"] == 1 and plan.totals()["冲突"] == 0
    apply_plan(plan)
    village_after = dump()
    assert Deed.get(title="代办医保认证").verified is True
    assert KeyTask.get().title == "村级活动场所规范化建设"
    # Both sides now hold identical copies of every record of the village.
    for name, rows in village_after.items():
        if name == "Member":
            assert rows == [
                r for r in town_records[name] if dict(r)["org"] == Organisation.get(code="ZD01").uuid
            ]
        elif name not in ("Organisation",):
            assert rows == town_records[name], name
    assert len(village_after["Deed"]) == len(village_before["Deed"])


def test_importing_the_same_package_ten_times_changes_nothing(db_location, town, tmp_path):
    town_path, village_path = db_location, tmp_path / "village.sqlite3"
    village_computer(town_path, village_path, tmp_path)
    Deed.create(member=Member.get(name="张伟"), date=dt.date(2022, 6, 1), kind="其他", title="修水渠")
    export_package(Organisation.get(code="ZD01"), tmp_path / "p.xlsx")
    use(town_path)
    apply_plan(plan_import(tmp_path / "p.xlsx"))
    first = dump()
    audits = AuditEntry.select().count()
    for _ in range(10):
        plan = plan_import(tmp_path / "p.xlsx")
        assert plan.totals()["新增"] == 0 and plan.totals()["修改"] == 0
        apply_plan(plan)
    assert dump() == first
    assert AuditEntry.select().count() == audits
    assert ImportLog.select().count() == 11


def _both_sides_change(town_path, village_path, tmp_path) -> str:
    village_computer(town_path, village_path, tmp_path)
    member = Member.get(name="李秀英")
    member.post_title = "支部委员"
    member.save()
    export_package(Organisation.get(code="ZD01"), tmp_path / "v.xlsx")
    use(town_path)
    member = Member.get(name="李秀英")
    member.post_title = "村监委会主任"
    member.save()
    return member.uuid


def test_a_record_changed_on_both_sides_is_a_conflict_and_local_is_kept(db_location, town, tmp_path):
    uuid = _both_sides_change(db_location, tmp_path / "village.sqlite3", tmp_path)
    plan = plan_import(tmp_path / "v.xlsx")
    conflict = [r for r in plan.rows if r.uuid == uuid]
    assert [r.status for r in conflict] == [CONFLICT] and "两边都改过" in conflict[0].note
    # the conflict names the field and both values
    assert "本机“村监委会主任”，文件“支部委员”" in conflict[0].note
    assert plan.totals()["冲突"] == 1
    apply_plan(plan)  # default: keep what the town has
    assert Member.get(name="李秀英").post_title == "村监委会主任"
    # The decision is remembered: the same file does not ask again nor overwrite.
    again = plan_import(tmp_path / "v.xlsx")
    assert again.conflicts() == []
    apply_plan(again)
    assert Member.get(name="李秀英").post_title == "村监委会主任"


def test_a_conflict_can_be_settled_in_favour_of_the_file(db_location, town, tmp_path):
    uuid = _both_sides_change(db_location, tmp_path / "village.sqlite3", tmp_path)
    plan = plan_import(tmp_path / "v.xlsx")
    result = apply_plan(plan, conflicts={uuid: TAKE_FILE})
    assert result.conflicts_taken == 1
    assert Member.get(name="李秀英").post_title == "支部委员"
    assert plan_import(tmp_path / "v.xlsx").conflicts() == []


def test_a_deletion_travels_and_town_records_stay_the_towns(db_location, town, tmp_path):
    town_path, village_path = db_location, tmp_path / "village.sqlite3"
    use(town_path)
    deed = Deed.create(
        member=Member.get(name="张伟"), date=dt.date(2022, 6, 1), kind="其他", title="录错的一条"
    )
    village_computer(town_path, village_path, tmp_path)
    from app.records import delete_record

    delete_record(Deed.get(uuid=deed.uuid))
    campaign = CampaignModel.get()
    campaign.name = "村里改掉的行动名称"
    campaign.save()
    export_package(Organisation.get(code="ZD01"), tmp_path / "v.xlsx")
    use(town_path)
    plan = plan_import(tmp_path / "v.xlsx")
    assert "行动" not in plan.counts()  # a village's package does not carry the town's records
    apply_plan(plan)
    assert Deed.get(uuid=deed.uuid).deleted is True
    assert Deed.live().count() == 0
    assert CampaignModel.get().name == "五抓五提升行动"
