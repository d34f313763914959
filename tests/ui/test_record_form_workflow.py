"""The generic form and the workflows: fields a workflow manages are shown but not editable,
a check entered by hand has the ledger's consequence, empty numbers stay empty, and the
database's own refusals (a number already taken) come back in Chinese with the input kept."""

from __future__ import annotations

import datetime as dt

import pytest
from hand_built import june_problem
from ui_town import D
from ui_town import build_town

from app.delivery.problems import mark_rectified
from app.delivery.problems import start_rectification
from models import Attendance
from models import Campaign
from models import Inspection
from models import InspectionScore
from models import KeyTask
from models import Notice
from models import Problem
from models import ProblemCheck
from models import ScoreItem
from models import ScoreSection
from models import ScoreTemplate
from models.fields import flag
from ui.main import ask_operator
from ui.record_form import RecordFormDialog
from ui.widgets.form_widgets import value_of


@pytest.fixture
def town(db, monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")
    assert ask_operator() == "测试员"
    return build_town()


def test_problem_state_is_shown_but_not_editable(town, qtbot):
    problem = june_problem(town["east"], responsible="张明")
    start_rectification(problem, "补齐会议记录")
    mark_rectified(problem, D(2022, 7, 10), "会议记录已补齐")
    dialog = RecordFormDialog(Problem, Problem.get_by_id(problem.id))
    qtbot.addWidget(dialog)
    for name in ("state", "rectified", "closed", "reopened", "accountability", "accountability_date"):
        assert flag(Problem._meta.fields[name], "managed")
        assert not dialog.editors[name].isEnabled(), name
        assert name not in dialog.values()
    assert dialog.editors["state"].currentText() == "已整改"
    assert value_of(dialog.editors["rectified"]) == D(2022, 7, 10)
    assert dialog.editors["description"].isEnabled()
    # The ledger moves the problem on while the form is open: saving the form keeps the move.
    Problem.update(state="已销号", closed=D(2022, 7, 30)).where(Problem.id == problem.id).execute()
    dialog.editors["description"].setText("三会一课记录不全（已补）")
    dialog.accept()
    saved = Problem.get_by_id(problem.id)
    assert (saved.state, saved.closed, saved.description) == (
        "已销号",
        D(2022, 7, 30),
        "三会一课记录不全（已补）",
    )


def test_a_new_problem_starts_as_waiting(town, qtbot):
    dialog = RecordFormDialog(Problem, org_ids=[town["east"].id])
    qtbot.addWidget(dialog)
    assert dialog.editors["state"].currentText() == "待整改" and not dialog.editors["state"].isEnabled()
    dialog.editors["description"].insert("党员活动室制度未上墙")
    dialog.editors["responsible"].insert("张明")
    dialog.editors["found"].set_date(D(2022, 7, 5))
    dialog.editors["deadline"].set_date(D(2022, 8, 5))
    dialog.accept()
    assert dialog.errors.text() == ""
    saved = Problem.get(Problem.description == "党员活动室制度未上墙")
    assert (saved.state, saved.reopened, saved.rectified) == ("待整改", 0, None)


def test_a_failed_look_back_entered_by_hand_reopens_the_problem(town, qtbot):
    problem = june_problem(town["east"], responsible="张明")
    start_rectification(problem, "补齐会议记录")
    mark_rectified(problem, D(2022, 7, 10), "会议记录已补齐")
    dialog = RecordFormDialog(ProblemCheck)
    qtbot.addWidget(dialog)
    combo = dialog.editors["problem"]
    combo.setCurrentIndex(combo.findData(problem.id))
    dialog.editors["kind"].setCurrentText("回头看")
    dialog.editors["result"].setCurrentText("未通过")
    dialog.editors["date"].set_date(D(2022, 7, 25))
    dialog.accept()
    assert dialog.errors.text() == ""
    assert ProblemCheck.select().where(ProblemCheck.problem == problem).count() == 1
    reopened = Problem.get_by_id(problem.id)
    assert (reopened.state, reopened.reopened, reopened.rectified) == ("整改中", 1, None)


def test_a_check_before_the_problem_was_found_is_refused(town, qtbot):
    problem = june_problem(town["east"], responsible="张明")
    dialog = RecordFormDialog(ProblemCheck)
    qtbot.addWidget(dialog)
    dialog.editors["problem"].setCurrentIndex(dialog.editors["problem"].findData(problem.id))
    dialog.editors["date"].set_date(D(2022, 1, 5))
    dialog.editors["checker"].insert("李华")
    dialog.accept()
    assert "不能早于问题的发现日期（2022-06-20）" in dialog.errors.text()
    assert dialog.editors["checker"].text() == "李华"
    assert ProblemCheck.select().count() == 0


def test_a_score_not_given_stays_empty(town, qtbot):
    template = ScoreTemplate.create(name="评分表", year=2022)
    section = ScoreSection.create(template=template, name="抓学习")
    item = ScoreItem.create(section=section, name="学习计划", max_points=5)
    inspection = Inspection.create(
        campaign=Campaign.current(),
        org=town["east"],
        quarter="2022Q3",
        date=D(2022, 10, 8),
    )
    score = InspectionScore.create(inspection=inspection, item=item, points=None, computed=None)
    dialog = RecordFormDialog(InspectionScore, InspectionScore.get_by_id(score.id))
    qtbot.addWidget(dialog)
    assert value_of(dialog.editors["points"]) is None
    assert dialog.editors["points"].text() == "（未填）"
    assert not dialog.editors["computed"].isEnabled()
    dialog.editors["remark"].insert("资料不全")
    dialog.accept()
    saved = InspectionScore.get_by_id(score.id)
    assert (saved.points, saved.computed, saved.remark) == (None, None, "资料不全")
    # A score typed in is kept as typed.
    dialog = RecordFormDialog(InspectionScore, saved)
    qtbot.addWidget(dialog)
    dialog.editors["points"].setValue(4.5)
    dialog.accept()
    assert InspectionScore.get_by_id(score.id).points == 4.5


def test_attendance_must_belong_to_exactly_one_event(town, qtbot):
    dialog = RecordFormDialog(Attendance)
    qtbot.addWidget(dialog)
    member = dialog.editors["member"]
    member.setCurrentIndex(member.findData(town["张明"].id))
    dialog.editors["reason"].insert("外出务工")
    dialog.accept()
    assert "“会议”、“专题学习”、“培训”须填写其中一项，且只填一项" in dialog.errors.text()
    assert dialog.editors["reason"].text() == "外出务工"
    meeting = dialog.editors["meeting"]
    meeting.setCurrentIndex(meeting.findData(town["east_may"].id))
    dialog.accept()
    assert dialog.errors.text() == "" or not dialog.errors.isVisible()
    assert Attendance.get(Attendance.member == town["张明"]).meeting_id == town["east_may"].id


def test_a_document_number_already_taken_is_refused_in_chinese(town, qtbot):
    Notice.create(
        campaign=Campaign.current(),
        year=2022,
        number=3,
        doc_no="×党发〔2022〕3号",
        title="旧通报",
        date=D(2022, 7, 1),
    )
    dialog = RecordFormDialog(Notice)
    qtbot.addWidget(dialog)
    # The one campaign is chosen already, and the next free number is offered.
    assert dialog.editors["campaign"].currentData() == Campaign.current().id
    assert value_of(dialog.editors["number"]) == 4
    dialog.editors["number"].setValue(3)
    dialog.editors["doc_no"].insert("×党发〔2022〕3号")
    dialog.editors["title"].insert("关于第三季度督查情况的通报")
    dialog.editors["date"].set_date(D(2022, 10, 12))
    dialog.accept()
    assert "“年度”、“文号序号”与已有的记录重复" in dialog.errors.text()
    assert dialog.editors["title"].text() == "关于第三季度督查情况的通报"
    assert Notice.select().count() == 1
    dialog.editors["number"].setValue(4)
    dialog.accept()
    assert Notice.select().count() == 2


def test_task_batch_is_not_in_the_form_and_survives_editing(town, qtbot):
    task = KeyTask.create(
        campaign=Campaign.current(),
        batch="b-1",
        title="人居环境整治",
        track="抓制度",
        org=town["east"],
        owner="张明",
        start=D(2022, 5, 1),
        deadline=D(2022, 9, 30),
    )
    dialog = RecordFormDialog(KeyTask, KeyTask.get_by_id(task.id))
    qtbot.addWidget(dialog)
    assert "batch" not in dialog.editors
    dialog.editors["owner"].clear()
    dialog.editors["owner"].insert("李华")
    dialog.accept()
    saved = KeyTask.get_by_id(task.id)
    assert (saved.batch, saved.owner) == ("b-1", "李华")
    assert dt.date.today() >= saved.start


def test_choosing_the_secretary_fills_the_name(town, qtbot):
    from models import SecretaryTerm

    dialog = RecordFormDialog(SecretaryTerm, org_ids=[town["east"].id])
    qtbot.addWidget(dialog)
    member = dialog.editors["member"]
    member.setCurrentIndex(member.findData(town["李华"].id))
    assert dialog.editors["name"].text() == "李华"
    dialog.editors["start"].set_date(D(2021, 1, 10))
    dialog.accept()
    term = SecretaryTerm.get(SecretaryTerm.member == town["李华"])
    assert (term.name, term.org_id) == ("李华", town["east"].id)


def test_the_form_says_why_some_fields_are_grey(town, qtbot):
    from PySide6.QtWidgets import QLabel

    from models import Meeting

    def notes(dialog):
        return [label.text() for label in dialog.findChildren(QLabel) if "灰色的项目" in label.text()]

    problem_form = RecordFormDialog(Problem)
    meeting_form = RecordFormDialog(Meeting)
    qtbot.addWidget(problem_form)
    qtbot.addWidget(meeting_form)
    assert len(notes(problem_form)) == 1 and notes(meeting_form) == []


def test_a_computed_item_is_chosen_by_its_chinese_name(town, qtbot):
    from app.inspection.computed_items import RULE_LABELS
    from app.inspection.computed_items import RULES

    assert set(RULE_LABELS) == set(RULES)
    template = ScoreTemplate.create(name="评分表", year=2022)
    section = ScoreSection.create(template=template, name="抓落实")
    dialog = RecordFormDialog(ScoreItem)
    qtbot.addWidget(dialog)
    rule = dialog.editors["rule"]
    names = [rule.itemText(i) for i in range(rule.count())]
    assert names[0].startswith("（不自动计算") and "问题按期整改率（按问题台账计算）" in names
    assert not [n for n in names if n.isascii()]  # no rule codes shown to the clerk
    dialog.editors["section"].setCurrentIndex(dialog.editors["section"].findData(section.id))
    dialog.editors["name"].insert("问题按期整改")
    rule.setCurrentIndex(rule.findText("问题按期整改率（按问题台账计算）"))
    dialog.accept()
    item = ScoreItem.get(ScoreItem.name == "问题按期整改")
    assert item.rule == "problems_on_time"
    again = RecordFormDialog(ScoreItem, item)
    qtbot.addWidget(again)
    assert again.editors["rule"].currentText() == "问题按期整改率（按问题台账计算）"
