"""审核退回 and 回执: what the town sends back to a village, and its receipt for each import.

A send-back (退回) marks one of a village's records the town does not accept, with a reason.
It names the record by its UUID (the identity packages carry), so it works for every record
type alike and deletes nothing. It is the town's record and travels in the town's package to
that village, where the record shows 被退回（原因） until the village corrects it; the town sees
the corrected record arrive as 再次报送 and accepts it (已接收) or sends it back again.

A receipt (回执) is the town's summary of one import, kept so that it travels back to the
village in the next package and can be read there.
"""

from __future__ import annotations

from .delivery import TownRecord
from .fields import About
from .fields import Date
from .fields import Integer
from .fields import LongText
from .fields import Ref
from .fields import Text
from .org import Organisation

SENT_BACK, RESUBMITTED, ACCEPTED = "被退回", "再次报送", "已接收"
SEND_BACK_STATES = (SENT_BACK, RESUBMITTED, ACCEPTED)


class SendBack(TownRecord):
    org = Ref(Organisation, "党组织", required=True)
    org_id: int  # peewee's accessor for the key, for the type checker
    record_table = Text("记录类型", required=True, max_length=40, in_table=False, in_form=False)
    record_label = Text("记录类型名称", required=True, max_length=40)
    record_uuid = Text(
        "被退回记录标识", required=True, max_length=36, index=True, in_table=False, in_form=False
    )
    summary = Text("被退回的记录", required=True, max_length=200)
    date = Date("退回日期", required=True)
    reason = Text("退回原因", required=True, max_length=500, help="如：会议记录过于简单；佐证不足")
    state = Text("状态", required=True, choices=SEND_BACK_STATES, default=SENT_BACK)
    resubmitted = Date("再次报送日期", help="村（社区）改正后再次报送、镇党委导入的日期")

    Meta = About("审核退回", key=("record_uuid", "date", "reason"), dated="date", town="镇党委的审核退回")

    def __str__(self) -> str:
        return f"{self.summary}（{self.reason}）"


class Receipt(TownRecord):
    org = Ref(Organisation, "党组织", required=True)
    org_id: int  # peewee's accessor for the key, for the type checker
    date = Date("回执日期", required=True)
    file_name = Text("报送文件", max_length=260)
    package_no = Integer("交换包序号", default=0)
    outcome = Text("导入结果", max_length=20)
    text = LongText("回执内容", help="接收了什么、哪些行未接收及原因、退回修改的记录")

    Meta = About("回执", key=("org", "date", "file_name"), dated="date", town="镇党委的回执")

    def __str__(self) -> str:
        return f"{self.date} {self.file_name}"
