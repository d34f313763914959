"""Printouts of 抓落实: the problem ledger, the monthly dispatch sheet and the wall chart (PDF).

Chinese is drawn with an embedded TrueType font (the office's 宋体/黑体 when installed,
else a free CJK font), never as boxes. Nothing here prints a key person's name, an ID or a
phone number: the ledger, the dispatch table and the chart hold none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from app.delivery.dispatch import MISSING
from app.delivery.dispatch import STILL
from app.delivery.dispatch import month_table
from app.delivery.ledger import HEADINGS
from app.delivery.ledger import issuing_body
from app.delivery.ledger import ledger_rows
from app.delivery.ledger import ledger_title
from app.delivery.wall_chart import build_chart
from app.printing.fonts import font_runs
from app.printing.fonts import resolve_fonts
from app.printing.layout import wrap_text
from app.printing.privacy import make_scrubber
from app.printing.wall_chart import draw_wall_chart
from app.storage.safe_write import writing
from app.text import cn_date
from models import settings
from models.db import read_snapshot

PAPERS = {"A3": landscape(A3), "A4": landscape(A4)}


def body_font() -> str:
    """The table font (宋体, else a free CJK font) from the printing fonts, embedded."""
    return resolve_fonts()["songti"].name


def title_font() -> str:
    return resolve_fonts()["biaosong"].name


LATE_RED = colors.HexColor("#C00000")
REOPENED = colors.HexColor("#FFF2CC")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    # CJK wrapping keeps closing brackets and punctuation off the start of a line (避头尾)
    cjk = {"wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("title", fontName=title_font(), fontSize=18, leading=26, alignment=1, **cjk),
        "sub": ParagraphStyle("sub", fontName=font, fontSize=10.5, leading=15, **cjk),
        "head": ParagraphStyle("head", fontName=font, fontSize=10, leading=13, alignment=1, **cjk),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, **cjk),
        "centre": ParagraphStyle("centre", fontName=font, fontSize=9, leading=12, alignment=1, **cjk),
        "late": ParagraphStyle("late", fontName=font, fontSize=9, leading=12, textColor=LATE_RED, **cjk),
    }


def _escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def _para(text: str, style: ParagraphStyle, width: float | None = None) -> Paragraph:
    """A paragraph of plain text; characters the style's font lacks are set in one that has them.

    With ``width`` (a table column's, padding taken off) the lines are broken here, the way
    every table of the program breaks them: numbers with their units, dates whole, 避头尾.
    """
    text = text or ""
    if width is not None:
        size = style.fontSize

        def measure(piece: str) -> float:
            return sum(pdfmetrics.stringWidth(p, font, size) for font, p in font_runs(piece, style.fontName))

        text = "\n".join(wrap_text(text, measure, width))
    pieces = []
    for font, piece in font_runs(text, style.fontName):
        escaped = _escape(piece)
        pieces.append(escaped if font == style.fontName else f'<font name="{font}">{escaped}</font>')
    return Paragraph("".join(pieces), style)


def _column_widths(headings) -> list[float]:
    """Column widths across a landscape A4 page, in proportion to the headings' shares."""
    usable = landscape(A4)[0] - 24 * mm
    total = sum(w for _h, w in headings)
    return [usable * w / total for _h, w in headings]


def _inner(width: float) -> float:
    return width - 12  # ReportLab's cell padding: 6 pt on either side


def _page_number(font: str):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 9)
        width = doc.pagesize[0]
        canvas.drawCentredString(width / 2, 8 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    return draw


SIGNATURES = "制表人：　　　　　　　　审核人：　　　　　　　　填报日期：　　　年　　月　　日"


def _build(path: str | Path, story: list, font: str, title: str, paper=landscape(A4)) -> None:
    """Build the PDF under a temporary name, then move it into place (no half files).

    ``title`` is the document's title in the PDF (shown by viewers and printers' queues).
    """
    path = Path(path)
    with writing(path) as partial:
        _build_into(partial, title, story, font, paper)


def _build_into(partial: Path, title: str, story: list, font: str, paper) -> None:
    doc = SimpleDocTemplate(
        str(partial),
        pagesize=paper,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        title=title,
        initialFontName=font,  # the canvas's default Helvetica would be an unembedded font in the PDF
    )
    doc.build(story, onFirstPage=_page_number(font), onLaterPages=_page_number(font))


@read_snapshot()
def print_ledger(path: str | Path, today: dt.date, org_ids: list[int] | None = None) -> int:
    """The 问题整改台账 as a landscape A4 PDF; returns the number of problems printed."""
    font = body_font()
    st = _styles(font)
    rows = ledger_rows(today, org_ids)
    scrub = make_scrubber()  # over every cell printed (责任人 and remarks too)
    widths = _column_widths(HEADINGS)
    data = [[_para(h, st["head"], _inner(w)) for (h, _w), w in zip(HEADINGS, widths, strict=True)]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONT", (0, 0), (-1, -1), font),  # the cells' own default is Helvetica, never embedded
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
    ]
    for i, row in enumerate(rows, start=1):
        cells = []
        for col, value in enumerate(row.cells()):
            kind = "centre" if col in (0, 1, 2, 5, 6, 8) else "cell"
            if row.overdue and col in (6, 9):
                kind = "late"
            cells.append(_para(scrub(str(value)), st[kind], _inner(widths[col])))
        data.append(cells)
        if row.reopened:
            style.append(("BACKGROUND", (0, i), (-1, i), REOPENED))
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    story = [
        _para(ledger_title(), st["title"]),
        _para(f"填报单位：{issuing_body()}　　　截至：{cn_date(today)}", st["sub"]),
        Spacer(1, 3 * mm),
        table,
    ]
    if not rows:
        story.append(_para("（暂无问题）", st["sub"]))
    story += [Spacer(1, 5 * mm), _para(SIGNATURES, st["sub"])]  # where the office signs it off
    _build(path, story, font, ledger_title())
    return len(rows)


DISPATCH_HEADINGS = (
    ("序号", 5),
    ("村（社区）", 10),
    ("重点任务", 18),
    ("责任人", 8),
    ("完成时限", 13),
    ("上月进度", 7),
    ("本月进度", 7),
    ("本月完成情况", 26),
    ("存在困难", 20),
    ("状态", 8),
)


@read_snapshot()
def print_dispatch(path: str | Path, month: dt.date, org_ids: list[int] | None = None) -> int:
    """The monthly dispatch sheet for the meeting: every task's report, the missing ones in red."""
    font = body_font()
    st = _styles(font)
    table_data = month_table(month, org_ids)
    scrub = make_scrubber()
    widths = _column_widths(DISPATCH_HEADINGS)
    data = [[_para(h, st["head"], _inner(w)) for (h, _w), w in zip(DISPATCH_HEADINGS, widths, strict=True)]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONT", (0, 0), (-1, -1), font),  # the cells' own default is Helvetica, never embedded
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
    ]
    for i, row in enumerate(table_data.rows, start=1):
        status_style = st["late"] if row.status in (MISSING, STILL) or row.overdue else st["centre"]
        status = row.status + ("（逾期）" if row.overdue else "")
        values = [
            (str(i), st["centre"]),
            (row.village, st["centre"]),
            (row.title, st["cell"]),
            (row.owner, st["centre"]),
            (cn_date(row.deadline), st["centre"]),
            ("" if row.previous is None else f"{row.previous}%", st["centre"]),
            ("—" if row.percent is None else f"{row.percent}%", st["centre"]),
            (row.done, st["cell"]),
            (row.difficulties, st["cell"]),
            (status, status_style),
        ]
        # every cell through the privacy net, 责任人 too
        data.append([_para(scrub(v), s, _inner(w)) for (v, s), w in zip(values, widths, strict=True)])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    m = table_data.month
    missing = table_data.missing_by_village()
    summary = (
        f"本月应报 {len(table_data.rows)} 项，已报 {len(table_data.rows) - len(table_data.missing)} 项"
        f"（{table_data.reported_share():g}%），停滞 {len(table_data.standing_still)} 项。"
    )
    if missing:
        summary += "未报送：" + "、".join(f"{v}（{n}项）" for v, n in missing.items()) + "。"
    title = f"{settings.get('town_name')}重点任务{m.year}年{m.month}月调度表"
    story = [
        _para(title, st["title"]),
        _para(summary, st["sub"]),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 5 * mm),
        _para(SIGNATURES, st["sub"]),
    ]
    _build(path, story, font, title)
    return len(table_data.rows)


def print_wall_chart(
    path: str | Path,
    today: dt.date,
    group_by: str = "track",
    paper: str = "A3",
    org_ids: list[int] | None = None,
) -> int:
    """The 挂图作战 chart on landscape A3 or A4 (as many pages as the rows need)."""
    if paper not in PAPERS:
        raise ValueError(f"纸张只能是 A3 或 A4（现为“{paper}”）")
    chart = build_chart(today, group_by, org_ids)
    with writing(path) as partial:
        return draw_wall_chart(partial, chart, PAPERS[paper], body_font())  # masks what it draws


SUBMISSION_HEADINGS = (
    ("序号", 1),
    ("村（社区）", 3),
    ("收到的文件", 8),
    ("新增/修改/拒绝", 3),
    ("最近一次交换", 3),
    ("情况", 4),
)


def print_submissions(path: str | Path, period: str, reports: list) -> int:
    """报送情况 of a period: each village's files, gaps, and the villages still to report (催报) in red."""
    font = body_font()
    st = _styles(font)
    widths = _column_widths(SUBMISSION_HEADINGS)
    data = [[_para(h, st["head"], _inner(w)) for (h, _w), w in zip(SUBMISSION_HEADINGS, widths, strict=True)]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONT", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
    ]
    for i, r in enumerate(reports, start=1):
        files = "\n".join(
            f"{cn_date(f.time.date())} {f.what}（{f.outcome}{'，' + f.again if f.again else ''}）"
            for f in r.files
        )
        rows = "\n".join(f"{f.new}/{f.changed}/{f.refused}" for f in r.files)
        state = "未报送，请催报" if not r.reported else "已报送"
        if r.gaps:
            state += f"；{r.gaps}"
        last = cn_date(r.last_exchange.date()) if r.last_exchange else "从未交换"
        values = [
            (str(i), st["centre"]),
            (r.name, st["centre"]),
            (files or "—", st["cell"]),
            (rows or "—", st["centre"]),
            (last, st["centre"]),
            (state, st["late"] if not r.reported or r.gaps else st["centre"]),
        ]
        data.append([_para(v, s, _inner(w)) for (v, s), w in zip(values, widths, strict=True)])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    missing = [r.name for r in reports if not r.reported]
    summary = f"应报 {len(reports)} 个村（社区），已报 {len(reports) - len(missing)} 个。"
    if missing:
        summary += "未报送（催报）：" + "、".join(missing) + "。"
    title = f"{settings.get('town_name')}{period}报送情况"
    story = [_para(title, st["title"]), _para(summary, st["sub"]), Spacer(1, 3 * mm), table]
    _build(path, story, font, title)
    return len(reports)
