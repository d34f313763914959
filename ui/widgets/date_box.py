"""A date box that always holds a date (an "as of" day, a month, a notice's date), typed as people type it.

Qt's QDateEdit edits a date section by section: typing 2022.5.1 into it gives nonsense, and
Tab walks through its year, month and day instead of leaving it. :class:`DateBox` is a
QDateEdit (same signals, same calendar popup) that takes the whole date typed in any of the
forms clerks use (2022-5-1, 2022.5.1, 2022/5/1, 20220501, 2022年5月1日), selects all of its
text when it gets the focus so that typing replaces it, moves on with Tab, and reports a
change only once the clerk has finished typing. A text that is no date puts the last date back.
Fields that may stay empty use :class:`ui.widgets.form_widgets.OptionalDateEdit` instead.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtCore import QDateTime
from PySide6.QtCore import Qt
from PySide6.QtCore import QTime
from PySide6.QtCore import QTimer
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QWidget

from app.text import parse_date_text

TYPING_TIP = "可直接输入，如 2022-5-1、2022.5.1、20220501、2022年5月1日"


def _parsed(text: str) -> dt.date | None:
    try:
        return parse_date_text(text)
    except ValueError:
        return None


class DateBox(QDateEdit):
    """A QDateEdit that reads a typed date whole; ``display`` is how it shows the date."""

    def __init__(
        self,
        day: dt.date | QDate | None = None,
        parent: QWidget | None = None,
        display: str = "yyyy-MM-dd",
        tip: str = "",
    ):
        super().__init__(parent)
        self.setDisplayFormat(display)
        self.setCalendarPopup(True)
        self.setKeyboardTracking(False)  # dateChanged once the typing is finished, not per key
        self.setToolTip(f"{tip}\n{TYPING_TIP}" if tip else TYPING_TIP)
        if day is not None:
            self.setDate(day if isinstance(day, QDate) else QDate(day.year, day.month, day.day))

    def day(self) -> dt.date:
        """The date as Python's date."""
        value = self.date()
        return dt.date(value.year(), value.month(), value.day())

    # -- reading what was typed -----------------------------------------------------------
    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if _parsed(text) is not None:
            return QValidator.State.Acceptable, text, pos
        state = super().validate(text, pos)[0]  # its own display format (2022年11月), section by section
        if state == QValidator.State.Invalid:
            state = QValidator.State.Intermediate  # half a date typed the people's way
        return state, text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:
        day = _parsed(text)
        if day is None:
            return super().dateTimeFromText(text)
        return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0))

    # -- the keyboard ---------------------------------------------------------------------
    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        # after Qt has chosen its section: the whole text is selected, typing replaces it
        QTimer.singleShot(0, self, self._select_all)  # dropped if the box is gone by then

    def _select_all(self) -> None:
        if self.hasFocus():
            self.lineEdit().selectAll()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.interpretText()
            QWidget.focusNextPrevChild(self, event.key() == Qt.Key.Key_Tab)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next_child: bool) -> bool:
        # QDateEdit would move between its sections: Tab leaves the box, as in every field
        return QWidget.focusNextPrevChild(self, next_child)
