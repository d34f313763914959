"""The generated record form: editors per field kind, saving, refusals that keep the input, attendance."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDoubleSpinBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QSpinBox
from ui_town import D
from ui_town import build_town

from models import Attendance
from models import AuditEntry
from models import KeyPerson
from models import Meeting
from models import Member
from models import OnlineStudy
from models import Organisation
from ui.main import ask_operator
from ui.record_form import RecordFormDialog
from ui.widgets.form_widgets import OptionalDateEdit
from ui.widgets.form_widgets import value_of


@pytest.fixture(autouse=True)
def _operator(db, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    assert ask_operator() == "测试员"  # taken from the environment, no dialog


def _type(line: QLineEdit, text: str) -> None:
    """Type Chinese text as an input method would (QTest can only type ASCII keys)."""
    line.setFocus()
    line.insert(text)


def _choose(combo: QComboBox, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))
    assert combo.currentText() == text


@pytest.fixture
def member_form(db, qtbot) -> RecordFormDialog:
    """A new member's form on the small town, shown."""
    build_town()
    dialog = RecordFormDialog(Member)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_editors_fit_the_fields(db, qtbot):
    build_town()
    dialog = RecordFormDialog(Member)
    qtbot.addWidget(dialog)
    e = dialog.editors
    assert isinstance(e["org"], QComboBox) and e["org"].isEditable()
    assert isinstance(e["status"], QComboBox) and not e["status"].isEditable()
    assert isinstance(e["name"], QLineEdit) and e["name"].maxLength() == 40
    assert isinstance(e["note"], QPlainTextEdit)
    assert isinstance(e["is_active"], QCheckBox) and e["is_active"].isChecked()
    assert isinstance(e["join_date"], OptionalDateEdit) and not e["join_date"].optional
    assert isinstance(e["birth_date"], OptionalDateEdit) and value_of(e["birth_date"]) is None
    assert "*" in dialog.labels["name"].text()
    assert "*" not in dialog.labels["address"].text()
    assert "敏感信息" in dialog.labels["id_number"].text()
    # Only branches (no 党小组) are offered as a member's branch; 党小组 for the group field.
    offered = [e["org"].itemText(i) for i in range(e["org"].count())]
    assert "东沟村党支部" in offered and "东沟村第一党小组" not in offered
    groups = [e["group"].itemText(i) for i in range(e["group"].count())]
    assert "东沟村第一党小组" in groups


def test_numbers_get_their_declared_range(db, qtbot):
    build_town()
    dialog = RecordFormDialog(OnlineStudy)
    qtbot.addWidget(dialog)
    hours, points = dialog.editors["hours"], dialog.editors["points"]
    assert isinstance(hours, QDoubleSpinBox) and hours.maximum() == 300
    assert isinstance(points, QSpinBox) and (points.minimum(), points.maximum()) == (0, 100000)


def test_members_offered_are_limited_to_the_selected_village(db, qtbot):
    town = build_town()
    dialog = RecordFormDialog(OnlineStudy, org_ids=[town["west"].id])
    qtbot.addWidget(dialog)
    combo = dialog.editors["member"]
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["陈静（西坪村）", "刘洋（西坪村）", "赵强（西坪村）"]


def test_adding_a_member_through_the_form(db, qtbot):
    town = build_town()
    dialog = RecordFormDialog(Member, org_ids=[town["west"].id])
    qtbot.addWidget(dialog)
    assert dialog.editors["org"].currentData() == town["west"].id  # the selected village
    _type(dialog.editors["name"], "孙立")
    dialog.editors["join_date"].set_date(D(2001, 7, 1))
    dialog.accept()
    assert dialog.result() == RecordFormDialog.DialogCode.Accepted
    member = Member.get(Member.name == "孙立")
    assert member.org_id == town["west"].id and member.join_date == D(2001, 7, 1)
    entry = AuditEntry.get(AuditEntry.record_uuid == member.uuid)
    assert (entry.action, entry.operator) == ("新增", "测试员")


def test_editing_keeps_untouched_values_and_is_audited(db, qtbot):
    town = build_town()
    meeting = town["east_may"]
    dialog = RecordFormDialog(Meeting, Meeting.get_by_id(meeting.id))
    qtbot.addWidget(dialog)
    assert dialog.editors["topic"].text() == "学习党章"
    assert dialog.editors["org"].currentText() == "东沟村党支部"
    dialog.editors["topic"].clear()
    _type(dialog.editors["topic"], "学习新修订的党章")
    dialog.accept()
    assert dialog.result() == RecordFormDialog.DialogCode.Accepted
    saved = Meeting.get_by_id(meeting.id)
    assert (saved.topic, saved.date, saved.org_id) == ("学习新修订的党章", D(2022, 5, 10), town["east"].id)
    entry = AuditEntry.get(AuditEntry.record_uuid == meeting.uuid, AuditEntry.action == "修改")
    assert json.loads(entry.changes)["主题"] == ["学习党章", "学习新修订的党章"]


def test_refused_form_keeps_the_input_and_says_why(member_form):
    _type(member_form.editors["post_title"], "支部委员")
    _type(member_form.editors["address"], "东沟村三组")
    member_form.accept()  # no name: refused
    assert member_form.isVisible() and member_form.result() != RecordFormDialog.DialogCode.Accepted
    assert "“姓名”必须填写" in member_form.errors.text()
    assert member_form.errors.isVisible()
    assert member_form.editors["name"].property("invalid") is True
    assert member_form.editors["address"].property("invalid") is False
    assert member_form.editors["post_title"].text() == "支部委员"
    assert member_form.editors["address"].text() == "东沟村三组"
    assert Member.select().count() == 6
    # Required references start empty: nothing is guessed for the clerk.
    assert "“所在支部”必须填写" in member_form.errors.text()
    assert member_form.editors["org"].property("invalid") is True
    # Fixing it and pressing 确定 again saves.
    _type(member_form.editors["name"], "周红")
    _choose(member_form.editors["org"], "东沟村党支部")
    assert "“入党日期”必须填写" in member_form.errors.text()  # required dates start empty too
    member_form.editors["join_date"].set_date(dt.date(2019, 7, 1))
    member_form.accept()
    assert member_form.result() == RecordFormDialog.DialogCode.Accepted
    assert Member.get(Member.name == "周红").address == "东沟村三组"


def test_end_before_start_is_refused(db, qtbot):
    town = build_town()
    from models import SecretaryTerm

    dialog = RecordFormDialog(SecretaryTerm, org_ids=[town["east"].id])
    qtbot.addWidget(dialog)
    _type(dialog.editors["name"], "张明")
    dialog.editors["start"].set_date(D(2021, 1, 1))
    dialog.editors["end"].set_date(D(2020, 1, 1))
    dialog.accept()
    assert "不能早于“任职日期”" in dialog.errors.text()
    assert SecretaryTerm.select().count() == 0


def test_a_typed_reference_that_matches_nothing_is_refused(db, qtbot):
    build_town()
    dialog = RecordFormDialog(OnlineStudy)
    qtbot.addWidget(dialog)
    combo = dialog.editors["member"]
    combo.setEditText("不存在的人")
    dialog.accept()
    assert "没有找到“不存在的人”" in dialog.errors.text()
    assert combo.currentText() == "不存在的人"
    assert OnlineStudy.select().count() == 0


def test_optional_date_can_be_cleared(db, qtbot):
    town = build_town()
    person = KeyPerson.create(org=town["east"], name="某老人", kind="独居老人", since=D(2022, 3, 1))
    dialog = RecordFormDialog(KeyPerson, KeyPerson.get_by_id(person.id))
    qtbot.addWidget(dialog)
    assert dialog.editors["since"].date() == D(2022, 3, 1)
    dialog.editors["since"].clear_button.click()
    dialog.accept()
    assert KeyPerson.get_by_id(person.id).since is None


def test_new_meeting_records_attendance(db, qtbot):
    town = build_town()
    dialog = RecordFormDialog(Meeting, org_ids=[town["west"].id, town["group"].id])
    qtbot.addWidget(dialog)
    assert dialog.attendance is not None
    _choose(dialog.editors["kind"], "支委会")
    _type(dialog.editors["topic"], "研究秋收工作")
    dialog.editors["date"].set_date(D(2022, 9, 1))
    model = dialog.attendance.model
    # Everyone of the branch is listed, present by default; mark one as 请假.
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["陈静", "刘洋", "赵强"]
    from PySide6.QtCore import Qt

    assert model.setData(model.index(1, 2), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(1, 4), "外出务工", Qt.ItemDataRole.EditRole)
    dialog.accept()
    assert dialog.result() == RecordFormDialog.DialogCode.Accepted
    meeting = Meeting.get(Meeting.topic == "研究秋收工作")
    rows = {
        a.member.name: (a.state, a.reason) for a in Attendance.select().where(Attendance.meeting == meeting)
    }
    assert rows == {"陈静": ("出席", ""), "刘洋": ("请假", "外出务工"), "赵强": ("出席", "")}


def test_changing_the_branch_lists_its_members(db, qtbot):
    town = build_town()
    dialog = RecordFormDialog(Meeting)
    qtbot.addWidget(dialog)
    org = dialog.editors["org"]
    _choose(org, "东沟村党支部")
    model = dialog.attendance.model
    assert sorted(model.index(r, 0).data() for r in range(model.rowCount())) == sorted(
        ["张明", "李华", "王芳"]
    )
    _choose(org, "西坪村党支部")
    assert model.rowCount() == 3 and model.index(0, 0).data() == "陈静"
    assert town["west"].id == org.currentData()


def test_editing_attendance_updates_rows(db, qtbot):
    town = build_town()
    meeting = town["west_jun"]
    for name in ("赵强", "陈静"):
        Attendance.create(member=town[name], meeting=meeting, state="出席")
    dialog = RecordFormDialog(Meeting, Meeting.get_by_id(meeting.id))
    qtbot.addWidget(dialog)
    model = dialog.attendance.model
    assert model.sheet() == {town["赵强"].id: ("出席", ""), town["陈静"].id: ("出席", "")}
    from PySide6.QtCore import Qt

    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("赵强")
    model.setData(model.index(row, 3), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    dialog.accept()
    live = {a.member_id: a.state for a in Attendance.live().where(Attendance.meeting == meeting)}
    assert live == {town["赵强"].id: "缺席", town["陈静"].id: "出席"}
    assert (
        AuditEntry.select().where(AuditEntry.table == "attendance", AuditEntry.action == "修改").count() == 1
    )


def test_organisation_form_offers_parents(db, qtbot):
    build_town()
    dialog = RecordFormDialog(Organisation)
    qtbot.addWidget(dialog)
    parent = dialog.editors["parent"]
    assert parent.itemText(0) == "（不填）"
    assert "中共××镇委员会" in [parent.itemText(i) for i in range(parent.count())]
    assert dt.date.today()  # the form builds without a selected village


@pytest.mark.parametrize(
    "typed",
    [
        "1996-5-1",
        "1996.5.1",
        "1996/5/1",
        "19960501",
        "1996年5月1日",
        "１９９６－０５－０１",
        " 1996 年 5 月 1 日 ",
    ],
)
def test_a_date_is_typed_the_way_people_write_it(qtbot, member_form, typed):
    member_form.activateWindow()
    qtbot.waitUntil(member_form.isActiveWindow)
    editor = member_form.editors["join_date"]
    editor.setFocus()
    assert editor.line.hasFocus()  # the field itself takes the focus, not its buttons
    if typed.isascii():
        qtbot.keyClicks(editor.line, typed)  # typed into the empty field, no popup needed
    else:
        editor.line.insert(typed)  # as an input method puts it in (QTest types ASCII only)
    qtbot.keyClick(editor.line, Qt.Key.Key_Tab)  # Tab leaves the field
    assert not editor.line.hasFocus()
    assert value_of(editor) == dt.date(1996, 5, 1) and editor.line.text() == "1996-05-01"


def test_a_date_that_cannot_be_read_is_named_and_the_form_stays_open(qtbot, member_form):
    _type(member_form.editors["name"], "周红")
    _choose(member_form.editors["org"], "东沟村党支部")
    qtbot.keyClicks(member_form.editors["join_date"].line, "2022-2-30")
    member_form.editors["birth_date"].line.insert("去年")
    member_form.accept()
    assert member_form.isVisible() and member_form.result() != RecordFormDialog.DialogCode.Accepted
    assert "没有 2022年2月30日 这一天" in member_form.errors.text()
    assert "“出生日期”：“去年”不是日期" in member_form.errors.text()
    assert member_form.editors["join_date"].line.text() == "2022-2-30"  # what was typed stays to be fixed
    assert Member.select().where(Member.name == "周红").count() == 0


def test_the_calendar_offers_year_and_month_and_fills_the_field(member_form):
    editor = member_form.editors["join_date"]
    calendar = editor.show_calendar()
    assert calendar.isNavigationBarVisible()  # month menu and year box in its header
    calendar.setCurrentPage(1996, 7)
    calendar.setSelectedDate(QDate(1996, 7, 1))
    calendar.clicked.emit(QDate(1996, 7, 1))
    assert value_of(editor) == dt.date(1996, 7, 1)
    assert editor.popup is not None and not editor.popup.isVisible()


@pytest.mark.parametrize("choice", ["用我的内容覆盖", "保留对方的"])
def test_a_record_another_clerk_saved_meanwhile_is_shown_and_the_clerk_chooses(db, qtbot, choice):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from PySide6.QtWidgets import QMessageBox

    from app.records import save_record
    from app.records import set_operator

    town = build_town()
    meeting = town["east_may"]
    dialog = RecordFormDialog(Meeting, Meeting.get_by_id(meeting.id))  # this clerk's form is open
    qtbot.addWidget(dialog)
    set_operator("王磊")  # another clerk, on another PC, saves the same meeting
    save_record(Meeting, {"topic": "学习党章第二章"}, Meeting.get_by_id(meeting.id))
    set_operator("")
    dialog.editors["topic"].clear()
    _type(dialog.editors["topic"], "学习新修订的党章")
    shown: list[str] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        shown.append(box.text())
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(200, answer)
    dialog.accept()
    assert shown and "王磊" in shown[0] and "学习党章第二章" in shown[0] and "学习新修订的党章" in shown[0]
    kept = Meeting.get_by_id(meeting.id).topic
    if choice == "用我的内容覆盖":
        assert dialog.result() == RecordFormDialog.DialogCode.Accepted
        assert kept == "学习新修订的党章"
    else:
        assert dialog.result() == RecordFormDialog.DialogCode.Rejected
        assert kept == "学习党章第二章"
