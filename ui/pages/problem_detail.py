"""The panel under the ledger: one problem from the inspection that found it to its closing."""

from __future__ import annotations

import datetime as dt
from html import escape

from app.delivery import problems as rules
from models import Problem


def detail_html(problem: Problem, day: dt.date) -> str:
    """Rich text for a QLabel: the facts, the plan, the evidence and the history."""
    late = rules.days_overdue(problem, day)
    shown = rules.shown_state(problem)  # 待确认 / 被退回（原因） between the village and the town
    if rules.is_overdue(problem, day):
        state = f"<span style='color:#C00000'><b>{escape(shown)}，已逾期{late}天</b></span>"
    else:
        state = f"<b>{escape(shown)}</b>" + (f"（超期{late}天完成）" if late else "")
    lines = [
        f"<b>{escape(problem.org.label)}</b>　{escape(problem.description)}",
        f"状态：{state}　整改时限：{problem.deadline.isoformat()}　责任人：{escape(problem.responsible)}",
    ]
    if problem.reopened:
        lines.append(
            f"<span style='background:#FFF2CC'>回头看未通过，已重新整改 {problem.reopened} 次</span>"
        )
    lines.append(f"整改方案：{escape(problem.plan) or '<i>未填写</i>'}")
    if problem.evidence:
        lines.append(f"整改佐证：{escape(problem.evidence)}")
    if problem.proposed:
        lines.append(f"村（社区）拟完成日期：{problem.proposed.isoformat()}")
    steps = "".join(f"<li>{d.isoformat()}　{escape(text)}</li>" for d, text in rules.history(problem))
    lines.append(f"经过：<ol style='margin:0'>{steps}</ol>")
    return "<br/>".join(lines)
