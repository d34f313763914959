"""Small dialogs of the problem ledger: a date with a text, a 回头看/督办 check, 问责."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QWidget

from models.delivery import ACCOUNTABILITY_FORMS
from models.delivery import CHECK_KINDS
from models.delivery import CHECK_RESULTS
from ui.pages.delivery_common import as_of_edit
from ui.pages.delivery_common import to_date
from ui.widgets.unsaved import GuardedDialog


class StepDialog(GuardedDialog):
    """A date and a paragraph (整改方案, 整改佐证…); ``text_label`` None hides the paragraph."""

    def __init__(
        self, title: str, date_label: str | None, text_label: str | None, text: str = "", parent=None
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.day = as_of_edit(self, "")
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        if date_label:
            form.addRow(date_label, self.day)
        else:
            self.day.hide()
        if text_label:
            form.addRow(text_label, self.text)
        else:
            self.text.hide()
        _buttons(self, form)

    def values(self) -> tuple[dt.date, str]:
        return to_date(self.day.date()), self.text.toPlainText().strip()

    def snapshot(self) -> object:
        return self.values()


class CheckDialog(GuardedDialog):
    """跟进督办 or 回头看: date, result, checker, what was seen."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"登记{kind}")
        form = QFormLayout(self)
        self.kind = QComboBox(self)
        self.kind.addItems(list(CHECK_KINDS))
        self.kind.setCurrentText(kind)
        self.day = as_of_edit(self, "")
        self.result_box = QComboBox(self)
        self.result_box.addItems(list(CHECK_RESULTS))
        self.checker = QLineEdit(self)
        self.note = QPlainTextEdit(self)
        form.addRow("检查类型", self.kind)
        form.addRow("检查日期", self.day)
        form.addRow("检查结果", self.result_box)
        form.addRow("检查人", self.checker)
        form.addRow("检查情况", self.note)
        _buttons(self, form)

    def values(self) -> dict:
        return {
            "kind": self.kind.currentText(),
            "day": to_date(self.day.date()),
            "result": self.result_box.currentText(),
            "checker": self.checker.text().strip(),
            "note": self.note.toPlainText().strip(),
        }

    def snapshot(self) -> object:
        return self.values()


class AccountabilityDialog(GuardedDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("登记问责")
        form = QFormLayout(self)
        self.form_box = QComboBox(self)
        self.form_box.addItems(list(ACCOUNTABILITY_FORMS))
        self.day = as_of_edit(self, "")
        self.note = QPlainTextEdit(self)
        form.addRow("问责方式", self.form_box)
        form.addRow("问责日期", self.day)
        form.addRow("问责情况", self.note)
        _buttons(self, form)

    def values(self) -> tuple[str, dt.date, str]:
        return self.form_box.currentText(), to_date(self.day.date()), self.note.toPlainText().strip()

    def snapshot(self) -> object:
        return self.values()


def _buttons(dialog: GuardedDialog, form: QFormLayout) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    form.addRow(box)
    dialog.mark_clean()
