"""The command line's own words: help, usage errors and exit codes."""

import pytest

from app.cli import EXIT_USAGE
from app.cli import build_parser
from app.cli import main


def test_help_lists_every_subcommand_of_cli_md(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：")
    assert "显示本帮助并退出" in out
    for name in (
        "demo",
        "export-template",
        "export-package",
        "import-package",
        "rank",
        "print",
        "check",
        "backup",
    ):
        assert name in out


def test_usage_errors_are_in_chinese_with_exit_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["rank"])
    assert stop.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "缺少必需的参数：--quarter" in err
    assert "required" not in err


def test_unknown_subcommand_names_the_choices(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["no-such-command"])
    assert stop.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "无效" in err and "demo" in err


def test_every_subcommand_takes_db_and_json():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, subparser in sub.choices.items():
        options = {o for a in subparser._actions for o in a.option_strings}
        assert {"--db", "--json"} <= options, name


def test_a_file_that_is_no_database_is_refused_in_chinese(tmp_path, capsys):
    bad = tmp_path / "不是数据库.sqlite3"
    bad.write_text("这不是数据库", encoding="utf-8")
    assert main(["check", "--db", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "已损坏" in err and "不是数据库" in err  # the window's words (app.storage.integrity)
    assert "Traceback" not in err


def test_window_is_opened_without_building_every_subcommand(tmp_path, monkeypatch):
    from pathlib import Path

    from app import cli

    monkeypatch.setenv("WUZHUA_DB", str(tmp_path / "town.sqlite3"))
    assert cli._window_wanted([]) == tmp_path / "town.sqlite3"
    assert cli._window_wanted(["--db", "x.sqlite3"]) == Path("x.sqlite3")
    assert cli._window_wanted(["--db=乡镇.sqlite3"]) == Path("乡镇.sqlite3")
    # anything else is the full parser's to decide (subcommands, --help, --version, mistakes)
    for argv in (["check"], ["--db", "x", "check"], ["--help"], ["--version"], ["--db"], ["--db", "--json"]):
        assert cli._window_wanted(argv) is None, argv
    opened = []
    monkeypatch.setattr(cli, "_open_window", lambda path: opened.append(path) or 0)
    assert main(["--db", str(tmp_path / "a.sqlite3")]) == 0
    assert main([]) == 0
    assert opened == [tmp_path / "a.sqlite3", tmp_path / "town.sqlite3"]
