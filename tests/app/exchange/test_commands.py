"""The exchange from the command line: exit codes, JSON reports, dry runs, error workbooks."""

from __future__ import annotations

import json

import openpyxl

from app.cli import main
from models import Deed
from models import ImportLog
from models import close_database
from models import open_database


def _run(capsys, *argv) -> tuple[int, str, str]:
    close_database()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _filled_template(db_file, tmp_path, capsys, rows):
    template = tmp_path / "模板.xlsx"
    code, out, _ = _run(
        capsys, "export-template", "--db", str(db_file), "--org", "zd01", "--out", str(template)
    )
    assert code == 0 and "红星村党支部" in out
    book = openpyxl.load_workbook(template)
    ws = book["办实事"]
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    filled = tmp_path / "已填.xlsx"
    book.save(filled)
    return filled


def test_export_dry_run_and_import(db_location, town, tmp_path, capsys):
    db_file = db_location
    filled = _filled_template(db_file, tmp_path, capsys, [("王建国", "2022.5.1", "帮办代办", "修路")])
    code, out, _ = _run(capsys, "import-package", "--db", str(db_file), str(filled), "--dry-run", "--json")
    report = json.loads(out)
    assert code == 0 and report["outcome"] == "仅检查" and report["totals"]["新增"] == 1
    open_database(db_file)
    assert Deed.select().count() == 0
    code, out, _ = _run(capsys, "import-package", "--db", str(db_file), str(filled))
    assert code == 0 and "办实事：新增 1" in out
    open_database(db_file)
    assert Deed.select().count() == 1
    assert [log.outcome for log in ImportLog.select().order_by(ImportLog.id)] == ["仅检查", "已导入"]
    assert report["nothing_to_import"] is None and "没有" not in out


def test_a_template_sent_back_unfilled_or_unchanged_says_there_is_nothing_to_import(
    db_location, town, tmp_path, capsys
):
    db_file = db_location
    empty = _filled_template(db_file, tmp_path, capsys, [])
    code, out, _ = _run(capsys, "import-package", "--db", str(db_file), str(empty), "--dry-run")
    assert code == 0 and "没有填写任何记录" in out and "没有可导入的内容" in out
    filled = _filled_template(db_file, tmp_path, capsys, [("王建国", "2022.5.1", "帮办代办", "修路")])
    assert _run(capsys, "import-package", "--db", str(db_file), str(filled))[0] == 0
    prefilled = tmp_path / "预填.xlsx"
    args = ("--db", str(db_file), "--org", "zd01", "--out", str(prefilled), "--prefilled")
    assert _run(capsys, "export-template", *args)[0] == 0
    code, out, _ = _run(capsys, "import-package", "--db", str(db_file), str(prefilled), "--dry-run", "--json")
    report = json.loads(out)
    same = report["totals"]["无变化"]
    assert (
        same >= 1
        and report["nothing_to_import"] == f"文件中的 {same} 条记录与本机的完全相同，没有新增或修改的内容。"
    )


def test_refused_rows_exit_1_and_give_an_error_workbook(db_location, town, tmp_path, capsys):
    db_file = db_location
    filled = _filled_template(
        db_file,
        tmp_path,
        capsys,
        [("王建国", "2022.5.1", "帮办代办", "修路"), ("王建国", "2022.2.30", "帮办代办", "修桥")],
    )
    marked = tmp_path / "标错.xlsx"
    code, _, err = _run(
        capsys, "import-package", "--db", str(db_file), str(filled), "--errors-out", str(marked)
    )
    assert code == 1
    assert "未导入任何内容" in err and "第4行B列（办理日期）" in err
    assert openpyxl.load_workbook(marked)["办实事"]["B4"].comment is not None
    open_database(db_file)
    assert Deed.select().count() == 0


def test_unknown_organisation_and_hostile_file(db_location, town, tmp_path, capsys):
    db_file = db_location
    code, out, _ = _run(
        capsys,
        "export-package",
        "--db",
        str(db_file),
        "--org",
        "XX99",
        "--out",
        str(tmp_path / "x.xlsx"),
        "--json",
    )
    assert code == 1 and json.loads(out)["ok"] is False and "XX99" in json.loads(out)["error"]
    bad = tmp_path / "旧.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    code, _, err = _run(capsys, "import-package", "--db", str(db_file), str(bad))
    assert code == 1 and "旧版 .xls" in err
    open_database(db_file)
    assert ImportLog.get().outcome == "已拒绝"


def test_import_history_can_be_looked_up(db_location, town, tmp_path, capsys):
    db_file = db_location
    filled = _filled_template(db_file, tmp_path, capsys, [("王建国", "2022.5.1", "帮办代办", "修路")])
    assert _run(capsys, "import-package", "--db", str(db_file), str(filled))[0] == 0
    code, out, _ = _run(capsys, "import-package", "--db", str(db_file), "--history", "--json")
    imports = json.loads(out)["imports"]
    assert code == 0 and imports[0]["outcome"] == "已导入" and imports[0]["org"] == "ZD01"
    assert imports[0]["counts"]["办实事"]["新增"] == 1 and len(imports[0]["sha256"]) == 64
    # as a clerk reads it: the village by name, what the import did, a refusal with its reason
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    assert _run(capsys, "import-package", "--db", str(db_file), str(bad))[0] == 1
    code, out, _ = _run(capsys, "import-package", "--db", str(db_file), "--history")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "最近 2 次导入（最新的在前）："
    assert "已拒绝" in lines[1] and "坏.xlsx" in lines[1] and lines[2].startswith("    未写入任何内容：")
    assert "已导入" in lines[3] and "（ZD01）" in lines[3] and filled.name in lines[3]
    assert lines[4] == "    新增 1"
