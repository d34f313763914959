"""Town documents at a village: the ranking and the notice as received, never recomputed or renumbered."""

from __future__ import annotations

import json

from inspection_town import build
from inspection_town import inspect

from app.cli import main
from app.exchange import export_package
from app.inspection.ranking import rank_quarter
from app.printing.notice import draft_notice
from app.printing.notice import issue_quarter_notice
from app.setup.village import install_village
from models import Notice
from models import Organisation
from models import close_database
from models import open_database
from models import settings


def _village_with_the_towns_notice(tmp_path) -> tuple[str, str, list[str]]:
    """The town ranks six villages and issues the notice; 第6村 installs from its package."""
    town = build(6)
    settings.put("local_org_code", "HS")
    inspect(town, "2022Q1", [90, 80, 70, 60, 50, 40])
    inspect(town, "2022Q2", [95, 85, 75, 65, 55, 45])
    notice = issue_quarter_notice(draft_notice("2022Q2"))
    places = [f"{r.place_text}{r.name}" for r in rank_quarter("2022Q2")]
    export_package(Organisation.get(code="HS06"), tmp_path / "第6村.xlsx")
    close_database()
    village_db = tmp_path / "第6村.sqlite3"
    open_database(village_db)
    install_village(tmp_path / "第6村.xlsx")
    return str(village_db), notice.doc_no, places


def test_a_village_shows_the_towns_ranking_as_received(db, tmp_path, capsys):
    village_db, doc_no, places = _village_with_the_towns_notice(tmp_path)
    # the village holds its own scores only; the ranking is still the town's, all six villages
    assert [f"{r.place_text}{r.name}" for r in rank_quarter("2022Q2")] == places
    assert main(["rank", "--db", village_db, "--quarter", "2022Q2", "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["received"] is True and said["doc_no"] == doc_no
    assert said["bottom"] == ["第4村", "第5村", "第6村"] and len(said["villages"]) == 6
    assert main(["rank", "--db", village_db, "--quarter", "2022Q1"]) == 1
    assert "排名由镇党委" in capsys.readouterr().err
    assert main(["rank", "--db", village_db, "--quarter", "2022Q2", "--propose-disposals"]) == 1


def test_a_village_shows_its_scores_as_received_and_computes_none(db, tmp_path):
    from app.inspection.scoring import fill_scores
    from models import AuditEntry
    from models import Inspection

    _village_with_the_towns_notice(tmp_path)
    inspection = Inspection.get(quarter="2022Q2")
    audits = AuditEntry.select().count()
    scores = fill_scores(inspection, refresh=True)  # 重新计算 is the town's: nothing written here
    assert [s.points for s in scores] == [27.0, 18.0]  # 45 % of 60 and 40, as the town scored
    assert AuditEntry.select().count() == audits


def test_a_village_prints_the_towns_notice_and_never_numbers_one(db, tmp_path, capsys):
    village_db, doc_no, _places = _village_with_the_towns_notice(tmp_path)
    out = tmp_path / "通报.pdf"
    args = ["print", "notice", "--db", village_db, "--quarter", "2022Q2"]
    assert main([*args, "--json", "--out", str(out)]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["doc_no"] == doc_no and said["draft"] is False and out.stat().st_size > 5000
    assert main([*args, "--issue", "--out", str(tmp_path / "自编.pdf")]) == 1
    assert "镇党委签发" in capsys.readouterr().err
    assert (
        main(
            ["print", "notice", "--db", village_db, "--quarter", "2022Q1", "--out", str(tmp_path / "q1.pdf")]
        )
        == 1
    )
    assert "还没有收到" in capsys.readouterr().err
    open_database(village_db)
    assert [n.doc_no for n in Notice.select()] == [doc_no]
    close_database()


def test_the_towns_inspection_commands_are_refused_at_a_village_without_a_traceback(db, tmp_path, capsys):
    village_db, _doc_no, _places = _village_with_the_towns_notice(tmp_path)
    capsys.readouterr()
    new = [
        "inspection",
        "new",
        "--db",
        village_db,
        "--quarter",
        "2022Q3",
        "--org",
        "all",
        "--date",
        "2022-09-28",
    ]
    assert main(new) == 1
    said = capsys.readouterr().err
    assert "村里不能" in said and "Traceback" not in said
    sheet = tmp_path / "评分表.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really")
    for dry_run in ([], ["--dry-run"]):  # the check refuses as the write would
        assert main(["import-scores", "--db", village_db, str(sheet), *dry_run]) == 1
        assert "督查评分由镇党委录入" in capsys.readouterr().err


def test_a_village_computer_registers_only_its_own_groups(db, tmp_path):
    from app.roster.orgs import OrgRow
    from app.roster.orgs import plan_orgs

    _village_with_the_towns_notice(tmp_path)
    village = Organisation.get(code="HS06")
    plan = plan_orgs(
        [
            OrgRow({"name": "第6村第一党小组", "kind": "党小组", "parent": "HS06"}),
            OrgRow({"name": "第7村党支部", "kind": "村党支部"}),
        ]
    )
    own, other = plan.rows
    assert own.problems == [] and own.values["parent"] == village.code
    assert [p.expected for p in other.problems] == [
        f"{village.name}的党小组（村里的电脑只能登记本支部的党小组，其他党组织由镇党委登记）"
    ]


def test_the_submissions_list_is_the_towns(db, tmp_path, capsys):
    village_db, _doc_no, _places = _village_with_the_towns_notice(tmp_path)
    capsys.readouterr()
    assert main(["submissions", "--db", village_db, "--month", "2022-06"]) == 1
    assert "报送情况是镇党委查看各村报送的" in capsys.readouterr().err
