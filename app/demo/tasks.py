"""抓落实 key tasks for the demo town: the town's 重点任务清单 issued to the villages
(one shared batch per task), milestones worked back from the deadline (倒排工期) and the
monthly 月调度 reports, with some months missing and some tasks standing still."""

from __future__ import annotations

import datetime as dt

from app.delivery.schedule import plan_backwards
from models import KeyTask
from models import Milestone
from models import Progress

from .common import END
from .common import MONTHS
from .common import chance
from .common import day_in
from .town import Branch
from .town import Town
from .writer import Writer

# (title, track, start, deadline, steps (title, working days), share of villages it goes to)
TASKS = (
    (
        "村级党群服务中心规范化建设",
        "抓制度",
        dt.date(2022, 4, 20),
        dt.date(2022, 7, 29),
        (("制定建设方案", 5), ("场所整修", 25), ("制度和服务事项上墙", 10), ("自查验收", 3)),
        1.0,
    ),
    (
        "党员积分制管理全覆盖",
        "抓作风",
        dt.date(2022, 5, 5),
        dt.date(2022, 9, 30),
        (("制定积分细则", 8), ("建立党员积分台账", 15), ("每月公示积分", 40), ("季度评星定级", 5)),
        1.0,
    ),
    (
        "党建品牌创建",
        "抓品牌",
        dt.date(2022, 5, 10),
        dt.date(2022, 10, 31),
        (("确定品牌名称和内涵", 10), ("完善品牌阵地", 30), ("总结提炼经验", 10)),
        1.0,
    ),
    (
        "人居环境整治“三清一改”",
        "抓落实",
        dt.date(2022, 4, 25),
        dt.date(2022, 11, 25),
        (("摸底排查", 10), ("集中整治", 60), ("巩固提升", 30), ("验收评比", 5)),
        1.0,
    ),
    (
        "高标准农田建设群众工作",
        "抓落实",
        dt.date(2022, 6, 1),
        dt.date(2022, 10, 15),
        (("政策宣传入户", 10), ("土地流转协调", 30), ("配合施工", 40)),
        0.5,
    ),
    (
        "党员冬训准备",
        "抓学习",
        dt.date(2022, 10, 20),
        dt.date(2022, 12, 20),
        (("制定冬训方案", 5), ("确定授课人员", 10), ("集中培训", 10)),
        1.0,
    ),
)


def build_tasks(w: Writer, town: Town, campaign_id: int) -> None:
    """Queue the town's key tasks, their milestones and monthly progress."""
    rng = w.rng
    for title, track, start, deadline, steps, share in TASKS:
        batch = w.uuid()
        villages = [b for b in town.branches if share >= 1.0 or rng.random() < share]
        for branch in villages:
            task_id = w.add(
                KeyTask,
                start,
                town.code,
                campaign=campaign_id,
                batch=batch,
                title=title,
                track=track,
                org=branch.id,
                owner=branch.secretary.name,
                start=start,
                deadline=deadline,
                output=f"按期完成{title}，资料归档。",
                state="未开始",
            )
            _milestones_and_progress(w, branch, task_id, start, deadline, steps)
    # A task the town's own office carries (no village).
    day = dt.date(2022, 11, 1)
    task_id = w.add(
        KeyTask, day, town.code, campaign=campaign_id, batch=w.uuid(),
        title="“五抓五提升”行动总结验收", track="抓落实", office="党建办",
        owner="李文斌", start=day, deadline=dt.date(2022, 12, 15), state="推进中",
        output="全镇行动总结报告和验收台账",
    )  # fmt: skip
    for step in plan_backwards(
        dt.date(2022, 12, 15), [("各村自查总结", 10), ("镇级验收", 10), ("形成总结报告", 5)], weekends=False
    ):
        assert step.due is not None  # plan_backwards dates every step
        w.add(Milestone, day, town.code, task=task_id, order=step.order, title=step.title,
              days=step.days, start=step.start, due=step.due,
              finished=step.due if step.due <= END else None)  # fmt: skip


def _milestones_and_progress(
    w: Writer, branch: Branch, task_id: int, start: dt.date, deadline: dt.date, steps: tuple
) -> None:
    rng = w.rng
    # Diligent villages finish each step on time; weak ones slip and some never finish.
    lag = 0 if chance(rng, branch, 0.85) else rng.randint(3, 20)
    stuck = branch.weak or rng.random() < 0.08
    finished_task = None
    for step in plan_backwards(deadline, list(steps), weekends=False):
        assert step.due is not None  # plan_backwards dates every step
        done = step.due + dt.timedelta(days=lag + rng.randint(-3, 1))
        finished = done if done <= END and not (stuck and step.order == len(steps)) else None
        w.add(
            Milestone,
            step.start,
            branch.code,
            task=task_id,
            order=step.order,
            title=step.title,
            days=step.days,
            start=step.start,
            due=step.due,
            finished=finished,
        )
        finished_task = finished
    state = "已完成" if finished_task else ("推进中" if start <= END else "未开始")
    w.update(KeyTask, task_id, state=state, finished=finished_task)
    span = max((deadline - start).days, 1)
    percent = 0
    for month in MONTHS:
        if month < start.replace(day=1) or (finished_task and month > finished_task):
            continue
        report_day = day_in(rng, month, 24, 28)
        if not chance(rng, branch, 0.9):
            continue  # a missing 月调度 report
        planned = min(100, int(100 * ((report_day - start).days + 1) / span))
        if finished_task and report_day >= finished_task:
            planned = 100
        elif stuck and month >= dt.date(2022, 8, 1):
            planned = percent  # standing still since August
        else:
            planned = min(95, max(percent + rng.randint(0, 5), planned - lag))
        percent = max(0, planned)
        w.add(
            Progress,
            report_day,
            branch.code,
            task=task_id,
            month=month,
            percent=percent,
            done="按计划推进" if not stuck else "本月进展不大",
            difficulties="资金不足，群众配合度不高" if stuck else "",
            reported=report_day,
            reporter=branch.secretary.name,
        )
