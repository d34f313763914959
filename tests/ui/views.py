"""A tab's view opened on the test's database, outside the main window."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ui.context import AppContext
from ui.pages import inspection as inspection_view


def open_view(qtbot, db, page: ModuleType) -> tuple[AppContext, Any, list]:
    """``page.create``'s view on ``db``, not yet refreshed, and the list ``opened``.

    With no window around it, what the view asks the window to open lands in ``opened``:
    ``(model, record_id)`` for one record, ``(model, filters)`` for a list of records,
    ``("新增", model, values)`` for the form of a new record.
    """
    context = AppContext(db.database)
    opened: list = []
    context._open_record = lambda model, record_id: opened.append((model, record_id))
    context._show_records = lambda model, **filters: opened.append((model, filters))
    context._new_record = lambda model, **values: opened.append(("新增", model, values))
    view = page.create(context)
    qtbot.addWidget(view)
    return context, view, opened


def open_inspection(qtbot, db_location, quarter: str) -> Any:
    """督查评分 on ``db_location`` at ``quarter``; what it reports lands in ``view.messages``."""
    view = inspection_view.create(AppContext(db_location))
    qtbot.addWidget(view)
    view.quarter.setCurrentIndex(view.quarter.findData(quarter))
    view.messages = []
    view._report = view.messages.append
    return view
