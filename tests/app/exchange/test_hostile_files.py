"""Broken and hostile files: a clear message naming the file, and nothing written."""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from app.exchange import FileRefused
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from app.exchange import reader as reader_module
from app.exchange import write_template
from models import Deed
from models import Member


def _rewrite(source, target, change: dict[str, bytes | None], add: dict[str, bytes] | None = None):
    """Copy a zip, replacing (or dropping, with None) some members and adding others."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    new.writestr(info.filename, change[info.filename])
            else:
                new.writestr(info, old.read(info.filename))
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def _package(town, tmp_path):
    path = tmp_path / "包.xlsx"
    export_package(town["v1"], path)
    return path


def _sheet_part(path, title: str) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    index = book.sheetnames.index(title) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"


def _refused(path, *words):
    before = (Member.select().count(), Deed.select().count())
    with pytest.raises(FileRefused) as caught:
        apply_plan(plan_import(path))
    message = str(caught.value)
    assert f"“{path.name}”" in message
    for word in words:
        assert word in message
    assert (Member.select().count(), Deed.select().count()) == before
    return message


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_old_xls_and_wps_files_renamed_to_xlsx(town, tmp_path):
    path = tmp_path / "旧格式.xlsx"
    path.write_bytes(reader_module.OLE2_MAGIC + b"\0" * 4096)
    _refused(path, "旧版 .xls", "另存为")


def test_a_real_xlsx_named_xls_is_read_as_what_it_is(town, tmp_path):
    path = tmp_path / "红星村交换包.xls"
    export_package(town["v1"], path)
    plan = plan_import(path)
    assert plan.problems() == [] and plan.totals()["无变化"] > 0
    assert any(".xlsx" in note and "红星村交换包.xlsx" in note for note in plan.notes)


def test_a_real_xls_named_xls_is_told_without_blaming_a_rename(town, tmp_path):
    path = tmp_path / "旧表.xls"
    path.write_bytes(reader_module.OLE2_MAGIC + b"\0" * 4096)
    message = _refused(path, "旧版 .xls", "另存为", "*.xlsx")
    assert "改了扩展名" not in message


def test_an_opendocument_sheet_is_named_as_such(town, tmp_path):
    path = tmp_path / "表.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    _refused(path, ".ods", "另存为")


def test_encrypted_workbook(town, tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(
        reader_module.OLE2_MAGIC + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512
    )
    _refused(path, "密码")


def test_truncated_file_from_a_pulled_stick(town, tmp_path):
    whole = _package(town, tmp_path).read_bytes()
    path = tmp_path / "半截.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    _refused(path, "不完整")
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    _refused(empty, "空文件")


def test_not_a_workbook_at_all(town, tmp_path):
    path = tmp_path / "照片.xlsx"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"JFIF" * 100)
    _refused(path, "不是 Excel 工作簿")


def test_a_workbook_that_is_not_ours(town, tmp_path):
    path = tmp_path / "别的表.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(path)
    _refused(path, "不是本程序导出的模板或交换包")


def test_zip_bomb_is_refused_before_decompressing(town, tmp_path):
    source = _package(town, tmp_path)
    bomb = _rewrite(
        source,
        tmp_path / "炸弹.xlsx",
        {},
        {"xl/media/image1.xml": b"<a>" + b" " * (30 * 1024 * 1024) + b"</a>"},
    )
    _refused(bomb, "压缩")


def test_declared_total_size_is_checked(town, tmp_path, monkeypatch):
    source = _package(town, tmp_path)
    monkeypatch.setattr(reader_module, "MAX_UNPACKED_BYTES", 1000)
    _refused(source, "1 GB")


def test_xml_entity_tricks(town, tmp_path):
    source = _package(town, tmp_path)
    with zipfile.ZipFile(source) as z:
        workbook = z.read("xl/workbook.xml").decode()
    evil = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + workbook
    _refused(_rewrite(source, tmp_path / "实体.xlsx", {"xl/workbook.xml": evil.encode()}), "DOCTYPE")
    # The same declaration hidden after a long comment: the whole part is looked at (openpyxl
    # parses through lxml when it is installed, which would let it through).
    hidden = "<!--" + "x" * 5000 + '--><!DOCTYPE x [<!ENTITY a "a">]>' + workbook
    _refused(_rewrite(source, tmp_path / "实体2.xlsx", {"xl/workbook.xml": hidden.encode()}), "DOCTYPE")


def test_macro_enabled_workbooks(town, tmp_path):
    source = _package(town, tmp_path)
    _refused(_rewrite(source, tmp_path / "宏.xlsx", {}, {"xl/vbaProject.bin": b"\0" * 100}), "宏")
    with zipfile.ZipFile(source) as z:
        types = z.read("[Content_Types].xml").decode()
    types = types.replace("spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml")
    _refused(_rewrite(source, tmp_path / "宏2.xlsx", {"[Content_Types].xml": types.encode()}), "宏")


def test_dimensions_are_not_trusted(town, tmp_path):
    template = tmp_path / "t.xlsx"
    write_template(town["v1"], template)
    book = openpyxl.load_workbook(template)
    ws = book["办实事"]
    for column, value in zip("ABCD", ("王建国", "2022-5-1", "帮办代办", "修路"), strict=True):
        ws[f"{column}3"] = value
    book.save(template)
    part = _sheet_part(template, "办实事")
    with zipfile.ZipFile(template) as z:
        xml = z.read(part).decode()
    # A sheet claiming a million rows and 16,384 columns, with a stray cell at the very end.
    huge = re.sub(r'<dimension ref="[^"]+"/>', '<dimension ref="A1:XFD1048576"/>', xml)
    huge = huge.replace(
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    plan = plan_import(_rewrite(template, tmp_path / "大.xlsx", {part: huge.encode()}))
    assert plan.totals()["新增"] == 1 and plan.problems() == []
    # WPS sometimes writes no dimension at all.
    missing = re.sub(r'<dimension ref="[^"]+"/>', "", xml)
    plan = plan_import(_rewrite(template, tmp_path / "无尺寸.xlsx", {part: missing.encode()}))
    assert plan.totals()["新增"] == 1


def test_formula_error_values_are_refused_cells(town, tmp_path):
    template = tmp_path / "t.xlsx"
    write_template(town["v1"], template)
    book = openpyxl.load_workbook(template)
    ws = book["办实事"]
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "王建国", "#REF!", "帮办代办", "=A3&B3"
    book.save(template)
    text = "\n".join(str(p) for p in plan_import(template).problems())
    assert "第3行B列（办理日期）：“#REF!”不对，应为直接填写的值（这里是出错的公式结果）" in text
    assert "第3行D列（实事内容）" in text and "没有算出结果" in text


def test_a_missing_file_or_a_folder_is_told_in_chinese(town, tmp_path):
    with pytest.raises(FileRefused) as missing:
        plan_import(tmp_path / "拔掉的U盘.xlsx")
    assert "“拔掉的U盘.xlsx”找不到" in str(missing.value)
    (tmp_path / "村里的文件").mkdir()
    with pytest.raises(FileRefused) as folder:
        plan_import(tmp_path / "村里的文件")
    assert "是一个文件夹，不是文件" in str(folder.value)
    for told in (missing.value, folder.value):
        assert not re.search(r"[A-Za-z]{4,}", str(told).replace("xlsx", "").replace("Excel", "")), told
