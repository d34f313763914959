"""A record of every type added by hand through its list's 新增 form, as a clerk would.

The form is filled generically from the declarations: every required field still empty
gets a value of its kind (the first offered reference, a short text, a date in the campaign), the
rest keep their defaults. The new row must be listed and selected, and audited.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit

from models import RECORD_TYPES
from models import AuditEntry
from models.fields import flag
from models.fields import is_required
from models.schema import label_of
from ui.context import AppContext
from ui.main import ask_operator
from ui.record_form import RecordFormDialog
from ui.record_page import RecordListPage
from ui.widgets.form_widgets import NOT_FILLED
from ui.widgets.form_widgets import OptionalDateEdit
from ui.widgets.form_widgets import value_of

EVERY_TYPE = [(track, model) for track, types in RECORD_TYPES.items() for model in types]
MARK = "手工录入"


def _fill_required(dialog: RecordFormDialog) -> None:
    """Give every required, still empty field a value a clerk could have typed."""
    one_of = getattr(dialog.record_type._meta, "exactly_one", ())[:1]
    for field in dialog.fields:
        editor = dialog.editors[field.name]
        if not (is_required(field) or field.name in one_of) or not editor.isEnabled():
            continue
        if value_of(editor) not in (None, ""):
            continue
        if isinstance(editor, QComboBox):
            choices = [i for i in range(editor.count()) if editor.itemText(i) not in ("", NOT_FILLED)]
            assert choices, f"“{field.verbose_name}”没有可选的内容"
            editor.setCurrentIndex(choices[0])
        elif isinstance(editor, QLineEdit):
            editor.setFocus()
            text = "2022Q4" if editor.maxLength() <= 6 else f"{MARK}{field.verbose_name}"
            editor.insert(text[: editor.maxLength()])
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(f"{MARK}{field.verbose_name}")
        elif isinstance(editor, OptionalDateEdit):
            editor.set_date(dt.date(2022, 11, 20))  # what the clerk picks in the calendar
        assert value_of(editor) not in (None, ""), field.name


@pytest.mark.parametrize(("track", "model"), EVERY_TYPE, ids=[f"{t}-{label_of(m)}" for t, m in EVERY_TYPE])
def test_add_by_hand(db_location, demo_db, qtbot, tmp_path, monkeypatch, track, model):
    monkeypatch.setenv("WUZHUA_OPERATOR", "手工录入员")
    assert ask_operator() == "手工录入员"
    context = AppContext(db_location)
    page = RecordListPage(model, context)
    qtbot.addWidget(page)
    page.show()
    before = page.table_model.total()
    seen: dict[str, object] = {}

    def fill_and_accept(dialog: RecordFormDialog):
        assert dialog.windowTitle() == f"新增{label_of(model)}"
        _fill_required(dialog)
        dialog.accept()
        seen["errors"] = dialog.errors.text()
        return dialog.result()

    monkeypatch.setattr(RecordFormDialog, "exec", fill_and_accept)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert seen["errors"] == "", seen["errors"]
    assert page.table_model.total() == before + 1
    new_id = page.selected_id()
    assert new_id is not None, "the new row is selected in the list"
    record = model.get_by_id(new_id)
    assert record.created_at >= model.live().order_by(model.created_at.desc()).first().created_at
    entry = AuditEntry.get(AuditEntry.record_uuid == record.uuid)
    assert (entry.action, entry.operator) == ("新增", "手工录入员")
    # A value typed by hand is shown in the row.
    typed = [
        f for f in page.table_model.fields if is_required(f) and flag(f, "kind") == "text" and not f.choices
    ]
    if typed:
        row = page.proxy.mapToSource(page.view.selectionModel().selectedRows()[0]).row()
        shown = [page.table_model.index(row, c).data() for c in range(page.table_model.columnCount())]
        assert any(str(getattr(record, f.name)) in shown for f in typed)


def _first_required(dialog: RecordFormDialog):
    """The first required field the clerk fills by hand (a text, else a reference)."""
    required = [f for f in dialog.fields if is_required(f) and dialog.editors[f.name].isEnabled()]
    texts = [f for f in required if isinstance(dialog.editors[f.name], QLineEdit)]
    combos = [
        f
        for f in required
        if isinstance(dialog.editors[f.name], QComboBox) and dialog.editors[f.name].isEditable()
    ]
    return (texts or combos or [None])[0]


@pytest.mark.parametrize(("track", "model"), EVERY_TYPE, ids=[f"{t}-{label_of(m)}" for t, m in EVERY_TYPE])
def test_refused_form_keeps_everything_typed(demo_db, qtbot, track, model):
    dialog = RecordFormDialog(model)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill_required(dialog)
    missing = _first_required(dialog)
    if missing is None:
        pytest.skip(f"{label_of(model)}没有手填的必填项")
    editor = dialog.editors[missing.name]
    if isinstance(editor, QLineEdit):
        editor.clear()
    else:
        editor.setCurrentIndex(-1)
        editor.setEditText("")
    typed = {}
    for field in dialog.fields:
        widget = dialog.editors[field.name]
        if field is not missing and widget.isEnabled() and isinstance(widget, QLineEdit | QPlainTextEdit):
            if isinstance(widget, QLineEdit) and widget.maxLength() <= 6:
                continue
            text = f"{MARK}{field.verbose_name}"
            if isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)
            else:
                widget.setText(text[: widget.maxLength()])
            typed[field.name] = value_of(widget)
    before = model.select().count()
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != RecordFormDialog.DialogCode.Accepted
    assert f"“{missing.verbose_name}”必须填写" in dialog.errors.text()
    assert dialog.editors[missing.name].property("invalid") is True
    assert {name: value_of(dialog.editors[name]) for name in typed} == typed
    assert model.select().count() == before
