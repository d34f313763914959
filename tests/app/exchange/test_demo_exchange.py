"""The demo town: a village set up from the town's package sends everything back unchanged."""

from __future__ import annotations

from exchange_helpers import use

from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from models import Attendance
from models import Member
from models import Organisation
from models import Training
from models import settings


def test_demo_village_round_trip(db_location, demo_db, tmp_path):
    town_path = db_location
    village = Organisation.branches().first()
    code = village.code
    export_package(village, tmp_path / "to_village.xlsx")
    members = Member.select().where(Member.org == village).count()
    town_attendance = Attendance.select().join(Member).where(Member.org == village).count()

    use(tmp_path / "village.sqlite3")
    settings.put("local_org_code", code)
    plan = plan_import(tmp_path / "to_village.xlsx")
    assert plan.problems() == [] and plan.totals()["新增"] > 1000
    apply_plan(plan)
    assert Member.select().where(Member.org == Organisation.get(code=code)).count() == members
    assert Attendance.select().count() == town_attendance  # incl. the town's trainings they attended
    assert Training.select().count() >= 1
    export_package(Organisation.get(code=code), tmp_path / "to_town.xlsx")

    use(town_path)
    back = plan_import(tmp_path / "to_town.xlsx")
    totals = back.totals()
    assert back.problems() == [] and totals["新增"] == totals["修改"] == totals["冲突"] == 0
    assert totals["无变化"] > 1000
