"""The table of one inspection's scores: points, 不适用 and remarks entered in place.

Every change goes through :func:`app.inspection.scoring.set_score` (validated, audited). Changing a
computed item asks for the reason through ``ask_reason``; a refused entry is reported
through ``report`` and the cell keeps its old value.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor

from app.campaign_time import QuarterRefused
from app.inspection.scoring import InspectionRefused
from app.inspection.scoring import fill_scores
from app.inspection.scoring import set_score
from app.records import InvalidRecord
from app.setup.identity import installation
from app.storage.errors import WRITE_ERRORS
from app.storage.errors import describe_write_error
from models import Inspection
from models import InspectionScore
from models.authority import may_write
from ui.widgets.read_only import window_is_read_only

log = logging.getLogger("wuzhua.ui")

COLUMNS = ("评分项目", "评分内容", "分值", "系统计算", "得分", "不适用", "扣分说明", "改分理由")
# The full meaning of a header too short to say it all.
HEADER_TIPS = {7: "改动系统计算得分的理由（改动后必须填写）", 3: "系统根据台账计算的得分"}
POINTS, NA, REMARK, REASON = 4, 5, 6, 7
_Index = QModelIndex | QPersistentModelIndex


def _points_text(score: InspectionScore) -> str:
    """The points as the table shows them: 未报送 and 不适用 in words, never as 0."""
    if score.points is not None:
        return f"{score.points:g}"
    if score.unreported:
        return "未报送"
    return "—" if score.not_applicable else ""


class ScoreTableModel(QAbstractTableModel):
    totalChanged = Signal()

    def __init__(
        self,
        ask_reason: Callable[[str, float], str | None],
        report: Callable[[str], None],
        parent=None,
    ):
        super().__init__(parent)
        # scores are the town's (models.authority): only read on a village's computer
        self.writable = may_write(InspectionScore, installation().is_town)
        self.ask_reason = ask_reason
        self.report = report
        self.scores: list[InspectionScore] = []

    def load(self, inspection: Inspection | None, recompute: bool = False) -> None:
        """Show an inspection's scores (``recompute``: the computed items afresh from the records)."""
        self.beginResetModel()
        self.scores = fill_scores(inspection, refresh=recompute) if inspection is not None else []
        self.endResetModel()
        self.totalChanged.emit()

    # -- Qt ---------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.scores)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(section)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if window_is_read_only() or not self.writable:
            return base
        if index.column() == NA:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (POINTS, REMARK, REASON):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        score, column = self.scores[index.row()], index.column()
        item = score.item
        if role == Qt.ItemDataRole.CheckStateRole and column == NA:
            return Qt.CheckState.Checked if score.not_applicable else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:  # the narrowed section name, whole
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return item.guidance or None
        if role == Qt.ItemDataRole.ToolTipRole and column in (REMARK, REASON):
            # the whole remark, when the column shows only its beginning
            return (score.remark if column == REMARK else score.override_reason) or None
        if role == Qt.ItemDataRole.BackgroundRole and column == POINTS and score.override_reason:
            return QColor("#fff3cd")  # overridden computed points stand out
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        values = {
            0: item.section.name,
            1: item.name,
            2: f"{item.max_points:g}",
            3: "" if score.computed is None else f"{score.computed:g}",
            POINTS: _points_text(score),
            NA: "",
            REMARK: score.remark,
            REASON: score.override_reason,
        }
        return values[column]

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        score = self.scores[row]
        points, na = score.points, score.not_applicable
        remark, reason = score.remark, score.override_reason
        if column == NA and role == Qt.ItemDataRole.CheckStateRole:
            na = Qt.CheckState(value) == Qt.CheckState.Checked
            points = None if na else (score.computed if score.computed is not None else score.points)
        elif column == POINTS and role == Qt.ItemDataRole.EditRole:
            text = str(value).strip()
            try:
                points = float(text) if text else None
            except ValueError:
                self.report(f"“{score.item.name}”的得分应为数字（现为“{text}”）。")
                return False
        elif column == REMARK and role == Qt.ItemDataRole.EditRole:
            remark = str(value).strip()
        elif column == REASON and role == Qt.ItemDataRole.EditRole:
            reason = str(value).strip()
        else:
            return False
        computed = score.computed
        differs = computed is not None and (na or points is None or abs(points - computed) > 1e-9)
        if differs and not reason:
            reason = self.ask_reason(score.item.name, computed) or ""
            if not reason:
                return False
        try:
            self.scores[row] = set_score(
                score,
                points=points,
                not_applicable=na,
                remark=remark,
                override_reason=reason if differs else "",
            )
        except (InspectionRefused, QuarterRefused, InvalidRecord) as error:
            self.report(str(error))
            return False
        except WRITE_ERRORS as error:
            log.warning("得分未能保存：%r", error, exc_info=error)
            self.report(f"“{score.item.name}”的得分未能保存：{describe_write_error(error)}。")
            return False
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.totalChanged.emit()
        return True
