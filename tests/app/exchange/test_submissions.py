"""报送情况: numbered packages, gaps and repeats, and the villages that have not reported."""

from __future__ import annotations

import datetime as dt
import json

from exchange_helpers import use
from exchange_helpers import village_computer

from app.cli import main
from app.exchange import apply_plan
from app.exchange import export_package
from app.exchange import plan_import
from app.exchange.submissions import not_reported
from app.exchange.submissions import submissions
from models import Deed
from models import Member
from models import Organisation
from models import close_database


def test_numbered_packages_show_a_gap_a_repeat_and_who_is_missing(db_location, town, tmp_path, capsys):
    town_path, village_path = db_location, tmp_path / "village.sqlite3"
    village_computer(town_path, village_path, tmp_path)
    for n in (1, 2, 3):
        Deed.create(
            member=Member.get(name="张伟"), date=dt.date(2022, 6, n), kind="其他", title=f"第{n}件实事"
        )
        export_package(Organisation.get(code="ZD01"), tmp_path / f"包{n}.xlsx")
    assert plan_import(tmp_path / "包3.xlsx").info.package_no == 3

    use(town_path)
    for n in (1, 3, 1):  # the second package never came; the first came twice
        apply_plan(plan_import(tmp_path / f"包{n}.xlsx"))
    today = dt.date.today()
    reports = {r.code: r for r in submissions(today.replace(day=1), today)}
    red = reports["ZD01"]
    assert [(f.package_no, f.new, f.again) for f in red.files] == [
        (1, 1, ""),
        (3, 2, ""),
        (1, 0, "重复送达（已导入过）"),
    ]
    assert red.gaps == "缺第2号交换包" and red.last_exchange is not None
    assert [r.code for r in not_reported(list(reports.values()))] == ["ZD02"]

    close_database()
    month = f"{today.year}-{today.month:02d}"
    out = tmp_path / "催报.pdf"
    assert main(["submissions", "--db", str(town_path), "--month", month, "--json", "--out", str(out)]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["not_reported"] == ["东风村"] and out.stat().st_size > 3000
    assert main(["submissions", "--db", str(town_path), "--month", month]) == 0
    text = capsys.readouterr().out
    assert "缺第2号交换包" in text and "未报送（催报）：东风村" in text
    assert main(["submissions", "--db", str(town_path), "--quarter", "2022Q5"]) == 1
