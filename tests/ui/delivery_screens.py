"""A hand-built town with key tasks, reports and problems for the 抓落实 view tests."""

from __future__ import annotations

import datetime as dt

from hand_built import june_problem
from hand_built import reopened_problem

from app.delivery.schedule import plan_backwards
from app.delivery.tasks import TaskDefinition
from app.delivery.tasks import issue_task
from models import Organisation
from models import Progress
from models import create_default_campaign

D = dt.date


def build_delivery_town() -> dict:
    """Three villages, two issued tasks (five village tasks), June reports, three problems."""
    create_default_campaign()
    town = Organisation.create(code="ZD", name="中共××镇委员会", short_name="××镇", kind="镇党委")
    v = {}
    for n, (name, secretary) in enumerate(
        (("东沟村", "王建国"), ("西坪村", "李秀兰"), ("南川社区", "赵红")), 1
    ):
        v[name] = Organisation.create(
            code=f"ZD0{n}",
            name=f"{name}党支部",
            short_name=name,
            kind="村党支部",
            parent=town,
            secretary=secretary,
            sort_order=n,
        )
    steps = plan_backwards(D(2022, 8, 31), [("摸底", 10), ("实施", 30), ("验收", 5)], weekends=True)
    clean = issue_task(
        TaskDefinition("人居环境整治", "抓落实", D(2022, 5, 1), D(2022, 8, 31)), list(v.values()), steps
    )
    steps = plan_backwards(D(2022, 10, 31), [("制定方案", 10), ("创建", 40), ("观摩", 5)], weekends=False)
    brand = issue_task(
        TaskDefinition("党建品牌创建", "抓品牌", D(2022, 6, 1), D(2022, 10, 31)),
        [v["东沟村"], v["西坪村"]],
        steps,
    )
    Progress.create(task=clean[0], month=D(2022, 5, 1), percent=30)
    Progress.create(task=clean[0], month=D(2022, 6, 1), percent=30, difficulties="资金未到位")
    Progress.create(task=clean[1], month=D(2022, 6, 1), percent=50, done="完成清运")
    Progress.create(task=brand[0], month=D(2022, 6, 1), percent=20)
    june_problem(v["西坪村"], description="党务公开栏未按月更新", plan="每月5日前更新")
    reopened = reopened_problem(v["东沟村"])
    june_problem(v["南川社区"], description="主题党日未固定日期", deadline=D(2022, 9, 30))
    return {"villages": v, "clean": clean, "brand": brand, "reopened": reopened}
