"""日历: the campaign's months with its three phases shaded and named, and each day's events.

The month grid is limited to the campaign's dates (from the Campaign and Phase records).
A day shows how many events it has, coloured dots for the tracks; selecting it lists the
events; double-clicking an event opens its record. Buttons jump to each phase and to today.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtCore import QLocale
from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCalendarWidget
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.calendar_events import Event
from app.calendar_events import events_between
from models import TRACKS
from models import Campaign
from ui.widgets.panes import column
from ui.widgets.panes import two_panes
from ui.widgets.rows_model import ROW_ROLE
from ui.widgets.rows_model import RowsModel

PHASE_COLOURS = (QColor("#e3f2fd"), QColor("#e8f5e9"), QColor("#fff8e1"), QColor("#f3e5f5"))
TRACK_COLOURS = dict(
    zip(
        TRACKS,
        (QColor("#1565c0"), QColor("#2e7d32"), QColor("#c62828"), QColor("#6a1b9a"), QColor("#ef6c00")),
        strict=True,
    )
)


def create(context) -> QWidget:
    return CalendarView(context)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class CampaignCalendar(QCalendarWidget):
    """A month grid that shades the phases, marks today and counts each day's events."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.phases: list[tuple[str, dt.date, dt.date, QColor]] = []
        self.events: dict[dt.date, list[Event]] = {}
        self.today = dt.date.today()
        self.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)

    def phase_of(self, day: dt.date) -> tuple[str, dt.date, dt.date, QColor] | None:
        for phase in self.phases:
            if phase[1] <= day <= phase[2]:
                return phase
        return None

    def paintCell(self, painter, rect: QRect, qdate: QDate) -> None:
        day = _pydate(qdate)
        painter.save()
        phase = self.phase_of(day)
        in_month = qdate.month() == self.monthShown()
        painter.fillRect(rect, phase[3] if phase else QColor("#ffffff"))
        if qdate == self.selectedDate():
            painter.fillRect(rect, QColor(25, 118, 210, 60))
        in_range = self.minimumDate() <= qdate <= self.maximumDate()
        colour = QColor("#212121") if in_month and in_range else QColor("#b0bec5")
        painter.setPen(colour)
        bold = QFont(self.font())
        bold.setBold(day == self.today)
        painter.setFont(bold)
        painter.drawText(
            rect.adjusted(4, 2, -4, -2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            str(qdate.day()),
        )
        if phase and phase[1] == day:
            small = QFont(self.font())
            small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.75))
            painter.setFont(small)
            painter.setPen(QColor("#37474f"))
            painter.drawText(
                rect.adjusted(4, 2, -3, -2), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, phase[0]
            )
        events = self.events.get(day, []) if in_month and in_range else []
        if events:
            tracks = [t for t in TRACKS if any(e.track == t for e in events)]
            x = rect.left() + 5
            y = rect.bottom() - 9
            painter.setPen(Qt.PenStyle.NoPen)
            for track in tracks:
                painter.setBrush(TRACK_COLOURS[track])
                painter.drawEllipse(x, y, 6, 6)
                x += 8
            painter.setPen(QColor("#455a64"))
            painter.setFont(self.font())
            painter.drawText(
                rect.adjusted(2, 2, -4, -2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                f"{len(events)}项",
            )
        if day == self.today:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#d32f2f"), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class CalendarView(QWidget):
    """The 日历 tab."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.campaign: Campaign | None = None
        self.calendar = CampaignCalendar(self)
        self.calendar.setMinimumSize(420, 360)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.page_changed())
        self.calendar.selectionChanged.connect(self.show_day)

        self.phase_bar = QHBoxLayout()
        # Both wrap, so that a long legend or title never makes the window wider than the screen.
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.title.setWordWrap(True)

        self.day_title = QLabel(self)
        self.events_model = RowsModel(
            [
                ("行动", lambda e: e.track),
                ("类别", lambda e: e.kind),
                ("内容", lambda e: e.title + ("（已完成）" if e.done else "")),
                ("村（社区）", lambda e: e.org_name),
            ],
            self,
        )
        self.events_view = QTableView(self)
        self.events_view.setModel(self.events_model)
        self.events_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_view.verticalHeader().setVisible(False)
        self.events_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.events_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.events_view.doubleClicked.connect(
            lambda index: self.open_event(self.events_model.data(index, ROW_ROLE))
        )

        right = column(self, self.day_title, self.events_view, QLabel("双击事项打开记录", self))
        splitter = two_panes(Qt.Orientation.Horizontal, self.calendar, right, self)

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addLayout(self.phase_bar)
        layout.addLayout(head)
        layout.addWidget(self.legend)
        layout.addWidget(splitter, 1)
        self.phase_buttons: list[QPushButton] = []

    # -- building from the campaign -------------------------------------------------------------
    def refresh(self) -> None:
        """Read the campaign's dates and phases, then the events of the month shown."""
        try:
            campaign = Campaign.current()
        except LookupError as error:
            self.title.setText(str(error))
            return
        first_time = self.campaign is None
        self.campaign = campaign
        self.calendar.setDateRange(_qdate(campaign.start), _qdate(campaign.end))
        phases = campaign.phases()
        self.calendar.phases = [
            (p.name, p.start, p.end, PHASE_COLOURS[i % len(PHASE_COLOURS)]) for i, p in enumerate(phases)
        ]
        self.title.setText(
            f"{campaign.name} 日历（{campaign.start.isoformat()} 至 {campaign.end.isoformat()}）"
        )
        self._build_phase_buttons()
        legend = [
            f"<span style='background:{c.name()}'>&nbsp;{name}&nbsp;{s.month}月{s.day}日—{e.month}月{e.day}日&nbsp;</span>"
            for name, s, e, c in self.calendar.phases
        ]
        legend += [f"<span style='color:{c.name()}'>●</span>{t}" for t, c in TRACK_COLOURS.items()]
        legend.append("<span style='color:#d32f2f'>□</span>今天")
        self.legend.setText("&nbsp;&nbsp;".join(legend))
        if first_time:
            today = dt.date.today()
            self.go_to(today if campaign.start <= today <= campaign.end else campaign.start)
        self.load_month()

    def _build_phase_buttons(self) -> None:
        for button in self.phase_buttons:
            self.phase_bar.removeWidget(button)
            button.deleteLater()
        self.phase_buttons = []
        for name, start, _end, _colour in self.calendar.phases:
            button = QPushButton(f"{name}阶段", self)
            button.clicked.connect(lambda _checked=False, day=start: self.go_to(day))
            self.phase_bar.addWidget(button)
            self.phase_buttons.append(button)
        today = QPushButton("今天", self)
        today.setEnabled(
            self.campaign is not None and self.campaign.start <= dt.date.today() <= self.campaign.end
        )
        today.clicked.connect(lambda: self.go_to(dt.date.today()))
        self.phase_bar.addWidget(today)
        self.phase_buttons.append(today)

    # -- navigation -------------------------------------------------------------------------------
    def go_to(self, day: dt.date) -> None:
        self.calendar.setCurrentPage(day.year, day.month)
        self.calendar.setSelectedDate(_qdate(day))
        self.show_day()

    def page_changed(self) -> None:
        """A new month is shown: select a day of it (the same day of the month where it can be),
        so that the list beside the grid never speaks of a day of another month."""
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        selected = self.calendar.selectedDate()
        if (selected.year(), selected.month()) != (year, month):
            wanted = QDate(year, month, min(selected.day(), QDate(year, month, 1).daysInMonth()))
            wanted = max(self.calendar.minimumDate(), min(self.calendar.maximumDate(), wanted))
            if (wanted.year(), wanted.month()) == (year, month):
                self.calendar.setSelectedDate(wanted)
        self.load_month()

    def load_month(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first = dt.date(year, month, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        self.calendar.events = events_between(first, last, self.context.org_ids())
        self.calendar.updateCells()
        self.show_day()

    def selected_day(self) -> dt.date:
        return _pydate(self.calendar.selectedDate())

    def show_day(self) -> None:
        day = self.selected_day()
        events = self.calendar.events.get(day, [])
        phase = self.calendar.phase_of(day)
        where = f"，{phase[0]}阶段" if phase else ""
        self.day_title.setText(f"{day.year}年{day.month}月{day.day}日{where}：{len(events)} 项")
        self.events_model.set_rows(events)

    def open_event(self, event: Event | None) -> None:
        if event is None or event.model is None:
            return
        if event.record_id is not None:
            self.context.open_record(event.model, event.record_id)
        else:
            self.context.show_records(event.model)
