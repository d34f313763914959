"""基础信息 → 设置: every value of :mod:`app.setup.catalogue`, grouped, each with its one-line explanation.

The clerk edits any number of values and presses 保存: all are checked first and written
together, or none (the reason names the item); each change goes into the 操作日志.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.setup.catalogue import GROUPS
from app.setup.catalogue import Entry
from app.setup.catalogue import SettingRefused
from app.setup.catalogue import change
from app.setup.catalogue import entries
from app.storage.paths import server_chosen
from app.storage.paths import try_server
from app.storage.paths import use_server
from models.server import ServerRefused
from models.server import server_url


class SettingsPage(QWidget):
    """The values of 设置 as a form, with 保存 and 还原."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.editors: dict[str, QLineEdit] = {}
        self.entries: dict[str, Entry] = {}
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("还原")
        self.revert_button.setToolTip("放弃未保存的修改")
        self.revert_button.clicked.connect(self.refresh)
        self.server_button = QPushButton("连接办公室的数据库服务器…")
        self.server_button.setToolTip(
            "本机以后打开办公室数据库服务器上的数据库（几台电脑共用）；重新打开程序后生效"
        )
        self.server_button.clicked.connect(self.choose_server)
        self.local_button = QPushButton("改用本机的数据库文件")
        self.local_button.clicked.connect(self.choose_local_file)
        self.local_button.setVisible(server_chosen())
        buttons = QHBoxLayout()
        buttons.addWidget(self.server_button)
        buttons.addWidget(self.local_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.form_holder = QWidget()
        self.forms = QVBoxLayout(self.form_holder)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_holder)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>设置</b>　修改后按“保存”；每项修改都记入操作日志。"))
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._build()

    def _build(self) -> None:
        listed = entries()
        self.entries = {e.key: e for e in listed}
        for group in GROUPS:
            own = [e for e in listed if e.group == group]
            if not own:
                continue
            box = QGroupBox(group, self.form_holder)
            form = QFormLayout(box)
            for entry in own:
                editor = QLineEdit(box)
                editor.setObjectName(entry.key)
                editor.setToolTip(entry.help)
                self.editors[entry.key] = editor
                explanation = QLabel(entry.help, box)
                explanation.setWordWrap(True)
                explanation.setStyleSheet("color: #666;")
                column = QVBoxLayout()
                column.setSpacing(1)
                column.addWidget(editor)
                column.addWidget(explanation)
                form.addRow(f"{entry.label}：", column)
            self.forms.addWidget(box)
        self.forms.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show the stored values (unsaved edits are dropped)."""
        for key, editor in self.editors.items():
            editor.setText(self.entries[key].text())
            editor.setStyleSheet("")

    def edited(self) -> dict[str, str]:
        """The values the clerk changed on the page (key → typed text)."""
        return {
            key: editor.text()
            for key, editor in self.editors.items()
            if editor.text() != self.entries[key].text()
        }

    def save(self) -> bool:
        """Check and write the edited values together; a red one-line reason when refused."""
        wanted = self.edited()
        if not wanted:
            self._say("没有修改。", ok=True)
            return True
        try:
            changed = change(wanted)
        except SettingRefused as refused:
            label = str(refused).split("：")[0]
            for key, entry in self.entries.items():
                self.editors[key].setStyleSheet("background: #fde2e2;" if entry.label == label else "")
            self._say(f"未保存：{refused}", ok=False)
            return False
        self.refresh()
        self._say(f"已保存 {len(changed)} 项：" + "、".join(e.label for e in changed), ok=True)
        self.context.notify_changed(None)
        return True

    def choose_server(self) -> None:
        """The same choice as at the first start: the address asked and tried, remembered without a password."""
        text, ok = QInputDialog.getText(
            self,
            "连接办公室的数据库服务器",
            "数据库服务器地址（postgresql://用户名@服务器[:端口]/数据库名）：\n密码不在这里填写，连接时询问或使用密码文件。",
        )
        if not ok or not text.strip():
            return
        try:
            url = server_url(text.strip())
        except ServerRefused as refused:
            self._say(str(refused), ok=False)
            return
        problem = try_server(url)
        if problem:
            self._say(f"无法连接 {url.name}：{problem}", ok=False)
            return
        use_server(url)
        self.local_button.setVisible(True)
        self._say(f"本机以后打开数据库服务器上的 {url.name}，重新打开程序后生效。", ok=True)

    def choose_local_file(self) -> None:
        use_server(None)
        self.local_button.setVisible(False)
        self._say("本机以后打开本机的数据库文件，重新打开程序后生效。", ok=True)

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #1a7f37;" if ok else "color: #c62828;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def create(context) -> QWidget:
    """The 设置 page for the main window."""
    return SettingsPage(context)
