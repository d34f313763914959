"""抓落实 → 挂图作战: key tasks and milestones as a Gantt chart against the campaign calendar.

Each task is a bar shaded as far as its progress goes, red when overdue; its milestones
sit under it, a diamond on each due date. The red dashed line is the 截至 day. Double-click
a bar to open the task or milestone; the chart prints on A3/A4 landscape for the wall.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent
from PySide6.QtCore import QPointF
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QPageLayout
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPen
from PySide6.QtGui import QPicture
from PySide6.QtGui import QPolygonF
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QToolTip
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.delivery.wall_chart import GROUPINGS
from app.delivery.wall_chart import Chart
from app.delivery.wall_chart import ChartMilestone
from app.delivery.wall_chart import ChartRow
from app.delivery.wall_chart import build_chart
from app.delivery.wall_chart import month_starts
from app.setup.identity import installation
from models import Campaign
from models import KeyTask
from models import Milestone
from ui.context import AppContext
from ui.pages.delivery_common import as_of_edit
from ui.pages.delivery_common import save_file
from ui.pages.delivery_common import to_date

BAR, BAR_DONE = QColor("#9DB9D8"), QColor("#2F5C8F")
LATE, DONE_GREEN, GRID = QColor("#C00000"), QColor("#2E7D32"), QColor("#C8C8C8")
GROUP_BAND = QColor("#E8EEF5")
LABEL_W, HEADER_H, DAY_W = 300, 46, 4.0
PHASE_H = 16  # the campaign's phases, a band above the months
PHASE_COLOURS = (QColor("#FFF4D6"), QColor("#E3F1E4"), QColor("#E6ECF7"))
MIN_DAY_W = 2.0  # narrower than this, a week-long step is a dot: scroll instead
HEIGHTS = {"group": 24, "task": 26, "milestone": 19}


class GanttCanvas(QWidget):
    """The chart itself; ``items`` holds what was laid out (kind, rectangle, item) for hit tests."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chart: Chart | None = None
        self.phases: list[tuple[str, dt.date, dt.date]] = []
        self._picture: QPicture | None = None
        self.day_w = DAY_W
        self.items: list[tuple[str, QRectF, str | ChartRow | ChartMilestone]] = []
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(pal)

    def set_chart(self, chart: Chart, width: int | None = None) -> None:
        """Show ``chart``; with ``width``, days are narrowed so the whole span fits it."""
        self.chart = chart
        self.phases = campaign_phases()
        days = (chart.last - chart.first).days + 1
        self.day_w = DAY_W
        if width:
            # The whole campaign at a glance (names stay in view) when the screen allows it.
            self.day_w = max(MIN_DAY_W, min(DAY_W, (width - LABEL_W - 60) / days))
        self._layout()
        self._picture = None  # drawn again on the next paint
        self.updateGeometry()
        self.update()

    def _shown(self) -> Chart:
        # Laid out, measured and painted only once set_chart has given a chart.
        assert self.chart is not None
        return self.chart

    def x_of(self, day: dt.date) -> float:
        return LABEL_W + (day - self._shown().first).days * self.day_w

    def _layout(self) -> None:
        self.items = []
        y = HEADER_H
        for group in self._shown().groups:
            self.items.append(("group", QRectF(0, y, self._width(), HEIGHTS["group"]), group.name))
            y += HEIGHTS["group"]
            for row in group.rows:
                self.items.append(("task", self._bar(row.start, row.deadline, y, "task"), row))
                y += HEIGHTS["task"]
                for m in row.milestones:
                    self.items.append(("milestone", self._bar(m.start, m.due, y, "milestone"), m))
                    y += HEIGHTS["milestone"]
        self._height = y + 10

    def _bar(self, start: dt.date, end: dt.date, y: float, kind: str) -> QRectF:
        h = HEIGHTS[kind]
        x0, x1 = self.x_of(start), self.x_of(end + dt.timedelta(days=1))
        bar_h = h * (0.6 if kind == "task" else 0.3)
        return QRectF(x0, y + (h - bar_h) / 2, max(x1 - x0, 2), bar_h)

    def _width(self) -> int:
        chart = self._shown()
        return int(LABEL_W + ((chart.last - chart.first).days + 1) * self.day_w + 60)

    def sizeHint(self) -> QSize:
        if self.chart is None:
            return QSize(800, 400)
        return QSize(self._width(), int(self._height))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def item_at(self, x: float, y: float):
        for kind, rect, item in self.items:
            row_top = rect.center().y() - HEIGHTS[kind] / 2
            if row_top <= y < row_top + HEIGHTS[kind] and kind != "group":
                return kind, item
        return None

    def event(self, event):
        if event.type() == event.Type.ToolTip and self.chart is not None:
            hit = self.item_at(event.pos().x(), event.pos().y())
            if hit:
                QToolTip.showText(event.globalPos(), _tip(*hit), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event) -> None:
        if self.chart is None:
            return
        # The chart is recorded once per change and replayed on every paint, so scrolling a
        # large chart does not run thousands of Python drawing calls each time.
        if self._picture is None:
            self._picture = QPicture()
            recorder = QPainter(self._picture)
            self.draw(recorder)
            recorder.end()
        p = QPainter(self)
        p.drawPicture(0, 0, self._picture)
        p.end()

    def draw(self, p: QPainter) -> None:
        """Draw the whole chart with ``p`` (the screen's picture, or a printer's page)."""
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_calendar(p)
        for _kind, rect, item in self.items:
            if isinstance(item, str):  # a group's name
                p.fillRect(rect, GROUP_BAND)
                p.setPen(QColor("black"))
                p.setFont(_font(10, bold=True))
                p.drawText(rect.adjusted(6, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, item)
            elif isinstance(item, ChartRow):
                self._paint_task(p, rect, item)
            else:
                self._paint_milestone(p, rect, item)
        self._paint_today(p)

    def _paint_phases(self, p: QPainter) -> None:
        """The three phases (组织动员, 集中实施, 总结提高) as bands, as on the printed chart."""
        chart = self._shown()
        for i, (name, start, end) in enumerate(self.phases):
            first, last = max(start, chart.first), min(end, chart.last)
            if first > last:
                continue
            x0, x1 = self.x_of(first), self.x_of(last + dt.timedelta(days=1))
            colour = PHASE_COLOURS[i % len(PHASE_COLOURS)]
            p.fillRect(QRectF(x0, 0, x1 - x0, PHASE_H), colour.darker(108))
            faint = QColor(colour)
            faint.setAlpha(110)
            p.fillRect(QRectF(x0, HEADER_H, x1 - x0, self._height - HEADER_H), faint)
            p.setPen(QColor("#333333"))
            p.setFont(_font(8, bold=True))
            label = p.fontMetrics().elidedText(f"{name}阶段", Qt.TextElideMode.ElideRight, int(x1 - x0) - 2)
            p.drawText(QRectF(x0, 0, x1 - x0, PHASE_H), Qt.AlignmentFlag.AlignCenter, label)

    def _paint_calendar(self, p: QPainter) -> None:
        chart = self._shown()
        self._paint_phases(p)
        months = month_starts(chart.first, chart.last)
        p.setFont(_font(9))
        for i, month in enumerate(months):
            x0 = self.x_of(month)
            x1 = self.x_of(months[i + 1]) if i + 1 < len(months) else self._width() - 60
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(x0, 0), QPointF(x0, self._height))
            p.setPen(QColor("black"))
            label = f"{month.year}年{month.month}月" if i == 0 or month.month == 1 else f"{month.month}月"
            p.drawText(QRectF(x0, PHASE_H, x1 - x0, HEADER_H - PHASE_H), Qt.AlignmentFlag.AlignCenter, label)
        p.setPen(QPen(GRID, 1))
        p.drawLine(QPointF(0, HEADER_H), QPointF(self._width(), HEADER_H))
        p.setPen(QColor("black"))
        p.drawText(
            QRectF(6, 0, LABEL_W, HEADER_H), Qt.AlignmentFlag.AlignVCenter, "任务 / 节点（责任单位·责任人）"
        )

    def _paint_task(self, p: QPainter, rect: QRectF, row: ChartRow) -> None:
        top = rect.center().y() - HEIGHTS["task"] / 2
        p.setPen(LATE if row.overdue else QColor("black"))
        p.setFont(_font(9, bold=row.overdue))
        label = p.fontMetrics().elidedText(
            f"{row.title}（{row.owner}）", Qt.TextElideMode.ElideRight, LABEL_W - 12
        )
        p.drawText(QRectF(6, top, LABEL_W - 8, HEIGHTS["task"]), Qt.AlignmentFlag.AlignVCenter, label)
        p.setPen(QPen(LATE if row.overdue else BAR_DONE, 2 if row.overdue else 1))
        p.setBrush(QBrush(BAR))
        p.drawRect(rect)
        if row.percent:
            done = QRectF(rect.left(), rect.top(), rect.width() * row.percent / 100, rect.height())
            p.fillRect(done, BAR_DONE)
        p.setPen(LATE if row.overdue else QColor("black"))
        p.setFont(_font(8))
        note = f"{row.percent}%" + ("  逾期" if row.overdue else "")
        p.drawText(QPointF(rect.right() + 4, rect.center().y() + 4), note)

    def _paint_milestone(self, p: QPainter, rect: QRectF, m: ChartMilestone) -> None:
        colour = LATE if m.overdue else (DONE_GREEN if m.finished else QColor("#555555"))
        top = rect.center().y() - HEIGHTS["milestone"] / 2
        p.setPen(colour)
        p.setFont(_font(8))
        label = p.fontMetrics().elidedText(
            f"{m.title}（{m.due.month}月{m.due.day}日）", Qt.TextElideMode.ElideRight, LABEL_W - 30
        )
        p.drawText(QRectF(22, top, LABEL_W - 24, HEIGHTS["milestone"]), Qt.AlignmentFlag.AlignVCenter, label)
        p.fillRect(rect, colour)
        cx, cy, r = rect.right(), rect.center().y(), 5.5
        diamond = QPolygonF(
            [QPointF(cx, cy - r), QPointF(cx + r, cy), QPointF(cx, cy + r), QPointF(cx - r, cy)]
        )
        p.setPen(QPen(colour, 1.2))
        p.setBrush(QBrush(colour if (m.finished or m.overdue) else QColor("white")))
        p.drawPolygon(diamond)

    def _paint_today(self, p: QPainter) -> None:
        chart = self._shown()
        today = chart.today
        if not (chart.first <= today <= chart.last):
            return
        x = self.x_of(today) + self.day_w / 2
        p.setPen(QPen(LATE, 1.5, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, HEADER_H), QPointF(x, self._height))
        p.setPen(LATE)
        p.setFont(_font(8, bold=True))
        p.drawText(QPointF(x + 3, HEADER_H + 11), f"{today.month}月{today.day}日")

    def mouseDoubleClickEvent(self, event) -> None:
        hit = self.item_at(event.position().x(), event.position().y())
        view = self.parent()
        while view is not None and not isinstance(view, GanttView):
            view = view.parent()
        if hit and view is not None:
            kind, item = hit
            if kind == "task":
                view.context.open_record(KeyTask, item.task_id)
            else:
                view.context.open_record(Milestone, item.id)


def campaign_phases() -> list[tuple[str, dt.date, dt.date]]:
    """The current campaign's phases (name, first day, last day); none before a campaign exists."""
    try:
        campaign = Campaign.current()
    except LookupError:
        return []
    return [(phase.name, phase.start, phase.end) for phase in campaign.phases()]


LEGEND = (
    f"<span style='color:{BAR.name()}'>■</span> 计划工期　"
    f"<span style='color:{BAR_DONE.name()}'>■</span> 已完成进度　"
    "<span style='color:#555555'>◇</span> 节点未完成　"
    f"<span style='color:{DONE_GREEN.name()}'>◆</span> 节点已完成　"
    f"<span style='color:{LATE.name()}'>◆ ■</span> 逾期　"
    f"<span style='color:{LATE.name()}'>┆</span> 截至日　"
    + "　".join(f"<span style='background-color:{c.darker(108).name()}'>　</span>" for c in PHASE_COLOURS)
    + " 组织动员 / 集中实施 / 总结提高"
)


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(round(size * 4 / 3))  # pixels, so a recorded QPicture keeps the size
    font.setBold(bold)
    return font


def _tip(kind: str, item) -> str:
    if kind == "task":
        state = "逾期" if item.overdue else item.state
        return (
            f"{item.title}\n{item.owner}\n{item.start.isoformat()} 至 {item.deadline.isoformat()}"
            f"\n进度 {item.percent}%（{state}）"
        )
    done = (
        f"已于 {item.finished.isoformat()} 完成"
        if item.finished
        else ("逾期未完成" if item.overdue else "未完成")
    )
    return f"{item.title}\n{item.start.isoformat()} 至 {item.due.isoformat()}\n{done}"


class GanttView(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        bar = QHBoxLayout()
        bar.addWidget(QLabel("分组："))
        self.grouping = QComboBox(self)
        for key, label in GROUPINGS.items():
            self.grouping.addItem(label, key)
        bar.addWidget(self.grouping)
        bar.addWidget(QLabel("截至："))
        self.as_of = as_of_edit(self)
        bar.addWidget(self.as_of)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # a long summary wraps instead of widening the window
        bar.addWidget(self.summary, 1)
        # printing beside the legend: on the first row it was wider than 1366×768 at 150 %
        prints = QHBoxLayout()
        for paper in ("A3", "A4"):
            button = QPushButton(f"打印挂图（{paper}横向）…", self)
            button.clicked.connect(lambda _=False, p=paper: self.print_chart(p))
            prints.addWidget(button)
        self.print_button = QPushButton("打印…", self)
        self.print_button.setToolTip("直接送打印机（选择打印机、纸张和方向），挂图缩放到一页")
        self.print_button.clicked.connect(self.print_dialog)
        prints.addWidget(self.print_button)
        self.legend = QLabel(LEGEND, self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        prints.insertWidget(0, self.legend, 1)
        self.canvas = GanttCanvas()
        self.chart: Chart | None = None
        scroll = self.scroll_area = QScrollArea(self)
        scroll.setWidget(self.canvas)
        scroll.setWidgetResizable(False)
        scroll.setBackgroundRole(self.canvas.backgroundRole())
        scroll.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(prints)
        layout.addWidget(scroll, 1)
        self.grouping.currentIndexChanged.connect(self.refresh)
        self.as_of.dateChanged.connect(self.refresh)
        self.refresh()

    def group_by(self) -> str:
        return self.grouping.currentData()

    def refresh(self) -> None:
        chart = self.chart = build_chart(to_date(self.as_of.date()), self.group_by(), self.context.org_ids())
        self._fit()
        self.summary.setText(
            f"共 {chart.row_count} 项任务，逾期事项 {chart.overdue_count()} 个（红色）。双击任务或节点可打开编辑。"
            if chart.row_count
            else self._no_tasks_yet()
        )

    @staticmethod
    def _no_tasks_yet() -> str:
        # only the town issues tasks: a village's computer waits for the town's package
        if installation().is_town:
            return "还没有重点任务。请在“下发重点任务”中下发。"
        return "还没有重点任务。镇党委下发的重点任务随镇里的交换包到来：在“基础信息 → 数据交换”中导入。"

    def _fit(self) -> None:
        if self.chart is None:
            return
        room = (
            self.scroll_area.width()
            - 2 * self.scroll_area.frameWidth()
            - self.scroll_area.verticalScrollBar().sizeHint().width()
        )
        self.canvas.set_chart(self.chart, room)
        self.canvas.resize(self.canvas.sizeHint())

    def eventFilter(self, watched, event) -> bool:
        # The visible width changed (window resized, scroll bar shown): fit the days again.
        resized = watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize
        if resized and event.size().width() != event.oldSize().width():
            self._fit()
        return False

    def print_page(self) -> None:
        """Ctrl+P: the wall chart to the printer (the print dialog)."""
        self.print_dialog()

    def print_dialog(self) -> bool:
        """打印…: choose the printer, then the chart as on screen, scaled to one landscape page."""
        from PySide6.QtPrintSupport import QPrintDialog  # noqa: PLC0415 (start-up: print support only when printing)
        from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415 (start-up: print support only when printing)

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印挂图")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer) -> bool:
        """Paint the chart on ``printer`` (a printer or a PDF), scaled to fit one page."""
        if self.canvas.chart is None:
            return False
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "打印挂图", "打印机没有响应，请检查打印机是否已连接并开机。")
            return False
        try:
            page = printer.pageLayout().paintRectPixels(printer.resolution())
            width, height = self.canvas._width(), self.canvas.sizeHint().height()
            scale = min(page.width() / width, page.height() / height)
            painter.scale(scale, scale)
            self.canvas.draw(painter)
        finally:
            painter.end()
        return True

    def print_chart(self, paper: str) -> None:
        from app.printing.delivery import print_wall_chart  # noqa: PLC0415 (start-up: ReportLab only when printing)

        day, group, ids = to_date(self.as_of.date()), self.group_by(), self.context.org_ids()
        save_file(
            self,
            "打印挂图",
            f"挂图作战_{day.isoformat()}_{paper}.pdf",
            "PDF 文件 (*.pdf)",
            lambda path: print_wall_chart(path, day, group, paper, ids),
        )


def create(context: AppContext) -> QWidget:
    return GanttView(context)
