"""逾期问题通报: a town-wide notice naming the problems not rectified by their deadline.

The body is drafted from the ledger into a :class:`Notice` of kind 问题整改通报 (the clerk
may edit it, as with the ranking notice) and printed in the GB/T 9704 layout of
:mod:`app.printing.notice`, whose privacy net keeps key people, IDs and phones off the page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.delivery.problems import days_overdue
from app.delivery.problems import overdue_problems
from app.printing.docnumber import issue_notice
from app.printing.notice import NothingToPrint
from app.printing.notice import build_notice
from app.printing.page import write_pdf
from app.text import cn_date
from models import Campaign
from models import Notice
from models import Problem

KIND = "问题整改通报"
TITLE = "关于督查发现问题逾期未整改情况的通报"
NUMERALS = "一二三四五六七八九十"


def draft_overdue_body(day: dt.date, problems: list[Problem], rectify_days: int = 15) -> str:
    """The notice's text: what was found overdue on ``day``, village by village, and what follows."""
    if not problems:
        raise NothingToPrint(f"截至{cn_date(day)}没有逾期未整改的问题，无需通报。")
    by_village: dict[str, list[Problem]] = {}
    for p in problems:
        by_village.setdefault(p.org.name, []).append(p)
    reopened = [p for p in problems if p.reopened]
    text = [
        "各村（社区）党组织：",
        "为落实“五抓五提升”行动“月调度、季督查”工作机制，推动督查检查、明查暗访发现问题整改到位，"
        f"镇党委对问题整改台账进行了梳理。截至{cn_date(day)}，全镇共有{len(by_village)}个党组织的"
        f"{len(problems)}个问题超过整改时限仍未整改到位"
        + (f"，其中{len(reopened)}个问题“回头看”未通过、需重新整改" if reopened else "")
        + "。现将有关情况通报如下。",
        "一、逾期未整改问题",
    ]
    for n, (village, items) in enumerate(by_village.items()):
        lines = "；".join(
            f"{p.description.rstrip('。；')}（整改时限{cn_date(p.deadline)}，已逾期{days_overdue(p, day)}天"
            + ("，回头看未通过" if p.reopened else "")
            + "）"
            for p in items
        )
        text.append(f"（{NUMERALS[n % 10]}）{village}。{lines}。")
    deadline = day + dt.timedelta(days=rectify_days)
    text += [
        "二、有关要求",
        f"（一）上述党组织要立即召开支委会专题研究，逐项明确责任人和整改措施，于{cn_date(deadline)}前整改到位，"
        "并将整改情况和佐证材料书面报镇党委。",
        "（二）镇党委将对上述问题开展“回头看”，整改不到位的，对相关责任人严肃问责。",
        "（三）各党组织要举一反三，对照问题台账开展自查，防止同类问题反弹回潮。",
    ]
    return "\n".join(text)


def prepare_overdue_notice(day: dt.date, org_ids: list[int] | None = None) -> Notice:
    """The overdue-problems notice of ``day``: the one already made that day, else a new numbered one."""
    existing = (
        Notice.live().where((Notice.kind == KIND) & (Notice.date == day)).order_by(Notice.id.desc()).first()
    )
    if existing is not None:
        return existing
    body = draft_overdue_body(day, overdue_problems(day, org_ids))
    return issue_notice(Campaign.current(), title=TITLE, date=day, body=body, kind=KIND)


def print_overdue_notice(path: str | Path, day: dt.date, org_ids: list[int] | None = None) -> Notice:
    """Prepare (or reuse) the notice of ``day`` and print it to ``path`` in GB/T 9704 layout."""
    notice = prepare_overdue_notice(day, org_ids)
    write_pdf(build_notice(notice), path)
    return notice
