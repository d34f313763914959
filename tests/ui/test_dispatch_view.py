"""月调度汇总 view: the month's table, the villages that have not reported, tasks standing still."""

import os

from delivery_screens import D
from delivery_screens import build_delivery_town
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from views import open_view

from ui.pages import dispatch
from ui.pages.dispatch import MISSING_RED
from ui.pages.dispatch import STILL_ORANGE


def _view(qtbot, db):
    context, view, _opened = open_view(qtbot, db, dispatch)
    view.month.setDate(QDate(2022, 6, 1))
    return context, view


def _status_of(view, village, task):
    for row in range(view.proxy.rowCount()):
        if view.proxy.index(row, 0).data() == village and view.proxy.index(row, 1).data() == task:
            return row, view.proxy.index(row, 8).data()
    raise AssertionError((village, task))


def test_june_table(qtbot, db, tmp_path):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    assert view.proxy.rowCount() == 5
    row, status = _status_of(view, "东沟村", "人居环境整治")
    assert status == "停滞"
    assert view.proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color() == STILL_ORANGE
    row, status = _status_of(view, "南川社区", "人居环境整治")
    assert status == "未报送" and view.proxy.index(row, 5).data() == "未报"
    assert view.proxy.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color() == MISSING_RED
    assert _status_of(view, "西坪村", "人居环境整治")[1] == "推进中"
    text = view.summary.text()
    assert "未报送" in text and "西坪村（1项）" in text and "南川社区（1项）" in text
    view.resize(1200, 500)
    view.show()
    qtbot.waitExposed(view)
    assert view.grab().save(str(tmp_path / "dispatch.png"))
    if os.environ.get("WUZHUA_SCREENSHOTS"):
        view.grab().save(os.path.join(os.environ["WUZHUA_SCREENSHOTS"], "dispatch.png"))


def test_month_and_village_change_the_table(qtbot, db):
    data = build_delivery_town()
    context, view = _view(qtbot, db)
    view.month.setDate(QDate(2022, 4, 1))
    assert view.proxy.rowCount() == 0 and "没有需要调度" in view.summary.text()
    view.month.setDate(QDate(2022, 6, 1))
    context.set_org_ids([data["villages"]["西坪村"].id])
    view.refresh()
    assert view.proxy.rowCount() == 2
    assert {view.proxy.index(r, 0).data() for r in range(2)} == {"西坪村"}


def test_model_contract(qtbot, db, qtmodeltester):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    qtmodeltester.check(view.model)


def test_rows_keep_the_villages_order(qtbot, db):
    build_delivery_town()
    _context, view = _view(qtbot, db)
    villages = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert villages == ["东沟村", "东沟村", "西坪村", "西坪村", "南川社区"]


def test_demo_month_names_who_has_not_reported(qtbot, demo_db):
    from app.delivery.dispatch import month_table

    _context, view = _view(qtbot, demo_db)
    view.month.setDate(QDate(2022, 8, 1))
    missing = month_table(D(2022, 8, 1)).missing_by_village()
    assert missing, "the demo leaves some reports out"
    for village in missing:
        assert village in view.summary.text()


def test_what_was_done_this_month_keeps_its_words_on_a_small_screen(qtbot, demo_db):
    # 1366×768 at 125 %: 本月完成情况 was squeezed to "本月…"; now the table scrolls sideways
    _context, view, _opened = open_view(qtbot, demo_db, dispatch)
    view.month.setDate(QDate(2022, 11, 1))
    view.resize(880, 500)
    view.show()
    qtbot.waitExposed(view)
    header = view.view.horizontalHeader()
    assert header.model().headerData(6, Qt.Orientation.Horizontal) == "本月完成情况"
    least = view.view.fontMetrics().horizontalAdvance("字" * 12)
    qtbot.waitUntil(lambda: header.sectionSize(6) >= least)
    assert view.view.horizontalScrollBar().maximum() > 0
