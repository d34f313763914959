"""GB/T 9704-2012 《党政机关公文格式》 layout: the page grid, the 版头, paragraphs, page numbers.

A4 with the text block 156 × 225 mm at 37 mm from the top and 28 mm from the left. The
body is 3号仿宋 (16 pt) on a grid of 22 lines × 28 characters: line pitch 225/22 mm,
character pitch 156/28 mm. Each character is placed on its grid cell, so a full body line
holds exactly 28 characters (digits and Latin letters take half a cell); a line breaks one
character early only where it would otherwise begin with closing punctuation (避头尾).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from app.printing.layout import break_ok
from app.printing.layout import wrap
from app.printing.page import BLACK
from app.printing.page import MM
from app.printing.page import RED
from app.printing.page import Document
from app.printing.page import TextRun

LEFT, TOP = 28 * MM, 37 * MM
BLOCK_WIDTH, BLOCK_HEIGHT = 156 * MM, 225 * MM
LINES, CHARS = 22, 28
LINE = BLOCK_HEIGHT / LINES
CELL = BLOCK_WIDTH / CHARS
BODY, TITLE, PAGE_NO = 16.0, 22.0, 14.0  # 3号, 2号, 4号
MARK_MAX = 42.0  # 初号; shrunk when the issuing body's name is long
MARK_GAP = 35 * MM  # 发文机关标志上边缘至版心上边缘
RULE_GAP = 4 * MM  # 发文字号之下 4 mm 的红色分隔线
PAGE_NO_GAP = 7 * MM  # 页码一字线距版心下边缘

_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


HEADING_MAX = 24  # a run-in heading is short; a longer first sentence is a numbered paragraph


def heading_roles(text: str) -> list[str]:
    """The font role of each character: 一、 headings 黑体, （一） 楷体 up to the first 。, else 仿宋.

    Only a short heading is set in 黑体/楷体 (“（一）提高思想认识。”); an item whose first sentence
    runs on (“（一）上述党组织要立即……，于9月20日前整改到位。”) is body text in 仿宋 throughout.
    """
    role = "heiti" if _LEVEL1.match(text) else "kaiti" if _LEVEL2.match(text) else None
    end = text.find("。")
    if role is None or end + 1 > HEADING_MAX:  # a heading line without 。 is a heading at any length
        return ["fangsong"] * len(text)
    end = len(text) if end < 0 else end + 1
    return [role] * end + ["fangsong"] * (len(text) - end)


# Where a two-line title may break so that each line reads as a whole (词意完整): after these…
_BREAK_AFTER = ("关于", "”", "行动", "季度", "年度", "工作")
# …and before these.
_BREAK_BEFORE = ("督查", "情况", "的通报", "的通知", "的决定", "的报告", "的意见", "有关", "工作")


def title_lines(doc: Document, text: str, role: str, size: float, width: float = BLOCK_WIDTH) -> list[str]:
    """A title broken into lines that keep words whole and are of similar length (梯形/菱形排列).

    A title that fits stays on one line. Two lines break at a word boundary (after 关于, a
    closing quote, 行动…; before 督查, 情况, 的通报…) and never inside a number or a quotation;
    of those the most even pair wins, the upper line preferably the longer. Longer titles are
    wrapped by width.
    """
    text = doc.scrub(text)
    if doc.measure(text, role, size) <= width + 0.01:
        return [text]
    best: tuple[float, int] | None = None
    for i in range(1, len(text)):
        head, tail = text[:i], text[i:]
        first, second = doc.measure(head, role, size), doc.measure(tail, role, size)
        if first > width + 0.01 or second > width + 0.01:
            continue
        if not break_ok(list(head), tail[0]) or (head[-1].isascii() and tail[0].isascii()):
            continue
        if head.count("“") > head.count("”"):  # inside a quotation
            continue
        natural = head.endswith(_BREAK_AFTER) or tail.startswith(_BREAK_BEFORE)
        cost = abs(first - second) + (0 if natural else 4 * size) + (0 if first >= second else size / 2)
        if best is None or cost < best[0]:
            best = (cost, i)
    if best is None:
        return wrap(doc, text, role, size, width)
    return [text[: best[1]], text[best[1] :]]


NUMBER_MAX = 12  # a number or Latin word up to this long is never split across lines


def _in_number(before: str, after: str) -> bool:
    """Whether a line break between these two characters would split a number (“60.64”, “2022”)."""
    return all(c.isascii() and (c.isalnum() or c in ".%:/") for c in (before, after))


def _lowest(item) -> float:
    """How far down the page an item reaches (a text's baseline, a rule's lower end)."""
    return item.y if isinstance(item, TextRun) else max(item.y1, item.y2)


class OfficialDocument:
    """Builds the pages of a 公文 line by line on the GB/T 9704 grid."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.line = 0
        self.unnumbered: set[int] = set()  # indexes of pages left without a page number
        doc.new_page()

    # -- the grid ---------------------------------------------------------------------------
    def baseline(self, line: int, size: float = BODY) -> float:
        """Baseline of grid line ``line`` (0-based) for text of ``size``, centred in the line."""
        return TOP + line * LINE + LINE / 2 + 0.36 * size

    def cells(self, ch: str, role: str = "fangsong") -> float:
        """Grid cells a character takes: 1, or ½ for half-width digits and letters."""
        return 0.5 if self.doc.measure(ch, role, BODY) <= BODY * 0.6 else 1.0

    def new_page(self) -> None:
        self.doc.new_page()
        self.line = 0

    def _room(self) -> None:
        if self.line >= LINES:
            self.new_page()

    def blank(self, n: int = 1) -> None:
        """Empty lines (none carried to the top of a new page)."""
        self.line = min(self.line + n, LINES)

    # -- text -------------------------------------------------------------------------------
    def grid_lines(
        self, text: str, indent: float = 2, roles: list[str] | None = None, hang: float = 0
    ) -> list[list[tuple]]:
        """Break a paragraph on the grid: lines of (character, role, cell) with at most 28 cells.

        Following lines start ``hang`` cells in (0: flush left; 附件说明 aligns them under the name).
        """
        roles = roles or ["fangsong"] * len(text)
        lines: list[list[tuple]] = []
        current: list[tuple] = []
        pos = indent
        for ch, role in zip(text, roles, strict=True):
            width = self.cells(ch, role)
            if current and pos + width > CHARS + 1e-9:
                carry: list[tuple] = []
                moved = 0  # characters moved for 避头尾 (at most two); a number moves whole
                while len(current) > 1:
                    following = (carry or [(ch,)])[0][0]
                    if _in_number(current[-1][0], following):
                        if len(carry) >= NUMBER_MAX:
                            break
                    elif moved >= 2 or break_ok([c[0] for c in current], following):
                        break
                    else:
                        moved += 1
                    carry.insert(0, current.pop())
                lines.append(current)
                current, pos = [], float(hang)
                for c, r, _cell in carry:
                    current.append((c, r, pos))
                    pos += self.cells(c, r)
            current.append((ch, role, pos))
            pos += width
        if current:
            lines.append(current)
        return lines

    def paragraph(self, text: str, indent: float = 2, shift: float = 0, hang: float = 0) -> None:
        """A body paragraph: first line indented two characters, following lines flush left."""
        text = self.doc.scrub(text.strip())
        if not text:
            return
        for cells in self.grid_lines(text, indent, heading_roles(text), hang):
            self._room()
            y = self.baseline(self.line)
            start = 0
            while start < len(cells):  # one run per font role
                role = cells[start][1]
                end = start
                while end < len(cells) and cells[end][1] == role:
                    end += 1
                run = cells[start:end]
                self.doc.grid_text(
                    [LEFT + (c[2] + shift) * CELL for c in run], y, [c[0] for c in run], role, BODY
                )
                start = end
            self.line += 1

    def right_text(self, text: str, right_space: float) -> None:
        """One line ending ``right_space`` cells before the right edge of the block."""
        self._room()
        text = self.doc.scrub(text)
        width = sum(self.cells(c) for c in text)
        start = CHARS - right_space - width
        self.paragraph(text, indent=0, shift=start)

    def centred(self, text: str, role: str, size: float, color: str = BLACK) -> None:
        """Centred lines (a title), broken at word boundaries (see title_lines), one grid line each."""
        for line in title_lines(self.doc, text, role, size):
            self._room()
            self.doc.text(
                LEFT + BLOCK_WIDTH / 2,
                self.baseline(self.line, size),
                line,
                role,
                size,
                color=color,
                align="center",
            )
            self.line += 1

    def keep_with_last_line(self, needed: int) -> None:
        """Make room for ``needed`` more lines here, carrying the last text line over if need be.

        GB/T 9704 (7.3.5.4) lets no page hold only the signature and date: when they do not fit
        under the body, the body's last line goes over with them.
        """
        if self.line + needed <= LINES:
            return
        page = self.doc.page
        runs = [
            i
            for i in page.items
            if isinstance(i, TextRun) and i.size == BODY and TOP < i.y < TOP + BLOCK_HEIGHT
        ]
        if not runs:
            self.new_page()
            return
        last_y = max(r.y for r in runs)
        moved = [r for r in runs if r.y == last_y]
        page.items = [i for i in page.items if not any(i is m for m in moved)]
        self.new_page()
        y = self.baseline(0)
        self.doc.page.items += [replace(r, y=y) for r in moved]
        self.line = 1

    # -- 版头 --------------------------------------------------------------------------------
    def masthead(self, issuer: str, doc_no: str) -> None:
        """Red issuing-body mark, the document number two lines below, and the red rule."""
        mark = f"{issuer}文件"
        unit = self.doc.measure(mark, "biaosong", 1.0)
        size = min(MARK_MAX, BLOCK_WIDTH / unit if unit else MARK_MAX)
        mark_base = TOP + MARK_GAP + 0.86 * size
        self.doc.text(LEFT + BLOCK_WIDTH / 2, mark_base, mark, "biaosong", size, color=RED, align="center")
        number_line = math.ceil((mark_base + 0.14 * size - TOP) / LINE) + 2
        number_base = self.baseline(number_line)
        self.doc.text(LEFT + BLOCK_WIDTH / 2, number_base, doc_no, "fangsong", BODY, align="center")
        rule_y = number_base + 0.14 * BODY + RULE_GAP
        self.doc.rule(LEFT, rule_y, LEFT + BLOCK_WIDTH, rule_y, width=1.5, color=RED)
        self.line = math.ceil((rule_y - TOP) / LINE) + 2  # 红色分隔线下空二行

    def imprint(self, office: str, day_text: str, copy_to: str = "") -> None:
        """版记 at the foot of the last page: 印发机关 and 印发日期 in 4号仿宋 between two thick rules.

        A ``copy_to`` line (“抄送：……。”) goes above them, parted by a thin rule. The 版记
        goes on an even page (封四, the back of the last sheet). When the text ends on an
        odd page, or leaves no room, it moves to the next even page; a blank page put in before
        it, and then the 版记 page too, carry no page number (GB/T 9704-2012 7.5).
        """
        doc = self.doc
        bottom = TOP + BLOCK_HEIGHT
        row = 9 * MM
        height = row * (2 if copy_to else 1)
        top = bottom - height
        lowest = max((_lowest(i) for i in doc.page.items), default=0.0)
        if lowest > top - 4 * MM:
            self.new_page()
            if len(doc.pages) % 2:  # the text filled an even page: a blank page, then the 版记
                self.unnumbered.update({len(doc.pages) - 1, len(doc.pages)})
                self.new_page()
        elif len(doc.pages) % 2:
            self.new_page()
        doc.rule(LEFT, top, LEFT + BLOCK_WIDTH, top, width=0.35 * MM)  # 首条分隔线（粗线）
        doc.rule(LEFT, bottom, LEFT + BLOCK_WIDTH, bottom, width=0.35 * MM)  # 末条分隔线，与版心下边缘重合
        if copy_to:
            doc.rule(LEFT, top + row, LEFT + BLOCK_WIDTH, top + row, width=0.25 * MM)  # 中间分隔线（细线）
            doc.text(LEFT + PAGE_NO, top + row / 2 + 0.36 * PAGE_NO, copy_to, "fangsong", PAGE_NO)  # 左空一字
        y = top + (height - row) + row / 2 + 0.36 * PAGE_NO
        doc.text(LEFT + PAGE_NO, y, office, "fangsong", PAGE_NO)  # 左空一字
        doc.text(
            LEFT + BLOCK_WIDTH - PAGE_NO, y, f"{day_text}印发", "fangsong", PAGE_NO, align="right"
        )  # 右空一字

    def page_numbers(self) -> None:
        """“— 1 —” in 4号, 7 mm below the block: odd pages right, even pages left, one character in."""
        for n, page in enumerate(self.doc.pages, start=1):
            if n - 1 in self.unnumbered:
                continue
            y = TOP + BLOCK_HEIGHT + PAGE_NO_GAP + 0.3 * PAGE_NO
            label = f"— {n} —"
            if n % 2:
                self.doc.text(
                    LEFT + BLOCK_WIDTH - PAGE_NO, y, label, "songti", PAGE_NO, align="right", page=page
                )
            else:
                self.doc.text(LEFT + PAGE_NO, y, label, "songti", PAGE_NO, page=page)
