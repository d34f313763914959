"""报送情况 page: each village's files this period, gaps, and the 催报 list."""

import datetime as dt
import json

from app.campaign_time import as_of_day
from models import ImportLog
from models import Organisation
from models import create_default_campaign
from ui.context import AppContext
from ui.pages import submissions


def test_the_page_names_the_villages_that_have_not_reported(db_location, qtbot, db):
    create_default_campaign()
    town = Organisation.create(code="ZD", name="中共某镇委员会", kind="镇党委")
    for n, name in ((1, "红星村"), (2, "东风村")):
        Organisation.create(
            code=f"ZD0{n}", name=f"{name}党支部", short_name=name, kind="村党支部", parent=town
        )
    day = dt.datetime.combine(as_of_day(), dt.time(9))
    counts = json.dumps({"办实事": {"新增": 2, "修改": 1, "拒绝": 0}}, ensure_ascii=False)
    for number in (1, 3):
        ImportLog.create(
            time=day,
            file_name=f"红星村{number}.xlsx",
            file_hash="x",
            org_code="ZD01",
            outcome="已导入",
            counts=counts,
            package_no=number,
        )
    view = submissions.create(AppContext(db_location))
    qtbot.addWidget(view)
    rows = {view.model.index(r, 0).data(): r for r in range(view.model.rowCount())}
    assert view.model.index(rows["红星村"], 1).data() == "已报送，缺第2号交换包"
    assert "第3号交换包（已导入，新增2 修改1 拒绝0）" in view.model.index(rows["红星村"], 2).data()
    assert view.model.index(rows["东风村"], 1).data() == "未报送"
    assert "未报送（催报）：</b>东风村" in view.summary.text()
