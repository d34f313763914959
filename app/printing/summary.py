"""The campaign summary report for the 总结提高 phase: the town and each village.

It reports, for the town and per village: the quarterly inspection scores and places
(ranking history), the problems found and how many were fixed (on time, closed), the
secretaries dealt with, and which of the campaign's rules each village met on the last
day of the campaign (from the rule engine, counts and rule names only — never a person).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections import defaultdict

from app.campaign_time import quarter_label
from app.inspection.ranking import inspected_quarters
from app.inspection.ranking import rank_quarter
from app.points import member_totals
from app.printing.fonts import resolve_fonts
from app.printing.gbt9704 import BLOCK_HEIGHT
from app.printing.gbt9704 import BLOCK_WIDTH
from app.printing.gbt9704 import LEFT
from app.printing.gbt9704 import TOP
from app.printing.layout import Column
from app.printing.layout import TableStyle
from app.printing.layout import draw_table
from app.printing.layout import wrap
from app.printing.page import MM
from app.printing.page import Document
from app.printing.privacy import make_scrubber
from app.rules import evaluate
from app.rules import findings_by_village
from app.rules import rule_states
from app.text import cn_date
from models import Campaign
from models import Disposal
from models import Organisation
from models import Problem
from models.db import read_snapshot

BODY = 14.0
LEADING = BODY * 1.75


class _Flow:
    """Text flowing down the pages of the text block, with page numbers at the end."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.y = TOP
        doc.new_page()

    def new_page(self) -> float:
        self.doc.new_page()
        self.y = TOP
        return self.y

    def paragraph(self, text: str, role: str = "fangsong", size: float = BODY, indent: bool = True) -> None:
        lead = "　　" if indent else ""
        for line in wrap(self.doc, lead + text, role, size, BLOCK_WIDTH):
            if self.y + size * 1.75 > TOP + BLOCK_HEIGHT:
                self.new_page()
            self.y += size * 1.75
            self.doc.text(LEFT, self.y - size * 0.5, line, role, size)

    def table(self, columns: list[Column], rows: list) -> None:
        style = TableStyle(role="songti", size=10.5, padding=3)
        self.y = (
            draw_table(self.doc, LEFT, self.y + 4, columns, rows, style, TOP + BLOCK_HEIGHT, self.new_page)
            + 4
        )

    def page_numbers(self) -> None:
        for n, page in enumerate(self.doc.pages, start=1):
            y = TOP + BLOCK_HEIGHT + 7 * MM + 4
            self.doc.text(LEFT + BLOCK_WIDTH / 2, y, f"— {n} —", "songti", 14, align="center", page=page)


def _problem_counts(branches: list[Organisation], end: dt.date) -> dict[int, Counter]:
    counts: dict[int, Counter] = defaultdict(Counter)
    ids = [b.id for b in branches]
    query = Problem.live(Problem.org, Problem.state, Problem.deadline, Problem.rectified).where(
        Problem.org.in_(ids)
    )
    for org_id, state, deadline, rectified in query.tuples():
        c = counts[org_id]
        c["found"] += 1
        c["fixed"] += state in ("已整改", "已销号")
        c["on_time"] += rectified is not None and rectified <= deadline
        c["closed"] += state == "已销号"
        c["open"] += state in ("待整改", "整改中")
        c["overdue"] += state in ("待整改", "整改中") and deadline < end
    return counts


def _quoted(name: str) -> str:
    """The campaign's name as written in running text: 五抓五提升行动 → “五抓五提升”行动."""
    return f"“{name.removesuffix('行动')}”行动" if name.endswith("行动") else f"“{name}”"


def _member_points(campaign: Campaign) -> dict[int, list[float]]:
    """Each village's member point totals on the campaign's last day (no names: counts and figures)."""
    found: dict[int, list[float]] = defaultdict(list)
    for row in member_totals(campaign.end):
        found[row.org_id].append(row.total)
    return found


def _rule_states(campaign: Campaign, branches: list[Organisation]) -> dict[int, tuple[int, int, list[str]]]:
    """Per village: rules met, rules in all, names of the rules not met."""
    findings = evaluate(as_of=campaign.end, org_ids=[b.id for b in branches], today=campaign.end)
    grouped = findings_by_village(findings)
    result = {}
    for branch in branches:
        states = rule_states(grouped.get(branch.code, []))
        unmet = [s.label for s in states if s.state != "达标"]
        result[branch.id] = (len(states) - len(unmet), len(states), unmet)
    return result


@read_snapshot()
def build_summary(campaign: Campaign | None = None, day: dt.date | None = None) -> Document:
    """The campaign's summary report (总结提高 phase) for the whole town, dated ``day`` (today)."""
    campaign = campaign or Campaign.current()
    day = day or dt.date.today()
    branches = list(Organisation.branches())
    quarters = inspected_quarters()
    rankings = {q: {r.org_id: r for r in rank_quarter(q)} for q in quarters}
    problems = _problem_counts(branches, campaign.end)
    rules = _rule_states(campaign, branches)
    disposals = Disposal.live().count()
    points = _member_points(campaign)
    title = f"{campaign.year}年{_quoted(campaign.name)}总结报告"
    doc = Document(title, resolve_fonts(), make_scrubber())
    flow = _Flow(doc)
    doc.text(LEFT + BLOCK_WIDTH / 2, TOP + 12 * MM, title, "biaosong", 22, align="center")
    doc.text(
        LEFT + BLOCK_WIDTH / 2,
        TOP + 22 * MM,
        f"{campaign.issuer}　{cn_date(day)}",
        "kaiti",
        14,
        align="center",
    )
    flow.y = TOP + 30 * MM

    flow.paragraph("一、全镇总体情况", "heiti")
    averages = []
    for q in quarters:
        scores = [r.score for r in rankings[q].values()]
        averages.append(f"{quarter_label(q)}平均{sum(scores) / len(scores):.1f}分")
    total: Counter[str] = Counter()
    for c in problems.values():
        total.update(c)
    flow.paragraph(
        f"全镇{len(branches)}个村（社区）党组织参加{_quoted(campaign.name)}。行动期间开展季度督查{len(quarters)}次"
        + (f"（{'，'.join(averages)}）" if averages else "")
        + f"。督查发现问题{total['found']}个，已整改{total['fixed']}个，其中按期整改{total['on_time']}个、"
        f"已销号{total['closed']}个，仍在整改{total['open']}个。对连续2次排名后3位的党组织书记建立处置记录{disposals}条。"
    )
    if rules is not None:
        met = sum(v[0] for v in rules.values())
        out_of = sum(v[1] for v in rules.values())
        flow.paragraph(
            f"对照行动方案的制度要求，全镇各党组织合计达标{met}项，占应达标项的{met / out_of:.0%}。"
            if out_of
            else ""
        )
    else:
        flow.paragraph("（本机未安装规则检查模块，未列出制度落实情况。）")

    everyone = [t for totals in points.values() for t in totals]
    if everyone:
        flow.paragraph(
            f"截至{cn_date(campaign.end)}，全镇{len(everyone)}名党员量化积分平均"
            f"{sum(everyone) / len(everyone):.1f}分，各村（社区）积分情况见本报告"
            f"第{'五' if rules is not None else '四'}部分。"
        )

    flow.paragraph("二、各村（社区）督查得分和排名", "heiti")
    width = (BLOCK_WIDTH - 36 * MM - 20 * MM) / max(len(quarters), 1)
    columns = [Column("党组织", 36 * MM)]
    columns += [Column(f"{quarter_label(q)}\n得分（名次）", width, "center") for q in quarters]
    columns.append(Column("平均分", 20 * MM, "center"))
    rows = []
    for b in branches:
        cells, scores = [b.label], []
        for q in quarters:
            r = rankings[q].get(b.id)
            cells.append(f"{r.score:.1f}（{r.place}）" if r else "—")
            scores += [r.score] if r else []
        cells.append(f"{sum(scores) / len(scores):.1f}" if scores else "—")
        rows.append(cells)
    flow.table(columns, rows)

    flow.paragraph("三、各村（社区）问题整改情况", "heiti")
    names: tuple[str, ...] = ("发现问题", "已整改", "按期整改", "已销号", "逾期未改")
    columns = [Column("党组织", 36 * MM)] + [Column(n, (BLOCK_WIDTH - 36 * MM) / 5, "center") for n in names]
    keys = ("found", "fixed", "on_time", "closed", "overdue")
    flow.table(columns, [[b.label] + [str(problems[b.id][k]) for k in keys] for b in branches])

    if rules is not None:
        flow.paragraph("四、各村（社区）制度落实情况", "heiti")
        columns = [
            Column("党组织", 36 * MM),
            Column("达标", 22 * MM, "center"),
            Column("未达标的要求", BLOCK_WIDTH - 58 * MM),
        ]
        rows = [
            [b.label, f"{rules[b.id][0]}/{rules[b.id][1]}", "、".join(rules[b.id][2]) or "全部达标"]
            for b in branches
        ]
        flow.table(columns, rows)

    flow.paragraph(f"{'五' if rules is not None else '四'}、各村（社区）党员量化积分情况", "heiti")
    names = ("党员人数", "平均积分", "最高积分", "最低积分")
    columns = [Column("党组织", 36 * MM)] + [Column(n, (BLOCK_WIDTH - 36 * MM) / 4, "center") for n in names]
    rows = []
    for b in branches:
        totals = points.get(b.id, [])
        figures = (
            [f"{sum(totals) / len(totals):.1f}", f"{max(totals):g}", f"{min(totals):g}"]
            if totals
            else ["—"] * 3
        )
        rows.append([b.label, str(len(totals)), *figures])
    flow.table(columns, rows)
    flow.page_numbers()
    return doc
