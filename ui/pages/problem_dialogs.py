"""Small dialogs of the problem ledger: a date with a text, a 回头看/督办 check, 问责."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QWidget

from app.campaign_time import as_of_day
from models.delivery import ACCOUNTABILITY_FORMS
from models.delivery import CHECK_KINDS
from models.delivery import CHECK_RESULTS
from ui.widgets.small_form import SmallForm


def _choices(items) -> QComboBox:
    box = QComboBox()
    box.addItems(list(items))
    return box


class StepDialog(SmallForm):
    """A date and a paragraph (整改方案, 整改佐证…); a label of None leaves that field out
    (a step without a date of its own takes today's, no later than the campaign's end)."""

    def __init__(
        self, title: str, date_label: str | None, text_label: str | None, text: str = "", parent=None
    ):
        super().__init__(title, parent)
        self.day = self.date(date_label, as_of_day()) if date_label else None
        self.text = QPlainTextEdit()
        self.text.setPlainText(text)
        if text_label:
            self.field(text_label, self.text)
        self.finish()

    def values(self) -> tuple[dt.date, str]:
        day = self.day.date() if self.day is not None else as_of_day()
        return day or as_of_day(), self.text.toPlainText().strip()


class CheckDialog(SmallForm):
    """跟进督办 or 回头看: date, result, checker, what was seen."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(f"登记{kind}", parent)
        self.kind = self.field("检查类型", _choices(CHECK_KINDS))
        self.kind.setCurrentText(kind)
        self.day = self.date("检查日期", as_of_day())
        self.result_box = self.field("检查结果", _choices(CHECK_RESULTS))
        self.checker = self.field("检查人", QLineEdit())
        self.note = self.field("检查情况", QPlainTextEdit())
        self.finish()

    def values(self) -> dict:
        return {
            "kind": self.kind.currentText(),
            "day": self.day.date(),
            "result": self.result_box.currentText(),
            "checker": self.checker.text().strip(),
            "note": self.note.toPlainText().strip(),
        }


class AccountabilityDialog(SmallForm):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("登记问责", parent)
        self.form_box = self.field("问责方式", _choices(ACCOUNTABILITY_FORMS))
        self.day = self.date("问责日期", as_of_day())
        self.note = self.field("问责情况", QPlainTextEdit())
        self.finish()

    def values(self) -> tuple[str, dt.date | None, str]:
        return self.form_box.currentText(), self.day.date(), self.note.toPlainText().strip()
