"""A fingerprint of a package row's content, written beside it: edits made in Excel show.

A clerk who opens a package in Excel and corrects a cell changes neither the row's identity
nor its 修改时间, so times alone would call the row unchanged and lose the edit. The export
writes a fingerprint of what it wrote; the import computes it again from what it reads, and
a difference means the row was edited in the spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

CHECKSUM = "checksum"
CHECKSUM_HEADER = "内容校验"


def canonical(value: Any) -> str:
    """The same text for a value as written and as read back (a date comes back as a datetime)."""
    if value is None:
        return ""
    value = getattr(value, "value", value)  # a write-only cell wrapping text
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return "" if not text.strip() else text


def row_checksum(values: Iterable[Any]) -> str:
    """The fingerprint of a row's content cells, in the sheet's column order."""
    text = "\x1f".join(canonical(v) for v in values)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
