"""Starting the window: Qt set-up (Chinese, fonts, high DPI), the database, the operator."""

from __future__ import annotations

import logging
import os
import sys
import weakref
from pathlib import Path
from typing import cast

from PySide6.QtCore import QLibraryInfo
from PySide6.QtCore import Qt
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontDatabase
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from app.storage.errors import WRITE_ERRORS
from app.storage.integrity import check_on_start
from app.storage.integrity import replace_with_backup
from app.storage.lock import DatabaseLocked
from app.storage.lock import acquire
from app.storage.read_only import CannotReadOnly
from app.storage.read_only import open_read_only
from app.storage.read_only import read_only_reason
from models import close_database
from models import settings
from models.migrations import DatabaseTooNew
from models.migrations import SchemaRefused
from models.server import is_server_url
from models.server import server_url
from ui import gui_collector
from ui.background import end_background_work
from ui.context import AppContext
from ui.error_handling import watch_errors
from ui.main_window import MainWindow
from ui.qt_chinese import MissingQtTexts
from ui.qt_chinese import use_chinese_locale
from ui.server_login import open_with_password
from ui.widgets.error_dialog import show_write_error
from ui.widgets.read_only import set_read_only

# Preferred interface fonts, first found wins: Windows office PCs, then Linux.
UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "Noto Sans CJK SC", "WenQuanYi Zen Hei")

# The translators installed into each application, held here so that Python does not free
# them while Qt still asks them.
_TRANSLATORS: weakref.WeakKeyDictionary[QApplication, tuple[QTranslator, MissingQtTexts]] = (
    weakref.WeakKeyDictionary()
)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our style, a CJK font and Qt's own texts in Chinese."""
    existing = QApplication.instance()
    if existing is None:
        # Fractional scaling (125 %, 150 %) as Windows sets it, without rounding to 2×.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    else:
        assert isinstance(existing, QApplication)  # the program only ever makes a QApplication
        app = existing
    app.setApplicationName("五抓五提升工作台")
    # no application display name: Qt would append it to every window title, and the main
    # window's title names the program already ("五抓五提升 工作台 — 红崖村党支部")
    app.setStyle("Fusion")
    choose_font(app)
    install_chinese(app)
    gui_collector.install()
    return app


def choose_font(app: QApplication) -> str | None:
    """Use the first installed font of :data:`UI_FONTS` (10 pt); returns its name."""
    families = set(QFontDatabase.families())
    for name in UI_FONTS:
        if name in families:
            font = QFont(name)
            font.setPointSize(10)
            app.setFont(font)
            return name
    return None


def install_chinese(app: QApplication) -> bool:
    """Load Qt's own Chinese texts (dialog buttons, context menus); False when missing."""
    if app in _TRANSLATORS:
        return True

    use_chinese_locale()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        # Installed last, asked first: the few texts qtbase_zh_CN lacks.
        gaps = MissingQtTexts(app)
        app.installTranslator(gaps)
        _TRANSLATORS[app] = (translator, gaps)  # kept alive as long as the application
        return True
    return False


def ask_operator(parent: QWidget | None = None) -> str:
    """The operator's name: from WUZHUA_OPERATOR, the settings, or asked once and remembered."""
    from_env = os.environ.get("WUZHUA_OPERATOR", "").strip()
    stored = settings.get("operator") or ""
    if from_env:
        if from_env != stored:
            settings.put("operator", from_env)
        return from_env
    if stored:
        return stored
    name, ok = QInputDialog.getText(
        parent,
        "操作人员",
        "请输入您的姓名（记入操作日志，以后可在设置中修改）：",
        QLineEdit.EchoMode.Normal,
        "",
    )
    name = name.strip() if ok else ""
    if name:
        try:
            settings.put("operator", name[:40])
        except WRITE_ERRORS as error:
            show_write_error(parent, "操作人员姓名", error)  # used for this session all the same
    return name


def check_before_opening(db_path: Path, pending=None) -> bool:
    """The start-up integrity check; offers the newest good backup for a broken file.

    ``pending``: the check already begun by :func:`app.storage.integrity.start_check_on_start`
    (its report is waited for); without it the check runs now.
    """
    report = pending.report() if pending is not None else check_on_start(db_path)
    if report.ok:
        return True
    if report.too_new or report.good_backup is None:
        QMessageBox.critical(None, "无法打开数据库", report.message)
        return False
    answer = QMessageBox.question(
        None,
        "数据库已损坏",
        report.message + "\n\n现在恢复这份备份吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        aside = replace_with_backup(db_path, report.good_backup)
    except (OSError, ValueError) as error:
        QMessageBox.critical(None, "恢复失败", f"恢复备份时出错：\n{error}")
        return False
    QMessageBox.information(
        None, "已恢复备份", f"已恢复备份 {report.good_backup.name}。\n损坏的文件另存为：{aside.name}"
    )
    return True


def open_or_explain(db_path: Path, pending=None) -> bool:
    """Open the database (a new file is set up first: :func:`set_up_new_file`); a Chinese message on failure.

    ``pending``: the start-up check already running (see :func:`check_before_opening`).
    """
    new_file = str(db_path) != ":memory:" and not db_path.exists()
    if not new_file and not check_before_opening(db_path, pending):
        return False
    from app.storage import backup  # noqa: PLC0415, F401 (registers the backup before a schema upgrade)

    try:
        if new_file and not set_up_new_file(Path(db_path)):
            return False
        open_with_password(db_path)
    except DatabaseTooNew:
        QMessageBox.critical(
            None,
            "无法打开数据库",
            f"数据库文件 {db_path} 是用更新版本的“五抓五提升工作台”保存的，本版本无法打开。\n"
            "请安装最新版本的程序后再打开。",
        )
        return False
    except SchemaRefused as error:  # not ours, or an upgrade that failed: the message says which
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return False
    except Exception as error:  # noqa: BLE001 (any failure is told to the clerk, not as a traceback)
        QMessageBox.critical(
            None,
            "无法打开数据库",
            f"打开数据库文件 {db_path} 时出错：\n{error}\n\n"
            "请确认文件存在、未被其他程序占用，且所在文件夹可以写入。",
        )
        return False
    return True


def set_up_new_file(db_path: Path) -> bool:
    """The first start: the clerk chooses a new town, a village's installation or the demo.

    The file appears only when it is complete; given up (the chooser closed), there is none,
    so the next start asks again. Half-built files of a first start that was interrupted
    (killed, power cut) are removed first: the lock is held, nobody else is writing them.
    """
    from app.storage.backup_status import remove_stale_parts  # noqa: PLC0415 (only on the very first start)
    from ui.first_start import set_up_new_database  # noqa: PLC0415 (only on the very first start)

    for leftover in remove_stale_parts(db_path):
        logging.getLogger("wuzhua").warning("上次首次启动未完成，已删除未写完的文件 %s", leftover)
    return set_up_new_database(db_path)


def _tell_backup_state(window: QMainWindow, db_path: Path) -> None:
    """Clear half-written backups; say in the status bar when the last automatic one failed."""
    from app.storage.backup_status import last_failure  # noqa: PLC0415 (after the window is up)
    from app.storage.backup_status import remove_stale_parts  # noqa: PLC0415 (after the window is up)

    remove_stale_parts(db_path)
    failure = last_failure(db_path)
    if failure is not None:
        label = QLabel(failure.text + "（详见“备份与恢复”）")
        label.setStyleSheet("color: #B00020;")
        window.statusBar().addWidget(label, 1)


def run_gui(db_path: str | Path, pending=None) -> int:
    """Open the window on ``db_path``; returns the exit status.

    ``pending``: the start-up integrity check, begun before Qt was loaded
    (:func:`app.storage.integrity.start_check_on_start`); without it the check runs when its turn comes.
    """
    # a ServerUrl answers what is asked of a file's Path here (name, exists)
    db_path = cast("Path", server_url(db_path)) if is_server_url(db_path) else Path(db_path)
    app = make_application()
    watch_errors()
    read_only = ask_read_only(db_path)
    if read_only is None:
        return 1
    if read_only:
        return run_read_only(app, db_path)
    try:
        # a SQLite file is one program's at a time; on a server several clerks work at once
        lock = acquire(db_path) if not is_server_url(db_path) else None
    except DatabaseLocked as locked:
        QMessageBox.warning(None, "程序已经打开", str(locked))
        return 1
    except OSError as error:
        QMessageBox.critical(None, "无法打开数据库", f"无法在 {db_path.parent} 中建立锁文件：\n{error}")
        return 1
    try:
        if not open_or_explain(db_path, pending):
            return 1
        ask_operator()
        context = AppContext(db_path)
        window = MainWindow(context)
        _tell_backup_state(window, db_path)
        window.show()
        status = app.exec()
        end_background_work()  # nothing may still be writing while the file is copied
        # 关闭时备份 (issue 7): a verified copy into backups/, rotated; never fails the exit
        from app.storage.backup import backup_on_close  # noqa: PLC0415 (start-up: needed only when the window closes)

        backup_on_close(db_path)
        return status
    finally:
        if lock is not None:
            lock.release()


def ask_read_only(db_path: Path) -> bool | None:
    """A database that cannot be written: explain, then open it read-only (True) or quit (None).

    False: the file can be written; the window opens as usual.
    """
    reason = read_only_reason(db_path)
    if reason is None:
        return False
    logging.getLogger("wuzhua").warning("数据库不可写入：%s", reason)
    box = QMessageBox(QMessageBox.Icon.Warning, "数据库是只读的", reason)
    box.setInformativeText(
        "可以只读方式打开：能查看、搜索和打印，但不能新增、修改、删除、导入或恢复备份。\n"
        "要录入数据，请退出程序，把数据库文件复制到可以写入的位置（例如电脑硬盘），"
        "或取消文件的“只读”属性后再打开。"
    )
    read_button = box.addButton("以只读方式打开", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(read_button)
    box.exec()
    return True if box.clickedButton() is read_button else None


def run_read_only(app: QApplication, db_path: Path) -> int:
    """The window on a database opened read-only: no lock, no operator, no backup on close."""

    try:
        open_read_only(db_path)
    except CannotReadOnly as error:
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return 1
    set_read_only(True)
    try:
        window = MainWindow(AppContext(db_path))
        window.show()
        status = app.exec()
        end_background_work()
        return status
    finally:
        set_read_only(False)
        close_database()
