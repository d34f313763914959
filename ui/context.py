"""What every view of the main window shares: the database, the village selection, navigation.

Views never reach into the main window; they talk to this object.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal


class AppContext(QObject):
    """The window's shared state, handed to every view's ``create(context)``."""

    #: the village selection changed: a list of organisation ids, or None for the whole town
    orgFilterChanged = Signal(object)
    #: records were added, changed, deleted or imported (the record type, or None for "many")
    dataChanged = Signal(object)

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._org_ids: list[int] | None = None
        # Set by the main window: how to show a record or a list of records.
        self._open_record: Callable[[type, int], Any] | None = None
        self._show_records: Callable[..., Any] | None = None
        self._new_record: Callable[..., Any] | None = None

    # -- the village selector -------------------------------------------------------------
    def org_ids(self) -> list[int] | None:
        """The selected organisations (a village and its 党小组), or None for the whole town."""
        return self._org_ids

    def set_org_ids(self, ids: list[int] | None) -> None:
        if ids != self._org_ids:
            self._org_ids = ids
            self.orgFilterChanged.emit(ids)

    # -- navigation -------------------------------------------------------------------------
    def open_record(self, model: type, record_id: int) -> Any:
        """Open one record in its edit form (e.g. from a finding or a calendar event)."""
        if self._open_record is not None:
            return self._open_record(model, record_id)
        return None

    def show_records(self, model: type, **filters: Any) -> None:
        """Switch to the list of ``model`` records (optionally narrowed, e.g. ``org_id=3``)."""
        if self._show_records is not None:
            self._show_records(model, **filters)

    def new_record(self, model: type, **start_with: Any) -> Any:
        """Open the form of a new ``model`` record on its list, begun with ``start_with`` (member=3)."""
        if self._new_record is not None:
            return self._new_record(model, **start_with)
        return None

    def notify_changed(self, model: type | None = None) -> None:
        self.dataChanged.emit(model)
