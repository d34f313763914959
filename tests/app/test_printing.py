"""Printed documents from the demo town: text, GB/T 9704 geometry, fonts, privacy."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from app.cli import main
from app.inspection.ranking import rank_quarter
from app.printing.gbt9704 import BLOCK_HEIGHT
from app.printing.gbt9704 import BLOCK_WIDTH
from app.printing.gbt9704 import CELL
from app.printing.gbt9704 import CHARS
from app.printing.gbt9704 import LEFT
from app.printing.gbt9704 import TOP
from app.printing.notice import build_notice
from app.printing.notice import notice_title
from app.printing.notice import prepare_notice
from app.printing.page import A4_HEIGHT
from app.printing.page import A4_WIDTH
from app.printing.page import MM
from app.printing.page import TextRun
from app.printing.page import write_pdf
from app.printing.scorecards import build_scorecards
from app.printing.summary import build_summary
from app.text import score_text
from models import KeyPerson
from models import Member
from models import Notice
from models import Organisation
from models import ServiceRequest

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed"
)


def pdf_text(path, *options) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def fresh_notice(quarter="2022Q3", day=dt.date(2022, 10, 9)):
    Notice.delete().where(
        Notice.quarter == quarter
    ).execute()  # draft it from the ranking, not the demo's text
    return prepare_notice(quarter, day)


@needs_poppler
def test_notice_text_number_bottom_three_and_date(demo_db, tmp_path):
    notice = fresh_notice()
    out = write_pdf(build_notice(notice), tmp_path / "notice.pdf")
    text = re.sub(r"\s+", "", pdf_text(out))
    assert notice_title("2022Q3") in text
    assert re.fullmatch(r".+〔2022〕\d+号", notice.doc_no) and notice.doc_no in text
    assert "中共" in text and "文件" in text
    for row in rank_quarter("2022Q3"):
        if row.bottom:
            assert row.name in text
    assert "2022年10月9日" in text
    assert not re.search(r"20\d\d年0\d月|月0\d日", text)  # no leading zeros
    assert "附件" in text and "督查排名表" in text


@needs_poppler
def test_notice_geometry_a4_text_block_and_page_numbers(demo_db, tmp_path):
    document = build_notice(fresh_notice())
    out = write_pdf(document, tmp_path / "notice.pdf")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    bbox = pdf_text(out, "-bbox")
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox
    )
    assert len(words) > 50
    tol = 2 * MM
    for x0, y0, x1, y1, word in words:
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        if y0 > TOP + BLOCK_HEIGHT - tol:  # only page numbers sit below the block
            assert re.fullmatch(r"[—\d]+", word), word
            continue
        assert LEFT - tol <= x0 and x1 <= LEFT + BLOCK_WIDTH + tol, word
        assert TOP - tol <= y0 and y1 <= TOP + BLOCK_HEIGHT + tol, word
    numbers = [
        (i, item)
        for i, page in enumerate(document.pages, 1)
        for item in page.items
        if isinstance(item, TextRun) and item.text == f"— {i} —"
    ]
    assert len(numbers) == len(document.pages) >= 2
    middle = A4_WIDTH / 2
    for n, run in numbers:
        assert (run.x > middle) if n % 2 else (run.x < middle)
        assert run.y > TOP + BLOCK_HEIGHT + 6 * MM


def test_body_lines_break_at_28_characters_on_the_grid(demo_db):
    document = build_notice(fresh_notice())
    body_runs = [
        item
        for page in document.pages
        for item in page.items
        if isinstance(item, TextRun) and item.xs and item.size == 16
    ]
    lines: dict[tuple, list[float]] = {}
    for run in body_runs:
        cells = [(x - LEFT) / CELL for x in run.xs]
        for c in cells:
            assert abs(c * 2 - round(c * 2)) < 1e-6  # on the half-cell grid
            assert -1e-6 <= c < CHARS
        lines.setdefault((id(run), run.y), []).extend(cells)
    full = [cells for cells in lines.values() if max(cells) >= CHARS - 1 - 1e-6]
    assert len(full) >= 10  # paragraphs fill their lines right to the 28th character
    assert pytest.approx(297 * MM) == A4_HEIGHT


@needs_poppler
def test_fonts_are_all_embedded(demo_db, tmp_path):
    out = write_pdf(build_scorecards("2022Q2"), tmp_path / "cards.pdf")
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\s(yes)\s+(yes)\s+(yes)\s", row), row


@needs_poppler
def test_every_printout_embeds_every_font_it_uses(demo_db, tmp_path):
    """Ledger, dispatch sheet and wall chart too: ReportLab's default Helvetica is never left in."""
    from app.printing.delivery import print_dispatch
    from app.printing.delivery import print_ledger
    from app.printing.delivery import print_wall_chart

    day = dt.date(2022, 9, 5)
    outputs = {
        "ledger": lambda out: print_ledger(out, day),
        "dispatch": lambda out: print_dispatch(out, dt.date(2022, 6, 1)),
        "wall": lambda out: print_wall_chart(out, day, "village", "A4"),
        "summary": lambda out: write_pdf(build_summary(), out),
    }
    for name, make in outputs.items():
        out = tmp_path / f"{name}.pdf"
        make(out)
        listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows, name
        for row in rows:
            assert "Helvetica" not in row and re.search(r"\s(yes)\s+(yes)\s+(yes)\s", row), (name, row)


@needs_poppler
def test_scorecards_one_page_per_village(demo_db, tmp_path):
    document = build_scorecards("2022Q2")
    ranking = rank_quarter("2022Q2")
    out = write_pdf(document, tmp_path / "cards.pdf")
    pages = [p.replace(" ", "") for p in pdf_text(out).split("\f")]
    cards = [p for p in pages if "被督查党组织：" in p]
    assert len(cards) == len(ranking)
    for row in ranking:
        page = next(p for p in cards if f"被督查党组织：{row.name}" in p)
        assert "督查组成员（签字）" in page
        assert f"折合百分制{score_text(row.score)}分" in page  # as the notice writes it
        assert "已评14/共14个村（社区）。" in page
        # the appendix the village receives: what each computed item counted and missed
        after = pages[pages.index(page) + 1]
        assert f"附：{row.name}评分依据" in after and "已计入：" in after


def test_scorecard_appendix_names_what_was_missing(demo_db):
    from app.inspection.computed_items import count_items

    ranking = rank_quarter("2022Q2")
    counts = count_items("2022Q2", [r.org_id for r in ranking], ["services_coverage"])["services_coverage"]
    row = next(r for r in ranking if counts[r.org_id].missing)
    text = build_scorecards("2022Q2", [row.org_id]).plain_text().replace(" ", "")
    assert f"缺少：{counts[row.org_id].missing[0]}".replace(" ", "") in text


def test_summary_names_every_village(demo_db):
    text = build_summary().plain_text()
    for branch in Organisation.branches():
        assert branch.label in text
    assert "问题整改情况" in text and "督查得分和排名" in text
    # member points per village and for the town, the campaign named as in running text
    from app.points import member_totals
    from models import Campaign

    totals = member_totals(Campaign.current().end)
    assert "党员量化积分情况" in text and f"全镇{len(totals)}名党员量化积分平均" in text
    assert "参加“五抓五提升”行动" in text and "“五抓五提升行动”" not in text


@needs_poppler
def test_no_id_phone_or_key_person_name_on_any_page(demo_db, tmp_path):
    notice = fresh_notice("2022Q2", dt.date(2022, 7, 8))
    person = KeyPerson.live().first()
    member = Member.live().where(Member.phone != "").first()
    # a clerk pastes private details into the editable body: the printout must still not show them
    notice.body += f"\n（四）走访{person.name}，电话{member.phone}，身份证{member.id_number}。"
    notice.save()
    text = ""
    for name, document in (
        ("notice", build_notice(notice)),
        ("cards", build_scorecards("2022Q2")),
        ("summary", build_summary()),
    ):
        text += pdf_text(write_pdf(document, tmp_path / f"{name}.pdf"))
    flat = re.sub(r"\s+", "", text)
    secrets = {p.name for p in KeyPerson.select()} | {p.id_number for p in KeyPerson.select() if p.id_number}
    secrets |= {m.phone for m in Member.select() if m.phone} | {
        m.id_number for m in Member.select() if m.id_number
    }
    secrets |= {r.phone for r in ServiceRequest.select() if r.phone}
    secrets.discard("")
    assert len(secrets) > 20
    leaked = [s for s in secrets if s in flat]
    assert leaked == []
    assert "走访××" in flat


def test_print_command(db_location, demo_db, tmp_path, capsys):
    db = str(db_location)
    out = tmp_path / "n.pdf"
    assert (
        main(
            ["print", "notice", "--db", db, "--quarter", "2022Q3", "--date", "2022-10-09", "--out", str(out)]
        )
        == 0
    )
    assert out.stat().st_size > 5000
    assert "共" in capsys.readouterr().out
    assert main(["print", "scorecards", "--db", db, "--out", str(tmp_path / "s.pdf")]) == 1
    assert "--quarter" in capsys.readouterr().err
    assert main(["print", "notice", "--db", db, "--quarter", "2021Q1", "--out", str(tmp_path / "x.pdf")]) == 1
    assert main(["rank", "--db", db, "--quarter", "2022Q3", "--json"]) == 0
    assert '"bottom"' in capsys.readouterr().out


def test_scorecard_total_recomputed_from_the_printed_items(demo_db):
    """The 合计 line equals the sum of the points printed in the 得分 column, page by page."""
    document = build_scorecards("2022Q3")
    cards = 0
    for page in document.pages:
        runs = [i for i in page.items if isinstance(i, TextRun)]
        if not any(r.text.startswith("合计：") for r in runs):
            continue  # a page of the appendix (评分依据)
        cards += 1
        score_x = next(r for r in runs if r.text == "得分").x
        header_y = next(r for r in runs if r.text == "得分").y
        # the 得分 column: centred numbers (or "—" for not applicable) below the header
        points = [
            float(r.text)
            for r in runs
            if r.y > header_y and abs(r.x - score_x) < 6 * MM and re.fullmatch(r"\d+(\.\d+)?", r.text)
        ]
        total = next(r.text for r in runs if r.text.startswith("合计："))
        printed = float(re.search(r"得分([\d.]+)分", total).group(1))
        assert len(points) >= 15
        assert sum(points) == pytest.approx(printed, abs=0.05), total
        assert min(r.size for r in runs) >= 8.5  # legible: the table is never set below 8.5 pt
    assert cards == len(rank_quarter("2022Q3"))


def test_table_cells_keep_numbers_with_units_dates_and_short_headings_whole(demo_db):
    from app.printing.fonts import resolve_fonts
    from app.printing.layout import wrap
    from app.printing.page import Document

    doc = Document("t", resolve_fonts())
    text = "督查发现会议记录不全扣0.5分，最终得56.7分，应于2022年8月4日前整改“回头看”，涉及42个问题，完成率100%。"
    wholes = ("0.5分", "56.7分", "2022年8月4日", "42个", "100%")
    for width in range(70, 200, 3):  # every column width breaks the text somewhere else
        lines = wrap(doc, text, "songti", 10.5, float(width))
        assert "".join(lines) == text and len(lines) > 1
        for line in lines[1:]:
            assert line[:1] not in "，。、；：）”", (width, lines)
        for line in lines[:-1]:
            assert line[-1:] not in "“（", (width, lines)
        cuts = [sum(len(x) for x in lines[: i + 1]) for i in range(len(lines) - 1)]
        for whole in wholes:
            start = text.index(whole)
            assert not [c for c in cuts if start < c < start + len(whole)], (width, whole, lines)
    assert len(wrap(doc, "责任人", "heiti", 10.5, 33.0)) == 1  # a short heading is not cut (序/号, 责任/人)


def test_wall_chart_keeps_each_task_with_its_milestones_and_marks_continued_groups(
    demo_db, tmp_path, monkeypatch
):
    from app.delivery.wall_chart import build_chart
    from app.printing import wall_chart
    from app.printing.fonts import resolve_fonts

    drawn: list[tuple[int, str, object, float]] = []
    real_line = wall_chart._line

    def recording(canvas, kind, item, font, margin, label_w, left, right, y, h, x_of, sizes):
        drawn.append((canvas.getPageNumber(), kind, item, sizes))
        real_line(canvas, kind, item, font, margin, label_w, left, right, y, h, x_of, sizes)

    monkeypatch.setattr(wall_chart, "_line", recording)
    chart = build_chart(dt.date(2022, 9, 5), "village")
    pages = wall_chart.draw_wall_chart(
        tmp_path / "chart.pdf", chart, wall_chart.PAPERS_A3, resolve_fonts()["songti"].name
    )
    assert pages > 1
    page_of_task = {}
    for page, kind, item, sizes in drawn:
        assert sizes.task >= 10 and sizes.milestone >= 9  # readable on a wall at A3
        if kind == "task":
            page_of_task[item.task_id] = page
            task = item
        elif kind == "milestone":
            assert item in task.milestones and page_of_task[task.task_id] == page  # never split off
    assert len(page_of_task) == chart.row_count
    firsts = {}
    for page, kind, item, _sizes in drawn:
        firsts.setdefault(page, (kind, item))
    assert all(kind == "group" for kind, _item in firsts.values())  # each page says whose tasks follow
    continued = [item for kind, item in firsts.values() if isinstance(item, str) and item.endswith("（续）")]
    assert continued  # the demo's groups run over pages


def test_summary_is_dated_as_asked_and_refers_to_its_own_parts(db_location, demo_db, tmp_path, capsys):
    from app.cli import main

    document = build_summary(day=dt.date(2022, 12, 5))
    text = document.plain_text()
    assert "2022年12月5日" in text and "附后" not in text and "见本报告第" in text
    out = tmp_path / "总结.pdf"
    code = main(["print", "summary", "--date", "2022-12-06", "--out", str(out), "--db", str(db_location)])
    assert code == 0
    assert "2022年12月6日" in pdf_text(out).replace(" ", "")


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2022-5-1", dt.date(2022, 5, 1)),
        ("2022.5.1", dt.date(2022, 5, 1)),
        ("2022/05/01", dt.date(2022, 5, 1)),
        ("20220501", dt.date(2022, 5, 1)),
        ("2022年5月1日", dt.date(2022, 5, 1)),
        ("２０２２年５月１日", dt.date(2022, 5, 1)),
        ("", None),
    ],
)
def test_dates_as_clerks_type_them(typed, day):
    from app.text import parse_date_text

    assert parse_date_text(typed) == day


def test_dates_that_are_not_dates_say_why():
    from app.text import parse_date_text

    with pytest.raises(ValueError, match="没有 2022年2月30日 这一天"):
        parse_date_text("2022-2-30")
    with pytest.raises(ValueError, match="不是日期"):
        parse_date_text("五月一日")


def test_print_notice_drafts_without_a_number_and_issues_on_request(db_location, demo_db, tmp_path, capsys):
    import json

    from app.cli import main
    from models import Notice

    Notice.delete().where(Notice.quarter == "2022Q3").execute()
    db = str(db_location)
    before = Notice.select().count()
    args = ["print", "notice", "--db", db, "--quarter", "2022Q3", "--json"]
    for _ in range(2):
        assert main([*args, "--out", str(tmp_path / "草稿.pdf")]) == 0
        said = json.loads(capsys.readouterr().out)
        assert said["draft"] is True and said["doc_no"] == "（签发时编号）"
    assert Notice.select().count() == before  # previews use up no number
    assert main([*args, "--issue", "--date", "2022-10-12", "--out", str(tmp_path / "签发.pdf")]) == 0
    issued = json.loads(capsys.readouterr().out)
    assert issued["draft"] is False and issued["doc_no"].startswith("高党发〔2022〕")
    assert main([*args, "--out", str(tmp_path / "重印.pdf")]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["doc_no"] == issued["doc_no"]  # printed again as issued, not numbered anew
    assert pdf_text(tmp_path / "签发.pdf") == pdf_text(tmp_path / "重印.pdf")
    notice = Notice.get(Notice.quarter == "2022Q3")
    assert notice.date == dt.date(2022, 10, 12)


def test_the_notice_praises_the_best_and_names_a_decided_disposal(demo_db):
    from app.printing.notice import draft_body
    from models import Disposal
    from models import Organisation

    rows = rank_quarter("2022Q3")
    body = draft_body("2022Q3", dt.date(2022, 10, 12))
    best = [r.name for r in rows if r.place <= 3]
    praise = next(line for line in body.splitlines() if "通报表扬" in line)
    assert all(name in praise for name in best)
    twice = [r for r in rows if r.twice_bottom]
    if not twice:
        pytest.skip("the demo town has no village twice at the bottom in 2022Q3")
    assert "予以相应处置" in body  # nothing decided yet: no measure is named
    for r in twice:
        org = Organisation.get_by_id(r.org_id)
        Disposal.create(
            org=org,
            secretary="书记",
            quarter="2022Q3",
            reason="连续2次季度督查排名后3位",
            measure="约谈",
            state="已处置",
        )
    body = draft_body("2022Q3", dt.date(2022, 10, 12))
    assert all(f"对{r.name}党组织书记予以约谈" in body for r in twice)


def test_a_measure_the_town_writes_itself_is_named_in_the_notice(demo_db):
    from app.printing.notice import draft_body
    from app.records import save_record
    from models import Disposal
    from models import Organisation

    twice = [r for r in rank_quarter("2022Q3") if r.twice_bottom]
    assert twice  # the demo's two weak villages are at the bottom both times
    measure = "提醒谈话并责令书面说明"  # not one of the listed measures
    for r in twice:
        values = {
            "org": Organisation.get_by_id(r.org_id),
            "secretary": "书记",
            "quarter": "2022Q3",
            "reason": "连续2次季度督查排名后3位",
            "measure": measure,
            "state": "已处置",
        }
        save_record(Disposal, values)  # validated as the form saves it
    body = draft_body("2022Q3", dt.date(2022, 10, 12))
    assert all(f"对{r.name}党组织书记予以{measure}" in body for r in twice)


def test_rank_table_lines_up_in_a_terminal(db_location, demo_db, capsys):
    """Chinese names take two columns each: the scores stand in one column however long the name."""
    from app.text import display_width

    assert main(["rank", "--db", str(db_location), "--quarter", "2022Q3"]) == 0
    lines = capsys.readouterr().out.splitlines()[2:]
    assert len(lines) >= 10
    ends = set()
    for line in lines:
        score = re.search(r"\d+\.\d\d", line)
        assert score, line
        ends.add(display_width(line[: score.end()]))
    assert len(ends) == 1, lines  # every score ends at the same terminal column
