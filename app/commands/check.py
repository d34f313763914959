"""``python -m app check``: is the database sound, and what is each village missing or late with."""

from __future__ import annotations

import argparse
import datetime as dt

from app.cli import Refused
from app.cli import db_path
from app.cli import print_json
from app.commands._org_arg import org_and_groups
from app.rules import BEHIND
from app.rules import OVERDUE
from app.rules import evaluate
from app.rules import findings_by_village
from app.rules import rule_states
from app.storage.integrity import full_check
from models import Campaign
from models import open_database

NAME = "check"
HELP = "检查数据库是否完好，并按村列出“五抓五提升”各项要求的滞后、逾期情况"
ORDER = 80


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        dest="as_of",
        type=dt.date.fromisoformat,
        default=None,
        help="按哪一天检查（YYYY-MM-DD；默认今天，但不晚于行动结束日期）",
    )
    parser.add_argument("--org", default=None, help="只检查一个村（组织代码、名称或简称）")


def run(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        raise Refused(f"数据库文件 {path} 不存在")
    # the same check and words as the window's: damage explained, the newest good backup named
    report = full_check(path)
    if not report.ok:
        raise Refused(report.message)
    open_database(path)
    problems = report.problems  # empty here: a damaged file was refused above
    try:
        campaign = Campaign.current()
    except LookupError as error:
        raise Refused(str(error)) from error
    org_ids = None
    if args.org:
        org_ids = org_and_groups(args.org)
    findings = evaluate(args.as_of, org_ids)
    as_of = args.as_of or min(dt.date.today(), campaign.end)
    groups = findings_by_village(findings)
    if args.json:
        print_json(
            {
                "ok": True,
                "database": {"ok": not problems, "problems": problems},
                "campaign": campaign.name,
                "as_of": as_of.isoformat(),
                "rules": [state.__dict__ for state in rule_states(findings)],
                "villages": [
                    {
                        "org_code": code,
                        "org_name": items[0].org_name,
                        "overdue": sum(f.state == OVERDUE for f in items),
                        "behind": sum(f.state == BEHIND for f in items),
                        "findings": [f.as_dict() for f in items],
                    }
                    for code, items in groups.items()
                ],
            }
        )
        return 0
    print("数据库检查：" + ("完好" if not problems else "发现问题：" + "；".join(problems[:10])))
    print(f"{campaign.name}，检查日期 {as_of.isoformat()}")
    if not findings:
        print("各项要求均已达标。")
    for code, items in groups.items():
        overdue = sum(f.state == OVERDUE for f in items)
        behind = sum(f.state == BEHIND for f in items)
        print(f"\n【{items[0].org_name}（{code}）】逾期 {overdue} 项，滞后 {behind} 项")
        for finding in items:
            due = ""
            if finding.due and finding.due.isoformat() not in finding.missing:  # not said twice
                due = f"（时限 {finding.due.isoformat()}）"
            print(f"  [{finding.state}] {finding.label}：{finding.missing}{due}")
    return 0
