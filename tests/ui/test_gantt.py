"""挂图作战 view: bars at the right dates, overdue marked, grouping, village filter, printing."""

import os

from delivery_screens import D
from delivery_screens import build_delivery_town
from hand_built import two_villages
from PySide6.QtCore import QDate
from views import open_view

from models import settings
from ui.pages import gantt


def _view(qtbot, db, day=QDate(2022, 9, 5)):
    context, view, _opened = open_view(qtbot, db, gantt)
    view.as_of.setDate(day)
    return context, view


def test_bars_sit_at_their_dates(qtbot, db):
    data = build_delivery_town()
    _context, view = _view(qtbot, db)
    canvas = view.canvas
    tasks = [(rect, item) for kind, rect, item in canvas.items if kind == "task"]
    milestones = [(rect, item) for kind, rect, item in canvas.items if kind == "milestone"]
    assert len(tasks) == 5 and len(milestones) == 15
    first = data["clean"][0]
    rect, row = next((r, i) for r, i in tasks if i.task_id == first.id)
    assert rect.left() == canvas.x_of(D(2022, 5, 1))
    assert rect.right() == canvas.x_of(D(2022, 9, 1))  # deadline 31 Aug, bar to its end
    assert row.percent == 30
    # as of 5 September the 人居环境整治 tasks (due 31 Aug) are overdue, the brand tasks not
    assert sorted(i.overdue for _r, i in tasks) == [False, False, True, True, True]
    assert "逾期事项" in view.summary.text()


def test_grouping_and_village_filter(qtbot, db):
    data = build_delivery_town()
    context, view = _view(qtbot, db)
    groups = [item for kind, _r, item in view.canvas.items if kind == "group"]
    assert groups == ["抓品牌 提升创新活力", "抓落实 提升工作质效"]
    view.grouping.setCurrentIndex(1)
    groups = [item for kind, _r, item in view.canvas.items if kind == "group"]
    assert groups == ["东沟村党支部", "西坪村党支部", "南川社区党支部"]
    context.set_org_ids([data["villages"]["南川社区"].id])
    view.refresh()
    assert len([1 for kind, _r, _i in view.canvas.items if kind == "task"]) == 1


def test_earlier_day_moves_nothing_into_red(qtbot, db, tmp_path):
    build_delivery_town()
    _context, view = _view(qtbot, db, QDate(2022, 6, 1))
    assert view.canvas.chart.overdue_count() == 0
    view.resize(1300, 700)
    view.show()
    qtbot.waitExposed(view)
    shot = tmp_path / "gantt.png"
    assert view.grab().save(str(shot))
    if os.environ.get("WUZHUA_SCREENSHOTS"):
        view.grab().save(os.path.join(os.environ["WUZHUA_SCREENSHOTS"], "gantt.png"))
    assert shot.stat().st_size > 5000
    picture = view.canvas._picture
    assert picture is not None and view.grab() and view.canvas._picture is picture  # replayed, not redrawn
    view.refresh()
    assert view.canvas._picture is None


def test_hit_test_finds_the_task(qtbot, db):
    data = build_delivery_town()
    _context, view = _view(qtbot, db)
    kind, rect, item = next(x for x in view.canvas.items if x[0] == "task")
    hit = view.canvas.item_at(rect.center().x(), rect.center().y())
    assert hit == ("task", item)
    assert item.task_id in {t.id for t in data["clean"] + data["brand"]}


def test_demo_town_every_task_and_milestone_on_the_chart(qtbot, demo_db):
    from app.delivery.tasks import is_milestone_overdue
    from models import KeyTask
    from models import Milestone

    _context, view = _view(qtbot, demo_db, QDate(2022, 9, 15))
    items = view.canvas.items
    tasks = {item.task_id: rect for kind, rect, item in items if kind == "task"}
    milestones = {item.id: item for kind, _rect, item in items if kind == "milestone"}
    assert set(tasks) == {t.id for t in KeyTask.live()}
    assert set(milestones) == {m.id for m in Milestone.live()}
    for task in KeyTask.live():
        assert tasks[task.id].left() == view.canvas.x_of(task.start)
    late = [m for m in Milestone.live() if is_milestone_overdue(m, D(2022, 9, 15))]
    assert late and all(milestones[m.id].overdue for m in late)


def test_the_whole_span_fits_the_view_with_the_names(qtbot, demo_db):
    _context, view = _view(qtbot, demo_db, QDate(2022, 11, 30))
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    canvas, scroll = view.canvas, view.scroll_area
    assert canvas.day_w < 4.0  # narrowed from the default to fit
    qtbot.waitUntil(lambda: not scroll.horizontalScrollBar().isVisible(), timeout=3000)
    assert canvas.width() <= scroll.viewport().width()
    # a later task's bar is in view without scrolling
    last = max((rect for kind, rect, _item in canvas.items if kind == "task"), key=lambda r: r.right())
    assert last.right() <= scroll.viewport().width()


def test_the_chart_on_screen_has_phases_legend_and_prints_through_qprinter(qtbot, db, tmp_path):
    from PySide6.QtGui import QImage
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    build_delivery_town()
    _context, view = _view(qtbot, db)
    assert [name for name, _s, _e in view.canvas.phases] == ["组织动员", "集中实施", "总结提高"]
    assert (
        "计划工期" in view.legend.text() and "逾期" in view.legend.text() and "集中实施" in view.legend.text()
    )
    # the phase band is painted in the header above the months, over 集中实施's days
    image = QImage(view.canvas.sizeHint(), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    view.canvas.draw(painter)
    painter.end()
    x = int(view.canvas.x_of(D(2022, 7, 1)))
    assert image.pixelColor(x, 3) != image.pixelColor(x, 30)  # band colour, then the months' row
    out = tmp_path / "挂图.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert view.print_to(printer)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 3000


def test_no_tasks_yet_says_where_they_come_from(qtbot, db):
    two_villages()
    _context, town = _view(qtbot, db)
    assert town.summary.text() == "还没有重点任务。请在“下发重点任务”中下发。"
    settings.put("local_org_code", "ZD01")  # a village's computer cannot issue tasks
    _context, village = _view(qtbot, db)
    assert "下发重点任务”中下发" not in village.summary.text()
    assert "随镇里的交换包到来" in village.summary.text() and "数据交换" in village.summary.text()
