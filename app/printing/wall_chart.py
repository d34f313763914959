"""Drawing the 挂图作战 chart on paper with ReportLab (see :mod:`app.delivery.wall_chart` for its content).

Each task is a bar from its start to its deadline, darkened as far as its progress goes,
red when overdue; under it each milestone is a thin bar ending in a diamond at its due
date (green when done, red when late). A red dashed line marks today. The calendar
header is repeated on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.delivery.wall_chart import Chart, month_starts
from app.printing.fonts import font_runs
from app.printing.privacy import make_scrubber
from app.text import cn_date

BAR = colors.HexColor("#9DB9D8")
BAR_DONE = colors.HexColor("#2F5C8F")
LATE = colors.HexColor("#C00000")
DONE_GREEN = colors.HexColor("#2E7D32")
GROUP_BAND = colors.HexColor("#E8EEF5")
GRID = colors.HexColor("#BBBBBB")

TASK_H, MILESTONE_H, GROUP_H = 6.5 * mm, 4.6 * mm, 6 * mm


def _lines(chart: Chart) -> list[tuple[str, object]]:
    """The chart as a list of printed lines: group headings, tasks, milestones."""
    lines: list[tuple[str, object]] = []
    for group in chart.groups:
        lines.append(("group", group.name))
        for row in group.rows:
            lines.append(("task", row))
            lines.extend(("milestone", m) for m in row.milestones)
    return lines


def _height(kind: str) -> float:
    return {"group": GROUP_H, "task": TASK_H, "milestone": MILESTONE_H}[kind]


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
    lines = _lines(chart) or [("group", "（暂无重点任务）")]
    top_of_rows = height - margin - 30 * mm
    bottom = margin + 8 * mm
    pages, index = 0, 0
    while index < len(lines):
        pages += 1
        _header(canvas, chart, font, width, height, margin, left, right, x_of, pages)
        y = top_of_rows
        while index < len(lines) and y - _height(lines[index][0]) >= bottom:
            kind, item = lines[index]
            h = _height(kind)
            _line(canvas, kind, item, font, margin, label_w, left, right, y, h, x_of, chart)
            y -= h
            index += 1
        _today_line(canvas, chart, font, x_of, top_of_rows, y)
        canvas.showPage()
    canvas.save()
    return pages


def _header(canvas, chart, font, width, height, margin, left, right, x_of, page) -> None:
    canvas.setFont(font, 18)
    canvas.drawCentredString(width / 2, height - margin - 8 * mm, chart.title)
    canvas.setFont(font, 9)
    canvas.drawString(
        margin,
        height - margin - 15 * mm,
        f"截至 {cn_date(chart.today)}　　共 {chart.row_count} 项任务，逾期事项 {chart.overdue_count()} 个"
        "　　图例：蓝色深浅为完成进度，红色为逾期，◆为节点（绿色已完成），红色虚线为今日",
    )
    canvas.drawRightString(right, margin, f"第 {page} 页")
    top = height - margin - 22 * mm
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


def _line(canvas, kind, item, font, margin, label_w, left, right, y, h, x_of, chart) -> None:
    mid = y - h / 2
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.2)
    canvas.line(margin, y - h, right, y - h)
    if kind == "group":
        canvas.setFillColor(GROUP_BAND)
        canvas.rect(margin, y - h, right - margin, h, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(font, 10.5)
        canvas.drawString(margin + 1 * mm, mid - 3.5, item)
        return
    if kind == "task":
        label = f"{item.title}（{item.owner}）"
        canvas.setFont(font, 8.5)
        canvas.setFillColor(LATE if item.overdue else colors.black)
        canvas.drawString(margin + 2 * mm, mid - 3, _fit(canvas, label, font, 8.5, label_w - 3 * mm))
        x0, x1 = x_of(item.start), x_of(item.deadline + dt.timedelta(days=1))
        bar_h = h * 0.6
        canvas.setFillColor(BAR)
        canvas.setStrokeColor(LATE if item.overdue else BAR_DONE)
        canvas.setLineWidth(1.2 if item.overdue else 0.4)
        canvas.rect(x0, mid - bar_h / 2, x1 - x0, bar_h, stroke=1, fill=1)
        if item.percent:
            canvas.setFillColor(BAR_DONE)
            canvas.rect(x0, mid - bar_h / 2, (x1 - x0) * item.percent / 100, bar_h, stroke=0, fill=1)
        canvas.setFont(font, 7)
        canvas.setFillColor(LATE if item.overdue else colors.black)
        note = f"{item.percent}%" + ("  逾期" if item.overdue else "")
        canvas.drawString(x1 + 1 * mm, mid - 2.5, note)
        return
    # a milestone
    colour = LATE if item.overdue else (DONE_GREEN if item.finished else colors.HexColor("#555555"))
    canvas.setFont(font, 7.5)
    canvas.setFillColor(colour)
    label = f"　{item.title}（{item.due.month}月{item.due.day}日）"
    canvas.drawString(margin + 4 * mm, mid - 2.5, _fit(canvas, label, font, 7.5, label_w - 5 * mm))
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
    canvas.drawCentredString(x, top + 9 * mm, f"今日 {chart.today.month}月{chart.today.day}日")
