"""Hand-typed values: accepted when the meaning is plain, refused with what is expected otherwise."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from exchange_helpers import valid_id

from app.exchange import normalize as nz
from app.exchange import plan_import
from app.exchange import write_template
from app.exchange.idcard import check_digit
from app.exchange.idcard import id_number_problem

EPOCH = dt.datetime(1899, 12, 30)


@pytest.mark.parametrize(
    "typed",
    [
        "2022.5.1",
        "2022/5/1",
        "2022-05-01",
        "2022年5月1日",
        "２０２２年５月１日",
        " 2022 . 5 . 1 ",
        "20220501",
        44682,
        "44682",
    ],
)
def test_dates_as_people_type_them(typed):
    assert nz.to_date(typed, EPOCH) == dt.date(2022, 5, 1)


def test_impossible_dates_and_non_dates_are_refused():
    with pytest.raises(nz.BadValue, match="2月没有30日"):
        nz.to_date("2022-2-30", EPOCH)
    with pytest.raises(nz.BadValue, match="日期"):
        nz.to_date("五月初", EPOCH)
    with pytest.raises(nz.BadValue, match="缺少"):
        nz.to_date("2022年5月", EPOCH)
    assert nz.to_date("2022年5月", EPOCH, month_only=True) == dt.date(2022, 5, 1)


def test_numbers_stored_as_text_and_full_width():
    assert nz.to_number("１２", whole=True) == 12
    assert nz.to_number(" 1,200 ", whole=True) == 1200
    assert nz.to_number("2.5", whole=False) == 2.5
    assert nz.to_number(3.0, whole=True) == 3
    with pytest.raises(nz.BadValue, match="整数"):
        nz.to_number("2.5", whole=True)
    with pytest.raises(nz.BadValue):
        nz.to_number("三", whole=False)


def test_text_choices_and_yes_no():
    assert nz.single_line("  王\n建国　 ") == "王 建国"
    assert nz.to_choice(" 帮办 代办 ", ["帮办代办", "其他"]) == "帮办代办"
    assert nz.to_bool("√") is True and nz.to_bool("否") is False
    with pytest.raises(nz.BadValue, match="是"):
        nz.to_bool("也许")


def test_id_numbers_gb11643():
    good = valid_id("11010519491231002")
    assert good == "11010519491231002X"  # the standard's own example
    assert id_number_problem(good) is None
    assert nz.to_id_number(" ６２０１０２" + valid_id("62010219900101123")[6:].lower()) == valid_id(
        "62010219900101123"
    )
    assert "科学计数法" in id_number_problem("6.20102199001011E+17")
    assert "000" in id_number_problem("620102199001011000")
    wrong = "62010219900101123" + ("0" if check_digit("62010219900101123") != "0" else "1")
    assert "校验位" in id_number_problem(wrong)
    with pytest.raises(nz.BadValue, match="文本"):
        nz.to_id_number(6.20102199001011e17)


def test_cjk_builtin_date_format_cells_are_dates(town, tmp_path):
    """WPS saves 2022年5月1日 as a serial number with built-in format 31, unknown to openpyxl."""
    path = tmp_path / "t.xlsx"
    write_template(town["v1"], path)
    book = openpyxl.load_workbook(path)
    ws = book["办实事"]
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "王建国", 44682, "帮办代办", "修路"
    ws["B3"].number_format = "0.000"  # a custom format we then renumber to built-in 31
    book.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    styles = parts["xl/styles.xml"].decode()
    custom_id = re.search(r'numFmtId="(\d+)" formatCode="0.000"', styles).group(1)
    parts["xl/styles.xml"] = styles.replace(f'numFmtId="{custom_id}"', 'numFmtId="31"').encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    plan = plan_import(path)
    assert plan.problems() == []
    assert [r.values["date"] for r in plan.rows] == [dt.date(2022, 5, 1)]
