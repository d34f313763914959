"""Names as people type them: every space and invisible mark ignored, widths folded, escapes decoded."""

from __future__ import annotations

import pytest
from exchange_helpers import put
from exchange_helpers import template_book

from app.exchange import apply_plan
from app.exchange import normalize as nz
from app.exchange import plan_import
from app.exchange.plan import NEW
from models import Deed
from models import Member


@pytest.mark.parametrize(
    "typed",
    [
        "王建国",
        " 王建国 ",
        "王\u3000建国",
        "王\u00a0建国",
        "王建\u200b国",
        "王建国\n",
        "王\t建国",
        "\ufeff王建国\u200d",
    ],
)
def test_a_name_is_one_name_however_it_was_typed(typed):
    assert nz.person_name(typed) == "王建国"


def test_escapes_and_controls_never_stay_as_text():
    assert nz.single_line("代办_x000B_医保\u0007认证") == "代办 医保认证"
    assert nz.paragraph("第一行_x000D_\n第二行\u200b") == "第一行\n第二行"
    assert nz.compact("ＺＤ０１_x0020_") == "ZD01"
    assert nz.is_blank("\u200b_x000B_ ")


def test_typed_names_find_members_and_new_names_are_stored_clean(town, tmp_path):
    book = template_book(town, tmp_path)
    typed = {
        "党员": "王\u3000建 国\u200b",
        "办理日期": "2022-05-01",
        "实事类别": "帮办代办",
        "实事内容": "代办_x000B_医保认证",
    }
    put(book["办实事"], 3, typed)
    new = {"姓名": " 刘\u00a0芳\u200b", "入党日期": "2021-07-01", "党员类别": "预备党员", "有职/无职": "无职"}
    put(book["党员"], 3, new)
    book.save(tmp_path / "已填.xlsx")
    plan = plan_import(tmp_path / "已填.xlsx")
    assert plan.problems() == [] and {r.status for r in plan.rows} == {NEW}
    apply_plan(plan)
    deed = Deed.get()
    assert deed.member.name == "王建国" and deed.title == "代办 医保认证"
    assert Member.select().where(Member.name == "刘芳").count() == 1
