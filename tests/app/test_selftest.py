"""The self-test that the built bundle runs: every step reported, exit 0 only when all pass."""

import json

from app.cli import main
from app.selftest import run_selftest
from app.storage.paths import data_dir


def test_selftest_passes_on_an_empty_database(qapp, capsys):
    assert main(["selftest", "--empty"]) == 0
    out = capsys.readouterr().out
    assert "[通过] 数据库" in out and "[通过] 主窗口" in out
    assert f"日志文件：{data_dir() / 'logs' / 'wuzhua.log'}" in out
    assert out.strip().endswith("自检通过。")


def test_selftest_json_names_every_step_and_the_views_found(qapp, capsys):
    assert main(["selftest", "--empty", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)  # nothing else on standard output
    assert result["ok"] is True
    assert result["log"] == str(data_dir() / "logs" / "wuzhua.log")
    names = [step["name"] for step in result["steps"]]
    assert names == ["数据库", "主窗口", "打印", "数据结构升级", "数据库服务器驱动"]
    window = result["steps"][1]["detail"]
    views = int(window.split("，")[-1].split(" ")[0])
    assert views >= 2  # at least 操作日志 and 备份与恢复


def test_selftest_fails_for_a_missing_database(qapp, tmp_path):
    result = run_selftest(tmp_path / "none.sqlite3")
    assert not result.ok
    assert result.as_dict()["steps"][0]["name"] == "数据库"
    assert "找不到数据库" in result.steps[0].detail
    assert main(["selftest", "--db", str(tmp_path / "none.sqlite3")]) == 1


def test_selftest_fails_without_the_frozen_first_schema(qapp, monkeypatch):
    from models import migrations

    monkeypatch.setattr(migrations, "V1_SQL", "schema_v1_missing.sql")
    result = run_selftest(use_demo=False)
    assert not result.ok
    step = next(s for s in result.steps if s.name == "数据结构升级")
    assert not step.ok
    assert "schema_v1_missing.sql" in step.detail
