"""``python -m app check``: integrity result and findings per village, text and JSON."""

from __future__ import annotations

import json

from rules_town import build_town

from app.cli import main
from models import close_database
from models import open_database


def _town_file(tmp_path):
    path = tmp_path / "town.sqlite3"
    open_database(path)
    build_town()
    close_database()
    return path


def test_check_prints_findings_per_village(tmp_path, capsys):
    path = _town_file(tmp_path)
    assert main(["check", "--db", str(path), "--as-of", "2022-06-05"]) == 0
    out = capsys.readouterr().out
    assert "数据库检查：完好" in out
    assert "【东村（ZD01）】" in out and "【西村（ZD02）】" in out
    assert "[逾期] 三会一课和主题党日按期召开：2022年5月支委会应开 1 次，已开 0 次" in out
    close_database()


def test_check_json_is_one_object(tmp_path, capsys):
    path = _town_file(tmp_path)
    assert main(["check", "--db", str(path), "--json", "--as-of", "2022-06-05", "--org", "ZD02"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["database"] == {"ok": True, "problems": []}
    assert [v["org_code"] for v in data["villages"]] == ["ZD02"]
    village = data["villages"][0]
    assert village["overdue"] == len(village["findings"]) == 5
    assert {r["rule"] for r in data["rules"]} >= {"meetings", "deeds", "brand"}
    close_database()


def test_check_refuses_unknown_village(tmp_path, capsys):
    path = _town_file(tmp_path)
    assert main(["check", "--db", str(path), "--org", "XX99"]) == 1
    assert "XX99" in capsys.readouterr().err
    close_database()


def test_check_reports_a_broken_reference(tmp_path, capsys):
    path = _town_file(tmp_path)
    database = open_database(path)
    database.execute_sql("PRAGMA foreign_keys = OFF")
    database.execute_sql("UPDATE member SET org_id = 999 WHERE name = '赵四'")
    close_database()
    # told as the window tells it: what is broken, and whether a good backup exists
    assert main(["check", "--db", str(path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert "已损坏" in data["error"] and "member" in data["error"] and "organisation" in data["error"]
    assert "备份" in data["error"]
    close_database()
