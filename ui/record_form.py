"""The edit form of any record type, generated from its declaration.

Labels, help texts, choices, ranges and required marks come from the model's fields
(``models.schema.user_fields``). 确定 saves through ``app.records`` (validated, audited);
a refused value keeps the dialog open with everything typed, the messages on top and the
bad fields marked.
"""

from __future__ import annotations

import logging

import peewee as pw
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.conduct.attendance import attendance_of
from app.conduct.attendance import keeps_attendance
from app.conduct.attendance import save_with_attendance
from app.delivery.problems import record_check_from_form
from app.exchange.idcard import birth_date_of
from app.exchange.idcard import gender_of
from app.exchange.idcard import id_number_problem
from app.printing.docnumber import next_number
from app.records import InvalidRecord
from app.records import RecordChanged
from app.setup.identity import installation
from app.storage.errors import WRITE_ERRORS
from app.storage.errors import describe_write_error
from models import Member
from models import Notice
from models import Organisation
from models import ProblemCheck
from models.authority import may_write
from models.authority import town_what
from models.db import Record
from models.fields import flag
from models.fields import is_required
from models.schema import FieldError
from models.schema import label_of
from models.schema import user_fields
from ui.record_model import reference_labels
from ui.widgets.attendance_panel import AttendancePanel
from ui.widgets.dialog_buttons import ok_cancel
from ui.widgets.form_widgets import OptionalDateEdit
from ui.widgets.form_widgets import editor_for
from ui.widgets.form_widgets import set_value
from ui.widgets.form_widgets import value_of
from ui.widgets.read_only import mark_writes
from ui.widgets.unsaved import GuardedDialog

log = logging.getLogger("wuzhua.ui")

_STYLE = """
*[invalid="true"] { border: 1px solid #c62828; background: #fff3f3; }
QLabel#errors { color: #b71c1c; background: #fdecea; border: 1px solid #f5c2c0; padding: 6px; }
"""


class RecordFormDialog(GuardedDialog):
    """Add (``record`` None) or edit one record of ``model``.

    ``org_ids`` is the village selection of the window (None: the whole town); it narrows
    the members and organisations offered and preselects the village of a new record.
    After 确定, ``saved`` holds the saved record.
    """

    def __init__(
        self,
        model: type[Record],
        record: Record | None = None,
        org_ids: list[int] | None = None,
        parent=None,
        *,
        start_with: dict[str, object] | None = None,
    ):
        """``start_with``: values a new record begins with ({"member": id} from a 总览 finding)."""
        super().__init__(parent)
        self.record_type = model
        self.record = record
        self.org_ids = org_ids
        self.saved: Record | None = None
        self.fields = [f for f in user_fields(model) if flag(f, "in_form")]
        # On a village's computer what the town writes is shown, never typed over (models.authority).
        is_town = installation().is_town
        self.town_locked = {f.name for f in self.fields if not may_write(model, is_town, f.name)}
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        action = "编辑" if record is not None else "新增"
        self.setWindowTitle(f"{action}{label_of(model)}")
        self.setStyleSheet(_STYLE)

        self.errors = QLabel(self)
        self.errors.setObjectName("errors")
        self.errors.setWordWrap(True)
        self.errors.hide()

        form_page = QWidget()
        form = QFormLayout(form_page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for field in self.fields:
            editor = editor_for(field, org_ids, form_page)
            label = QLabel(self._label_text(field), form_page)
            label.setBuddy(editor)
            if field.help_text:
                label.setToolTip(field.help_text)
                editor.setToolTip(field.help_text)
            if self._fixed(field):
                # Set by its workflow or by the town only: shown, never typed over (nor saved from here).
                editor.setEnabled(False)
                label.setEnabled(False)
                if field.name in self.town_locked:
                    editor.setToolTip(f"由镇党委填写，随交换包下发。{field.help_text or ''}")
            self.editors[field.name] = editor
            self.labels[field.name] = label
            form.addRow(label, editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(form_page)

        self.attendance: AttendancePanel | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors)
        if self.town_locked:
            town_note = QLabel(
                f"这是{town_what(model)}，本机只读：灰色的项目由镇党委填写，随交换包下发。"
                if len(self.town_locked) == len(self.fields)
                else "灰色的项目由镇党委填写，本机只能填写整改方案、整改佐证等本村的部分。",
                self,
            )
            town_note.setWordWrap(True)
            town_note.setStyleSheet("color: #555;")
            layout.addWidget(town_note)
        elif any(flag(f, "managed") for f in self.fields):
            note = QLabel(
                "灰色的项目由相应的办理步骤自动填写，不能在这里修改（鼠标停在项目上可看说明）。", self
            )
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
        if keeps_attendance(model):
            self.attendance = AttendancePanel()
            self.tabs = QTabWidget(self)
            self.tabs.addTab(scroll, "基本信息")
            self.tabs.addTab(self.attendance, "出勤登记")
            layout.addWidget(self.tabs, 1)
        else:
            layout.addWidget(scroll, 1)

        buttons = ok_cancel(self)
        self.buttons = buttons
        mark_writes(buttons.button(QDialogButtonBox.StandardButton.Ok))
        if len(self.town_locked) == len(self.fields):
            buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout.addWidget(buttons)

        if record is not None:
            self._show_record(record)
        else:
            self._preselect_village()
            for name, value in (start_with or {}).items():
                if name in self.editors:
                    set_value(self.editors[name], value)
        if self.attendance is not None:
            self.attendance.show_org(
                self._attendance_org(), attendance_of(record), default_present=record is None
            )
            for org_name in ("org", "group"):
                org_editor = self.editors.get(org_name)
                if isinstance(org_editor, QComboBox):
                    org_editor.currentIndexChanged.connect(self._org_changed)
        member_editor, name_editor = self.editors.get("member"), self.editors.get("name")
        if isinstance(member_editor, QComboBox) and isinstance(name_editor, QLineEdit):
            # 书记任职: choosing the member fills the name the clerk would type anyway.
            member_editor.currentIndexChanged.connect(self._fill_name_from_member)
        for field in self.fields:
            editor = self.editors[field.name]
            if flag(field, "id_number") and isinstance(editor, QLineEdit):
                editor.textEdited.connect(self._fill_from_id_number)
        self._fit_to_screen(form_page)
        self.mark_clean()

    # -- building ---------------------------------------------------------------------------
    @staticmethod
    def _label_text(field: pw.Field) -> str:
        text = field.verbose_name or field.name
        if flag(field, "sensitive"):
            text += "（敏感信息）"
        if is_required(field):
            return f'{text} <span style="color:#c62828">*</span>'
        return text

    def _fit_to_screen(self, form_page: QWidget) -> None:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        width = max(560, form_page.sizeHint().width() + 60)
        height = form_page.sizeHint().height() + 120
        if self.attendance is not None:
            height = max(height, 560)
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 80)
        self.resize(width, height)

    def _show_record(self, record) -> None:
        for field in self.fields:
            editor = self.editors[field.name]
            value = record.__data__.get(field.name)
            if (
                isinstance(field, pw.ForeignKeyField)
                and value is not None
                and isinstance(editor, QComboBox)
                and editor.findData(value) < 0
            ):
                # The reference points outside the offered list (another village, a
                # member no longer active): offer it too, so editing keeps it.
                label = reference_labels(field.rel_model, [value]).get(value, f"#{value}")
                editor.addItem(label, value)
            set_value(editor, value)

    def _suggest_values(self) -> None:
        """Fill in what a new record can only be: the one campaign, the next 文号."""
        for field in self.fields:
            editor = self.editors[field.name]
            if (
                isinstance(field, pw.ForeignKeyField)
                and is_required(field)
                and field.rel_model not in (Member, Organisation)
                and isinstance(editor, QComboBox)
                and editor.count() == 1
            ):
                editor.setCurrentIndex(0)  # nothing to choose between (行动, 评分表)
        if self.record_type is Notice and {"year", "number"} <= set(self.editors):
            year = value_of(self.editors["year"])
            set_value(self.editors["number"], next_number(year))

    def _preselect_village(self) -> None:
        self._suggest_values()
        if not self.org_ids:
            return
        for field in self.fields:
            if (
                isinstance(field, pw.ForeignKeyField)
                and field.rel_model is Organisation
                and field.name != "group"
            ):
                editor = self.editors[field.name]
                if isinstance(editor, QComboBox) and editor.findData(self.org_ids[0]) >= 0:
                    set_value(editor, self.org_ids[0])

    def _fill_name_from_member(self) -> None:
        chosen = value_of(self.editors["member"])
        member = Member.get_or_none(Member.id == chosen) if chosen else None
        name_editor = self.editors["name"]
        # connected only when 姓名 is a line edit (see __init__)
        assert isinstance(name_editor, QLineEdit)
        if member is not None:
            name_editor.setText(member.name)

    def _fill_from_id_number(self, text: str) -> None:
        """A complete, valid ID number gives 出生日期 and 性别: filled when still empty."""
        text = "".join(text.split()).upper()
        if len(text) != 18 or id_number_problem(text):
            return
        for name, value in (("birth_date", birth_date_of(text)), ("gender", gender_of(text))):
            editor = self.editors.get(name)
            if editor is not None and value_of(editor) in (None, ""):
                set_value(editor, value)

    def _attendance_org(self) -> int | None:
        for name in ("group", "org"):
            editor = self.editors.get(name)
            if editor is not None:
                value = value_of(editor)
                if value:
                    return value
        return None

    def _org_changed(self) -> None:
        if self.attendance is not None:
            self.attendance.change_org(self._attendance_org())

    # -- saving -----------------------------------------------------------------------------
    def snapshot(self) -> object:
        values = {name: repr(value) for name, value in self.values().items()}
        sheet = self.attendance.sheet() if self.attendance is not None else None
        return values, repr(sorted(sheet.items())) if sheet is not None else None

    def values(self) -> dict:
        """The values typed into the form, as Python values."""
        return {
            field.name: value_of(self.editors[field.name]) for field in self.fields if not self._fixed(field)
        }

    def _fixed(self, field: pw.Field) -> bool:
        """Not typed here: set by a workflow, or (on a village's computer) by the town."""
        return bool(flag(field, "managed")) or field.name in self.town_locked

    def _unmatched_references(self) -> list[FieldError]:
        errors = []
        for field in self.fields:
            editor = self.editors[field.name]
            if isinstance(field, pw.ForeignKeyField) and isinstance(editor, QComboBox) and editor.isEnabled():
                text = editor.currentText().strip()
                if text and text != "（不填）" and value_of(editor) is None:
                    errors.append(
                        FieldError(field.name, field.verbose_name, f"中没有找到“{text}”，请从下拉列表中选择")
                    )
            if isinstance(editor, OptionalDateEdit) and editor.error():
                errors.append(FieldError(field.name, field.verbose_name, f"：{editor.error()}"))
        return errors

    def accept(self) -> None:
        errors = self._unmatched_references()
        if errors:
            self.show_errors(errors)
            return
        sheet = self.attendance.sheet() if self.attendance is not None else None
        try:
            if self.record is None and self.record_type is ProblemCheck:
                # A failed 回头看 reopens its problem: the ledger's own rule, also from here.
                self.saved = record_check_from_form(self.values())
            else:
                self.saved = save_with_attendance(self.record_type, self.values(), self.record, sheet)
        except RecordChanged as clash:
            if self._keep_mine_after(clash):
                assert self.record is not None
                self.record.updated_at = clash.their_stamp
                self.accept()  # saved again over theirs, told and chosen
            return
        except InvalidRecord as refusal:
            self.show_errors(refusal.errors)
            return
        except WRITE_ERRORS as error:
            self.show_write_error(error)
            return
        super().accept()

    def _keep_mine_after(self, clash: RecordChanged) -> bool:
        """Another clerk saved this record meanwhile: show who, when and both values; keep mine (True) or theirs."""
        box = QMessageBox(QMessageBox.Icon.Warning, "记录已被他人修改", str(clash), parent=self)
        box.setInformativeText("请选择保留哪一个版本。选择“保留对方的”时，您在本窗口的修改不会保存。")
        mine = box.addButton("用我的内容覆盖", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("保留对方的", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is mine:
            return True
        self.reject()
        return False

    def show_write_error(self, error: BaseException) -> None:
        """The disk refused the save (read-only, full, locked): say so; everything typed stays."""
        log.warning("%s未能保存：%r", label_of(self.record_type), error, exc_info=error)
        self.errors.setText(
            f"未能保存：{describe_write_error(error)}。\n已填写的内容都还在，问题解决后再点“确定”即可。"
        )
        self.errors.show()

    def show_errors(self, errors: list[FieldError]) -> None:
        """List the messages above the fields and mark the bad fields (input is kept)."""
        bad = {e.field for e in errors}
        self.errors.setText("未能保存，请修改后再点“确定”：\n" + "\n".join(f"· {e}" for e in errors))
        self.errors.show()
        for name, editor in self.editors.items():
            invalid = name in bad
            editor.setProperty("invalid", invalid)
            editor.style().unpolish(editor)
            editor.style().polish(editor)
            label = self.labels[name]
            label.setStyleSheet("color: #c62828;" if invalid else "")
        first = next((self.editors[e.field] for e in errors if e.field in self.editors), None)
        if first is not None:
            if self.attendance is not None:
                self.tabs.setCurrentIndex(0)
            first.setFocus()

    def error_text(self) -> str:
        return self.errors.text() if self.errors.isVisible() or self.errors.text() else ""
