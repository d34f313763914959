"""Settings: JSON values under a key, with their defaults declared once.

A module that owns a setting declares its default with :func:`declare` (at import time);
everybody reads it with :func:`get` and changes it with :func:`put`.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .campaign import Setting
from .db import set_local_origin

_DEFAULTS: dict[str, Any] = {}
_LABELS: dict[str, str] = {}


def declare(key: str, default: Any, label: str = "") -> None:
    """Declare a setting and its default (one place per setting)."""
    _DEFAULTS[key] = default
    if label:
        _LABELS[key] = label


def label(key: str) -> str:
    return _LABELS.get(key, key)


def declared() -> dict[str, Any]:
    return dict(_DEFAULTS)


def get(key: str, default: Any = None) -> Any:
    """The stored value of a setting, else its declared default, else ``default``."""
    row = Setting.get_or_none(Setting.key == key)
    if row is not None:
        return json.loads(row.value)
    if key in _DEFAULTS:
        return copy.deepcopy(_DEFAULTS[key])
    return default


def put(key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    # an upsert both engines know (PostgreSQL has no INSERT OR REPLACE)
    Setting.insert(key=key, value=text).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: text}
    ).execute()
    if key == "local_org_code":
        set_local_origin(value or "")


def reset(key: str) -> None:
    Setting.delete().where(Setting.key == key).execute()


declare("local_org_code", "", "本机单位代码（镇党委或本村党支部）")
declare("operator", "", "操作人员")
declare("town_name", "××镇", "乡镇名称")
declare("town_code", "", "乡镇代码（镇党委的组织代码，各村代码在其后加两位序号）")


def load_local_origin() -> None:
    set_local_origin(get("local_org_code") or "")
