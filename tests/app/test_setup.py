"""A real town from zero: ``init``, ``settings`` and a village's computer from the town's package."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hand_built import save_liuwan_villages

from app.cli import main
from app.exchange import export_package
from app.exchange import plan_import
from app.exchange.reader import ExchangeWorkbook
from app.printing.notice import build_notice
from app.printing.notice import prepare_notice
from app.setup import installation
from models import AuditEntry
from models import Campaign
from models import Member
from models import Organisation
from models import ScoreItem
from models import close_database
from models import open_database
from models import settings

TOWN = [
    "--town-name",
    "柳湾镇",
    "--town-code",
    "LW",
    "--issuer",
    "中共柳湾镇委员会",
    "--doc-prefix",
    "柳党发",
    "--office",
    "党政办公室",
    "--year",
    "2023",
]


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def _init_town(path, capsys) -> dict:
    assert main(["init", "--db", str(path), *TOWN, "--json"]) == 0
    return _json(capsys)


def test_init_writes_an_empty_town_that_every_command_accepts(tmp_path, capsys):
    path = tmp_path / "柳湾镇.sqlite3"
    report = _init_town(path, capsys)
    assert report["town"] == {"code": "LW", "name": "中共柳湾镇委员会", "short_name": "柳湾镇"}
    phases = report["campaign"]["phases"]
    assert [p["name"] for p in phases] == ["组织动员", "集中实施", "总结提高"]
    assert phases[0]["start"] == "2023-04-11" and phases[-1]["end"] == "2023-11-30"

    open_database(path)
    campaign = Campaign.current()
    assert (campaign.issuer, campaign.doc_prefix, campaign.year) == ("中共柳湾镇委员会", "柳党发", 2023)
    assert ScoreItem.select().count() >= 15
    assert sum(i.max_points for i in ScoreItem.select()) == pytest.approx(100)
    assert settings.get("town_name") == "柳湾镇" and settings.get("local_org_code") == "LW"
    assert settings.get("printing.office") == "柳湾镇党政办公室"
    assert installation().is_town
    assert AuditEntry.select().where(AuditEntry.table == "organisation").count() == 1  # the set-up is logged
    close_database()

    # The empty town: the rule check passes, the ranking says there is nothing yet, no traceback.
    assert main(["check", "--db", str(path), "--json"]) == 0
    assert _json(capsys)["villages"] == []
    assert main(["rank", "--db", str(path), "--quarter", "2023Q2"]) == 1
    assert "没有季度督查记录" in capsys.readouterr().err
    assert (
        main(["print", "notice", "--db", str(path), "--quarter", "2023Q2", "--out", str(tmp_path / "a.pdf")])
        == 1
    )
    assert not (tmp_path / "a.pdf").exists()
    assert main(["settings", "--db", str(path), "--json"]) == 0
    assert {"town_name", "campaign.issuer", "phase2.end", "points.scheme"} <= {
        e["key"] for e in _json(capsys)["settings"]
    }


def test_init_refuses_a_second_town_and_bad_answers(tmp_path, capsys):
    path = tmp_path / "town.sqlite3"
    _init_town(path, capsys)
    assert main(["init", "--db", str(path), *TOWN]) == 1
    assert "已有乡镇“中共柳湾镇委员会”" in capsys.readouterr().err

    fresh = tmp_path / "new.sqlite3"
    bad = [
        "--town-name",
        "柳湾",
        "--town-code",
        "L1",
        "--issuer",
        "柳湾",
        "--doc-prefix",
        "柳党发〔2022〕",
        "--office",
        "办",
    ]
    assert main(["init", "--db", str(fresh), *bad, "--json"]) == 1
    reasons = _json(capsys)["error"].splitlines()
    assert [r.split("“")[0] for r in reasons] == [
        "乡镇名称",
        "乡镇代码",
        "发文机关",
        "发文字号前缀",
        "印发机关",
    ]
    assert not fresh.exists()  # nothing half-made is left to be mistaken for a town
    assert main(["init", "--db", str(fresh), "--town-name", "柳湾镇"]) == 1
    assert "缺少：--town-code、--issuer、--doc-prefix、--office" in capsys.readouterr().err


def test_settings_change_is_checked_all_or_nothing_and_audited(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "李文书")
    path = tmp_path / "town.sqlite3"
    _init_town(path, capsys)
    refused = ["--set", "printing.copy_to=县委组织部", "--set", "phase1.end=2023-05-01"]
    assert main(["settings", "--db", str(path), *refused]) == 1
    assert "组织动员结束日期：应早于下一阶段“集中实施”的开始日期 2023-04-21" in capsys.readouterr().err
    assert main(["settings", "--db", str(path), "--set", 'points.scheme={"base": 100}']) == 1
    assert "缺少 caps" in capsys.readouterr().err
    # a stage's date as clerks type it; a date that is none named as such
    assert main(["settings", "--db", str(path), "--set", "phase1.end=2023年4月19日"]) == 0
    open_database(path)
    assert Campaign.current().phases()[0].end == dt.date(2023, 4, 19)
    assert main(["settings", "--db", str(path), "--set", "phase1.end=四月十九"]) == 1
    assert "“四月十九”不是日期，请写成 2022-5-1" in capsys.readouterr().err

    good = ["--set", "printing.copy_to=县委组织部", "--set", "campaign.plan_doc_no=柳党发[2023]3号"]
    assert main(["settings", "--db", str(path), *good, "--set", "rules.warn_days=7", "--json"]) == 0
    assert _json(capsys)["changed"] == ["printing.copy_to", "campaign.plan_doc_no", "rules.warn_days"]
    open_database(path)
    assert settings.get("campaign.plan_doc_no") == "柳党发〔2023〕3号"
    assert settings.get("rules.warn_days") == 7
    logged = {
        e.summary: json.loads(e.changes) for e in AuditEntry.select().where(AuditEntry.table == "setting")
    }
    assert logged["设置：抄送"] == {"抄送": ["", "县委组织部"]}
    assert {e.operator for e in AuditEntry.select()} == {"李文书"}
    assert set(logged) == {"设置：抄送", "设置：行动方案文号", "设置：到期前多少天起提示“滞后”"}
    close_database()


def test_notice_prints_the_settings_of_the_town(demo_db):
    """版记 and basis come from 设置; with the demo's own values the notice is as it always was."""
    notice = prepare_notice("2022Q3", dt.date(2022, 10, 20))

    def texts(doc) -> list[str]:
        return [i.text for page in doc.pages for i in page.items if hasattr(i, "text")]

    before = texts(build_notice(notice))
    assert "中共高寨镇委员会办公室" in before and not any(t.startswith("抄送") for t in before)
    settings.put("printing.office", "高寨镇党政办公室")
    settings.put("printing.copy_to", "县委组织部、县委督查室")
    after = texts(build_notice(notice))
    assert "高寨镇党政办公室" in after and "中共高寨镇委员会办公室" not in after
    assert "抄送：县委组织部、县委督查室。" in after

    settings.put("campaign.plan_doc_no", "高党发〔2022〕3号")
    from app.printing.notice import draft_body

    assert (
        draft_body("2022Q3", dt.date(2022, 10, 20))
        .splitlines()[1]
        .startswith("按照《“五抓五提升”行动方案》（高党发〔2022〕3号）要求，")
    )


def _town_with_two_villages(path, tmp_path, capsys):
    _init_town(path, capsys)
    open_database(path)
    save_liuwan_villages(phone="13800000000")
    export_package(Organisation.get(code="LW01"), tmp_path / "红崖村.xlsx")
    export_package(Organisation.get(code="LW02"), tmp_path / "石岔村.xlsx")
    close_database()


def test_village_installed_from_the_town_package_knows_it_is_the_village(tmp_path, capsys):
    town_path, village_path = tmp_path / "town.sqlite3", tmp_path / "红崖村.sqlite3"
    _town_with_two_villages(town_path, tmp_path, capsys)
    assert (
        main(["init", "--db", str(village_path), "--village-from", str(tmp_path / "红崖村.xlsx"), "--json"])
        == 0
    )
    report = _json(capsys)
    assert (
        report["village"] == {"code": "LW01", "name": "红崖村党支部"} and report["town"] == "中共柳湾镇委员会"
    )

    open_database(village_path)
    assert settings.get("local_org_code") == "LW01" and settings.get("town_name") == "柳湾镇"
    here = installation()
    assert not here.is_town and here.window_title == "五抓五提升 工作台 — 红崖村党支部"
    assert [o.code for o in Organisation.branches()] == ["LW01"]
    assert Member.get().name == "红建国"
    export_package(Organisation.get(code="LW01"), tmp_path / "报镇里.xlsx")
    book = ExchangeWorkbook(tmp_path / "报镇里.xlsx")
    assert (book.info.sender_code, book.info.sender_is_town) == (
        "LW01",
        False,
    )  # says it comes from the village
    book.close()
    with pytest.raises(Exception, match="石岔村党支部（LW02）的文件，本机是 LW01"):
        plan_import(tmp_path / "石岔村.xlsx")
    close_database()

    # Not twice, not from a package the village itself wrote.
    assert main(["init", "--db", str(village_path), "--village-from", str(tmp_path / "石岔村.xlsx")]) == 1
    assert "已有党组织" in capsys.readouterr().err
    other = tmp_path / "other.sqlite3"
    assert main(["init", "--db", str(other), "--village-from", str(tmp_path / "报镇里.xlsx")]) == 1
    assert "不是镇党委下发的" in capsys.readouterr().err
    assert not other.exists()
