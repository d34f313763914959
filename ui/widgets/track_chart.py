"""One track's rules at a glance: a bar per rule, split into villages 达标 / 滞后 / 逾期.

Drawn with QPainter (no chart library). Clicking a bar emits the rule's key.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QSizePolicy
from PySide6.QtWidgets import QWidget

from ui.widgets.rows_model import STATE_COLOURS

ORDER = ("逾期", "滞后", "达标")


@dataclass(frozen=True)
class Bar:
    """A rule's bar: its key, a short label and how many villages are in each state."""

    key: str
    label: str
    counts: dict[str, int]


class TrackChart(QWidget):
    """A small stacked bar chart for one track."""

    barClicked = Signal(str)

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.setMinimumSize(150, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(200, 150)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        tips = []
        for bar in self.bars:
            parts = "，".join(f"{s} {bar.counts.get(s, 0)}" for s in ORDER)
            tips.append(f"{bar.label}：{parts}")
        self.setToolTip(f"{self.title}\n" + "\n".join(tips) if tips else self.title)
        self.update()

    def _bar_rects(self) -> list[QRectF]:
        top, bottom = 26.0, self.height() - 8.0
        if not self.bars:
            return []
        width = (self.width() - 16.0) / len(self.bars)
        return [
            QRectF(8 + i * width + width * 0.15, top, width * 0.7, bottom - top)
            for i in range(len(self.bars))
        ]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#cfd8dc")))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#263238"))
        painter.drawText(QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        if not self.bars:
            painter.setPen(QColor("#90a4ae"))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, "无数据")
            return
        for bar, rect in zip(self.bars, self._bar_rects(), strict=True):
            total = sum(bar.counts.get(s, 0) for s in ORDER) or 1
            y = rect.bottom()
            for state in reversed(ORDER):  # 达标 at the bottom, 逾期 on top
                share = bar.counts.get(state, 0) / total
                height = rect.height() * share
                if height > 0:
                    painter.fillRect(
                        QRectF(rect.left(), y - height, rect.width(), height), STATE_COLOURS[state][0]
                    )
                y -= height
        painter.end()

    def bar_at(self, x: float, y: float) -> str | None:
        for bar, rect in zip(self.bars, self._bar_rects(), strict=True):
            if rect.contains(x, y):
                return bar.key
        return None

    def mousePressEvent(self, event) -> None:
        key = self.bar_at(event.position().x(), event.position().y())
        if key is not None:
            self.barClicked.emit(key)
        super().mousePressEvent(event)
