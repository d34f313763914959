"""The editors a record form is built from, one per kind of field.

Each editor is made by :func:`editor_for` and read/written through :func:`value_of` and
:func:`set_value`, so the form itself never needs to know which widget a field uses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from typing import TypeVar

import peewee as pw
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCalendarWidget
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QDoubleSpinBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QWidget
from PySide6.QtWidgets import QWidgetAction

from app.campaign_time import as_of_day
from app.inspection.computed_items import RULE_LABELS
from app.text import parse_date_text
from app.text import pinyin_key
from models import Member
from models import Organisation
from models import ScoreItem
from models.fields import choice_values
from models.fields import flag
from models.fields import is_required
from models.schema import filter_by_org
from ui.record_model import reference_labels

_INT_LIMIT = 2_000_000_000
# Whole and decimal numbers share the "may stay empty" handling; each keeps its own value type.
_Spin = TypeVar("_Spin", QSpinBox, QDoubleSpinBox)
NOT_FILLED = "（不填）"


class OptionalDateEdit(QWidget):
    """A date typed as people type it (2022-5-1, 2022.5.1, 2022/5/1, 20220501, 2022年5月1日), or
    picked from a calendar whose month and year are chosen directly; it starts empty.

    A required date starts empty too ("（请选择日期）"): prefilling today would let a clerk
    save today's date as somebody's 入党日期 without noticing. The form refuses it empty,
    and names a date it cannot read (:meth:`error`).
    """

    def __init__(self, optional: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional = optional
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("（未填）" if optional else "（请选择日期）")
        self.line.setToolTip("可直接输入，如 2022-5-1、2022.5.1、20220501、2022年5月1日")
        self.line.setClearButtonEnabled(True)
        self.line.editingFinished.connect(self._tidy)
        layout.addWidget(self.line, 1)
        self.pick_button = QToolButton(self)
        self.pick_button.setText("选择…")
        self.pick_button.setToolTip("从日历中选择（可直接选年份和月份）")
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        self.pick_button.clicked.connect(self.show_calendar)
        layout.addWidget(self.pick_button)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("清除")
        self.clear_button.setToolTip("清空日期")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.line)
        self.popup: QMenu | None = None

    def show_calendar(self) -> QCalendarWidget:
        """Open the calendar under the field, at the date typed, or near the work when empty."""
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        calendar.setMinimumDate(QDate(1900, 1, 1))
        calendar.setMaximumDate(QDate(2100, 12, 31))
        shown = self.date() or as_of_day()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.setCurrentPage(shown.year, shown.month)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(day: QDate) -> None:
            self.set_date(dt.date(day.year(), day.month(), day.day()))
            menu.close()

        calendar.clicked.connect(chosen)
        calendar.activated.connect(chosen)
        self.popup = menu
        menu.popup(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        calendar.setFocus()
        return calendar

    def _tidy(self) -> None:
        # a date that reads well is shown the one way (2022-05-01); anything else stays as typed
        try:
            day = parse_date_text(self.line.text())
        except ValueError as error:
            self.line.setStyleSheet("border: 1px solid #C00000;")
            self.line.setToolTip(str(error))
            return
        self.line.setStyleSheet("")
        if day is not None:
            self.line.setText(day.isoformat())

    def clear(self) -> None:
        self.line.clear()
        self.line.setStyleSheet("")

    def error(self) -> str | None:
        """Why the typed text is not a date (None when it is one, or empty)."""
        try:
            parse_date_text(self.line.text())
        except ValueError as error:
            return str(error)
        return None

    def date(self) -> dt.date | None:
        try:
            return parse_date_text(self.line.text())
        except ValueError:
            return None

    def set_date(self, value: dt.date | None) -> None:
        if value is None:
            self.clear()
        else:
            self.line.setText(value.isoformat())
            self.line.setStyleSheet("")


def reference_choices(field: pw.ForeignKeyField, org_ids: list[int] | None) -> list[tuple[int, str]]:
    """The records a reference field may point at, as (id, text) pairs in a sensible order.

    Members and organisations are limited to the selected village when one is selected.
    """
    target = field.rel_model
    if target is Organisation:
        query = Organisation.live()
        if field.name == "group":
            query = query.where(Organisation.kind == "党小组")
            if org_ids is not None:
                query = query.where(Organisation.parent.in_(org_ids) | Organisation.id.in_(org_ids))
        else:
            query = query.where(Organisation.kind != "党小组")
            if org_ids is not None:
                query = query.where(Organisation.id.in_(org_ids) | (Organisation.kind == "镇党委"))
            # The town committee first, then the branches by pinyin (党小组 keep their order:
            # 第一、第二… would not sort by pinyin).
            orgs = sorted(query, key=lambda o: (o.kind != "镇党委", pinyin_key(o.name)))
            return [(o.id, o.name) for o in orgs]
        return [(o.id, o.name) for o in query.order_by(Organisation.sort_order, Organisation.code)]
    if target is Member:
        query = Member.active(
            Member.id, Member.name, Organisation.name, Organisation.short_name, org_ids=org_ids
        ).join(Organisation, on=Member.org)
        rows = [(m.id, m.name, m.org.short_name or m.org.name) for m in query]
        rows.sort(key=lambda r: (pinyin_key(r[1]), r[2]))
        return [(mid, f"{name}（{org}）") for mid, name, org in rows]
    query = target.live()
    if org_ids is not None:
        query = filter_by_org(query, target, org_ids)
    date_name = getattr(target._meta, "date_field", None)
    if date_name:
        query = query.order_by(target._meta.fields[date_name].desc(), target.id.desc())
    else:
        query = query.order_by(target.id.desc())
    records = list(query.limit(3000))
    labels = reference_labels(target, [r.id for r in records])
    choices = []
    for record in records:
        text = labels.get(record.id, str(record))
        when = getattr(record, date_name, None) if date_name else None
        if isinstance(when, dt.date) and when.isoformat() not in text:
            text = f"{text}（{when.isoformat()}）"
        choices.append((record.id, text))
    return choices


def fill_reference_combo(combo: QComboBox, choices: list[tuple[int, str]], optional: bool) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if optional:
        combo.addItem(NOT_FILLED, None)
    for record_id, text in choices:
        combo.addItem(text, record_id)
    combo.blockSignals(False)
    if current is not None:
        set_value(combo, current)


def _named_choices(field: pw.Field) -> list[tuple[str, str]] | None:
    """Codes stored in a field but shown by name (评分细则's 自动计算依据)."""
    if field.model is ScoreItem and field.name == "rule":
        return [("", "（不自动计算，由督查组打分）"), *RULE_LABELS.items()]
    return None


def editor_for(field: pw.Field, org_ids: list[int] | None, parent: QWidget | None = None) -> QWidget:
    """A new, empty editor fitting ``field``."""
    optional = not is_required(field)
    help_text = field.help_text or ""
    named = _named_choices(field)
    if named is not None:
        combo = QComboBox(parent)
        for value, label in named:
            combo.addItem(label, value)
        return combo
    if isinstance(field, pw.ForeignKeyField):
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(20)
        completer = combo.completer()
        line_edit = combo.lineEdit()
        assert completer is not None and line_edit is not None  # an editable combo has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        fill_reference_combo(combo, reference_choices(field, org_ids), optional)
        line_edit.setPlaceholderText(help_text or "输入文字查找")
        # A required reference starts empty: the clerk chooses, nothing is guessed.
        combo.setCurrentIndex(-1)
        if optional:
            combo.setCurrentIndex(0)
        return combo
    suggestions = flag(field, "suggestions")
    if suggestions:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setProperty("free_text", True)  # the typed text is the value, listed or not
        combo.addItems(["", *suggestions])
        line_edit = combo.lineEdit()
        assert line_edit is not None  # an editable combo has one
        line_edit.setPlaceholderText(help_text or "选择或填写")
        return combo
    choices = choice_values(field)
    if choices:
        combo = QComboBox(parent)
        if optional:
            combo.addItem("", "")
        for value in choices:
            combo.addItem(value, value)
        default = field.default if isinstance(field.default, str) else ""
        set_value(combo, default)
        return combo
    if isinstance(field, pw.BooleanField):
        box = QCheckBox(parent)
        box.setChecked(bool(field.default))
        return box
    if isinstance(field, pw.DateField):
        return OptionalDateEdit(optional, parent)
    if isinstance(field, pw.IntegerField):
        spin = QSpinBox(parent)
        low, high = flag(field, "min_value"), flag(field, "max_value")
        spin.setRange(
            int(low) if low is not None else -_INT_LIMIT, int(high) if high is not None else _INT_LIMIT
        )
        spin.setValue(
            int(field.default or 0) if spin.minimum() <= int(field.default or 0) else spin.minimum()
        )
        spin.setGroupSeparatorShown(False)
        _allow_empty_number(spin, field)
        return spin
    if isinstance(field, pw.FloatField):
        decimal = QDoubleSpinBox(parent)
        low, high = flag(field, "min_value"), flag(field, "max_value")
        decimal.setDecimals(2)
        decimal.setRange(float(low) if low is not None else -1e9, float(high) if high is not None else 1e9)
        decimal.setValue(float(field.default or 0.0))
        _allow_empty_number(decimal, field)
        return decimal
    if isinstance(field, pw.TextField) or flag(field, "multiline"):
        text = QPlainTextEdit(parent)
        text.setPlaceholderText(help_text)
        text.setTabChangesFocus(True)
        text.setMinimumHeight(60)
        return text
    line = QLineEdit(parent)
    if isinstance(field, pw.CharField):
        line.setMaxLength(field.max_length)
    line.setPlaceholderText(help_text)
    return line


def _allow_empty_number(spin: _Spin, field: pw.Field) -> None:
    """A number that may stay unknown (a score not yet given): one step below the range reads
    “（未填）”, so that an empty value is not saved as 0."""
    if not field.null or field.default is not None:
        return
    spin.setProperty("may_be_empty", True)
    spin.setMinimum(spin.minimum() - 1)
    spin.setSpecialValueText(NOT_FILLED_NUMBER)
    spin.setValue(spin.minimum())


NOT_FILLED_NUMBER = "（未填）"


def value_of(widget: QWidget) -> Any:
    """The Python value an editor holds (None for an empty reference or date)."""
    if isinstance(widget, QComboBox):
        if widget.property("free_text"):
            return widget.currentText().strip()
        if widget.isEditable():
            # The typed text decides: a name that matches no entry is no reference at all.
            text = widget.currentText().strip()
            if not text or text == NOT_FILLED:
                return None
            index = widget.findText(text, Qt.MatchFlag.MatchExactly)
            return widget.itemData(index) if index >= 0 else None
        return widget.currentData() if widget.currentData() is not None else widget.currentText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, OptionalDateEdit):
        return widget.date()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        if widget.property("may_be_empty") and widget.value() == widget.minimum():
            return None
        return widget.value()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    raise TypeError(type(widget).__name__)


def set_value(widget: QWidget, value: Any) -> None:
    """Show ``value`` in an editor."""
    if isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index < 0 and isinstance(value, str):
            index = widget.findText(value)
        if index >= 0:
            widget.setCurrentIndex(index)
        elif widget.isEditable():
            widget.setEditText("" if value is None else str(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, OptionalDateEdit):
        widget.set_date(value)
    elif isinstance(widget, QSpinBox):
        empty = value is None and widget.property("may_be_empty")
        widget.setValue(widget.minimum() if empty else int(value or 0))
    elif isinstance(widget, QDoubleSpinBox):
        empty = value is None and widget.property("may_be_empty")
        widget.setValue(widget.minimum() if empty else float(value or 0.0))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
