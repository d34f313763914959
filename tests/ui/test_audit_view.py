"""基础信息 → 操作日志: the log is shown, filtered, read lazily, and a deletion can be undone."""

import datetime as dt

import pytest

from app import audit
from app.records import delete_record
from app.records import save_record
from models import AuditEntry
from models import Member
from models import Organisation
from models import settings
from ui.context import AppContext
from ui.pages import audit_log
from ui.pages import page
from ui.pages.audit_log import AuditTableModel


@pytest.fixture
def town(db, tmp_path):
    settings.put("operator", "王文书")
    village = save_record(Organisation, {"code": "ZD01", "name": "东村党支部", "kind": "村党支部"})
    member = save_record(
        Member,
        {
            "org": village,
            "name": "李四",
            "join_date": dt.date(1999, 7, 1),
            "status": "正式党员",
            "post_status": "无职",
        },
    )
    settings.put("operator", "赵干事")
    save_record(Member, {"name": "李思"}, member)
    delete_record(member)
    return village, member


@pytest.fixture
def view(db_location, qtbot, town, tmp_path):
    context = AppContext(db_location)
    widget = audit_log.create(context)
    qtbot.addWidget(widget)
    return widget


def _column(view, col):
    return [view.model.index(r, col).data() for r in range(view.model.rowCount())]


def test_declares_its_place():
    assert (page("audit_log").tab, page("audit_log").title) == ("基础信息", "操作日志")


def test_log_newest_first_with_operator_and_changes(view):
    assert _column(view, 2) == ["删除", "修改", "新增", "新增"]
    assert _column(view, 1) == ["赵干事", "赵干事", "王文书", "王文书"]
    assert _column(view, 3)[:2] == ["党员", "党员"]
    assert "姓名：李四 → 李思" in _column(view, 5)[1]
    assert view.count_label.text() == "共 4 条"


def test_filters_by_operator_action_type_and_time(view):
    view.operator.setCurrentIndex(view.operator.findData("王文书"))
    assert _column(view, 2) == ["新增", "新增"]
    view.table_type.setCurrentIndex(view.table_type.findData("organisation"))
    assert _column(view, 4) == ["东村党支部"]
    view.operator.setCurrentIndex(0)
    view.table_type.setCurrentIndex(0)
    view.action.setCurrentIndex(view.action.findData("修改"))
    assert view.model.rowCount() == 1
    view.action.setCurrentIndex(0)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    view.until.setDate(yesterday)
    assert view.model.rowCount() == 0 and view.count_label.text().startswith(
        "所选的日期、人员和类型中没有操作记录"
    )


def test_undo_a_deletion(view, town, qtbot):
    _village, member = town
    assert not view.undo_button.isEnabled()
    view.view.selectRow(1)  # 修改: not undoable
    assert not view.undo_button.isEnabled()
    view.view.selectRow(0)  # 删除
    assert view.undo_button.isEnabled()
    with qtbot.waitSignal(view.context.dataChanged) as changed:
        assert view.undo_selected()
    assert changed.args == [Member]
    assert not Member.get_by_id(member.id).deleted
    assert _column(view, 2)[0] == "恢复"
    # the same deletion cannot be undone twice
    deletion = AuditEntry.get(AuditEntry.action == "删除")
    assert not audit.can_undo(deletion)
    with pytest.raises(ValueError, match="已经恢复"):
        audit.undo_deletion(deletion)


def test_open_record_goes_through_the_context(view, town):
    opened = []
    view.context._open_record = lambda model, rid: opened.append((model, rid))
    view.view.selectRow(view.model.rowCount() - 1)  # 新增 东村党支部
    view.open_selected()
    assert opened == [(Organisation, town[0].id)]


def test_model_reads_lazily(qtbot, qtmodeltester, db):
    village = save_record(Organisation, {"code": "ZD01", "name": "东村党支部", "kind": "村党支部"})
    for i in range(24):
        save_record(Organisation, {"short_name": f"简称{i}"}, village)
    model = AuditTableModel(batch_size=10)
    assert model.total() == 25 and model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 25 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_an_empty_log_says_why_and_an_empty_filter_says_so(db_location, qtbot, town):
    view = audit_log.create(AppContext(db_location))
    qtbot.addWidget(view)
    view.since.setDate(view.until.date().addDays(1))  # a range after every entry
    view.apply_filter()
    assert view.count_label.text().startswith("所选的日期、人员和类型中没有操作记录")
    AuditEntry.delete().execute()  # a new database, or the demo: nobody has worked here yet
    view.apply_filter()
    assert view.count_label.text().startswith("还没有操作记录：在本程序中新增、修改、删除记录或导入文件后")
