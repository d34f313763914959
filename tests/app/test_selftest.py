"""The self-test that the built bundle runs: every step reported, exit 0 only when all pass."""

from app.cli import main
from app.selftest import run_selftest


def test_selftest_passes_on_an_empty_database(qapp, capsys):
    assert main(["selftest", "--empty"]) == 0
    out = capsys.readouterr().out
    assert "[通过] 数据库" in out and "[通过] 主窗口" in out
    assert out.strip().endswith("自检通过。")


def test_selftest_fails_for_a_missing_database(qapp, tmp_path):
    result = run_selftest(tmp_path / "none.sqlite3")
    assert not result.ok
    assert result.as_dict()["steps"][0]["name"] == "数据库"
    assert "找不到数据库" in result.steps[0].detail
    assert main(["selftest", "--db", str(tmp_path / "none.sqlite3")]) == 1
