"""The first start without a database: the chooser, the 新建乡镇 wizard, a village's installation."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hand_built import save_liuwan_villages
from PySide6.QtCore import QEvent
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox

from app.exchange import export_package
from app.setup.town import SetupRefused
from app.setup.town import TownAnswers
from app.setup.town import create_town
from models import Campaign
from models import Organisation
from models import close_database
from models import open_database
from models import settings
from ui import main as gui
from ui.background import wait_for_background_work
from ui.first_start import DEMO
from ui.first_start import FIRST_START_ENV
from ui.first_start import NEW_TOWN
from ui.first_start import VILLAGE
from ui.first_start import FirstStartDialog
from ui.first_start import TownWizard
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def first_start(qapp, monkeypatch):
    """run_gui without its event loop, the operator known, and no demo short-cut."""
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    monkeypatch.delenv(FIRST_START_ENV, raising=False)
    yield
    # the opened window's first work (总览) runs in the background: let it end before its
    # window and its database go
    assert wait_for_background_work(30_000)
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.close()
            window.deleteLater()
    close_database()


def _drive(steps: list) -> list:
    """Act on each modal window as it comes up: [(its class, what to do with it)…]; what is left."""

    def poll() -> None:
        if not steps:
            return
        widget = QApplication.activeModalWidget()
        kind, action = steps[0]
        QTimer.singleShot(20, poll)  # before acting: the action may open the next modal window
        if isinstance(widget, kind) and widget.isVisible():
            steps.pop(0)
            action(widget)

    QTimer.singleShot(0, poll)
    return steps


def _opened() -> MainWindow:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert len(windows) == 1
    return windows[0]


def _type(wizard: TownWizard, **answers: str) -> None:
    for name, text in answers.items():
        edit = wizard.fields[name]
        assert isinstance(edit, QLineEdit)
        edit.setText(text)


def test_new_town_through_the_chooser_and_the_wizard(first_start, tmp_path):
    path = tmp_path / "柳湾镇.sqlite3"
    seen: dict[str, object] = {}

    def first_page(wizard: TownWizard) -> None:
        _type(wizard, town_name="柳湾镇", town_code="L1")
        wizard.next()
        seen["refused"] = (wizard.currentId(), wizard.page(0).problems.text())
        _type(wizard, town_code="lw")
        wizard.next()
        seen["suggested"] = (wizard.fields["issuer"].text(), wizard.fields["doc_prefix"].text())
        wizard.fields["year"].setValue(2023)
        wizard.accept() if wizard.validateCurrentPage() else None

    left = _drive([(FirstStartDialog, lambda d: d.buttons[NEW_TOWN].click()), (TownWizard, first_page)])
    assert gui.run_gui(path) == 0
    assert left == []
    page, problem = seen["refused"]
    assert page == 0 and problem.startswith("乡镇代码“L1”：应为 2 到 6 个英文字母")
    assert seen["suggested"] == ("中共柳湾镇委员会", "柳党发")

    window = _opened()
    assert window.windowTitle() == "五抓五提升 工作台"
    town = Organisation.town()
    assert (town.code, town.name) == ("LW", "中共柳湾镇委员会")
    assert Campaign.current().year == 2023 and settings.get("printing.office") == "柳湾镇党政办公室"
    assert Organisation.branches().count() == 0  # an empty town, no demo villages
    assert "下发重点任务" in [t for t, _e in window.tab_widgets["抓落实"].entries]


def test_closing_the_chooser_leaves_no_file(first_start, tmp_path):
    path = tmp_path / "new.sqlite3"
    _drive([(FirstStartDialog, lambda d: d.reject())])
    assert gui.run_gui(path) == 1
    assert not path.exists()


def test_demo_from_the_chooser_and_from_ci_start(first_start, tmp_path, monkeypatch):
    _drive([(FirstStartDialog, lambda d: d.buttons[DEMO].click())])
    assert gui.run_gui(tmp_path / "a.sqlite3") == 0
    assert Organisation.town().short_name == "高寨镇" and Organisation.branches().count() >= 10
    first = _opened()
    assert wait_for_background_work(30_000)
    first.close()
    first.deleteLater()  # gone before the next start: its first paint must not come later
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    close_database()
    monkeypatch.setenv(FIRST_START_ENV, "demo")  # what bash .ci/start sets: no question asked
    asked = _drive([(FirstStartDialog, lambda d: d.reject())])
    assert gui.run_gui(tmp_path / "b.sqlite3") == 0
    assert asked and Organisation.branches().count() >= 10
    asked.clear()


def _town_package(tmp_path) -> tuple:
    open_database(tmp_path / "town.sqlite3")
    create_town(TownAnswers("柳湾镇", "LW", "中共柳湾镇委员会", "柳党发", "党政办公室"))
    save_liuwan_villages()
    export_package(Organisation.get(code="LW01"), tmp_path / "红崖村交换包.xlsx")
    close_database()
    return tmp_path / "红崖村交换包.xlsx"


def test_village_installed_through_the_chooser(first_start, tmp_path, monkeypatch):
    package = _town_package(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    _drive([(FirstStartDialog, lambda d: d.buttons[VILLAGE].click())])
    assert gui.run_gui(tmp_path / "红崖村.sqlite3") == 0
    assert told and told[0].startswith("本机已设为 红崖村党支部（LW01）的电脑")

    window = _opened()
    assert window.windowTitle() == "五抓五提升 工作台 — 红崖村党支部"
    assert settings.get("local_org_code") == "LW01"
    village = Organisation.get(code="LW01")
    assert window.context.org_ids()[0] == village.id  # every page keeps to the village
    assert not window.village.isEnabled() and window.village.count() == 1
    titles = [t for t, _e in window.tab_widgets["抓落实"].entries]
    assert "下发重点任务" not in titles and "督查排名" not in titles and "督查评分" in titles
    overview = window.show_tab("总览").build()
    overview.refresh()
    assert overview.heading.text().endswith("· 红崖村")


def test_a_first_start_killed_while_the_demo_is_built_leaves_nothing_to_open(first_start, tmp_path):
    """Killed (Task Manager, power cut) during the first start: the next start asks again."""
    path = tmp_path / "wuzhua.sqlite3"
    env = {
        **os.environ,
        FIRST_START_ENV: "demo",
        "QT_QPA_PLATFORM": "offscreen",
        "WUZHUA_DATA_DIR": str(tmp_path),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        start = time.monotonic()
        while not list(tmp_path.glob("wuzhua.sqlite3.*.part")) and time.monotonic() - start < 60:
            assert proc.poll() is None, "the program ended before it began the demo town"
            time.sleep(0.01)
        time.sleep(0.2)  # well inside the build (a few seconds)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert not path.exists()
    assert list(tmp_path.glob("wuzhua.sqlite3.*.part"))  # what the killed start left

    asked = _drive([(FirstStartDialog, lambda d: d.reject())])
    assert gui.run_gui(path) == 1  # the chooser again, not an empty program
    assert asked == [] and not path.exists()
    assert not list(tmp_path.glob("wuzhua.sqlite3.*part*"))  # the half-built file is gone


def test_a_refused_town_set_up_leaves_no_file(first_start, tmp_path, monkeypatch):
    import ui.first_start as first

    def half_then_refused(answers):
        create_town(answers)  # everything written into the new file, then a refusal
        raise SetupRefused("测试：写到一半被拒绝")

    monkeypatch.setattr(first, "create_town", half_then_refused)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))

    def fill(wizard: TownWizard) -> None:
        _type(wizard, town_name="柳湾镇", town_code="LW")
        wizard.next()
        wizard.accept() if wizard.validateCurrentPage() else None

    path = tmp_path / "柳湾镇.sqlite3"
    left = _drive(
        [
            (FirstStartDialog, lambda d: d.buttons[NEW_TOWN].click()),
            (TownWizard, fill),
            (FirstStartDialog, lambda d: d.reject()),  # asked again after the refusal
        ]
    )
    assert gui.run_gui(path) == 1
    assert left == [] and warned == ["测试：写到一半被拒绝"]
    # no database, no half-built file, no side files (the lock file stays, emptied, by design)
    assert [p.name for p in tmp_path.iterdir()] == ["柳湾镇.sqlite3.lock"]
