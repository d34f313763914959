"""Layout helpers shared by the documents: wrapping by width and ruled tables across pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass

from app.printing.page import Document

# Characters that must not begin a line, and those that must not end one (避头尾).
NO_START = set("，。、；：？！）》」』”’〕】…—·%,.;:?!)]")
NO_END = set("（《「『“‘〔【([")


def break_ok(line: list, following: str | None) -> bool:
    """Whether a line may end here: the next character may start a line and the last may end one."""
    return not ((following is not None and following in NO_START) or (line and line[-1] in NO_END))


# What a line never splits: a number with its unit or its place (56.7分, 0.5分, 42个, 100%,
# 第3名), a date (2022年8月4日, 8月4日, 2022-08-04), a document number's year (〔2022〕), and a
# short word of up to four characters standing alone (a column heading such as 序号, 责任人).
_ATOM = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?"
    r"|\d{4}年"
    r"|第?[\d.]+(?:%|万元|元|分|个|次|人|项|天|名|位|户|条|件|页|期|号|季度|月|日|小时)?"
    r"|〔\d{4}〕"
    r"|[A-Za-z]+"
)
_SHORT_WORD = 4


def atoms(text: str) -> list[str]:
    """``text`` cut into the pieces a line may break between (a single character, mostly)."""
    if 1 < len(text) <= _SHORT_WORD and not any(ch.isspace() for ch in text):
        return [text]
    out: list[str] = []
    last = 0
    for match in _ATOM.finditer(text):
        out.extend(text[last : match.start()])
        out.append(match.group(0))
        last = match.end()
    out.extend(text[last:])
    return out


def wrap(doc: Document, text: str, role: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (explicit newlines kept)."""
    key = ("wrap", text, role, size, round(width, 2))
    found = doc._widths.get(key)  # the document's measuring cache: tables are measured repeatedly
    if found is None:
        found = doc._widths[key] = _wrap(doc, doc.scrub(text), role, size, width)
    return found


def _wrap(doc: Document, text: str, role: str, size: float, width: float) -> list[str]:
    return wrap_text(text, lambda piece: doc.measure(piece, role, size), width)


def wrap_text(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` as ``measure`` sees them.

    Lines break between :func:`atoms` only (a number keeps its unit, a date stays whole);
    closing punctuation hangs at the end of a full line instead of starting the next, and an
    opening bracket or quote moves down with what it opens (避头尾). Newlines are kept.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if measure(paragraph) <= width + 0.01:
            lines.append(paragraph)
            continue
        current: list[str] = []  # the atoms of the line being filled
        used = 0.0
        for atom in atoms(paragraph):
            if measure(atom) > width + 0.01:  # longer than the column: it has to break inside
                for ch in atom:
                    current, used = _place(lines, current, used, ch, measure, width)
                continue
            current, used = _place(lines, current, used, atom, measure, width)
        lines.append("".join(current))
    return lines


def _place(
    lines: list[str],
    current: list[str],
    used: float,
    atom: str,
    measure: Callable[[str], float],
    width: float,
) -> tuple[list[str], float]:
    """Put ``atom`` on the current line, or start a new one (keeping 避头尾 at the break)."""
    w = measure(atom)
    if current and used + w > width + 0.01:
        if atom in NO_START:
            # closing punctuation hangs at the end of the full line (标点悬挂), never starts one
            current.append(atom)
            return current, used + w
        carry: list[str] = []
        # an opening bracket or quote moves down with what it opens
        while len(current) > 1 and len(carry) < 2 and current[-1][-1:] in NO_END:
            carry.insert(0, current.pop())
        lines.append("".join(current))
        current = carry
        used = sum(measure(a) for a in current)
    current.append(atom)
    return current, used + w


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # points
    align: str = "left"


Row = list[str] | str  # a str is a heading row across all columns


@dataclass
class TableStyle:
    role: str = "songti"
    size: float = 10.5
    header_role: str = "heiti"
    heading_role: str = "heiti"
    padding: float = 3.0

    @property
    def leading(self) -> float:
        return self.size * 1.35


def _cell_lines(doc: Document, columns: list[Column], row: Row, style: TableStyle) -> list[list[str]]:
    if isinstance(row, str):
        total = sum(c.width for c in columns)
        return [wrap(doc, row, style.heading_role, style.size, total - 2 * style.padding)]
    return [
        wrap(doc, cell, style.role, style.size, col.width - 2 * style.padding)
        for cell, col in zip(row, columns, strict=True)
    ]


def row_height(doc: Document, columns: list[Column], row: Row, style: TableStyle) -> float:
    lines = max(len(cell) for cell in _cell_lines(doc, columns, row, style))
    return lines * style.leading + 2 * style.padding


def table_height(doc: Document, columns: list[Column], rows: Sequence[Row], style: TableStyle) -> float:
    header = row_height(doc, columns, [c.title for c in columns], style)
    return header + sum(row_height(doc, columns, r, style) for r in rows)


def draw_table(
    doc: Document,
    x: float,
    y: float,
    columns: list[Column],
    rows: Sequence[Row],
    style: TableStyle,
    bottom: float,
    new_page: Callable[[], float],
) -> float:
    """Draw a ruled table from ``y`` down; continues on new pages (header repeated). Returns the end y."""

    def draw_row(row: Row, top: float, role: str) -> float:
        cells = _cell_lines(doc, columns, row, style)
        height = max(len(c) for c in cells) * style.leading + 2 * style.padding
        right = x + sum(c.width for c in columns)
        doc.rule(x, top, right, top)
        doc.rule(x, top + height, right, top + height)
        edges = [x]
        for c in columns:
            edges.append(edges[-1] + c.width)
        shown_edges = [x, right] if isinstance(row, str) else edges
        for edge in shown_edges:
            doc.rule(edge, top, edge, top + height)
        spans = (
            [(x, right - x, "left")]
            if isinstance(row, str)
            else [(edge, c.width, c.align) for edge, c in zip(edges, columns, strict=False)]
        )
        for (left, width, align), lines in zip(spans, cells, strict=True):
            for n, line in enumerate(lines):
                base = top + style.padding + n * style.leading + style.size * 0.95
                if align == "center":
                    doc.text(left + width / 2, base, line, role, style.size, align="center")
                elif align == "right":
                    doc.text(left + width - style.padding, base, line, role, style.size, align="right")
                else:
                    doc.text(left + style.padding, base, line, role, style.size)
        return top + height

    header = [c.title for c in columns]
    header_style_role = style.header_role
    y = draw_row(header, y, header_style_role)
    for row in rows:
        if y + row_height(doc, columns, row, style) > bottom:
            y = new_page()
            y = draw_row(header, y, header_style_role)
        role = style.heading_role if isinstance(row, str) else style.role
        y = draw_row(row, y, role)
    return y
