"""A small form in a dialog: a few labelled fields, 确定 and 取消.

The dialogs of a step (新建督查, 记录发现的问题, 整改完成, 回头看, 问责…) are all this shape.
Their dates are typed as people type them (:class:`OptionalDateEdit`); 确定 with a date left
empty or unreadable names the field and keeps the dialog open, and so does a step the program
refused (the dialog's ``write`` returns False): nothing typed is lost. Esc or 取消 on a changed
form asks first, as every form does (:class:`GuardedDialog`).
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from ui.widgets.dialog_buttons import ok_cancel
from ui.widgets.form_widgets import OptionalDateEdit
from ui.widgets.form_widgets import value_of
from ui.widgets.unsaved import GuardedDialog

W = TypeVar("W", bound=QWidget)


class SmallForm(GuardedDialog):
    """Fields are added in order with :meth:`field` and :meth:`date`; :meth:`finish` adds the buttons."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self._fields: list[QWidget] = []
        self._dates: dict[OptionalDateEdit, str] = {}
        #: the last reason 确定 was refused for (shown in a message box too)
        self.refusal = ""

    def info(self, label: str, text: str) -> QLabel:
        """A line that only informs (the village, the quarter)."""
        shown = QLabel(text, self)
        self.form.addRow(label, shown)
        return shown

    def field(self, label: str, widget: W) -> W:
        widget.setParent(self)
        self.form.addRow(label, widget)
        self._fields.append(widget)
        return widget

    def day_of(self, edit: OptionalDateEdit) -> dt.date:
        """The date of a field :meth:`accept` has checked (it is never empty by then)."""
        day = edit.date()
        if day is None:
            raise ValueError(self.date_problem() or "日期未填写")
        return day

    def date(self, label: str, day: dt.date | None, tip: str = "") -> OptionalDateEdit:
        """A required date, starting at ``day``."""
        edit = self.field(label, OptionalDateEdit(optional=False))
        edit.set_date(day)
        if tip:
            edit.setToolTip(tip)
        self._dates[edit] = label
        return edit

    def finish(self) -> None:
        box = ok_cancel(self)
        self.form.addRow(box)
        self.mark_clean()

    def snapshot(self) -> object:
        return tuple(
            edit.line.text() if isinstance(edit, OptionalDateEdit) else value_of(edit)
            for edit in self._fields
        )

    def date_problem(self) -> str | None:
        """Why a date of the form cannot be taken (None when every date reads well)."""
        for edit, label in self._dates.items():
            error = edit.error()
            if error:
                return f"“{label}”：{error}"
            if edit.date() is None:
                return f"请填写“{label}”。"
        return None

    def accept(self) -> None:
        problem = self.date_problem()
        if problem:
            self.refusal = problem
            QMessageBox.warning(self, self.windowTitle(), problem)
            return  # the dialog stays open with everything typed
        super().accept()
