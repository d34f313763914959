"""总览: which village is behind on what, at a glance.

The campaign phase, each rule's state (达标 / 滞后 / 逾期 with a count), a chart per track,
the villages with their overdue and behind counts, the findings behind a chosen rule or
village (double-click opens the record or the list), the members with the fewest points
and what falls due in the next 30 days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from app.campaign_time import as_of_day
from app.points import bottom_members
from app.rules import BEHIND
from app.rules import MET
from app.rules import OVERDUE
from app.rules import RULES
from app.rules import Finding
from app.rules import evaluate
from app.rules import ordered_rules
from app.rules import rule_states
from app.rules import upcoming
from app.setup.identity import installation
from models import TRACK_TITLES
from models import TRACKS
from models import Campaign
from models import Member
from models import Organisation
from ui.background import run_in_background
from ui.widgets.date_box import DateBox
from ui.widgets.rows_model import ROW_ROLE
from ui.widgets.rows_model import Column
from ui.widgets.rows_model import RowsModel
from ui.widgets.rows_model import by_name
from ui.widgets.rows_model import iso_day
from ui.widgets.rows_table import table_view
from ui.widgets.track_chart import Bar
from ui.widgets.track_chart import TrackChart

_SEVERITY = {MET: 0, BEHIND: 1, OVERDUE: 2}


def _track_column(track: str) -> Column:
    """A village row's state in one track (the row's fifth item maps track → state)."""
    return (track, lambda v: v[4].get(track, ""))


def create(context) -> QWidget:
    return OverviewView(context)


@dataclass
class OverviewData:
    """Everything the tab shows, computed off the GUI thread."""

    findings: list[Finding]
    states: list
    branches: list[Organisation]
    bottom: list
    upcoming: list[Finding]


def compute_overview(as_of: dt.date, org_ids: list[int] | None) -> OverviewData:
    """Rules, points and deadlines for the town or the selected village (no widgets touched)."""
    findings = evaluate(as_of, org_ids)
    branches = list(Organisation.branches())
    if org_ids is not None:
        branches = [b for b in branches if b.id in org_ids]
    return OverviewData(
        findings=findings,
        states=rule_states(findings),
        branches=branches,
        bottom=bottom_members(as_of, org_ids, 10),
        upcoming=upcoming(as_of, org_ids),
    )


def _table(model: RowsModel, parent: QWidget) -> QTableView:
    # Rows keep the order they come in (track order, worst village first) until a header is clicked.
    view = table_view(model, parent, sortable=True, one_row=True)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setAlternatingRowColors(False)
    return view


def _height_of_rows(view: QTableView, rows: int) -> int:
    """How tall ``view`` is with its header and ``rows`` rows showing (and room for a scroll bar)."""
    header = view.horizontalHeader().sizeHint().height()
    scroll = view.horizontalScrollBar().sizeHint().height()
    return header + rows * view.verticalHeader().defaultSectionSize() + scroll + 2 * view.frameWidth()


def _boxed(title: str, widget: QWidget, parent: QWidget) -> QGroupBox:
    box = QGroupBox(title, parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(widget)
    return box


class OverviewView(QWidget):
    """The 总览 tab."""

    #: the panels show a new evaluation
    refreshed = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.findings: list[Finding] = []
        self.rule_filter: str | None = None
        self.village_filter: int | None = None

        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.phase = QLabel(self)
        self.phase.setWordWrap(True)  # a long phase sentence wraps on a small screen
        self.as_of_edit = DateBox(parent=self, tip="按哪一天检查：默认今天，行动结束后为行动的最后一天")
        self.as_of_edit.dateChanged.connect(lambda _d: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(16)
        top.addWidget(self.phase, 1)
        top.addWidget(QLabel("检查日期：", self))
        top.addWidget(self.as_of_edit)

        self.charts = {track: TrackChart(TRACK_TITLES[track], self) for track in TRACKS}
        charts = QHBoxLayout()
        for chart in self.charts.values():
            chart.setMaximumHeight(104)
            chart.barClicked.connect(self.choose_rule)
            charts.addWidget(chart)
        legend = QLabel(
            "图中每根柱是一项要求，按村（社区）计："
            "<span style='color:#c62828'>■ 逾期</span> <span style='color:#e65100'>■ 滞后</span> "
            "<span style='color:#2e7d32'>■ 达标</span>；单击柱子查看明细",
            self,
        )

        self.rules_model = RowsModel(
            by_name(
                ("行动", "track"),
                ("状态", "state"),
                ("逾期", "overdue"),
                ("滞后", "behind"),
                ("要求", "label"),
            ),
            self,
            state_of=attrgetter("state"),
            state_column=1,
        )
        self.rules_view = _table(self.rules_model, self)
        self.rules_view.clicked.connect(
            lambda index: self.choose_rule(self._row(self.rules_view, index).rule)
        )

        village_columns: list[Column] = [
            ("村（社区）", lambda v: v[1]),
            ("逾期", lambda v: v[2]),
            ("滞后", lambda v: v[3]),
        ]
        village_columns += [_track_column(track) for track in TRACKS]
        self.villages_model = RowsModel(
            village_columns,
            self,
            state_of=lambda v: OVERDUE if v[2] else (BEHIND if v[3] else MET),
            state_column=0,
        )
        self.villages_view = _table(self.villages_model, self)
        self.villages_view.clicked.connect(
            lambda index: self.choose_village(self._row(self.villages_view, index)[0])
        )

        self.findings_model = RowsModel(
            by_name(
                # what is missing names who (刘美莲 今年办实事 0 次): before the rule it breaks,
                # so that a narrow screen still shows it without scrolling sideways
                ("村（社区）", "org_name"),
                ("状态", "state"),
                ("缺什么", "missing"),
                ("时限", lambda f: iso_day(f.due)),
                ("要求", "label"),
            ),
            self,
            state_of=attrgetter("state"),
            state_column=1,
        )
        self.findings_view = _table(self.findings_model, self)
        self.findings_view.doubleClicked.connect(
            lambda index: self.open_finding(self._row(self.findings_view, index))
        )
        self.findings_title = QLabel(self)
        self.show_all = QPushButton("显示全部", self)
        self.show_all.clicked.connect(self.clear_filters)
        findings_box = QWidget(self)
        box_layout = QVBoxLayout(findings_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.findings_title, 1)
        head.addWidget(self.show_all)
        box_layout.addLayout(head)
        box_layout.addWidget(self.findings_view)

        # a village's computer holds its own members only: its place is within the branch
        place = ("全镇名次", "town_rank") if installation().is_town else ("本支部名次", "branch_rank")
        self.points_model = RowsModel(
            by_name(("党员", "name"), ("村（社区）", "org_name"), ("积分", "total"), place),
            self,
        )
        self.points_view = _table(self.points_model, self)
        self.points_view.doubleClicked.connect(
            lambda index: self.context.open_record(Member, self._row(self.points_view, index).member_id)
        )
        self.upcoming_model = RowsModel(
            by_name(("时限", lambda f: iso_day(f.due)), ("村（社区）", "org_name"), ("事项", "missing")),
            self,
            state_of=attrgetter("state"),
            state_column=None,
        )
        self.upcoming_view = _table(self.upcoming_model, self)
        self.upcoming_view.doubleClicked.connect(
            lambda index: self.open_finding(self._row(self.upcoming_view, index))
        )

        # "Which village is behind on what" comes first; the rules are also in the charts above.
        # Each list keeps a few rows on a small screen (125 %, 150 %): the page scrolls instead
        # of squeezing 各村（社区）情况 to one village.
        for view, rows in ((self.villages_view, 5), (self.rules_view, 3), (self.findings_view, 6)):
            view.setMinimumHeight(_height_of_rows(view, rows))
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(_boxed("各村（社区）情况（单击查看明细）", self.villages_view, self))
        left.addWidget(_boxed("各项要求（单击查看明细）", self.rules_view, self))
        left.setSizes([300, 200])
        middle = QSplitter(Qt.Orientation.Horizontal, self)
        middle.addWidget(left)
        middle.addWidget(_boxed("滞后和逾期明细（双击打开记录）", findings_box, self))
        middle.setStretchFactor(1, 1)
        middle.setSizes([580, 700])
        bottom = QGridLayout()
        bottom.addWidget(_boxed("党员积分后十名", self.points_view, self), 0, 0)
        bottom.addWidget(_boxed("近 30 天到期事项", self.upcoming_view, self), 0, 1)
        bottom.setColumnStretch(0, 2)
        bottom.setColumnStretch(1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(charts)
        layout.addWidget(legend)
        layout.addWidget(middle, 3)
        holder = QWidget(self)
        holder.setLayout(bottom)
        holder.setMaximumHeight(190)
        layout.addWidget(holder, 1)
        self._initialised = False
        self._request = 0

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _row(view: QTableView, index):
        return view.model().data(index, ROW_ROLE)

    def as_of(self) -> dt.date:
        value = self.as_of_edit.date()
        return dt.date(value.year(), value.month(), value.day())

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_edit.blockSignals(True)
        self.as_of_edit.setDate(QDate(day.year, day.month, day.day))
        self.as_of_edit.blockSignals(False)

    # -- refreshing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Evaluate the rules for the selected village (or the town) and fill every panel.

        The evaluation runs on a worker thread (a whole town takes a few hundred
        milliseconds); only the newest request's result is shown.
        """
        try:
            campaign = Campaign.current()
        except LookupError as error:
            self.heading.setText("总览")
            self.phase.setText(str(error))
            return
        if not self._initialised:  # later refreshes keep the day the clerk chose
            self.set_as_of(as_of_day(campaign))
            self._initialised = True
        as_of = self.as_of()
        org_ids = self.context.org_ids()
        self.heading.setText(f"{campaign.name} · {self._scope_name(org_ids)}")
        self.phase.setText(self._phase_text(campaign, dt.date.today()))
        self._request += 1
        request = self._request

        def work(_progress):
            return compute_overview(as_of, org_ids)

        run_in_background(
            self,
            "正在检查各项要求…",
            work,
            on_done=lambda result: self._show(request, org_ids, result),
            cancellable=False,
        )

    def _show(self, request: int, org_ids: list[int] | None, result: OverviewData | None) -> None:
        if request != self._request or result is None:
            return  # a newer refresh is on its way
        self.findings = result.findings
        self.rules_model.set_rows(result.states)
        self._fill_villages(result.branches)
        self._fill_charts(result.branches)
        self._fill_findings()
        self.points_model.set_rows(result.bottom)
        self.upcoming_model.set_rows(result.upcoming)
        self.refreshed.emit()

    @staticmethod
    def _scope_name(org_ids: list[int] | None) -> str:
        if not org_ids:
            return "全镇"
        org = Organisation.get_or_none(Organisation.id == org_ids[0])
        return org.label if org else "全镇"

    @staticmethod
    def _phase_text(campaign: Campaign, today: dt.date) -> str:
        phase = campaign.phase_on(today)
        if phase is not None:
            return f"今天处于{phase.name}阶段（{phase.start.isoformat()} 至 {phase.end.isoformat()}）"
        if today < campaign.start:
            return f"行动尚未开始（{campaign.start.isoformat()} 开始）"
        names = "、".join(p.name for p in campaign.phases())
        return f"行动已于 {campaign.end.isoformat()} 结束（{names}），以下按行动最后一天检查"

    def _fill_villages(self, branches: list[Organisation]) -> None:
        rows = []
        for branch in branches:
            mine = [f for f in self.findings if f.org_id == branch.id]
            per_track = {}
            for track in TRACKS:
                in_track = [f for f in mine if f.track == track]
                if in_track:
                    worst = max((f.state for f in in_track), key=_SEVERITY.__getitem__)
                    per_track[track] = f"{worst} {len(in_track)}"
                else:
                    per_track[track] = MET
            overdue = sum(f.state == OVERDUE for f in mine)
            behind = sum(f.state == BEHIND for f in mine)
            rows.append((branch.id, branch.label, overdue, behind, per_track))
        rows.sort(key=lambda r: (-r[2], -r[3]))
        self.villages_model.set_rows(rows)

    def _fill_charts(self, branch_list: list[Organisation]) -> None:
        branches = [b.id for b in branch_list]
        for track, chart in self.charts.items():
            bars = []
            for spec in ordered_rules():
                if spec.track != track:
                    continue
                worst: dict[int, str] = {}
                for f in self.findings:
                    if f.rule == spec.key and _SEVERITY[f.state] > _SEVERITY[worst.get(f.org_id, MET)]:
                        worst[f.org_id] = f.state
                counts = {OVERDUE: 0, BEHIND: 0, MET: 0}
                for branch in branches:
                    counts[worst.get(branch, MET)] += 1
                bars.append(Bar(spec.key, spec.label, counts))
            chart.set_bars(bars)

    def _fill_findings(self) -> None:
        shown = [
            f
            for f in self.findings
            if (self.rule_filter is None or f.rule == self.rule_filter)
            and (self.village_filter is None or f.org_id == self.village_filter)
        ]
        parts = []
        if self.rule_filter:
            parts.append(next((s.label for s in ordered_rules() if s.key == self.rule_filter), ""))
        if self.village_filter:
            parts.append(next((f.org_name for f in self.findings if f.org_id == self.village_filter), ""))
        scope = "、".join(p for p in parts if p) or "全部要求"
        self.findings_title.setText(
            f"{scope}：逾期 {sum(f.state == OVERDUE for f in shown)} 项，滞后 "
            f"{sum(f.state == BEHIND for f in shown)} 项"
        )
        self.show_all.setEnabled(bool(self.rule_filter or self.village_filter))
        self.findings_model.set_rows(shown)

    # -- actions ---------------------------------------------------------------------------------
    def choose_rule(self, key: str | None) -> None:
        self.rule_filter = key
        self._fill_findings()

    def choose_village(self, org_id: int | None) -> None:
        self.village_filter = org_id
        self._fill_findings()

    def clear_filters(self) -> None:
        self.rule_filter = self.village_filter = None
        self._fill_findings()

    def open_finding(self, finding: Finding | None) -> None:
        """Open the record behind a finding, or the list it comes from."""
        if finding is None or finding.model is None:
            return
        counted = RULES[finding.rule].model if finding.rule in RULES else None
        if (
            finding.model is Member
            and finding.record_id is not None
            and counted is not None
            and counted is not Member
            and "member" in counted._meta.fields
        ):
            # "何德山 今年办实事 0 次": what is missing is a 办实事 of his, not his roster entry
            self.context.new_record(counted, member=finding.record_id)
            return
        if finding.record_id is not None:
            self.context.open_record(finding.model, finding.record_id)
        else:
            self.context.show_records(finding.model, org_id=finding.org_id)
