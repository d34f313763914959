"""Files written for the user are whole or absent, and a failed write says why in Chinese.

The USB sticks are real file systems (the ``usb_stick`` fixture): a tiny tmpfs that fills
up, and one mounted read-only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import peewee
import pytest

from app.cli import main
from app.storage.errors import describe_database_error
from app.storage.errors import kept_first_error
from app.storage.safe_write import WriteFailed
from app.storage.safe_write import writing
from models import Organisation
from models import close_database
from models import create_default_campaign
from models import database
from models import settings


@pytest.fixture
def village_db(db, db_location, tmp_path):
    """A town with one village that has a few hundred records: a package bigger than 64 KB."""
    create_default_campaign()
    town = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委")
    settings.put("local_org_code", "ZD")
    village = Organisation.create(
        code="ZD01", name="红星村党支部", short_name="红星村", kind="村党支部", parent=town
    )
    for i in range(300):
        Organisation.create(
            code=f"ZD01{i:03d}", name=f"红星村第{i}党小组说明文字较长", kind="党小组", parent=village
        )
    close_database()
    return db_location


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), writing(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("the writer broke")
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == ["台账.xlsx"]
    with writing(target) as temp:
        assert temp.parent == tmp_path and temp.name != target.name
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new" and _leftovers(tmp_path) == ["台账.xlsx"]


def test_temporary_names_differ_between_writes():
    from app.storage.safe_write import temporary_name

    names = {temporary_name(Path("/x/包.xlsx")) for _ in range(50)}
    assert len(names) == 50 and all(str(os.getpid()) in n.name for n in names)


@pytest.mark.parametrize(
    "argv",
    [
        ["export-package", "--org", "ZD01", "--out", "{stick}/交换包.xlsx"],
        ["export-template", "--org", "ZD01", "--out", "{stick}/模板.xlsx"],
        ["backup", "--out", "{stick}/备份.sqlite3"],
    ],
)
def test_export_to_a_full_stick_is_refused_and_leaves_nothing(village_db, tmp_path, capsys, argv, usb_stick):
    with usb_stick(tmp_path / "stick") as stick:
        code = main([*(a.format(stick=stick) for a in argv), "--db", str(village_db)])
        err = capsys.readouterr().err
        assert code == 1
        assert "已满" in err or "空间不足" in err
        assert str(stick) in err
        assert "Traceback" not in err
        assert _leftovers(stick) == []


def test_a_full_stick_through_a_real_process_prints_no_traceback(village_db, tmp_path, usb_stick):
    with usb_stick(tmp_path / "stick") as stick:
        out = stick / "交换包.xlsx"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "export-package",
                "--db",
                str(village_db),
                "--org",
                "ZD01",
                "--out",
                str(out),
            ],
            cwd=Path(__file__).resolve().parents[2],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 1
        assert "U 盘或磁盘已满" in run.stderr and "Traceback" not in run.stderr
        assert "Exception ignored" not in run.stderr  # the zip writer was closed quietly
        assert _leftovers(stick) == []


def test_export_to_a_read_only_stick_says_read_only(village_db, tmp_path, capsys, usb_stick):
    with usb_stick(tmp_path / "stick", size="1m", read_only=True) as stick:
        code = main(
            ["export-template", "--db", str(village_db), "--org", "ZD01", "--out", f"{stick}/模板.xlsx"]
        )
        err = capsys.readouterr().err
        assert code == 1 and "只读" in err and "已满" not in err
        assert _leftovers(stick) == []


def test_pdf_to_a_full_stick_is_refused(db, tmp_path, usb_stick):
    from app.printing.fonts import resolve_fonts
    from app.printing.page import Document
    from app.printing.page import write_pdf

    fonts = resolve_fonts()
    role = next(iter(fonts))
    document = Document("测试", fonts)
    for _ in range(40):
        page = document.new_page()
        for y in range(40):
            document.text(50, 50 + y * 18, f"乡镇党委五抓五提升工作台测试文字{y}" * 3, role, 12, page=page)
    with usb_stick(tmp_path / "stick") as stick, pytest.raises(WriteFailed) as failed:
        write_pdf(document, stick / "通报.pdf")
    assert "U 盘或磁盘已满" in str(failed.value) and _leftovers(stick) == []


def test_a_failed_rollback_does_not_hide_the_first_error(db):
    """SQLite ends a transaction itself on a full disk; peewee's rollback then fails."""
    with pytest.raises(Exception) as raised, kept_first_error(), database.atomic():
        Organisation.create(code="X1", name="某村", kind="村党支部")
        database.execute_sql("ROLLBACK")  # what SQLite does itself after SQLITE_FULL
        raise peewee.OperationalError("database or disk is full")
    assert "disk is full" in str(raised.value)
    message = describe_database_error(raised.value)
    assert "已满" in message and "备份" not in message and "损坏" not in message


@pytest.mark.parametrize("command", ["export-package", "export-template"])
def test_a_folder_that_is_a_file_is_told_in_chinese_and_quietly(village_db, tmp_path, command):
    """``--out 包.xlsx/交换包.xlsx``: a file stands where the folder should be."""
    blocker = tmp_path / "包.xlsx"
    blocker.write_bytes(b"not a folder")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            command,
            "--db",
            str(village_db),
            "--org",
            "ZD01",
            "--out",
            str(blocker / "交换包.xlsx"),
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "路径中有一个同名的文件，不是文件夹" in run.stderr
    assert "Exception ignored" not in run.stderr and "Traceback" not in run.stderr
    assert "File exists" not in run.stderr and "Not a directory" not in run.stderr
