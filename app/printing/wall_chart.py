"""Drawing the 挂图作战 chart on paper with ReportLab (see :mod:`app.delivery.wall_chart` for its content).

Each task is a bar from its start to its deadline, darkened as far as its progress goes,
red when overdue; under it each milestone is a thin bar ending in a diamond at its due
date (green when done, red when late). A red dashed line marks today. The calendar
header is repeated on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.delivery.wall_chart import Chart
from app.delivery.wall_chart import month_starts
from app.printing.fonts import font_runs
from app.printing.privacy import make_scrubber
from app.text import cn_date
from models import Campaign

BAR = colors.HexColor("#9DB9D8")
BAR_DONE = colors.HexColor("#2F5C8F")
LATE = colors.HexColor("#C00000")
DONE_GREEN = colors.HexColor("#2E7D32")
GROUP_BAND = colors.HexColor("#E8EEF5")
GRID = colors.HexColor("#BBBBBB")

PAPERS_A3 = landscape(A3)
PHASE_BANDS = (colors.HexColor("#FFF4E0"), colors.HexColor("#EAF4EA"), colors.HexColor("#EEEAF6"))


@dataclass(frozen=True)
class _Sizes:
    """Type sizes and line heights: on A3 large enough to read on a wall from a few steps."""

    task: float
    milestone: float
    group: float
    task_h: float
    milestone_h: float
    group_h: float


A3_SIZES = _Sizes(task=10, milestone=9, group=11, task_h=7.5 * mm, milestone_h=5.4 * mm, group_h=6.5 * mm)
A4_SIZES = _Sizes(task=8.5, milestone=7.5, group=10.5, task_h=6.5 * mm, milestone_h=4.6 * mm, group_h=6 * mm)


def _blocks(chart: Chart) -> list[tuple[str, list[tuple[str, object]]]]:
    """The chart as blocks that are never split across pages: each task with its milestones,
    under the name of its group."""
    blocks: list[tuple[str, list[tuple[str, object]]]] = []
    for group in chart.groups:
        for row in group.rows:
            blocks.append((group.name, [("task", row), *(("milestone", m) for m in row.milestones)]))
    return blocks


def _height(kind: str, sizes: _Sizes) -> float:
    return {"group": sizes.group_h, "task": sizes.task_h, "milestone": sizes.milestone_h}[kind]


class _PublicCanvas(Canvas):
    """A canvas that passes every string it draws through the privacy net, and draws each
    character the current font lacks in an installed font that has it."""

    def __init__(self, *args, scrub: Callable[[str], str], **kwargs):
        super().__init__(*args, **kwargs)
        self.scrub = scrub

    def stringWidth(self, text, fontName=None, fontSize=None):
        name, size = fontName or self._fontname, fontSize or self._fontsize
        return sum(Canvas.stringWidth(self, piece, font, size) for font, piece in font_runs(text, name))

    def drawString(self, x, y, text, *args, **kwargs):
        text = self.scrub(text)
        base, size = self._fontname, self._fontsize
        for font, piece in font_runs(text, base):
            if font != base:
                self.setFont(font, size)
            super().drawString(x, y, piece, *args, **kwargs)
            x += super().stringWidth(piece, font, size)
            if font != base:
                self.setFont(base, size)

    def drawCentredString(self, x, y, text, *args, **kwargs):
        text = self.scrub(text)
        self.drawString(x - self.stringWidth(text) / 2, y, text, *args, **kwargs)

    def drawRightString(self, x, y, text, *args, **kwargs):
        text = self.scrub(text)
        self.drawString(x - self.stringWidth(text), y, text, *args, **kwargs)


def _fit(canvas: _PublicCanvas, text: str, font: str, size: float, width: float) -> str:
    # masked before it is shortened: a cut ID number would no longer look like one
    text = canvas.scrub(text)
    while text and canvas.stringWidth(text, font, size) > width:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


def draw_wall_chart(
    path: str | Path,
    chart: Chart,
    pagesize: tuple[float, float],
    font: str,
    scrub: Callable[[str], str] | None = None,
) -> int:
    """Draw ``chart`` to a PDF at ``path``; returns the number of pages.

    Every string drawn passes ``scrub`` (by default the privacy net over the open database).
    """
    width, height = pagesize
    margin = 10 * mm
    label_w = 75 * mm if width > 400 * mm else 62 * mm
    left = margin + label_w
    right = width - margin
    days = (chart.last - chart.first).days + 1
    scale = (right - left) / days

    def x_of(day: dt.date) -> float:
        return left + (day - chart.first).days * scale

    canvas = _PublicCanvas(
        str(path),
        pagesize=pagesize,
        initialFontName=font,  # no unembedded Helvetica
        scrub=scrub or make_scrubber(),
    )
    canvas.setTitle(chart.title)
    sizes = A3_SIZES if width > 400 * mm else A4_SIZES
    top_of_rows = height - margin - 36 * mm
    bottom = margin + 8 * mm
    phases = _phases(chart)

    def new_page(number: int) -> float:
        _header(canvas, chart, font, width, height, margin, left, right, x_of, number, phases)
        return top_of_rows

    def finish_page(y: float) -> None:
        _today_line(canvas, chart, font, x_of, top_of_rows, y)
        canvas.showPage()

    def draw(kind: str, item: object, y: float) -> float:
        h = _height(kind, sizes)
        _line(canvas, kind, item, font, margin, label_w, left, right, y, h, x_of, sizes)
        return y - h

    pages = 1
    y = new_page(pages)
    blocks = _blocks(chart)
    if not blocks:
        y = draw("group", "（暂无重点任务）", y)
    group_on_page: str | None = None
    for group, lines in blocks:
        needed = sum(_height(kind, sizes) for kind, _item in lines)
        if group != group_on_page:
            needed += sizes.group_h
        # a task never leaves its milestones behind: the whole block moves to the next page
        if y - needed < bottom and y < top_of_rows:
            finish_page(y)
            pages += 1
            y = new_page(pages)
            if group == group_on_page:
                y = draw("group", f"{group}（续）", y)
        if group != group_on_page:
            y = draw("group", group, y)
            group_on_page = group
        for kind, item in lines:
            if y - _height(kind, sizes) < bottom:  # a block taller than a whole page
                finish_page(y)
                pages += 1
                y = draw("group", f"{group}（续）", new_page(pages))
            y = draw(kind, item, y)
    finish_page(y)
    canvas.save()
    return pages


def _phases(chart: Chart) -> list[tuple[str, dt.date, dt.date]]:
    try:
        return [(p.name, p.start, p.end) for p in Campaign.current().phases()]
    except LookupError:
        return []


def _header(canvas, chart, font, width, height, margin, left, right, x_of, page, phases) -> None:
    canvas.setFont(font, 18)
    canvas.drawCentredString(width / 2, height - margin - 8 * mm, chart.title)
    canvas.setFont(font, 10)
    canvas.drawString(
        margin,
        height - margin - 15 * mm,
        f"截至 {cn_date(chart.today)}　　共 {chart.row_count} 项任务，逾期事项 {chart.overdue_count()} 个",
    )
    _legend(canvas, font, right, height - margin - 15 * mm)
    canvas.drawRightString(right, margin, f"第 {page} 页")
    top = height - margin - 22 * mm
    # the campaign's three phases as bands above the months, and faintly behind the rows
    band_h = 6 * mm
    for i, (name, start, end) in enumerate(phases):
        x0 = max(left, x_of(max(start, chart.first)))
        x1 = min(right, x_of(min(end, chart.last) + dt.timedelta(days=1)))
        if x1 <= x0:
            continue
        canvas.setFillColor(PHASE_BANDS[i % len(PHASE_BANDS)])
        canvas.rect(x0, top - band_h, x1 - x0, band_h, stroke=0, fill=1)
        canvas.rect(x0, margin + 8 * mm, x1 - x0, top - band_h - 8 * mm - margin - 8 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(font, 10)
        canvas.drawCentredString(
            (x0 + x1) / 2, top - band_h + 1.8 * mm, _fit(canvas, name, font, 10, x1 - x0)
        )
    top -= band_h
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.line(margin, top, right, top)
    canvas.line(margin, top - 8 * mm, right, top - 8 * mm)
    months = month_starts(chart.first, chart.last)
    for i, month in enumerate(months):
        x0 = x_of(month)
        x1 = x_of(months[i + 1]) if i + 1 < len(months) else right
        canvas.line(x0, top, x0, margin + 8 * mm)
        canvas.setFillColor(colors.black)
        canvas.setFont(font, 10)
        label = f"{month.year}年{month.month}月" if (i == 0 or month.month == 1) else f"{month.month}月"
        canvas.drawCentredString((x0 + x1) / 2, top - 5.5 * mm, label)
    canvas.setFont(font, 10)
    canvas.drawString(margin + 1 * mm, top - 5.5 * mm, "任务 / 节点（责任单位·责任人）")


def _legend(canvas, font, right, y) -> None:
    """The legend drawn with the chart's own marks, right-aligned on the line of the summary."""
    items = [
        ("bar", "计划时段"),
        ("done", "已完成进度"),
        ("late", "逾期"),
        ("diamond", "节点"),
        ("diamond-done", "节点已完成"),
        ("today", "今日"),
    ]
    canvas.setFont(font, 9)
    widths = [8 * mm + canvas.stringWidth(label, font, 9) + 4 * mm for _kind, label in items]
    x = right - sum(widths)
    for (kind, label), w in zip(items, widths, strict=True):
        mid = y + 1.2 * mm
        if kind in ("bar", "done", "late"):
            canvas.setFillColor(BAR_DONE if kind == "done" else BAR)
            canvas.setStrokeColor(LATE if kind == "late" else BAR_DONE)
            canvas.setLineWidth(1.2 if kind == "late" else 0.4)
            canvas.rect(x, mid - 1.5 * mm, 6 * mm, 3 * mm, stroke=1, fill=1)
        elif kind.startswith("diamond"):
            done = kind == "diamond-done"
            _diamond(
                canvas, x + 3 * mm, mid, 1.6 * mm, DONE_GREEN if done else colors.HexColor("#555555"), done
            )
        else:
            canvas.setStrokeColor(LATE)
            canvas.setLineWidth(1)
            canvas.setDash(4, 2)
            canvas.line(x + 3 * mm, mid - 2 * mm, x + 3 * mm, mid + 2 * mm)
            canvas.setDash()
        canvas.setFillColor(colors.black)
        canvas.drawString(x + 8 * mm, y, label)
        x += w


def _line(canvas, kind, item, font, margin, label_w, left, right, y, h, x_of, sizes: _Sizes) -> None:
    mid = y - h / 2
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.2)
    canvas.line(margin, y - h, right, y - h)
    if kind == "group":
        canvas.setFillColor(GROUP_BAND)
        canvas.rect(margin, y - h, right - margin, h, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(font, sizes.group)
        canvas.drawString(margin + 1 * mm, mid - 0.35 * sizes.group, item)
        return
    if kind == "task":
        label = f"{item.title}（{item.owner}）"
        canvas.setFont(font, sizes.task)
        canvas.setFillColor(LATE if item.overdue else colors.black)
        fitted = _fit(canvas, label, font, sizes.task, label_w - 3 * mm)
        canvas.drawString(margin + 2 * mm, mid - 0.35 * sizes.task, fitted)
        x0, x1 = x_of(item.start), x_of(item.deadline + dt.timedelta(days=1))
        bar_h = h * 0.6
        canvas.setFillColor(BAR)
        canvas.setStrokeColor(LATE if item.overdue else BAR_DONE)
        canvas.setLineWidth(1.2 if item.overdue else 0.4)
        canvas.rect(x0, mid - bar_h / 2, x1 - x0, bar_h, stroke=1, fill=1)
        if item.percent:
            canvas.setFillColor(BAR_DONE)
            canvas.rect(x0, mid - bar_h / 2, (x1 - x0) * item.percent / 100, bar_h, stroke=0, fill=1)
        canvas.setFont(font, sizes.milestone)
        canvas.setFillColor(LATE if item.overdue else colors.black)
        note = f"{item.percent}%" + ("  逾期" if item.overdue else "")
        canvas.drawString(x1 + 1 * mm, mid - 0.35 * sizes.milestone, note)
        return
    # a milestone
    colour = LATE if item.overdue else (DONE_GREEN if item.finished else colors.HexColor("#555555"))
    canvas.setFont(font, sizes.milestone)
    canvas.setFillColor(colour)
    label = f"　{item.title}（{item.due.month}月{item.due.day}日）"
    fitted = _fit(canvas, label, font, sizes.milestone, label_w - 5 * mm)
    canvas.drawString(margin + 4 * mm, mid - 0.35 * sizes.milestone, fitted)
    x0, x1 = x_of(item.start), x_of(item.due + dt.timedelta(days=1))
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(1.5)
    canvas.line(x0, mid, x1, mid)
    _diamond(canvas, x1, mid, 1.6 * mm, colour, filled=bool(item.finished) or item.overdue)


def _diamond(canvas, x, y, r, colour, filled: bool) -> None:
    path = canvas.beginPath()
    path.moveTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r, y)
    path.close()
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colour if filled else colors.white)
    canvas.setLineWidth(0.8)
    canvas.drawPath(path, stroke=1, fill=1)


def _today_line(canvas, chart, font, x_of, top, bottom) -> None:
    if not (chart.first <= chart.today <= chart.last):
        return
    x = x_of(chart.today) + x_of(chart.today + dt.timedelta(days=1)) - x_of(chart.today)
    x = (x_of(chart.today) + x) / 2
    canvas.setStrokeColor(LATE)
    canvas.setLineWidth(1)
    canvas.setDash(4, 2)
    canvas.line(x, top, x, bottom)
    canvas.setDash()
    canvas.setFont(font, 8)
    canvas.setFillColor(LATE)
    canvas.drawCentredString(
        x, bottom - 3.5 * mm, f"今日 {chart.today.month}月{chart.today.day}日"
    )  # under the rows
