"""The ranking notice (督查排名通报) in GB/T 9704-2012 layout.

The body is drafted from the ranking into ``Notice.body`` (plain text: one paragraph a
line, headings 一、 and （一）), which the clerk may edit before printing; the masthead,
document number, signature, date, page numbers and the ranking table (附件) are laid out
from the records each time it is printed.
"""

from __future__ import annotations

import datetime as dt

from app.campaign_time import quarter_label
from app.campaign_time import quarter_range
from app.inspection.ranking import AT_TOWN
from app.inspection.ranking import Place
from app.inspection.ranking import QuarterProgress
from app.inspection.ranking import from_snapshot
from app.inspection.ranking import previous_quarter
from app.inspection.ranking import quarter_progress
from app.inspection.ranking import rank_quarter
from app.inspection.ranking import snapshot
from app.printing.docnumber import issue_notice
from app.printing.fonts import resolve_fonts
from app.printing.gbt9704 import BLOCK_HEIGHT
from app.printing.gbt9704 import BLOCK_WIDTH
from app.printing.gbt9704 import BODY
from app.printing.gbt9704 import LEFT
from app.printing.gbt9704 import TITLE
from app.printing.gbt9704 import TOP
from app.printing.gbt9704 import OfficialDocument
from app.printing.layout import Column
from app.printing.layout import TableStyle
from app.printing.layout import draw_table
from app.printing.letterhead import PLAN_NUMBER_KEY
from app.printing.letterhead import copy_to_line
from app.printing.letterhead import imprint_office
from app.printing.letterhead import plan_citation
from app.printing.page import MM
from app.printing.page import Document
from app.printing.privacy import make_scrubber
from app.setup.identity import installation
from app.text import cn_date
from app.text import score_text
from models import AuditEntry
from models import Campaign
from models import Disposal
from models import Inspection
from models import InspectionScore
from models import Notice
from models import Problem
from models import ScoreItem
from models import settings
from models.db import read_snapshot

KIND = "督查排名通报"


class NothingToPrint(ValueError):
    """The document has no data to show; the message says what is missing, in Chinese."""


def notice_title(quarter: str) -> str:
    return f"关于{quarter_label(quarter)}“五抓五提升”行动督查情况的通报"


def attachment_title(quarter: str) -> str:
    return f"{quarter_label(quarter)}“五抓五提升”督查排名表"


def _names(rows: list[Place]) -> str:
    return "、".join(r.name for r in rows)


def _quarters(before: str, quarter: str) -> str:
    """“2022年第二季度和第三季度” (the year once when both are in it)."""
    first, second = quarter_label(before), quarter_label(quarter)
    if before[:4] == quarter[:4]:
        second = second.removeprefix(f"{quarter[:4]}年")
    return f"{first}和{second}"


def _shortfalls(row: Place) -> list[str]:
    """What the village lost points on: the problems found, else its weakest items."""
    found = [
        p.description.rstrip("。；;")
        for p in Problem.live().where(Problem.inspection == row.inspection_id).order_by(Problem.id).limit(3)
    ]
    if found:
        return found
    scores = (
        InspectionScore.live(InspectionScore, ScoreItem)
        .join(ScoreItem)
        .where(
            (InspectionScore.inspection == row.inspection_id)
            & (InspectionScore.not_applicable == False)  # noqa: E712
            & (InspectionScore.unreported == False)  # noqa: E712 (never named for what it did not report)
            & (ScoreItem.max_points > 0)
        )
    )
    weakest = sorted(scores, key=lambda s: (s.points or 0) / s.item.max_points)[:2]
    return [f"“{s.item.name}”得{s.points or 0:g}分（满分{s.item.max_points:g}分）" for s in weakest]


def _exclusions(progress: QuarterProgress) -> str:
    if not progress.excluded:
        return ""
    return "".join(f"{name}因{reason.rstrip('。')}，不参加本次排名。" for name, reason in progress.excluded)


def _unreported_line(rows: list[Place]) -> str:
    """The villages that did not report some records: named for not reporting, never for failing."""
    ids = [r.inspection_id for r in rows if r.unreported]
    if not ids:
        return ""
    missing: dict[int, list[str]] = {}
    query = (
        InspectionScore.live(InspectionScore.inspection, ScoreItem.name)
        .join(ScoreItem)
        .where(InspectionScore.inspection.in_(ids) & (InspectionScore.unreported == True))  # noqa: E712
        .order_by(ScoreItem.id)
        .tuples()
    )
    for inspection_id, name in query:
        missing.setdefault(inspection_id, []).append(f"“{name}”")
    parts = [f"{r.name}（{'、'.join(missing[r.inspection_id])}）" for r in rows if r.inspection_id in missing]
    return f"{'、'.join(parts)}的相关台账未报送，该项目未计分，请及时补报。"


def draft_body(quarter: str, day: dt.date) -> str:
    """The notice's text drafted from the quarter's ranking (the clerk may edit it)."""
    rows = rank_quarter(quarter)
    if not rows:
        raise NothingToPrint(f"{quarter_label(quarter)}还没有季度督查记录，无法生成排名通报。")
    progress = quarter_progress(quarter)
    if not progress.complete:
        raise NothingToPrint(progress.warning)
    dates = [i.date for i in Inspection.live().where(Inspection.id.in_([r.inspection_id for r in rows]))]
    first, last = min(dates), max(dates)
    span = cn_date(first) if first == last else f"{cn_date(first)}至{cn_date(last)}"
    scores = [r.score for r in rows]
    average = sum(scores) / len(scores)
    bottom = [r for r in reversed(rows) if r.bottom]
    twice = [r for r in rows if r.twice_bottom]
    good = [r for r in rows if r.score >= 90]
    highest = [r for r in rows if r.score == rows[0].score]  # ties share the top and the bottom
    lowest = [r for r in rows if r.score == rows[-1].score]
    # the best three are praised (ties share a place); never a village that is also at the bottom
    best = [r for r in rows if r.place <= 3 and not r.bottom] or rows[:1]
    deadline = day + dt.timedelta(days=30)
    label = quarter_label(quarter)
    # The plan is cited as the basis only when the town has entered its document number.
    basis = f"按照{plan_citation()}要求，" if settings.get(PLAN_NUMBER_KEY) else ""
    text = [
        "各村（社区）党组织：",
        f"{basis}为深入推进“五抓五提升”行动，落实“月调度、季督查”工作机制，镇党委于{span}对全镇{len(rows)}个村（社区）"
        f"党组织{label}工作开展情况进行了督查评比。现将有关情况通报如下。",
        "一、督查方式",
        "督查组对照季度督查评分表，采取查阅台账、实地察看、个别访谈等方式，围绕抓学习、抓制度、抓作风、抓品牌、"
        "抓落实五个方面逐项评分。“三会一课”、主题党日、党员参会率等项目依据各党组织台账记录计算得分，其余项目"
        "由督查组现场评分；不适用的项目不计入总分，得分按百分制折算。",
        "二、总体情况",
        f"本次督查全镇平均得分{average:.1f}分，最高分{_names(highest)}{score_text(rows[0].score)}分，"
        f"最低分{_names(lowest)}{score_text(rows[-1].score)}分。"
        + (f"{_names(good)}等{len(good)}个党组织得分在90分以上。" if good else "")
        + "各党组织得分和排名情况见附件。"
        + _exclusions(progress)
        + _unreported_line(rows),
        f"{'、'.join(f'{r.name}（{score_text(r.score)}分）' for r in best)}排名前3位，"
        "工作扎实、台账规范，予以通报表扬。",
        "三、排名后3位的党组织及存在的问题",
        f"排名后3位的党组织是：{'、'.join(f'{r.name}（{score_text(r.score)}分）' for r in bottom)}。"
        + ("因得分相同并列，一并通报。" if len(bottom) > 3 else "")
        + "存在的主要问题：",
    ]
    numerals = "一二三四五六七八九十"
    for n, row in enumerate(bottom[:10]):
        text.append(f"（{numerals[n]}）{row.name}。{'；'.join(_shortfalls(row))}。")
    text.append("四、处理意见")
    text.append(
        f"（一）排名后3位的党组织要认真对照督查反馈的问题，制定整改方案，明确责任人和整改时限，"
        f"于{cn_date(deadline)}前整改到位，并将整改情况书面报镇党委。镇党委将适时开展“回头看”。"
    )
    if twice:
        both = _quarters(previous_quarter(quarter) or quarter, quarter)
        decided = _decided_measures(quarter, [r.org_id for r in twice])
        if len(decided) == len(twice):
            # once the town has decided, the notice names what was done
            done = "；".join(f"对{r.name}党组织书记予以{decided[r.org_id]}" for r in twice)
            text.append(
                f"（二）{_names(twice)}在{both}督查中连续2次排名后3位，按照{plan_citation()}要求，"
                f"经镇党委研究，{done}。"
            )
        else:
            text.append(
                f"（二）{_names(twice)}在{both}督查中连续2次排名后3位，按照{plan_citation()}"
                "要求，由镇党委对其党组织书记予以相应处置。"
            )
    text += [
        "五、工作要求",
        "（一）提高思想认识。各党组织要把“五抓五提升”行动作为加强基层党组织建设的重要抓手，书记切实履行第一责任人职责。",
        "（二）强化整改落实。各党组织要举一反三，对督查发现的问题建立台账、限期整改，确保问题整改到位。",
        "（三）注重常态长效。各党组织要规范落实“三会一课”、主题党日等组织生活制度，及时完善工作台账，推动各项工作提质增效。",
    ]
    return "\n".join(text)


def _decided_measures(quarter: str, org_ids: list[int]) -> dict[int, str]:
    """The 处置 measure decided for each village's secretary for ``quarter`` (已处置 with a measure)."""
    query = Disposal.live().where(
        (Disposal.quarter == quarter)
        & Disposal.org.in_(org_ids)
        & (Disposal.state == "已处置")
        & (Disposal.measure != "")
    )
    return {d.org_id: d.measure for d in query.order_by(Disposal.id)}


def notice_for_quarter(quarter: str) -> Notice | None:
    """The newest ranking notice of a quarter, if one was made."""
    query = Notice.live().where((Notice.kind == KIND) & (Notice.quarter == quarter))
    return query.order_by(Notice.date.desc(), Notice.id.desc()).first()


def notice_to_print(quarter: str, day: dt.date | None = None) -> Notice:
    """The quarter's notice as it is printed here: the issued one, else a draft — at the town.

    A village's computer prints the town's notice as received, never a draft of its own
    (NothingToPrint saying that the town issues it).
    """
    issued = notice_for_quarter(quarter)
    if issued is not None:
        return issued
    if not installation().is_town:
        raise NothingToPrint(
            f"通报由镇党委签发（{AT_TOWN}）。本机还没有收到{quarter_label(quarter)}的排名通报；"
            "镇党委签发后随交换包下发，在“数据交换”中导入后即可打印。"
        )
    return draft_notice(quarter, day)


DRAFT_NUMBER = "（签发时编号）"  # where the 发文字号 stands on a draft
_DRAFT_KEY = "notice.draft.{quarter}"


def draft_notice(quarter: str, day: dt.date | None = None) -> Notice:
    """The quarter's notice as a draft: not saved and without a number, so that previewing it
    takes no 发文字号 (a number is given only by :func:`issue_quarter_notice`).

    The clerk's edits to a draft's title, text and date are kept (:func:`save_draft`).
    """
    campaign = Campaign.current()
    kept = settings.get(_DRAFT_KEY.format(quarter=quarter)) or {}
    if kept.get("date"):
        day = dt.date.fromisoformat(kept["date"])
    elif day is None:
        # a notice follows its quarter's inspection: a later preview is not dated years on
        day = min(dt.date.today(), quarter_range(quarter)[1] + dt.timedelta(days=15))
    return Notice(
        campaign=campaign,
        kind=KIND,
        year=day.year,
        number=None,
        doc_no=DRAFT_NUMBER,
        title=kept.get("title") or notice_title(quarter),
        date=day,
        quarter=quarter,
        body=kept["body"] if "body" in kept else draft_body(quarter, day),
    )


def is_draft(notice: Notice) -> bool:
    """A notice not yet issued (it has no 发文字号)."""
    return notice.id is None


def save_draft(notice: Notice) -> None:
    """Keep a draft's title, text and 成文日期 until it is issued."""
    settings.put(
        _DRAFT_KEY.format(quarter=notice.quarter),
        {"title": notice.title, "body": notice.body, "date": notice.date.isoformat()},
    )


def issue_quarter_notice(draft: Notice) -> Notice:
    """签发: give the draft the next 发文字号 of its 成文日期's year and record it (audited: who,
    when, which number). An issued notice is printed again exactly as issued."""
    if notice_for_quarter(draft.quarter) is not None:
        raise NothingToPrint(f"{quarter_label(draft.quarter)}的通报已经签发，不能再签发一次。")
    notice = issue_notice(
        draft.campaign,
        title=draft.title,
        date=draft.date,
        body=draft.body or "",
        quarter=draft.quarter,
        ranking=snapshot(rank_quarter(draft.quarter)),
    )
    settings.reset(_DRAFT_KEY.format(quarter=draft.quarter))
    return notice


def issued_by(notice: Notice) -> tuple[str, dt.datetime] | None:
    """Who issued a notice and when (from the audit log); None for a draft."""
    if notice.id is None:
        return None
    entry = (
        AuditEntry.select()
        .where((AuditEntry.record_uuid == notice.uuid) & (AuditEntry.action == "新增"))
        .order_by(AuditEntry.time)
        .first()
    )
    return (entry.operator or "（未记录）", entry.time) if entry else None


def prepare_notice(quarter: str, day: dt.date | None = None) -> Notice:
    """The quarter's ranking notice: the issued one, else issued now with the next document number."""
    existing = notice_for_quarter(quarter)
    if existing is not None:
        return existing
    day = day or dt.date.today()
    body = draft_body(quarter, day)
    return issue_notice(
        Campaign.current(),
        title=notice_title(quarter),
        date=day,
        body=body,
        quarter=quarter,
        ranking=snapshot(rank_quarter(quarter)),
    )


def notice_ranking(notice: Notice) -> list[Place]:
    """The ranking a notice announces: as issued (kept with it), else (a draft) as computed now."""
    if notice.id is not None and notice.ranking:
        return from_snapshot(notice.ranking)
    return rank_quarter(notice.quarter)


def _attachment(official: OfficialDocument, notice: Notice) -> None:
    quarter = notice.quarter
    doc = official.doc
    official.new_page()
    doc.text(LEFT, official.baseline(0), "附件", "heiti", BODY)  # 附件标识：3号黑体，顶格
    official.line = 2
    official.centred(attachment_title(quarter), "biaosong", TITLE)
    official.blank()
    style = TableStyle(role="fangsong", size=14, header_role="heiti", padding=4)
    columns = [
        Column("名次", 30 * MM, "center"),  # “10（并列）” on one line
        Column("党组织", 44 * MM),
        Column("得分", 24 * MM, "center"),
        Column("备注", BLOCK_WIDTH - 98 * MM),
    ]
    rows = []
    for r in notice_ranking(notice):
        notes = ["连续2次排名后3位"] if r.twice_bottom else ["排名后3位"] if r.bottom else []
        rows.append(
            [f"{r.place}" + ("（并列）" if r.tied else ""), r.name, score_text(r.score), "；".join(notes)]
        )
    top = TOP + official.line * (BLOCK_HEIGHT / 22)

    def next_page() -> float:
        official.new_page()
        return TOP

    draw_table(doc, LEFT, top, columns, rows, style, TOP + BLOCK_HEIGHT, next_page)


@read_snapshot()
def build_notice(notice: Notice) -> Document:
    """Lay out a notice for printing (GB/T 9704-2012), with the ranking table as 附件."""
    campaign = notice.campaign
    doc = Document(notice.title, resolve_fonts(), make_scrubber())
    official = OfficialDocument(doc)
    official.masthead(campaign.issuer, notice.doc_no)
    official.centred(notice.title, "biaosong", TITLE)
    official.blank()
    paragraphs = [p for p in (notice.body or "").splitlines() if p.strip()]
    for n, text in enumerate(paragraphs):
        addressee = n == 0 and text.strip().endswith("：")
        official.paragraph(text, indent=0 if addressee else 2)
    quarter = notice.quarter
    if quarter:
        official.blank()
        # 附件说明：正文下空一行左空二字；回行时与附件名称对齐
        official.paragraph(f"附件：{attachment_title(quarter)}", hang=5)
    signature, date_text = campaign.issuer, cn_date(notice.date)
    sig_cells = sum(official.cells(c) for c in signature)
    date_cells = sum(official.cells(c) for c in date_text)
    official.keep_with_last_line(4)  # two blank lines, the signature and the date stay with the text
    official.blank(2)
    # 成文日期右空四字；发文机关署名以成文日期为准居中
    date_start = 28 - 4 - date_cells
    official.paragraph(signature, indent=0, shift=date_start + round(date_cells - sig_cells) / 2)
    official.paragraph(date_text, indent=0, shift=date_start)
    if quarter:
        _attachment(official, notice)
    official.imprint(imprint_office(campaign), date_text, copy_to_line())
    official.page_numbers()

    return doc
