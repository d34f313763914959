"""基础信息 → 报送情况: which villages have sent their files this month or quarter, gaps, the 催报 list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.campaign_time import as_of_day
from app.campaign_time import quarter_label
from app.campaign_time import quarter_of
from app.campaign_time import quarter_range
from app.exchange.submissions import VillageReport
from app.exchange.submissions import not_reported
from app.exchange.submissions import submissions
from ui.context import AppContext
from ui.pages.delivery_common import save_file
from ui.widgets.rows_model import RowsModel


def _files(r: VillageReport) -> str:
    return "；".join(
        f"{f.time:%m-%d} {f.what}（{f.outcome}，新增{f.new} 修改{f.changed} 拒绝{f.refused}"
        + (f"，{f.again}" if f.again else "")
        + "）"
        for f in r.files
    )


def _state(r: VillageReport) -> str:
    text = "已报送" if r.reported else "未报送"
    return text + (f"，{r.gaps}" if r.gaps else "")


COLUMNS = [
    ("村（社区）", lambda r: r.name),
    ("情况", _state),
    ("收到的文件", lambda r: _files(r) or "—"),
    ("最近一次交换", lambda r: f"{r.last_exchange:%Y-%m-%d %H:%M}" if r.last_exchange else "从未交换"),
]


def periods(today: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """This month, the months before it in the year, then the year's quarters: (label, first, last)."""
    found = []
    for month in range(today.month, 0, -1):
        first = dt.date(today.year, month, 1)
        last = (dt.date(today.year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
        found.append((f"{today.year}年{month}月", first, last))
    current = quarter_of(today)
    for q in range(int(current[-1]), 0, -1):
        quarter = f"{today.year}Q{q}"
        first, last = quarter_range(quarter)
        found.append((quarter_label(quarter), first, last))
    return found


class SubmissionsView(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        top = QHBoxLayout()
        top.addWidget(QLabel("期间："))
        self.period = QComboBox(self)
        for label, first, last in periods(as_of_day()):
            self.period.addItem(label, (first, last))
        top.addWidget(self.period)
        top.addStretch(1)
        printing = QPushButton("打印催报名单…", self)
        printing.clicked.connect(lambda _=False: self.print_list())
        top.addWidget(printing)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = RowsModel(
            COLUMNS, self, state_of=lambda r: None if r.reported else "逾期", state_column=1
        )
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.period.currentIndexChanged.connect(self.refresh)
        self.reports: list[VillageReport] = []
        self.refresh()

    def refresh(self) -> None:
        first, last = self.period.currentData()
        self.reports = submissions(first, last)
        self.model.set_rows(self.reports)
        missing = not_reported(self.reports)
        text = f"{self.period.currentText()}：应报 {len(self.reports)} 个村（社区），已报 {len(self.reports) - len(missing)} 个。"
        if missing:
            names = "、".join(r.name for r in missing)
            text += f"<br/><span style='color:#C00000'><b>未报送（催报）：</b>{names}</span>"
        self.summary.setText(text)

    def print_list(self) -> None:
        from app.printing.delivery import print_submissions  # noqa: PLC0415 (start-up: ReportLab only when printing)

        label = self.period.currentText()
        save_file(
            self,
            "打印报送情况",
            f"报送情况_{label}.pdf",
            "PDF 文件 (*.pdf)",
            lambda path: print_submissions(path, label, self.reports),
        )


def create(context: AppContext) -> QWidget:
    return SubmissionsView(context)
