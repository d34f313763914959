"""The version of each record last agreed with a village (see models.log.ExchangeMark)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import models
from models import ExchangeMark
from models.db import param
from models.db import tuples

_UPSERT = (
    'INSERT INTO "exchange_mark" ("org_code", "record_uuid", "updated_at") VALUES ({0}, {0}, {0}) '
    'ON CONFLICT ("org_code", "record_uuid") DO UPDATE SET "updated_at" = excluded."updated_at"'
)


def remember(org_code: str, versions: Mapping[str, dt.datetime | str]) -> None:
    """Note ``{uuid: updated_at}`` as agreed with ``org_code`` (one statement for all rows)."""
    data = [(org_code, u, t if isinstance(t, str) else t.isoformat(sep=" ")) for u, t in versions.items()]
    models.database.cursor().executemany(_UPSERT.format(param()), data)


def agreed(org_code: str) -> dict[str, dt.datetime]:
    """{uuid: updated_at} last agreed with ``org_code``."""
    query = ExchangeMark.select(ExchangeMark.record_uuid, ExchangeMark.updated_at).where(
        ExchangeMark.org_code == org_code
    )
    return dict(tuples(query))
