"""The member form checks the ID number as the roster import does, and reads 出生日期 and 性别 from it."""

from __future__ import annotations

import pytest
from ui_town import D
from ui_town import build_town

from app.exchange.idcard import check_digit
from app.records import InvalidRecord
from app.records import save_record
from models import Member
from ui.record_form import RecordFormDialog

VALID = "62010219900501" + "123"
VALID += check_digit(VALID)  # the 17th digit, 3, is odd: a man
WRONG_CHECK = VALID[:17] + ("0" if VALID[17] != "0" else "1")


@pytest.fixture(autouse=True)
def _operator(monkeypatch):
    monkeypatch.setenv("WUZHUA_OPERATOR", "测试员")


def _new_member_form(qtbot, town) -> RecordFormDialog:
    dialog = RecordFormDialog(Member, org_ids=[town["east"].id])
    qtbot.addWidget(dialog)
    dialog.editors["name"].insert("马兰")
    dialog.editors["join_date"].set_date(D(2010, 7, 1))
    return dialog


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("12345abc", "应为18位身份证号（17位数字加1位数字或X）"),
        (WRONG_CHECK, "校验位不对，请核对是否有数字填错"),
        ("620102199002301234", "中间的出生日期不是有效日期"),
    ],
)
def test_the_form_refuses_a_wrong_id_number_in_the_imports_words(db, qtbot, typed, words):
    town = build_town()
    dialog = _new_member_form(qtbot, town)
    qtbot.keyClicks(dialog.editors["id_number"], typed)
    dialog.accept()
    assert dialog.result() != RecordFormDialog.DialogCode.Accepted
    assert f"“身份证号”{words}" in dialog.errors.text()
    assert dialog.editors["id_number"].property("invalid") is True
    assert not Member.select().where(Member.name == "马兰").exists()


def test_typing_the_id_number_fills_birth_date_and_gender(db, qtbot):
    town = build_town()
    dialog = _new_member_form(qtbot, town)
    assert dialog.editors["birth_date"].date() is None
    qtbot.keyClicks(dialog.editors["id_number"], VALID.lower())
    assert dialog.editors["birth_date"].date() == D(1990, 5, 1)
    assert dialog.editors["gender"].currentText() == "男"  # 17th digit 3: odd
    dialog.accept()
    assert dialog.result() == RecordFormDialog.DialogCode.Accepted
    member = Member.get(Member.name == "马兰")
    assert (member.id_number, member.birth_date, member.gender) == (VALID, D(1990, 5, 1), "男")


def test_a_birth_date_already_typed_is_kept(db, qtbot):
    town = build_town()
    dialog = _new_member_form(qtbot, town)
    dialog.editors["birth_date"].set_date(D(1990, 5, 2))
    qtbot.keyClicks(dialog.editors["id_number"], VALID)
    assert dialog.editors["birth_date"].date() == D(1990, 5, 2)


def test_saving_fills_empty_birth_date_and_gender_from_the_id_number(db):
    town = build_town()
    woman = "62010219850316002"
    woman += check_digit(woman)
    member = save_record(
        Member, {"org": town["west"], "name": "何梅", "join_date": D(2005, 7, 1), "id_number": woman}
    )
    assert (member.birth_date, member.gender) == (D(1985, 3, 16), "女")
    with pytest.raises(InvalidRecord, match="校验位不对"):
        save_record(Member, {"id_number": woman[:17] + ("1" if woman[17] != "1" else "2")}, member)
    assert Member.get_by_id(member.id).id_number == woman
