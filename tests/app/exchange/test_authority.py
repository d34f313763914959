"""The town's authority: what a village may write, enforced at import and on the village's computer."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from exchange_helpers import use
from exchange_helpers import village_computer

from app.delivery.problems import StateRefused
from app.delivery.problems import close_problem
from app.delivery.problems import confirm_rectified
from app.delivery.problems import record_check
from app.delivery.problems import report_rectified
from app.delivery.problems import send_back
from app.delivery.problems import shown_state
from app.exchange import REFUSED
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from app.exchange.receipt import write_receipt
from app.exchange.sheets import template_models
from app.records import TownOwned
from app.records import save_record
from models import Campaign
from models import Deed
from models import Inspection
from models import InspectionScore
from models import Member
from models import Organisation
from models import Problem
from models import ScoreItem
from models import ScoreSection
from models import ScoreTemplate
from models import settings
from models.authority import TOWN
from models.authority import VILLAGE
from models.authority import owner
from models.authority import village_fields


def _scorecard() -> ScoreItem:
    template = ScoreTemplate.create(name="季度督查评分表", year=2022)
    section = ScoreSection.create(template=template, order=1, name="抓品牌")
    return ScoreItem.create(section=section, order=1, name="党建品牌创建", max_points=6.0)


def _problem(village: Organisation) -> Problem:
    return Problem.create(
        org=village,
        source="季督查",
        found=dt.date(2022, 6, 20),
        description="三会一课记录不全",
        responsible="王建国",
        deadline=dt.date(2022, 7, 31),
        state="整改中",
        plan="补齐记录",
    )


def _messages(plan) -> str:
    return "\n".join(str(p) for p in plan.problems())


def test_ownership_is_declared_once_and_read_by_templates():
    assert owner(Inspection) == owner(InspectionScore) == owner(ScoreItem) == owner(Campaign) == TOWN
    assert owner(Deed) == owner(Member) == VILLAGE
    assert set(village_fields(Problem)) == {"plan", "evidence", "proposed", "reported"}
    hand_filled = template_models()
    assert Deed in hand_filled
    assert not [m for m in hand_filled if owner(m) == TOWN]  # a village never hand-fills the town's


def test_a_villages_own_inspection_scorecard_change_and_closing_are_refused_row_by_row(
    db_location, town, tmp_path
):
    town_path, village_path = db_location, tmp_path / "village.sqlite3"
    item = _scorecard()
    problem = _problem(town["v1"])
    village_computer(town_path, village_path, tmp_path)
    # The village's database behaves as if it were the town (its settings say so) and makes
    # its own 季督查 with full marks, raises a scorecard item and closes the town's problem.
    settings.put("local_org_code", "ZD")
    village = Organisation.get(code="ZD01")
    inspection = Inspection.create(
        campaign=Campaign.get(), org=village, kind="季督查", quarter="2022Q2", date=dt.date(2022, 6, 25)
    )
    InspectionScore.create(inspection=inspection, item=ScoreItem.get(uuid=item.uuid), points=6.0)
    ScoreItem.update(max_points=30.0, updated_at=dt.datetime.now()).where(
        ScoreItem.uuid == item.uuid
    ).execute()
    Problem.update(state="已销号", closed=dt.date(2022, 7, 1), updated_at=dt.datetime.now()).where(
        Problem.uuid == problem.uuid
    ).execute()
    Deed.create(member=Member.get(name="王建国"), date=dt.date(2022, 6, 2), kind="其他", title="修便桥")
    export_package(village, tmp_path / "越权.xlsx")

    use(town_path)
    plan = plan_import(tmp_path / "越权.xlsx")
    assert plan.info.sender_is_town  # the hidden sheet claims the town; the content is one village's
    text = _messages(plan)
    assert "工作表“督查检查”第2行：镇党委的督查结果，村里不能新增" in text
    assert "工作表“督查得分”第2行：镇党委的督查结果，村里不能新增" in text
    assert "工作表“评分细则”第2行：镇党委的督查评分表，村里不能修改" in text
    assert "工作表“问题台账”第2行：镇党委的问题台账中的“整改状态、销号日期”由镇党委填写，村里不能修改" in text
    deed = [r for r in plan.rows if r.incoming.model is Deed]
    assert [r.status for r in deed] == ["新增"]
    with pytest.raises(Exception, match="村里不能新增"):
        apply_plan(plan)  # refused rows block the file unless the clerk skips them
    result = apply_plan(plan, skip_refused=True)
    assert result.outcome == "部分导入"
    # the receipt for the village: what was taken, what was refused and why
    book = openpyxl.load_workbook(write_receipt(plan, result.outcome, tmp_path / "回执.xlsx"))
    summary = {row[0]: row for row in book["回执"].iter_rows(min_row=6, values_only=True)}
    assert summary["办实事"][1] == 1  # 新增
    refused = [row for row in book["未接收的行"].iter_rows(min_row=2, values_only=True)]
    assert ("督查检查", 2, None, None, None, "镇党委的督查结果，村里不能新增") in refused
    assert Deed.get(title="修便桥").member.name == "王建国"  # the village's own row went through
    assert Inspection.select().count() == 0 and InspectionScore.select().count() == 0
    assert ScoreItem.get(uuid=item.uuid).max_points == 6.0
    assert Problem.get(uuid=problem.uuid).state == "整改中"


def test_a_village_computer_cannot_write_the_towns_records(db_location, town, tmp_path):
    town_path, village_path = db_location, tmp_path / "village.sqlite3"
    _scorecard()
    _problem(town["v1"])
    village_computer(town_path, village_path, tmp_path)
    village = Organisation.get(code="ZD01")
    with pytest.raises(TownOwned, match="镇党委的督查结果，村里不能新增"):
        save_record(
            Inspection,
            {
                "campaign": Campaign.get(),
                "org": village,
                "kind": "季督查",
                "quarter": "2022Q2",
                "date": dt.date(2022, 6, 1),
            },
        )
    with pytest.raises(TownOwned, match="镇党委的督查评分表，村里不能修改"):
        save_record(ScoreItem, {"max_points": 30.0}, ScoreItem.get())
    problem = Problem.get()
    with pytest.raises(TownOwned, match="整改状态"):
        save_record(Problem, {"state": "已销号"}, problem)
    with pytest.raises(TownOwned, match="回头看，村里不能新增"):
        record_check(problem, "回头看", dt.date(2022, 7, 5), "通过")
    with pytest.raises((TownOwned, StateRefused)):
        close_problem(problem, dt.date(2022, 7, 6))
    # its own fields of the problem it may write
    save_record(Problem, {"evidence": "会议记录本照片 3 张"}, problem)
    assert Problem.get().evidence == "会议记录本照片 3 张"


def test_a_rectification_goes_to_the_town_is_sent_back_and_comes_back(db_location, town, tmp_path):
    town_path, village_path = db_location, tmp_path / "village.sqlite3"
    problem = _problem(town["v1"])
    village_computer(town_path, village_path, tmp_path)
    report_rectified(Problem.get(), dt.date(2022, 7, 10), "补齐了 6 月的支委会记录")
    export_package(Organisation.get(code="ZD01"), tmp_path / "报送1.xlsx")

    use(town_path)
    plan = plan_import(tmp_path / "报送1.xlsx")
    assert not plan.problems()
    apply_plan(plan)
    problem = Problem.get(uuid=problem.uuid)
    assert shown_state(problem) == "待确认" and problem.evidence == "补齐了 6 月的支委会记录"
    with pytest.raises(StateRefused, match="写明退回的原因"):
        send_back(problem, " ")
    send_back(problem, "佐证不足，请附会议记录")
    assert Problem.get(uuid=problem.uuid).state == "整改中"
    book = openpyxl.load_workbook(write_receipt(plan, "已导入", tmp_path / "回执.xlsx"))
    assert [r[-1] for r in book["退回修改"].iter_rows(min_row=2, values_only=True)] == [
        "佐证不足，请附会议记录"
    ]
    export_package(Organisation.get(code="ZD01"), tmp_path / "下发.xlsx")

    use(village_path)
    apply_plan(plan_import(tmp_path / "下发.xlsx"))
    assert shown_state(Problem.get()) == "被退回（佐证不足，请附会议记录）"
    report_rectified(Problem.get(), dt.date(2022, 7, 15), "补齐了 6 月的支委会记录，附会议记录复印件")
    export_package(Organisation.get(code="ZD01"), tmp_path / "报送2.xlsx")

    use(town_path)
    plan = plan_import(tmp_path / "报送2.xlsx")
    assert [r.status for r in plan.rows if r.uuid == problem.uuid] == ["修改"]
    apply_plan(plan)
    problem = Problem.get(uuid=problem.uuid)
    assert shown_state(problem) == "待确认（再次报送）"
    confirm_rectified(problem)
    problem = Problem.get(uuid=problem.uuid)
    assert (problem.state, problem.rectified, problem.review_note) == ("已整改", dt.date(2022, 7, 15), "")


def test_a_village_package_holds_no_town_record_but_the_problems(db_location, town, tmp_path):
    _scorecard()
    _problem(town["v1"])
    village_computer(db_location, tmp_path / "village.sqlite3", tmp_path)
    counts = export_package(Organisation.get(code="ZD01"), tmp_path / "v.xlsx")
    assert "问题台账" in counts and counts["问题台账"] == 1
    assert not {"督查检查", "督查得分", "评分细则", "通报", "行动"} & set(counts)


def test_unchanged_copies_of_the_towns_records_are_not_refused(town, tmp_path):
    _scorecard()
    export_package(town["v1"], tmp_path / "p.xlsx")  # the town's own package, read back at the town
    plan = plan_import(tmp_path / "p.xlsx")
    assert plan.problems() == []
    assert REFUSED not in {r.status for r in plan.rows}
