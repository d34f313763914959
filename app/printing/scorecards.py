"""Inspection scorecards: one A4 page per village with its items, points, remarks and place,
and an appendix (附：评分依据) with what each computed item counted and missed.

Each page shows the village's scorecard for the quarter — every item with its maximum and
the points given, remarks (computed, overridden with the reason, not applicable) — the
total over the applicable items and its 百分制 score, the village's place in the town, and
lines for the inspectors' and the branch secretary's signatures. The table's type size
shrinks (down to 7.5 pt) so that a long scorecard still fits its page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.campaign_time import quarter_label
from app.inspection.computed_items import ItemCount
from app.inspection.computed_items import count_items
from app.inspection.ranking import AT_TOWN
from app.inspection.ranking import Place
from app.inspection.ranking import QuarterProgress
from app.inspection.ranking import quarter_progress
from app.inspection.ranking import rank_quarter
from app.printing.fonts import resolve_fonts
from app.printing.layout import Column
from app.printing.layout import TableStyle
from app.printing.layout import draw_table
from app.printing.layout import table_height
from app.printing.notice import NothingToPrint
from app.printing.page import MM
from app.printing.page import Document
from app.printing.privacy import make_scrubber
from app.setup.identity import installation
from app.text import cn_date
from app.text import score_text
from models import Inspection
from models import InspectionScore
from models import ScoreItem
from models import ScoreSection
from models.db import read_snapshot

# A scorecard is a form, not a 公文: it uses more of the page than the GB/T 9704 text block.
LEFT, TOP = 20 * MM, 18 * MM
BLOCK_WIDTH, BLOCK_HEIGHT = 170 * MM, 262 * MM
COLUMNS = [
    Column("序号", 11 * MM, "center"),
    Column("评分内容", 47 * MM),
    Column("分值", 14 * MM, "center"),
    Column("得分", 14 * MM, "center"),
    Column("扣分说明及备注", BLOCK_WIDTH - 86 * MM),
]
SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)
HEAD_SPACE = 22 * MM  # title and the line naming the village
FOOT_SPACE = 42 * MM  # total, place and signatures


@dataclass(frozen=True)
class ScoreLine:
    """One item of a village's scorecard as printed."""

    section_id: int
    section: str
    item: str
    max_points: float
    points: float | None
    computed: float | None
    not_applicable: bool
    override_reason: str
    remark: str
    unreported: bool
    rule: str


def _remark(score: ScoreLine) -> str:
    parts = []
    status = (
        "未报送" if score.unreported and score.points is None else "不适用" if score.not_applicable else ""
    )
    if status and not score.remark.startswith(status):  # the computed remark already says it
        parts.append(status)
    if score.override_reason:
        parts.append(f"改动系统计算得分（{score.computed or 0:g}分），理由：{score.override_reason}")
    elif score.computed is not None and not score.not_applicable:
        parts.append("据台账计算")
    if score.remark:
        parts.append(score.remark)
    if score.points is None and not score.not_applicable and not score.unreported:
        parts.append("未打分")
    return "；".join(parts)


def _scores_by_inspection(ids: list[int]) -> dict[int, list[ScoreLine]]:
    """Every score of the given inspections with its item and section, in one query."""
    found: dict[int, list[ScoreLine]] = defaultdict(list)
    query = (
        InspectionScore.live(
            InspectionScore.inspection,
            ScoreSection.id,
            ScoreSection.name,
            ScoreItem.name,
            ScoreItem.max_points,
            InspectionScore.points,
            InspectionScore.computed,
            InspectionScore.not_applicable,
            InspectionScore.override_reason,
            InspectionScore.remark,
            InspectionScore.unreported,
            ScoreItem.rule,
        )
        .join(ScoreItem)
        .join(ScoreSection)
        .where(InspectionScore.inspection.in_(ids))
        .order_by(ScoreSection.order, ScoreSection.id, ScoreItem.order, ScoreItem.id)
        .tuples()
    )
    for inspection_id, *values in query:
        values[6] = bool(values[6])
        values[9] = bool(values[9])
        found[inspection_id].append(ScoreLine(*values))
    return found


def _left_out(score: ScoreLine) -> bool:
    """Not counted in the total: 不适用, or 未报送 and not scored on the spot."""
    return score.not_applicable or (score.unreported and score.points is None)


def _rows(scores: list[ScoreLine]) -> list:
    rows: list = []
    numerals = "一二三四五六七八九十"
    section_id, k = None, 0
    for n, score in enumerate(scores, start=1):
        if score.section_id != section_id:
            section_id = score.section_id
            mine = [s for s in scores if s.section_id == section_id and not _left_out(s)]
            got = sum(s.points or 0 for s in mine)
            out_of = sum(s.max_points for s in mine)
            rows.append(f"{numerals[k % 10]}、{score.section}（{got:g}/{out_of:g}分）")
            k += 1
        points = (
            "未报送"
            if score.unreported and score.points is None
            else "—"
            if score.not_applicable
            else ("" if score.points is None else f"{score.points:g}")
        )
        rows.append([str(n), score.item, f"{score.max_points:g}", points, _remark(score)])
    return rows


def _style(size: float) -> TableStyle:
    return TableStyle(role="songti", size=size, padding=size * 0.3)


def _fitting_style(doc: Document, rows: list, room: float) -> TableStyle:
    """The largest type size whose table fits ``room``; starts from a proportional guess."""
    height = table_height(doc, COLUMNS, rows, _style(SIZES[0]))
    if height <= room:
        return _style(SIZES[0])
    guess = SIZES[0] * room / height
    for size in [s for s in SIZES if s <= guess + 0.5] or [SIZES[-1]]:
        if table_height(doc, COLUMNS, rows, _style(size)) <= room:
            return _style(size)
    return _style(SIZES[-1])


def _page(
    doc: Document,
    quarter: str,
    place: Place,
    inspection: Inspection,
    scores: list[ScoreLine],
    progress: QuarterProgress,
) -> None:
    doc.new_page()
    doc.text(
        LEFT + BLOCK_WIDTH / 2,
        TOP + 8 * MM,
        f"{quarter_label(quarter)}“五抓五提升”督查评分表",
        "biaosong",
        18,
        align="center",
    )
    info = (
        f"被督查党组织：{place.name}　　督查类型：{inspection.kind}　　督查日期：{cn_date(inspection.date)}"
    )
    doc.text(LEFT, TOP + 17 * MM, info, "fangsong", 12)
    rows = _rows(scores)
    room = BLOCK_HEIGHT - HEAD_SPACE - FOOT_SPACE
    style = _fitting_style(doc, rows, room)

    def continue_page() -> float:
        doc.new_page()
        doc.text(LEFT, TOP + 6 * MM, f"{place.name}督查评分表（续）", "heiti", 12)
        return TOP + 10 * MM

    y = draw_table(
        doc, LEFT, TOP + HEAD_SPACE, COLUMNS, rows, style, TOP + BLOCK_HEIGHT - FOOT_SPACE, continue_page
    )
    standing = f"全镇{place.place_text}" if progress.complete else f"暂列{place.place_text}"
    total = (
        f"合计：得分{place.points:g}分（适用项目分值{place.max_points:g}分），折合百分制{score_text(place.score)}分，"
        f"{standing}。"
    )
    y += 8 * MM
    doc.text(LEFT, y, total, "heiti", 12)
    standing_line = f"已评 {len(progress.scored)} / 共 {progress.villages} 个村（社区）"
    if progress.excluded:
        standing_line += f"，{len(progress.excluded)}个不参评（理由见通报）"
    standing_line += "。" if progress.complete else "，尚未评完，名次为暂列。"
    if place.bottom:
        standing_line += "本季度排名后3位" + ("，且连续2次排名后3位。" if place.twice_bottom else "。")
    y += 7 * MM
    doc.text(LEFT, y, standing_line, "fangsong", 12)
    for label in ("督查组成员（签字）：", "被督查党组织书记（签字）："):
        y += 11 * MM
        width = doc.text(LEFT, y, label, "fangsong", 12)
        doc.rule(LEFT + width, y + 2, LEFT + width + 70 * MM, y + 2, 0.6)
    doc.text(LEFT + BLOCK_WIDTH, y + 11 * MM, "日期：　　　年　　月　　日", "fangsong", 12, align="right")


EVIDENCE_COLUMNS = [Column("评分内容", 40 * MM), Column("计入的记录和缺少的记录", BLOCK_WIDTH - 40 * MM)]
EVIDENCE_LINES = 40  # per item: a long list is cut with a count of what was left out


def _evidence_page(
    doc: Document, place: Place, scores: list[ScoreLine], evidence: dict[str, ItemCount]
) -> None:
    """附：评分依据 — what each computed item counted and missed, and the inspectors' remarks."""
    doc.new_page()
    doc.text(LEFT + BLOCK_WIDTH / 2, TOP + 8 * MM, f"附：{place.name}评分依据", "heiti", 14, align="center")
    rows: list = []
    for score in scores:
        count = evidence.get(score.rule) if score.rule else None
        if count is not None:
            lines = count.evidence()
            if len(lines) > EVIDENCE_LINES:
                lines = [*lines[:EVIDENCE_LINES], f"……另有 {len(lines) - EVIDENCE_LINES} 条，见本村台账"]
        else:
            lines = [f"督查组评分：{score.remark}" if score.remark else "督查组评分"]
        if score.override_reason:
            lines.append(f"督查组改动计算得分，理由：{score.override_reason}")
        rows.append([score.item, "\n".join(lines)])

    def continue_page() -> float:
        doc.new_page()
        doc.text(LEFT, TOP + 6 * MM, f"{place.name}评分依据（续）", "heiti", 12)
        return TOP + 10 * MM

    style = TableStyle(role="songti", size=9.0, padding=2.7)
    draw_table(doc, LEFT, TOP + 14 * MM, EVIDENCE_COLUMNS, rows, style, TOP + BLOCK_HEIGHT, continue_page)


@read_snapshot()
def build_scorecards(quarter: str, org_ids: list[int] | None = None) -> Document:
    """One scorecard page per village inspected in the quarter (``org_ids`` to print only some)."""
    # a village's computer: the town's ranking as received, for the inspections held here
    ranking = [
        r for r in rank_quarter(quarter) if (org_ids is None or r.org_id in org_ids) and r.inspection_id
    ]
    if not ranking:
        if not installation().is_town:
            raise NothingToPrint(
                f"{AT_TOWN}；本机还没有收到{quarter_label(quarter)}的督查评分和排名通报"
                "（随镇党委的交换包下发，在“数据交换”中导入），无法打印评分表。"
            )
        raise NothingToPrint(f"{quarter_label(quarter)}没有季度督查记录，无法打印评分表。")
    inspections = {
        i.id: i for i in Inspection.live().where(Inspection.id.in_([r.inspection_id for r in ranking]))
    }
    scores = _scores_by_inspection(list(inspections))
    progress = quarter_progress(quarter)
    evidence = count_items(quarter, [r.org_id for r in ranking])
    doc = Document(f"{quarter_label(quarter)}督查评分表", resolve_fonts(), make_scrubber())
    for place in sorted(ranking, key=lambda r: r.code):
        lines = scores.get(place.inspection_id, [])
        _page(doc, quarter, place, inspections[place.inspection_id], lines, progress)
        _evidence_page(doc, place, lines, {key: per_org[place.org_id] for key, per_org in evidence.items()})
    return doc
