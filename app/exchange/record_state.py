"""Each record's state in the submission cycle: 未报送 / 已报送 / 镇里已接收 / 被退回（原因）.

Read from what the exchanges left behind, so no record carries a state of its own:
the version last agreed with the town (exchange marks: sent in a package or taken from one),
the version the town's own package carried back (the town holds it: 镇里已接收), and the
town's open send-backs (models.review.SendBack). At the town the same column shows what it
sent back and what came again corrected (再次报送).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping

import models
from models import RESUBMITTED
from models import SENT_BACK
from models import SendBack

from .marks import agreed
from .marks import remember
from .review import open_send_backs

NOT_SENT, SENT, RECEIVED = "未报送", "已报送", "镇里已接收"
# Exchange-mark key, at a village, of the versions of its records the town's packages carried:
# the town holds them. No organisation code begins with "@".
TOWN_HOLDS = "@镇党委"


def note_town_holds(versions: Mapping[str, dt.datetime | str]) -> None:
    """At a village: the town's package carried these versions of our records back."""
    remember(TOWN_HOLDS, versions)


def sent_back_text(mark: SendBack) -> str:
    return f"被退回（{mark.reason}）"


def states_at_village(village_code: str, records: Iterable[tuple[str, dt.datetime]]) -> dict[str, str]:
    """{uuid: state} of a village's own records, given (uuid, 修改时间) pairs."""
    items = list(records)
    sent, held = agreed(village_code), agreed(TOWN_HOLDS)
    backs = open_send_backs(u for u, _ in items)
    states = {}
    for uuid, version in items:
        mark = backs.get(uuid)
        if held.get(uuid) == version:
            if mark is not None and mark.state == SENT_BACK:
                states[uuid] = sent_back_text(mark)
            else:
                states[uuid] = SENT if mark is not None else RECEIVED
        elif sent.get(uuid) == version:
            states[uuid] = SENT
        elif mark is not None and mark.state == SENT_BACK and uuid not in held:
            states[uuid] = sent_back_text(mark)
        else:
            states[uuid] = NOT_SENT
    return states


def states_at_town(uuids: Iterable[str]) -> dict[str, str]:
    """{uuid: 被退回（原因） or 再次报送} for the records the town has sent back and not yet accepted."""
    return {
        uuid: sent_back_text(mark) if mark.state == SENT_BACK else RESUBMITTED
        for uuid, mark in open_send_backs(uuids).items()
    }


def record_states(
    is_town: bool, village_code: str, records: Iterable[tuple[str, dt.datetime]]
) -> dict[str, str]:
    """The 报送状态 column of a record list: the village's view or the town's."""
    if is_town:
        return states_at_town(u for u, _ in records)
    return states_at_village(village_code, records)


def state_of(record: models.Record, is_town: bool, village_code: str) -> str:
    """One record's state (for a form or the command line); "" at the town when nothing is open."""
    return record_states(is_town, village_code, [(record.uuid, record.updated_at)]).get(record.uuid, "")
