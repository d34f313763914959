"""月调度: the month's table, missing reports, tasks standing still."""

from delivery_town import D
from delivery_town import build_town

from app.delivery.dispatch import MISSING
from app.delivery.dispatch import MOVING
from app.delivery.dispatch import STILL
from app.delivery.dispatch import month_table
from app.delivery.dispatch import silent_villages
from app.delivery.dispatch import tasks_running_in
from app.delivery.schedule import plan_backwards
from app.delivery.tasks import TaskDefinition
from app.delivery.tasks import issue_task
from models import Progress


def _setup():
    villages = build_town()
    steps = plan_backwards(D(2022, 8, 31), [("实施", 30)], weekends=True)
    definition = TaskDefinition("党建品牌创建", "抓品牌", D(2022, 5, 1), D(2022, 8, 31), owner="包村干部")
    east, west, south = issue_task(
        definition, [villages["东沟村"], villages["西坪村"], villages["南川社区"]], steps
    )
    return villages, east, west, south


def test_month_table_shows_missing_and_standing_still(db):
    _villages, east, west, south = _setup()
    Progress.create(task=east, month=D(2022, 5, 1), percent=30)
    Progress.create(task=east, month=D(2022, 6, 10), percent=30, done="无进展", difficulties="资金未到位")
    Progress.create(task=west, month=D(2022, 5, 1), percent=20)
    Progress.create(task=west, month=D(2022, 6, 1), percent=45, done="完成选址")
    table = month_table(D(2022, 6, 15))
    assert table.month == D(2022, 6, 1)
    by_village = {r.village: r for r in table.rows}
    assert by_village["东沟村"].status == STILL and by_village["东沟村"].change == 0
    assert by_village["东沟村"].difficulties == "资金未到位"
    assert by_village["西坪村"].status == MOVING and by_village["西坪村"].change == 25
    assert by_village["南川社区"].status == MISSING and by_village["南川社区"].percent is None
    assert [r.village for r in table.missing] == ["南川社区"]
    assert [r.village for r in table.standing_still] == ["东沟村"]
    assert table.missing_by_village() == {"南川社区": 1}
    assert table.reported_share() == round(200 / 3, 1)
    assert [o.short_name for o in silent_villages(D(2022, 6, 1))] == ["南川社区"]


def test_only_running_tasks_need_reports(db):
    villages, east, west, south = _setup()
    assert tasks_running_in(D(2022, 4, 1)) == []  # not started yet
    west.state, west.finished = "已完成", D(2022, 5, 20)
    west.save()
    south.state = "已暂停"
    south.save()
    june = [t.id for t in tasks_running_in(D(2022, 6, 1))]
    assert june == [east.id]
    may = [t.id for t in tasks_running_in(D(2022, 5, 1))]
    assert sorted(may) == sorted([east.id, west.id])
    only_east = month_table(D(2022, 5, 1), org_ids=[villages["东沟村"].id])
    assert [r.village for r in only_east.rows] == ["东沟村"]


def test_overdue_marked_against_month_end(db):
    _villages, east, _west, _south = _setup()
    assert not month_table(D(2022, 8, 1)).rows[0].overdue
    september = month_table(D(2022, 9, 1))
    assert all(r.overdue for r in september.rows) and len(september.rows) == 3


def test_dispatch_command(db_location, db, tmp_path, capsys):
    import json

    from app.cli import main

    _villages, east, _west, _south = _setup()
    Progress.create(task=east, month=D(2022, 6, 1), percent=40)
    path = str(db_location)
    assert main(["dispatch", "--db", path, "--month", "2022-06", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["tasks"] == 3 and result["missing"] == {"西坪村": 1, "南川社区": 1}
    assert main(["dispatch", "--db", path, "--month", "2022-6月"]) == 1
    assert "无法识别" in capsys.readouterr().err
    out = tmp_path / "调度.pdf"
    assert main(["dispatch", "--db", path, "--month", "2022-06", "--out", str(out)]) == 0
    assert out.stat().st_size > 1000


def test_a_task_finished_later_still_owed_its_earlier_report(db):
    _villages, east, _west, _south = _setup()
    east.state, east.finished = "已完成", D(2022, 8, 20)
    east.save()
    june = {r.task_id: r.status for r in month_table(D(2022, 6, 1)).rows}
    august = {r.task_id: r.status for r in month_table(D(2022, 8, 1)).rows}
    assert june[east.id] == MISSING and august[east.id] == "已完成"
