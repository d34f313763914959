"""``python -m app inspection new --quarter 2022Q2 --org all --date 2022-07-05``: the quarter's inspections,
and ``inspection exclude``: leave a village out of a quarter's ranking with a recorded reason."""

from __future__ import annotations

import argparse
import datetime as dt

from app.campaign_time import QuarterRefused
from app.campaign_time import parse_quarter
from app.campaign_time import quarter_label
from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._org_arg import org_named

NAME = "inspection"
HELP = "季度督查：new 为各村（社区）建立本季度督查并计算自动计分项目；exclude 写明某村本季度不参评的理由"
ORDER = 39
WRITES = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("new", "exclude"), help="new 建立督查；exclude 不参评")
    parser.add_argument("--quarter", required=True, help="季度，如 2022Q2")
    parser.add_argument(
        "--org", required=True, help="组织代码、名称或简称，或 all（全部村、社区）；exclude 只接受一个村"
    )
    parser.add_argument("--date", help="督查日期，如 2022-07-05（new 必填）")
    parser.add_argument("--inspectors", default="", help="督查组成员")
    parser.add_argument(
        "--reason", default="", help="exclude：不参评的理由，如 新设社区本季度不参评；空则恢复参评"
    )


def run(args: argparse.Namespace) -> int:
    from app.inspection.ranking import exclude_village  # noqa: PLC0415 (the models only once the database is named)
    from app.inspection.ranking import quarter_progress  # noqa: PLC0415 (the models only once the database is named)
    from app.inspection.scoresheet import create_quarter_inspections  # noqa: PLC0415 (as above)
    from app.inspection.scoring import InspectionRefused  # noqa: PLC0415 (as above)
    from models import Organisation  # noqa: PLC0415 (as above)
    from models import open_database  # noqa: PLC0415 (as above)

    try:
        parse_quarter(args.quarter)
    except QuarterRefused as error:
        raise Refused(str(error)) from None
    quarter = args.quarter.upper()
    open_database(db_path(args))
    org_ids = None
    if args.org.lower() != "all":
        org_ids = [org_named(args.org).id]
    try:
        if args.action == "exclude":
            if org_ids is None:
                raise Refused("不参评须逐个村（社区）写明理由：--org 请写一个组织代码。")
            exclude_village(quarter, Organisation.get_by_id(org_ids[0]), args.reason)
            report = {"ok": True, "quarter": quarter, "progress": quarter_progress(quarter).as_dict()}
            if args.json:
                print_json(report)
            else:
                print(quarter_progress(quarter).text)
            return 0
        if not args.date:
            raise Refused("建立督查需要 --date 督查日期，如 --date 2022-07-05。")
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            raise Refused(f"--date 的日期“{args.date}”无法识别，请写成 2022-07-05 的形式。") from None
        made, existing = create_quarter_inspections(quarter, day, org_ids, args.inspectors)
    except InspectionRefused as error:
        raise Refused(str(error)) from None
    if args.json:
        print_json(
            {
                "ok": True,
                "quarter": quarter,
                "made": [i.org.code for i in made],
                "existing": [i.org.code for i in existing],
            }
        )
        return 0
    print(f"{quarter_label(quarter)}：新建督查 {len(made)} 个，已有 {len(existing)} 个。")
    for inspection in made:
        print(f"  已建立：{inspection.org.label}（{inspection.date.isoformat()}）")
    return 0
