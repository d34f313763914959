"""The ranking notice measured against GB/T 9704-2012: 版头, title, body grid, 附件, signature, 版记."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.printing.gbt9704 import BLOCK_HEIGHT
from app.printing.gbt9704 import BLOCK_WIDTH
from app.printing.gbt9704 import CELL
from app.printing.gbt9704 import LEFT
from app.printing.gbt9704 import LINE
from app.printing.gbt9704 import LINES
from app.printing.gbt9704 import TOP
from app.printing.gbt9704 import OfficialDocument
from app.printing.gbt9704 import heading_roles
from app.printing.gbt9704 import title_lines
from app.printing.notice import attachment_title
from app.printing.notice import build_notice
from app.printing.notice import prepare_notice
from app.printing.page import MM
from app.printing.page import RED
from app.printing.page import Document
from app.printing.page import RuleLine
from app.printing.page import TextRun
from models import Notice

CENTRE = LEFT + BLOCK_WIDTH / 2


def runs(page) -> list[TextRun]:
    return [i for i in page.items if isinstance(i, TextRun)]


def right_edge(document: Document, run: TextRun) -> float:
    if run.xs:
        return run.xs[-1] + document.measure(run.text[-1], run.role, run.size)
    return run.x + document.measure(run.text, run.role, run.size)


def centre_of(document: Document, run: TextRun) -> float:
    return (run.x + right_edge(document, run)) / 2


def line_of(run: TextRun) -> int:
    """The grid line a body run sits on (its baseline is centred in the line)."""
    return round((run.y - 0.36 * run.size - TOP - LINE / 2) / LINE)


@pytest.fixture
def notice(demo_db):
    Notice.delete().where(Notice.quarter == "2022Q3").execute()
    return prepare_notice("2022Q3", dt.date(2022, 10, 12))


@pytest.fixture
def document(notice):
    return build_notice(notice)


def test_masthead_red_mark_number_and_rule(document, notice):
    first = document.pages[0]
    mark = next(r for r in runs(first) if r.text.endswith("委员会文件"))
    assert mark.color == RED and mark.role == "biaosong"
    assert centre_of(document, mark) == pytest.approx(CENTRE, abs=0.5)
    # 发文机关标志上边缘距版心上边缘 35 mm (cap height taken as 0.86 of the size)
    assert mark.y - 0.86 * mark.size == pytest.approx(TOP + 35 * MM, abs=0.5 * MM)
    assert right_edge(document, mark) - mark.x <= BLOCK_WIDTH + 0.5
    number = next(r for r in runs(first) if "〔" in r.text)
    assert re.fullmatch(r"\w+〔2022〕[1-9]\d*号", number.text) and number.text == notice.doc_no
    assert number.size == 16 and centre_of(document, number) == pytest.approx(CENTRE, abs=0.5)
    assert number.y > mark.y + 2 * LINE  # 发文机关标志下空二行
    rule = next(i for i in first.items if isinstance(i, RuleLine) and i.color == RED)
    assert (rule.x1, rule.x2) == (pytest.approx(LEFT), pytest.approx(LEFT + BLOCK_WIDTH))  # 与版心等宽
    assert rule.y1 == rule.y2 == pytest.approx(number.y + 0.14 * 16 + 4 * MM, abs=0.1)  # 发文字号下 4 mm


def test_title_centred_in_2hao_broken_at_a_word(document, notice):
    first = document.pages[0]
    rule = next(i for i in first.items if isinstance(i, RuleLine) and i.color == RED)
    title = [r for r in runs(first) if r.size == 22]
    assert "".join(r.text for r in title) == notice.title
    assert all(r.role == "biaosong" for r in title)
    for run in title:
        assert centre_of(document, run) == pytest.approx(CENTRE, abs=0.5)
    assert title[0].y - 22 > rule.y1 + 2 * LINE - 22  # 红色分隔线下空二行
    assert [r.text for r in title] == ["关于2022年第三季度", "“五抓五提升”行动督查情况的通报"]
    addressee = next(r for r in runs(first) if r.text == "各村（社区）党组织：")
    assert addressee.x == pytest.approx(LEFT)  # 主送机关顶格
    assert line_of(addressee) == line_of(title[-1]) + 2  # 标题下空一行


def test_title_lines_keep_words_and_quotations_whole(document):
    one = title_lines(document, "关于督查发现问题逾期未整改情况的通报", "biaosong", 22)
    assert one == ["关于督查发现问题逾期未整改情况的通报"]
    long = "关于对2022年第三季度“五抓五提升”行动督查中发现问题整改落实情况开展回头看的通报"
    lines = title_lines(document, long, "biaosong", 22)
    assert "".join(lines) == long and len(lines) == 2
    assert all(document.measure(line, "biaosong", 22) <= BLOCK_WIDTH for line in lines)
    assert lines[0].count("“") == lines[0].count("”")  # never inside the quotation
    assert not re.search(r"\d$", lines[0]) or not re.match(r"\d", lines[1])


def test_body_on_22_lines_of_28_characters_indented_two(document):
    body = [r for p in document.pages for r in runs(p) if r.xs and r.size == 16]
    text_pages = [{line_of(r) for r in runs(p) if r.xs and r.size == 16} for p in document.pages]
    text_pages = [lines for lines in text_pages if lines]
    assert len(text_pages) >= 2
    for lines in text_pages:
        assert max(lines) < LINES and min(lines) >= 0
    assert max(len(lines) for lines in text_pages) == LINES  # a full page holds 22 lines
    firsts = [r for r in body if r.text.startswith(("为深入推进", "督查组对照", "本次督查"))]
    assert len(firsts) == 3
    for run in firsts:
        assert run.xs[0] == pytest.approx(LEFT + 2 * CELL)  # 段首空二字
        assert run.role == "fangsong" and run.size == 16
    follow = [r for r in body if r.xs[0] == pytest.approx(LEFT)]
    assert len(follow) > 10  # following lines flush left


def test_heading_fonts(document):
    body = [r for p in document.pages for r in runs(p) if r.size == 16]
    level1 = next(r for r in body if r.text.startswith("一、督查方式"))
    assert level1.role == "heiti"
    heading = next(r for r in body if r.text.startswith("（一）提高思想认识。"))
    assert heading.role == "kaiti" and heading.text == "（一）提高思想认识。"
    assert (
        heading_roles("（一）排名后3位的党组织要认真对照督查反馈的问题，制定整改方案。") == ["fangsong"] * 32
    )
    roles = heading_roles("二、总体情况")
    assert set(roles) == {"heiti"}
    long_heading = "一、关于进一步加强和改进村级党组织规范化建设工作的意见"  # no 。: a heading line
    assert set(heading_roles(long_heading)) == {"heiti"}


def test_attachment_note_signature_and_date(document, notice):
    pages = document.pages
    note_page = next(p for p in pages if any(r.text.startswith("附件：") for r in runs(p)))
    note = next(r for r in runs(note_page) if r.text.startswith("附件："))
    assert note.xs[0] == pytest.approx(LEFT + 2 * CELL)  # 左空二字
    assert "附件：" + attachment_title("2022Q3") in "".join(r.text for r in runs(note_page))
    above = [r for r in runs(note_page) if r.xs and r.size == 16 and r.y < note.y]
    assert line_of(note) == max(line_of(r) for r in above) + 2  # 正文下空一行
    signature = next(r for r in runs(note_page) if r.text == "中共高寨镇委员会" and r.y > note.y)
    date = next(r for r in runs(note_page) if r.text == "2022年10月12日")
    assert line_of(date) == line_of(signature) + 1
    assert right_edge(document, date) == pytest.approx(LEFT + BLOCK_WIDTH - 4 * CELL, abs=0.5)  # 右空四字
    assert centre_of(document, signature) == pytest.approx(centre_of(document, date), abs=CELL / 2)
    assert line_of(signature) >= line_of(note) + 3  # 附件说明下空二行


def test_long_attachment_name_wraps_under_the_name(demo_db, document):
    official = OfficialDocument(Document("x", document.fonts))
    name = "2022年第三季度“五抓五提升”行动督查评分细则及各村（社区）党组织得分明细表"
    lines = official.grid_lines(f"附件：{name}", indent=2, hang=5)
    assert len(lines) == 2
    assert lines[0][0][2] == 2 and lines[1][0][2] == 5  # 回行时与附件名称对齐


def test_attachment_on_its_own_page_with_heiti_label(document):
    page = next(p for p in document.pages if any(r.text == "附件" for r in runs(p)))
    label = next(r for r in runs(page) if r.text == "附件")
    assert label.role == "heiti" and label.size == 16
    assert label.x == pytest.approx(LEFT) and line_of(label) == 0  # 版心左上角第一行顶格
    title = next(r for r in runs(page) if r.size == 22)
    assert title.text == attachment_title("2022Q3") and line_of(title) == 2  # 第三行居中
    assert centre_of(document, title) == pytest.approx(CENTRE, abs=0.5)
    index = document.pages.index(page)
    assert not any(r.text.startswith(("各村", "附件：")) for r in runs(page))
    assert any(r.text == "中共高寨镇委员会" for r in runs(document.pages[index - 1]))


def test_page_numbers_and_imprint_on_an_even_last_page(document):
    pages = document.pages
    assert len(pages) % 2 == 0  # 版记在封四
    for n, page in enumerate(pages, start=1):
        number = next(r for r in runs(page) if r.text == f"— {n} —")
        assert number.size == 14
        # 一字线（约在基线上 0.3 字高）距版心下边缘 7 mm
        assert number.y - 0.3 * 14 == pytest.approx(TOP + BLOCK_HEIGHT + 7 * MM, abs=0.5 * MM)
        if n % 2:
            assert right_edge(document, number) == pytest.approx(LEFT + BLOCK_WIDTH - 14, abs=0.5)
        else:
            assert number.x == pytest.approx(LEFT + 14, abs=0.5)
    last = pages[-1]
    thick = [i for i in last.items if isinstance(i, RuleLine) and i.width >= 0.35 * MM - 0.01]
    assert len(thick) == 2
    assert max(r.y1 for r in thick) == pytest.approx(TOP + BLOCK_HEIGHT)  # 末条分隔线与版心下边缘重合
    imprint = [r for r in runs(last) if r.text.endswith("印发") or r.text.endswith("办公室")]
    assert len(imprint) == 2 and all(r.size == 14 and r.role == "fangsong" for r in imprint)
    assert not any(r.text.endswith("印发") for p in pages[:-1] for r in runs(p))


def test_signature_never_alone_on_a_page(notice):
    # lengthen the body a line at a time: whenever the signature moves to a new page, text goes with it
    base = notice.body
    seen_break = False
    for extra in range(0, 24):
        notice.body = base + "\n" + "\n".join(["各党组织要认真落实。"] * extra)
        document = build_notice(notice)
        page = next(p for p in document.pages if any(r.text == "2022年10月12日" for r in runs(p)))
        body = [
            r
            for r in runs(page)
            if r.xs and r.size == 16 and r.text not in ("中共高寨镇委员会", "2022年10月12日")
        ]
        assert body, f"signature alone on a page with {extra} extra lines"
        seen_break |= page is not document.pages[0] and line_of(body[0]) == 0 and len(body) <= 2
    assert seen_break


def test_ties_in_the_notice_text_and_its_attachment(db):
    from inspection_town import build
    from inspection_town import inspect

    town = build(6)
    inspect(town, "2022Q2", [95, 95, 90, 80, 70, 70])  # bottom: 第4、5、6村
    inspect(town, "2022Q3", [95, 95, 80, 80, 80, 70])  # 80, 80, 80 tie for 3rd: four are named
    notice = prepare_notice("2022Q3", dt.date(2022, 10, 12))
    body = notice.body
    assert "最高分第1村、第2村95分" in body and "最低分第6村70分" in body
    assert "排名后3位的党组织是：第6村（70分）、" in body and "因得分相同并列，一并通报" in body
    for name in ("第3村", "第4村", "第5村", "第6村"):
        assert f"）{name}。" in body  # each named village has its problems paragraph
    assert "在2022年第二季度和第三季度督查中连续2次排名后3位" in body
    document = build_notice(notice)
    table = [r.text for p in document.pages for r in runs(p) if r.size == 14]
    assert table.count("3（并列）") == 3 and table.count("1（并列）") == 2 and "6" in table
    assert table.count("连续2次排名后3位") == 3 and table.count("排名后3位") == 1


def test_imprint_always_on_an_even_page_and_blank_pages_unnumbered(notice):
    notice.quarter = None  # no 附件: the 版记 follows the text
    base = notice.body
    outcomes = set()
    for extra in range(0, 40):
        notice.body = base + "\n" + "\n".join(["各党组织要认真落实。"] * extra)
        pages = build_notice(notice).pages
        assert len(pages) % 2 == 0
        assert any(r.text.endswith("印发") for r in runs(pages[-1]))
        blank = [p for p in pages if not runs(p)]
        numbered = [p for p in pages if any(re.fullmatch(r"— \d+ —", r.text) for r in runs(p))]
        if blank:  # the text filled an even page: blank page and 版记 page carry no number
            assert len(blank) == 1 and pages.index(blank[0]) == len(pages) - 2
            assert len(numbered) == len(pages) - 2
            outcomes.add("blank")
        else:
            assert len(numbered) == len(pages)
            outcomes.add("plain")
    assert outcomes == {"blank", "plain"}


def test_a_number_is_never_split_across_lines(demo_db, document):
    official = OfficialDocument(Document("x", document.fonts))
    text = "一" * 25 + "（60.64分）、其余各村得分见附件。"
    lines = ["".join(c[0] for c in line) for line in official.grid_lines(text, indent=0)]
    assert lines[0] == "一" * 25 and lines[1].startswith("（60.64分）")  # 避头尾 and the number kept whole
    assert all(sum(official.cells(c) for c in line) <= 28 for line in lines)


def test_demo_notice_reads_in_the_order_of_a_通报(demo_db):
    from app.inspection.ranking import rank_quarter

    body = Notice.get(Notice.quarter == "2022Q2").body.splitlines()
    assert body[0] == "各村（社区）党组织："
    headings = [line for line in body if re.match(r"^[一二三四五六七八九十]+、", line)]
    assert [h[2:4] for h in headings] == ["督查", "总体", "排名", "处理", "工作"]
    for row in rank_quarter("2022Q2"):
        named = any(line.startswith("（") and f"）{row.name}。" in line for line in body)
        assert named == row.bottom, row.name  # each bottom village with its problems, no other
