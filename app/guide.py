"""The 使用说明 inside the program: the jobs of a quarter step by step, one section a topic.

The text lives in ``resources/help/guide.html`` (one ``<section id="…">`` a topic); the
page a clerk is on decides which section comes first.
"""

from __future__ import annotations

import re

from app.storage.paths import resource

# The topic of each page, by its title in the side lists (the rest: 日常录入).
PAGE_TOPICS = {
    "设置": "setup",
    "导入花名册": "setup",
    "批量登记党组织": "setup",
    "党组织": "setup",
    "党员": "setup",
    "数据交换": "import",
    "督查评分": "inspection",
    "督查排名": "ranking",
    "打印中心": "ranking",
    "问题台账管理": "ledger",
    "问题台账": "ledger",
    "下发重点任务": "delivery",
    "挂图作战": "delivery",
    "月调度汇总": "delivery",
    "备份与恢复": "backup",
    "操作日志": "backup",
}
_SECTION = re.compile(r'<section id="([a-z]+)">(.*?)</section>', re.S)


def guide_sections() -> list[tuple[str, str]]:
    """(topic, html) of every section of the guide, in the guide's order."""
    text = resource("help/guide.html").read_text(encoding="utf-8")
    return _SECTION.findall(text)


def guide_html(page_title: str | None = None) -> str:
    """The whole guide as one HTML text, the section for ``page_title`` first."""
    sections = guide_sections()
    topic = PAGE_TOPICS.get(page_title or "", "records")
    first = [html for t, html in sections if t == topic]
    rest = [html for t, html in sections if t != topic]
    lead = f"<p style='color:#555'>当前页面：{page_title}</p>" if page_title else ""
    return "<h1>五抓五提升 工作台 使用说明</h1>" + lead + "".join(first + ["<hr>"] + rest)
