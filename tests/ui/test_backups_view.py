"""基础信息 → 备份与恢复: list with time and record counts, 立即备份, restore after confirmation."""

import sqlite3

import pytest

from app.records import save_record
from app.storage import backup
from models import Organisation
from models import close_database
from ui.context import AppContext
from ui.pages import backups
from ui.pages import backups as backups_page
from ui.pages import page


def _village(code):
    return save_record(Organisation, {"code": code, "name": f"{code}村党支部", "kind": "村党支部"})


@pytest.fixture
def view(db_location, qtbot, db, tmp_path):
    _village("ZD01")
    widget = backups.create(AppContext(db_location))
    qtbot.addWidget(widget)
    return widget


def _column(view, col):
    return [view.model.index(r, col).data() for r in range(view.model.rowCount())]


def test_declares_its_place():
    assert (page("backups").tab, page("backups").title) == ("基础信息", "备份与恢复")


def test_backup_now_lists_the_new_backup_with_its_counts(view, qtmodeltester):
    assert view.model.rowCount() == 0
    assert not view.restore_button.isEnabled()
    view.refresh()  # the page is shown: an empty list says what to do
    assert view.status.text().startswith("还没有备份：点“立即备份”做第一份")
    assert view.backup_now()
    _village("ZD02")
    assert view.backup_now()
    assert _column(view, 1) == ["手动", "手动"]
    assert _column(view, 2) == ["2", "1"]  # newest first
    assert _column(view, 4) == ["完好", "完好"]
    assert "党组织：2" in view.model.index(0, 2).data(backups_page.Qt.ItemDataRole.ToolTipRole)
    assert "已备份" in view.status.text()
    qtmodeltester.check(view.model)


def test_restore_asks_first_and_then_brings_back_that_state(view, qtbot):
    view.backup_now()
    _village("ZD02")
    _village("ZD03")
    view.refresh()
    view.view.selectRow(0)
    assert view.restore_button.isEnabled()

    view.confirm = lambda info: False  # the clerk says 否
    assert not view.restore_selected()
    assert Organisation.live().count() == 3

    asked = []
    view.confirm = lambda info: asked.append(info.total) or True
    with qtbot.waitSignal(view.context.dataChanged) as changed:
        assert view.restore_selected()
    assert asked == [1]
    assert changed.args == [None]  # every view reads the data again
    assert [o.code for o in Organisation.live()] == ["ZD01"]
    # the state before the restore was backed up first and is listed
    assert _column(view, 1)[0] == "恢复前"
    assert _column(view, 2)[0] == "3"
    assert "恢复前的数据已备份" in view.status.text()


def test_a_broken_backup_is_shown_and_cannot_be_restored(view):
    view.backup_now()
    path = backup.list_backups(view.context.db_path)[0].path
    with open(path, "r+b") as f:
        f.write(b"garbage" * 20)
    view.refresh()
    assert _column(view, 4) == ["已损坏"]
    view.view.selectRow(0)
    assert not view.restore_button.isEnabled()
    view.confirm = lambda info: True
    assert not view.restore_selected()


def test_full_integrity_check_from_the_page(view):
    assert view.check_database().ok
    assert view.status.text() == "数据库完整性检查通过。"


@pytest.mark.sqlite_only("scribbles over a page of the SQLite file, as a failing disk would")
def test_a_damaged_database_file_is_reported_by_the_check(view, monkeypatch):
    close_database()
    path = view.context.db_path
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'organisation'").fetchone()[0]
    conn.close()
    with open(path, "r+b") as f:  # scribble over the table's page, as a failing disk would
        f.seek((root - 1) * 4096 + 8)
        f.write(b"\xff" * 600)
    shown = []
    monkeypatch.setattr(backups_page.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    assert not view.check_database().ok
    assert "数据库检查发现问题" in view.status.text() and shown == [view.status.text()]


def test_a_failed_automatic_backup_is_shown_until_one_succeeds(db_location, view, tmp_path, monkeypatch):
    from app.storage.paths import backup_dir

    monkeypatch.delenv("WUZHUA_NO_BACKUP_ON_CLOSE")
    db_path = db_location
    backup_dir(db_path).parent.mkdir(parents=True, exist_ok=True)  # a server's: in the data folder
    backup_dir(db_path).write_text("")  # the backups folder cannot be made
    assert backup.backup_on_close(db_path) is None
    view.refresh()
    assert view.failure.text().startswith("上次自动备份失败（") and "关闭时" in view.failure.text()
    backup_dir(db_path).unlink()
    assert backup.backup_on_close(db_path) is not None
    view.refresh()
    assert view.failure.text() == ""
