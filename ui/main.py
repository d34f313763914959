"""Starting the window: Qt set-up (Chinese, fonts, high DPI), the database, the operator."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from models import open_database, settings
from models.migrations import DatabaseTooNew

# Preferred interface fonts, first found wins: Windows office PCs, then Linux.
UI_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "Noto Sans CJK SC", "WenQuanYi Zen Hei")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our style, a CJK font and Qt's own texts in Chinese."""
    app = QApplication.instance()
    if app is None:
        # Fractional scaling (125 %, 150 %) as Windows sets it, without rounding to 2×.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("五抓五提升工作台")
    app.setApplicationDisplayName("五抓五提升 工作台")
    app.setStyle("Fusion")
    choose_font(app)
    install_chinese(app)
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
    if getattr(app, "_wz_translator", None) is not None:
        return True
    from ui.qt_chinese import MissingQtTexts, use_chinese_locale  # noqa: PLC0415

    use_chinese_locale()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        app._wz_translator = translator  # keep it alive as long as the application
        # Installed last, asked first: the few texts qtbase_zh_CN lacks.
        app._wz_gaps = MissingQtTexts(app)
        app.installTranslator(app._wz_gaps)
        return True
    return False


def create_demo_with_progress(db_path: Path, parent: QWidget | None = None) -> None:
    """Make the new database file ``db_path`` holding the demo town, showing a progress dialog."""
    from app.demo import create_demo_file  # noqa: PLC0415
    from ui.background import run_in_background  # noqa: PLC0415

    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def work(_progress):
        create_demo_file(db_path, seed=2022)  # whole or absent; opens and closes the file itself
        return True

    def done(result):
        outcome["ok"] = result
        loop.quit()

    def failed(error):
        outcome["error"] = error
        loop.quit()

    run_in_background(parent, "正在创建演示数据…", work, done, failed, cancellable=False)
    loop.exec()
    if "error" in outcome:
        raise RuntimeError(f"创建演示数据失败：{outcome['error']}")


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
        settings.put("operator", name[:40])
    return name


def check_before_opening(db_path: Path, pending=None) -> bool:
    """The start-up integrity check; offers the newest good backup for a broken file.

    ``pending``: the check already begun by :func:`app.storage.integrity.start_check_on_start`
    (its report is waited for); without it the check runs now.
    """
    from app.storage.integrity import check_on_start, replace_with_backup  # noqa: PLC0415

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
    """Open the database (creating the demo town in a new file); a Chinese message on failure.

    ``pending``: the start-up check already running (see :func:`check_before_opening`).
    """
    new_file = str(db_path) != ":memory:" and not Path(db_path).exists()
    if not new_file and not check_before_opening(Path(db_path), pending):
        return False
    from app.storage import backup  # noqa: PLC0415, F401 (registers the backup before a schema upgrade)

    try:
        if new_file:
            create_demo_with_progress(Path(db_path))
        open_database(db_path)
    except DatabaseTooNew:
        QMessageBox.critical(
            None,
            "无法打开数据库",
            f"数据库文件 {db_path} 是用更新版本的“五抓五提升工作台”保存的，本版本无法打开。\n"
            "请安装最新版本的程序后再打开。",
        )
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


def _tell_backup_state(window: QMainWindow, db_path: Path) -> None:
    """Clear half-written backups; say in the status bar when the last automatic one failed."""
    from app.storage.backup_status import last_failure, remove_stale_parts  # noqa: PLC0415

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
    from app.storage.lock import DatabaseLocked, acquire  # noqa: PLC0415
    from ui.context import AppContext  # noqa: PLC0415
    from ui.main_window import MainWindow  # noqa: PLC0415

    db_path = Path(db_path)
    app = make_application()
    try:
        lock = acquire(db_path)
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
        # 关闭时备份 (issue 7): a verified copy into backups/, rotated; never fails the exit
        from app.storage.backup import backup_on_close  # noqa: PLC0415

        backup_on_close(db_path)
        return status
    finally:
        lock.release()
