"""Writing user text into cells so that it can never become a formula."""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(cell, value: Any) -> None:
    """Set ``cell`` to ``value``; text starting with = + - @ is stored as text, never a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"


def text_cell(sheet, value: str) -> WriteOnlyCell:
    """A write-only cell holding ``value`` as plain text (for values that look like formulas)."""
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell
