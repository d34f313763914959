"""The 通报 as .docx: GB/T 9704-2012 page and grid in the file, and measured after LibreOffice
turns it into a PDF (as WPS or Word would print it)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile

import pytest

from app.cli import main
from app.printing.notice import prepare_notice
from app.printing.notice_docx import write_notice_docx
from models import KeyPerson
from models import Notice

MM = 72 / 25.4
LEFT, TOP, WIDTH, HEIGHT = 28 * MM, 37 * MM, 156 * MM, 225 * MM
TOLERANCE = 2 * MM
soffice = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    not soffice or not shutil.which("pdftotext"), reason="LibreOffice not installed"
)


@pytest.fixture
def notice(demo_db):
    Notice.delete().where(Notice.quarter == "2022Q3").execute()
    notice = prepare_notice("2022Q3", dt.date(2022, 10, 12))
    person = KeyPerson.live().first()
    notice.body += f"\n联系人：{person.name}，电话0931-8123456。"
    notice.save()
    return notice


def test_the_docx_carries_the_page_grid_fonts_and_page_numbers(notice, tmp_path):
    out = write_notice_docx(notice, tmp_path / "U盘" / "通报.docx")
    assert [p.name for p in out.parent.iterdir()] == ["通报.docx"]  # no temporary file left
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
        footers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/footer")]
    # A4 and the margins that put the text block at 37 mm / 28 mm, 156 × 225 mm
    assert 'w:w="11906"' in xml and 'w:h="16838"' in xml
    margins = dict(
        re.findall(r'w:(top|bottom|left|right)="(\d+)"', re.search(r"<w:pgMar [^>]*>", xml).group(0))
    )
    assert {k: round(int(v) / 56.69) for k, v in margins.items()} == {
        "top": 37,
        "bottom": 35,
        "left": 28,
        "right": 26,
    }
    assert 'w:lineRule="exact"' in xml and 'w:line="580"' in xml  # 225/22 mm
    for name in ("仿宋", "黑体", "楷体"):
        assert f'w:eastAsia="{name}"' in xml, name
    assert 'w:color w:val="E60012"' in xml and notice.doc_no in xml
    assert "<w:evenAndOddHeaders/>" in settings and len(footers) == 2
    assert all("PAGE" in f and "— " in f for f in footers)
    assert "×" in xml and "8123456" not in xml  # the privacy net applies to the Word copy too


@needs_office
def test_the_docx_printed_by_libreoffice_keeps_the_text_block(notice, tmp_path):
    out = write_notice_docx(notice, tmp_path / "notice.docx")
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    pdf = tmp_path / "notice.pdf"
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words, outside, mark_top, lines = 0, [], None, {}
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    for number, page in enumerate(bbox.split("<page ")[1:], start=1):
        for m in re.finditer(pattern, page):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            text = m.group(5)
            words += 1
            if y0 > TOP + HEIGHT - TOLERANCE and re.fullmatch(r"[—\-–\s\d]+", text):
                continue  # the page number, 7 mm below the block
            if (
                x0 < LEFT - TOLERANCE
                or x1 > LEFT + WIDTH + TOLERANCE
                or y0 < TOP - TOLERANCE
                or y1 > TOP + HEIGHT + TOLERANCE
            ):
                outside.append((number, text))
            if number == 1 and "文件" in text and mark_top is None:
                mark_top = y0
            lines.setdefault(number, set()).add(round(y1))
    assert words > 100 and outside == []
    # the red mark 35 mm below the top of the block (GB/T 9704: 35 mm ± a little)
    assert mark_top is not None and abs((mark_top - TOP) / MM - 35) < 4
    # body pages hold at most 22 lines (plus the page number)
    assert max(len(ys) for ys in lines.values()) <= 23


def test_print_notice_as_docx_from_the_command_line(db_location, notice, tmp_path, capsys):
    db = str(db_location)
    code = main(["print", "notice", "--quarter", "2022Q3", "--out", str(tmp_path / "通报.docx"), "--db", db])
    assert code == 0 and (tmp_path / "通报.docx").stat().st_size > 5000
    code = main(
        ["print", "scorecards", "--quarter", "2022Q3", "--out", str(tmp_path / "评分.docx"), "--db", db]
    )
    assert code == 1 and "应以 .pdf 结尾" in capsys.readouterr().err
    code = main(
        ["ledger", "--out", str(tmp_path / "台账.xlsx"), "--notice", str(tmp_path / "逾期.docx"), "--db", db]
    )
    assert code == 0 and zipfile.is_zipfile(tmp_path / "逾期.docx")


def test_the_word_imprint_takes_the_office_and_copy_to_from_the_settings(notice, tmp_path):
    from app.printing.letterhead import COPY_TO_KEY
    from app.printing.letterhead import OFFICE_KEY
    from models import settings

    settings.put(OFFICE_KEY, "高寨镇党政办公室")
    settings.put(COPY_TO_KEY, "县委组织部")
    out = write_notice_docx(notice, tmp_path / "通报.docx")
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "高寨镇党政办公室" in xml and "抄送：县委组织部。" in xml
    assert xml.count("<w:framePr") == 2  # both lines of the 版记 held at the foot of the page
