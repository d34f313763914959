"""A laid-out document: A4 pages of positioned text runs and rules, written as PDF.

Coordinates are points (1/72 inch) from the page's top-left corner; a text run's ``y`` is
its baseline. A run may carry the x position of each character (``xs``), which is how the
GB/T 9704 character grid is kept exactly in print and in the window's preview alike.
Every text run passes the privacy filter before it is placed (see :mod:`privacy`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.printing.fonts import FontChoice
from app.printing.fonts import font_for
from app.printing.fonts import font_runs
from app.printing.fonts import missing_characters
from app.storage.safe_write import writing

MM = 72 / 25.4
A4_WIDTH, A4_HEIGHT = 210 * MM, 297 * MM
BLACK, RED = "#000000", "#E60012"


@dataclass(frozen=True)
class TextRun:
    x: float
    y: float
    text: str
    role: str
    size: float
    color: str = BLACK
    xs: tuple[float, ...] | None = None  # each character's own x (grid layout)


@dataclass(frozen=True)
class RuleLine:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: str = BLACK


@dataclass
class Page:
    items: list = field(default_factory=list)


@dataclass
class Document:
    """Pages and the fonts they are set in; ``scrub`` removes what must never be printed."""

    title: str
    fonts: dict[str, FontChoice]
    scrub: Callable[[str], str] = lambda text: text
    pages: list[Page] = field(default_factory=list)
    width: float = A4_WIDTH
    height: float = A4_HEIGHT
    _widths: dict = field(default_factory=dict, repr=False)  # (role, character) → width at 1 pt

    def new_page(self) -> Page:
        page = Page()
        self.pages.append(page)
        return page

    @property
    def page(self) -> Page:
        return self.pages[-1] if self.pages else self.new_page()

    def measure(self, text: str, role: str, size: float) -> float:
        """Width of ``text`` in points, set in ``role``'s font at ``size``."""
        widths = self._widths
        total = 0.0
        for ch in text:
            width = widths.get((role, ch))
            if width is None:  # measured once per character: layout measures every character often
                font = font_for(self.fonts[role].name, ch)  # another font where this one lacks it
                width = widths[(role, ch)] = pdfmetrics.stringWidth(ch, font, 1000) / 1000
            total += width
        return total * size

    def text(
        self,
        x: float,
        y: float,
        text: str,
        role: str,
        size: float,
        *,
        color: str = BLACK,
        align: str = "left",
        page: Page | None = None,
    ) -> float:
        """Place one line of text; ``align`` left/center/right is about ``x``. Returns its width."""
        text = self.scrub(text)
        width = self.measure(text, role, size)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        if text:
            (page or self.page).items.append(TextRun(x, y, text, role, size, color))
        return width

    def grid_text(
        self, xs: list[float], y: float, chars: list[str], role: str, size: float, color=BLACK
    ) -> None:
        """Place characters one by one at the given x positions (the text is already scrubbed)."""
        if chars:
            self.page.items.append(TextRun(xs[0], y, "".join(chars), role, size, color, tuple(xs)))

    def rule(
        self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5, color: str = BLACK
    ) -> None:
        self.page.items.append(RuleLine(x1, y1, x2, y2, width, color))

    def plain_text(self) -> str:
        """All text of all pages (for checks and tests)."""
        return "\n".join(i.text for p in self.pages for i in p.items if isinstance(i, TextRun))

    def missing_characters(self) -> list[str]:
        """Characters of the document that no installed font has (they would print as □)."""
        return missing_characters(i.text for p in self.pages for i in p.items if isinstance(i, TextRun))


def write_pdf(document: Document, out: str | Path) -> Path:
    """Write the document as a PDF file with every font embedded (subset)."""
    out = Path(out)
    with writing(out) as partial:
        _draw(document, partial)
    return out


def _draw(document: Document, out: Path) -> None:
    first_font = next(iter(document.fonts.values())).name  # no unembedded Helvetica in the preamble
    canvas = Canvas(
        str(out),
        pagesize=(document.width, document.height),
        pageCompression=1,
        initialFontName=first_font,
        initialFontSize=16,
    )
    canvas.setTitle(document.title)
    canvas.setCreator("五抓五提升工作台")
    height = document.height
    for page in document.pages:
        stroke = fill = current_font = None
        text = canvas.beginText()
        for item in page.items:
            if isinstance(item, RuleLine):
                if stroke != (item.color, item.width):
                    stroke = (item.color, item.width)
                    canvas.setStrokeColor(HexColor(item.color))
                    canvas.setLineWidth(item.width)
                # written directly: tables have thousands of rules and canvas.line formats slowly
                code = f"{item.x1:.2f} {height - item.y1:.2f} m {item.x2:.2f} {height - item.y2:.2f} l S"
                canvas._code.append(code)
                continue
            if fill != item.color:
                fill = item.color
                text.setFillColor(HexColor(item.color))
            name = document.fonts[item.role].name
            if item.xs is None:
                text.setTextOrigin(item.x, height - item.y)
                for font_name, piece in font_runs(item.text, name):
                    if (font_name, item.size) != current_font:
                        current_font = (font_name, item.size)
                        text.setFont(*current_font)
                    text.textOut(piece)
            else:
                for x, ch in zip(item.xs, item.text, strict=True):
                    font = (font_for(name, ch), item.size)
                    if font != current_font:
                        current_font = font
                        text.setFont(*font)
                    text.setTextOrigin(x, height - item.y)
                    text.textOut(ch)
        # one text object per page: switching font and colour only when they change
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
