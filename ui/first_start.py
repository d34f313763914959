"""The first start without a database: 新建乡镇 (a short wizard), a village's installation, or the demo.

``bash .ci/start`` sets ``WUZHUA_FIRST_START=demo`` so that a newcomer trying the program
gets the demo town at once; the installed program asks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget
from PySide6.QtWidgets import QWizard
from PySide6.QtWidgets import QWizardPage

from app.setup.new_file import build_database_file
from app.setup.town import SetupRefused
from app.setup.town import TownAnswers
from app.setup.town import create_town
from app.setup.town import validate_answers
from models import close_database
from ui.widgets.file_dialogs import ask_open_path

FIRST_START_ENV = "WUZHUA_FIRST_START"  # "demo": no questions, the demo town (bash .ci/start)
NEW_TOWN, VILLAGE, DEMO, SERVER = "town", "village", "demo", "server"


class FirstStartDialog(QDialog):
    """Three ways to begin; :attr:`choice` is NEW_TOWN, VILLAGE or DEMO once one is pressed."""

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("五抓五提升 工作台 — 第一次使用")
        self.choice = ""
        layout = QVBoxLayout(self)
        intro = QLabel(f"还没有数据库。请选择怎样开始：\n（数据库将保存在 {db_path}）")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons: dict[str, QPushButton] = {}
        for choice, text, why in (
            (NEW_TOWN, "新建乡镇", "镇党委办公室的电脑：填写乡镇名称、代码和发文机关，建立本镇的空数据库"),
            (
                VILLAGE,
                "村（社区）安装：从镇里发来的交换包开始",
                "村里的电脑：选择镇党委为本村导出的交换包（.xlsx）",
            ),
            (DEMO, "打开演示数据（高寨镇）", "先试用：一个虚构的乡镇和它 2022 年的全年台账"),
            (
                SERVER,
                "连接办公室的数据库服务器",
                "办公室几台电脑共用一个数据库：填写服务器地址 postgresql://用户名@服务器/数据库名",
            ),
        ):
            button = QPushButton(text, self)
            button.setToolTip(why)
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
            self.buttons[choice] = button
            layout.addWidget(button)
            hint = QLabel(why, self)
            hint.setStyleSheet("color: #666; margin-bottom: 6px;")
            layout.addWidget(hint)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class _AnswersPage(QWizardPage):
    """One page of the wizard: a few answers, checked when 下一步/完成 is pressed."""

    def __init__(self, title: str, subtitle: str, fields: list[tuple[str, str, str]], wizard: TownWizard):
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.town_wizard = wizard
        self.names = [name for name, _label, _hint in fields]
        form = QFormLayout(self)
        for name, label, hint in fields:
            widget: QWidget
            if name == "year":
                spin = QSpinBox(self)
                spin.setRange(2000, 2100)
                spin.setValue(2022)
                widget = spin
            else:
                edit = QLineEdit(self)
                edit.setPlaceholderText(hint)
                widget = edit
            widget.setObjectName(name)
            widget.setToolTip(hint)
            wizard.fields[name] = widget
            form.addRow(f"{label}：", widget)
        self.problems = QLabel("", self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c62828;")
        form.addRow(self.problems)

    def validatePage(self) -> bool:
        labels = {n: label for n, label in _LABELS.items() if n in self.names}
        mine = [
            p for p in validate_answers(self.town_wizard.answers()) if p.startswith(tuple(labels.values()))
        ]
        self.problems.setText("\n".join(mine))
        return not mine


_LABELS = {
    "town_name": "乡镇名称",
    "town_code": "乡镇代码",
    "issuer": "发文机关",
    "doc_prefix": "发文字号前缀",
    "office": "印发机关",
    "year": "行动年度",
}


class TownWizard(QWizard):
    """新建乡镇: the answers of ``python -m app init``, on two pages."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("新建乡镇")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.fields: dict[str, QWidget] = {}
        self.addPage(
            _AnswersPage(
                "乡镇",
                "乡镇名称和代码。各村（社区）党支部的代码在乡镇代码后加两位序号。",
                [
                    ("town_name", "乡镇名称", "如 柳湾镇"),
                    ("town_code", "乡镇代码", "2 到 6 个字母，如 LW（各村为 LW01、LW02……）"),
                ],
                self,
            )
        )
        self.addPage(
            _AnswersPage(
                "发文和行动",
                "通报的发文机关、发文字号和版记；行动的年度（三个阶段的日期按行动方案，之后可在“设置”中修改）。",
                [
                    ("issuer", "发文机关", "如 中共柳湾镇委员会"),
                    ("doc_prefix", "发文字号前缀", "如 柳党发（印为 柳党发〔2022〕1号）"),
                    ("office", "印发机关", "如 党政办公室（版记中前面加镇名）"),
                    ("year", "行动年度", "如 2022"),
                ],
                self,
            )
        )
        self.currentIdChanged.connect(self._suggest)

    def _text(self, name: str) -> str:
        widget = self.fields[name]
        return widget.text() if isinstance(widget, QLineEdit) else str(widget.value())  # type: ignore[attr-defined]

    def _suggest(self, _page: int) -> None:
        """What most towns write, from the town's name (the clerk may change it)."""
        town = self._text("town_name").strip()
        if not town:
            return
        for name, value in (
            ("issuer", f"中共{town}委员会"),
            ("doc_prefix", f"{town[0]}党发"),
            ("office", "党政办公室"),
        ):
            edit = self.fields[name]
            if isinstance(edit, QLineEdit) and not edit.text():
                edit.setText(value)

    def answers(self) -> TownAnswers:
        """The answers as typed so far."""
        year = self.fields["year"]
        return TownAnswers(
            town_name=self._text("town_name"),
            town_code=self._text("town_code"),
            issuer=self._text("issuer"),
            doc_prefix=self._text("doc_prefix"),
            office=self._text("office"),
            year=year.value() if isinstance(year, QSpinBox) else 2022,
        )


def set_up_new_database(db_path: Path, parent: QWidget | None = None) -> bool:
    """Make the new database file at ``db_path`` as the clerk chooses; False when the clerk gave up.

    The file is built whole under a temporary name (:func:`app.setup.new_file.build_database_file`)
    and is closed afterwards; given up or failed, there is no file.
    """
    if os.environ.get(FIRST_START_ENV, "").strip().lower() == DEMO:
        create_demo_with_progress(db_path, parent)
        return True
    while True:
        chooser = FirstStartDialog(db_path, parent)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return False
        if chooser.choice == DEMO:
            create_demo_with_progress(db_path, parent)
            return True
        if chooser.choice == NEW_TOWN and _new_town(db_path, parent):
            return True
        if chooser.choice == VILLAGE and _village(db_path, parent):
            return True
        if chooser.choice == SERVER and _server(parent):
            return False  # this PC now opens the server: the local file is not needed


def _new_town(db_path: Path, parent: QWidget | None) -> bool:
    wizard = TownWizard(parent)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return False
    answers = wizard.answers()
    try:
        build_database_file(db_path, lambda: create_town(answers))
    except SetupRefused as refused:
        QMessageBox.warning(parent, "无法新建乡镇", str(refused))
        return False
    return True


def _village(db_path: Path, parent: QWidget | None) -> bool:
    from app.setup.village import install_village  # noqa: PLC0415 (the exchange code only when chosen)

    path = ask_open_path(parent, "选择镇党委为本村导出的交换包", "Excel 交换包 (*.xlsx)")
    if not path:
        return False
    try:
        installed = _in_background(
            parent, "正在安装本村数据…", lambda: build_database_file(db_path, lambda: install_village(path))
        )
    except SetupRefused as refused:
        QMessageBox.warning(parent, "无法安装", str(refused))
        return False
    QMessageBox.information(
        parent,
        "安装完成",
        f"本机已设为 {installed.name}（{installed.code}）的电脑，导入了 {installed.written} 条记录。\n"
        "以后导出的交换包注明来自本村；其他村的文件不能导入。",
    )
    return True


def _server(parent: QWidget | None) -> bool:
    """This PC uses the office's server from now on: the address asked, the connection tried,
    the choice remembered (without the password), the program opened again on the server."""
    from app.storage.paths import use_server  # noqa: PLC0415 (only when this choice is made)
    from models.server import ServerRefused  # noqa: PLC0415 (only when this choice is made)
    from models.server import server_url  # noqa: PLC0415 (only when this choice is made)
    from ui.server_login import open_with_password  # noqa: PLC0415 (only when this choice is made)

    text, ok = QInputDialog.getText(
        parent,
        "连接办公室的数据库服务器",
        "数据库服务器地址（postgresql://用户名@服务器[:端口]/数据库名）：\n密码不在这里填写，连接时询问或使用密码文件。",
    )
    if not ok or not text.strip():
        return False
    try:
        url = server_url(text.strip())
        open_with_password(url, parent)
    except ServerRefused as refused:
        QMessageBox.warning(parent, "地址不对", str(refused))
        return False
    except Exception as error:  # noqa: BLE001 (whatever the server says is told to the clerk)
        QMessageBox.warning(parent, "无法连接数据库服务器", f"连接 {text.strip()} 时出错：\n{error}")
        return False
    finally:
        close_database()
    use_server(url)
    QMessageBox.information(
        parent, "已连接", f"本机以后打开数据库服务器上的 {url.name}。程序将重新打开并连接服务器。"
    )
    QProcess.startDetached(sys.executable, list(sys.orig_argv[1:]))
    return True


def create_demo_with_progress(db_path: Path, parent: QWidget | None = None) -> None:
    """Make the new database file ``db_path`` holding the demo town, showing a progress dialog."""
    from app.demo import create_demo_file  # noqa: PLC0415 (the demo's code only when it is wanted)

    _in_background(parent, "正在创建演示数据…", lambda: create_demo_file(db_path, seed=2022))


def _in_background(parent: QWidget | None, title: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` off the GUI thread behind a progress dialog; its result, or its error raised here."""
    from ui.background import run_in_background  # noqa: PLC0415 (start-up time)

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def job(_progress):
        return work()  # nothing else is open yet: the work opens (and closes) its own new file

    def done(result):
        outcome["result"] = result
        loop.quit()

    def failed(error):
        outcome["error"] = error
        loop.quit()

    run_in_background(parent, title, job, done, failed, cancellable=False)
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
