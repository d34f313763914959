"""Branches and 党小组 in one go: codes proposed, parents named, header variants, all or nothing."""

from __future__ import annotations

import json

import openpyxl
import pytest
from roster_books import build_town

from app.cli import main
from app.roster.orgs import OrgRow
from app.roster.orgs import apply_orgs
from app.roster.orgs import plan_orgs
from app.roster.orgs import propose_codes
from models import AuditEntry
from models import Organisation
from models import close_database
from models import open_database


@pytest.fixture
def town_file(tmp_path):
    """The town's database as a file of its own, built and closed again for a command to open."""
    path = tmp_path / "town.sqlite3"
    open_database(path)
    build_town()
    close_database()
    return path


def test_codes_are_proposed_from_the_town_and_the_parent(db):
    build_town()  # LW, LW01 东沟村, LW02 西坪村, LW0101
    rows = propose_codes(
        [
            {"name": "北山村党支部"},
            {"name": "新华社区党支部", "short_name": "新华社区"},
            {"name": "北山村第一党小组", "parent": "北山村"},
            {"name": "东沟村第二党小组", "parent": "东沟村党支部"},
        ]
    )
    assert [r["code"] for r in rows] == ["LW03", "LW04", "LW0301", "LW0102"]


def test_a_list_typed_in_is_written_at_once_with_parents(db):
    build_town()
    plan = plan_orgs(
        [
            OrgRow({"name": "北山村党支部", "short_name": "北山村"}),
            OrgRow({"name": "北山村第一党小组", "parent": "北山村"}),
            OrgRow(
                {"name": "西坪村党支部", "short_name": "西坪", "code": "LW02"}
            ),  # known: short name changed
        ]
    )
    assert [r.status for r in plan.rows] == ["新增", "新增", "修改"]
    assert apply_orgs(plan) == 3
    north = Organisation.get(Organisation.code == "LW03")
    assert (north.kind, north.parent.code) == ("村党支部", "LW")
    group = Organisation.get(Organisation.code == "LW0301")
    assert (group.kind, group.parent_id) == ("党小组", north.id)
    assert Organisation.get(Organisation.code == "LW02").short_name == "西坪"
    assert AuditEntry.select().where(AuditEntry.table == "organisation").count() == 3


def test_a_bad_row_blocks_the_whole_list(db):
    build_town()
    plan = plan_orgs(
        [
            OrgRow({"name": "北山村党支部"}),
            OrgRow({"name": "南湾第一党小组", "parent": "南湾村"}),  # no such parent
            OrgRow({"name": "某支部", "kind": "村委会"}),
        ]
    )
    problems = [str(p) for p in plan.problems()]
    assert any("第2行" in p and "上级组织" in p and "南湾村" in p for p in problems)
    # the message names what could be meant: the registered parents and those listed before
    parent = next(p for p in problems if "南湾村" in p)
    assert "可填：" in parent and "东沟村党支部" in parent and "北山村党支部" in parent
    assert "第一党小组" not in parent.split("可填：")[1]  # a 党小组 is nobody's parent
    assert any("第3行" in p and "组织类别" in p for p in problems)
    assert len([p for p in problems if "组织类别" in p]) == 1  # one message for one bad cell
    before = Organisation.select().count()
    try:
        apply_orgs(plan)
    except Exception as refused:  # noqa: BLE001 (any refusal will do; what matters is nothing written)
        assert "南湾村" in str(refused)
    assert Organisation.select().count() == before


def test_a_misspelt_parent_is_matched_to_the_likely_one(db):
    build_town()
    problems = [
        str(p) for p in plan_orgs([OrgRow({"name": "东沟村第三党小组", "parent": "东钩村党支部"})]).problems()
    ]
    parent = next(p for p in problems if "“上级组织”" in p)
    assert "“东钩村党支部”不对" in parent and "是否为“东沟村党支部”" in parent


def test_import_orgs_reads_a_sheet_with_its_own_headers(town_file, tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["柳湾镇基层党组织一览表"])
    sheet.append(["序号", "党组织名称", "简称", "类型", "上级党组织"])
    sheet.append([1, "北山村党支部", "北山村", "村党支部", "中共柳湾镇委员会"])
    sheet.append([2, "新华社区党支部", "新华社区", None, None])
    sheet.append([3, "北山村第一党小组", None, "党小组", "北山村"])
    book.save(tmp_path / "组织.xlsx")
    code = main(["import-orgs", "--db", str(town_file), "--json", str(tmp_path / "组织.xlsx")])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert [(o["code"], o["status"]) for o in report["organisations"]] == [
        ("LW03", "新增"),
        ("LW04", "新增"),
        ("LW0301", "新增"),
    ]
    open_database(town_file)
    assert Organisation.get(Organisation.code == "LW04").kind == "社区党支部"
    close_database()
    # the same list read again: the same organisations, nothing added twice
    again = main(["import-orgs", "--db", str(town_file), "--json", str(tmp_path / "组织.xlsx")])
    report = json.loads(capsys.readouterr().out)
    assert again == 0
    assert [(o["code"], o["status"]) for o in report["organisations"]] == [
        ("LW03", "无变化"),
        ("LW04", "无变化"),
        ("LW0301", "无变化"),
    ]
    open_database(town_file)
    assert Organisation.select().where(Organisation.name == "北山村党支部").count() == 1
    close_database()


def test_a_dry_run_that_finds_errors_exits_1(town_file, tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.append(["党组织名称", "类别"])
    book.active.append(["北山村党支部", "村"])  # not one of the kinds
    book.save(tmp_path / "组织.xlsx")
    assert main(["import-orgs", "--db", str(town_file), "--dry-run", str(tmp_path / "组织.xlsx")]) == 1
    assert "村党支部" in capsys.readouterr().out
