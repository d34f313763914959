"""The 通报 as a Word file (.docx) in the GB/T 9704-2012 layout, for last edits in WPS or Word.

The same notice as the PDF (:func:`app.printing.notice.build_notice`): A4 with the text
block 156 × 225 mm at 37 mm from the top and 28 mm from the left; 3号仿宋 on 22 lines of
28 characters (exact line pitch 225/22 mm, characters condensed a quarter point so that
28 fill a line); the red 发文机关标志 and rule; the title in 2号小标宋; 一、 headings in 黑体
and （一） in 楷体; signature and date placed as on paper; the ranking table as 附件; the
版记 at the foot of the last page; “— 1 —” page numbers, odd pages right and even pages left.
Fonts are named by their Windows names, so that the office PC's own fonts are used.
Every text passes the same privacy net as the printouts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.enum.text import WD_BREAK
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.shared import Pt
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

from app.printing.fonts import resolve_fonts
from app.printing.gbt9704 import BLOCK_HEIGHT
from app.printing.gbt9704 import BODY
from app.printing.gbt9704 import CELL
from app.printing.gbt9704 import LINES
from app.printing.gbt9704 import MM
from app.printing.gbt9704 import PAGE_NO
from app.printing.gbt9704 import TITLE
from app.printing.gbt9704 import heading_roles
from app.printing.gbt9704 import title_lines
from app.printing.letterhead import copy_to_line
from app.printing.letterhead import imprint_office
from app.printing.notice import attachment_title
from app.printing.notice import notice_ranking
from app.printing.page import Document
from app.printing.privacy import make_scrubber
from app.text import cn_date
from app.text import score_text
from models import Notice

# Windows font names by role (what Word and WPS on the office PC look up).
WINDOWS_NAMES = {
    "fangsong": "仿宋",
    "heiti": "黑体",
    "kaiti": "楷体",
    "songti": "宋体",
    "biaosong": "方正小标宋简体",
}
# What stands in for 小标宋 in Word when the office has no 方正 font, by the file used for print.
_STAND_IN_NAMES = {"stzhongs.ttf": "华文中宋", "simsun.ttc": "宋体", "simhei.ttf": "黑体"}
RED = RGBColor(0xE6, 0x00, 0x12)
LINE_PITCH = Pt(BLOCK_HEIGHT / LINES)  # 225/22 mm in points
CONDENSE = -5  # twentieths of a point per character: 28 × (16 − 0.25) pt fit 156 mm
TWIPS_PER_MM = 1440 / 25.4


def _font_names() -> dict[str, str]:
    names = dict(WINDOWS_NAMES)
    biaosong = resolve_fonts()["biaosong"]
    if not biaosong.office:
        names["biaosong"] = _STAND_IN_NAMES.get(Path(biaosong.path).name.lower(), "宋体")
    return names


class _Writer:
    def __init__(self, scrub: Callable[[str], str]):
        self.scrub = scrub
        self.fonts = _font_names()
        self.word = WordDocument()
        self._page_setup()

    # -- page --------------------------------------------------------------------------------
    def _page_setup(self) -> None:
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(297 - 37 - 225)
        section.left_margin, section.right_margin = Mm(28), Mm(210 - 28 - 156)
        section.footer_distance = Mm(297 - 37 - 225 - 7) - Pt(PAGE_NO)  # 一字线 7 mm below the block
        section.header_distance = Mm(15)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "default")  # exact line spacing keeps the 22 lines; no snapping
        grid.set(qn("w:linePitch"), str(round(BLOCK_HEIGHT / LINES * 20)))
        self.word.settings.odd_and_even_pages_header_footer = True
        self._page_number(section.footer.paragraphs[0], odd=True)
        self._page_number(section.even_page_footer.paragraphs[0], odd=False)
        normal = self.word.styles["Normal"]
        normal.font.size = Pt(BODY)
        self._set_font(normal.element.get_or_add_rPr(), "fangsong")
        ppr = normal.element.get_or_add_pPr()
        # no extra space between Chinese and digits or Latin letters: the grid stays 28 a line
        for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
            off = OxmlElement(name)
            off.set(qn("w:val"), "0")
            ppr.append(off)

    def _page_number(self, paragraph: Paragraph, odd: bool) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        fmt = paragraph.paragraph_format
        if odd:
            fmt.right_indent = Pt(PAGE_NO)  # 单页码居右空一字
        else:
            fmt.left_indent = Pt(PAGE_NO)  # 双页码居左空一字
        self._run(paragraph, "— ", "songti", PAGE_NO)
        run = self._run(paragraph, "", "songti", PAGE_NO)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            else:
                code = OxmlElement("w:instrText")
                code.set(qn("xml:space"), "preserve")
                code.text = text
                run._r.append(code)
        self._run(paragraph, " —", "songti", PAGE_NO)

    # -- text --------------------------------------------------------------------------------
    def _set_font(self, rpr, role: str) -> None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), self.fonts[role])

    def _run(self, paragraph: Paragraph, text: str, role: str, size: float, color: RGBColor | None = None):
        run = paragraph.add_run(self.scrub(text) if text else "")
        run.font.size = Pt(size)
        self._set_font(run._r.get_or_add_rPr(), role)
        if color is not None:
            run.font.color.rgb = color
        if size == BODY:
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), str(CONDENSE))
            run._r.get_or_add_rPr().append(spacing)
        return run

    def paragraph(
        self,
        text: str = "",
        *,
        roles: list[str] | None = None,
        size: float = BODY,
        align: WD_ALIGN_PARAGRAPH | None = None,
        first_line_chars: float = 0,
        left_chars: float = 0,
        right_chars: float = 0,
        color: RGBColor | None = None,
        line_pitch: Pt | None = None,
    ) -> Paragraph:
        """One paragraph on the line grid; ``roles`` gives each character's font role."""
        paragraph = self.word.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line_pitch or LINE_PITCH
        fmt.widow_control = False  # the grid, not Word, decides where a page ends
        if align is not None:
            paragraph.alignment = align
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        cell = CELL  # points per character cell of the body grid
        if first_line_chars:
            fmt.first_line_indent = Pt(cell * first_line_chars)
        if left_chars:
            fmt.left_indent = Pt(cell * left_chars)
        if right_chars:
            fmt.right_indent = Pt(cell * right_chars)
        text = self.scrub(text)
        roles = roles or ["fangsong"] * len(text)
        start = 0
        for i in range(1, len(text) + 1):
            if i == len(text) or roles[i] != roles[start]:
                self._run(paragraph, text[start:i], roles[start], size, color)
                start = i
        return paragraph

    def page_break(self) -> None:
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- the parts of a notice ------------------------------------------------------------------
    def masthead(self, issuer: str, doc_no: str) -> None:
        mark = f"{issuer}文件"
        # 发文机关标志: red 小标宋, at most 初号, 35 mm below the top of the block
        size = min(42.0, 156 * MM / max(len(mark), 1) * 0.98)
        self.paragraph(line_pitch=Pt(35 * MM - 0.075 * size))  # spacer: space before is dropped at a page top
        self.paragraph(
            mark,
            roles=["biaosong"] * len(mark),
            size=size,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            color=RED,
            line_pitch=Pt(size * 1.15),
        )
        self.paragraph()
        number = self.paragraph(doc_no, align=WD_ALIGN_PARAGRAPH.CENTER)
        # the red rule 4 mm below the number
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "11"), ("w:color", "E60012")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        number._p.get_or_add_pPr().append(borders)
        self.paragraph()
        self.paragraph()  # 红色分隔线下空二行

    def title(self, text: str, measure: Document) -> None:
        for line in title_lines(measure, self.scrub(text), "biaosong", TITLE):
            self.paragraph(
                line,
                roles=["biaosong"] * len(line),
                size=TITLE,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                line_pitch=Pt(TITLE * 1.5),
            )

    def imprint(self, office: str, day_text: str, copy_to: str = "") -> None:
        """版记: 抄送 (when set) and the office with its 印发日期 between two thick rules, a thin
        rule between them, held at the foot of the page in one frame."""
        lines = []
        if copy_to:
            lines.append(
                self.paragraph(
                    copy_to, align=WD_ALIGN_PARAGRAPH.LEFT, size=PAGE_NO, left_chars=PAGE_NO / CELL
                )
            )
        paragraph = self.paragraph(align=WD_ALIGN_PARAGRAPH.LEFT, size=PAGE_NO, left_chars=PAGE_NO / CELL)
        self._run(paragraph, office, "fangsong", PAGE_NO)
        tab_stops = paragraph.paragraph_format.tab_stops
        tab_stops.add_tab_stop(Mm(156) - Pt(PAGE_NO) - Pt(PAGE_NO), alignment=2)  # right, 右空一字
        self._run(paragraph, "\t" + f"{day_text}印发", "fangsong", PAGE_NO)
        lines.append(paragraph)
        for n, line in enumerate(lines):
            ppr = line._p.get_or_add_pPr()
            frame = OxmlElement("w:framePr")
            for key, value in (
                ("w:w", str(round(156 * TWIPS_PER_MM))),
                ("w:hAnchor", "margin"),
                ("w:vAnchor", "margin"),
                ("w:xAlign", "center"),
                ("w:yAlign", "bottom"),
                ("w:wrap", "notBeside"),
            ):
                frame.set(qn(key), value)
            ppr.insert(0, frame)
            borders = OxmlElement("w:pBdr")
            sides = []
            if n == 0:
                sides.append(("w:top", "8"))  # 首条分隔线（粗线）
            sides.append(("w:bottom", "8" if n == len(lines) - 1 else "4"))  # 末条粗线；中间细线
            for side, size in sides:
                rule = OxmlElement(side)
                for key, value in (
                    ("w:val", "single"),
                    ("w:sz", size),
                    ("w:space", "6"),
                    ("w:color", "000000"),
                ):
                    rule.set(qn(key), value)
                borders.append(rule)
            ppr.append(borders)

    def ranking_table(self, notice: Notice) -> None:
        widths = [30, 44, 24, 156 - 98]
        rows = notice_ranking(notice)
        table = self.word.add_table(rows=1 + len(rows), cols=4)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = ("名次", "党组织", "得分", "备注")
        for col, text in enumerate(header):
            self._cell(table.cell(0, col), text, "heiti", widths[col], centred=True)
        for i, r in enumerate(rows, start=1):
            notes = ["连续2次排名后3位"] if r.twice_bottom else ["排名后3位"] if r.bottom else []
            values = (
                f"{r.place}" + ("（并列）" if r.tied else ""),
                r.name,
                score_text(r.score),
                "；".join(notes),
            )
            for col, text in enumerate(values):
                self._cell(table.cell(i, col), text, "fangsong", widths[col], centred=col in (0, 2))

    def _cell(self, cell, text: str, role: str, width_mm: float, centred: bool) -> None:
        cell.width = Mm(width_mm)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        self._run(paragraph, text, role, 14)

    def save(self, path: Path) -> None:
        self.word.core_properties.title = self.scrub(self.word.core_properties.title or "")
        self.word.save(str(path))


def write_notice_docx(notice: Notice, path: str | Path) -> Path:
    """Write ``notice`` as a .docx in the GB/T 9704-2012 layout; returns the path written.

    The file is written whole under a temporary name and moved into place.
    """
    path = Path(path)
    campaign = notice.campaign
    scrub = make_scrubber()
    writer = _Writer(scrub)
    writer.word.core_properties.title = notice.title
    writer.word.core_properties.author = campaign.issuer
    measure = Document(notice.title, resolve_fonts(), scrub)
    writer.masthead(campaign.issuer, notice.doc_no)
    writer.title(notice.title, measure)
    writer.paragraph()
    paragraphs = [p for p in (notice.body or "").splitlines() if p.strip()]
    for n, text in enumerate(paragraphs):
        text = text.strip()
        addressee = n == 0 and text.endswith("：")
        writer.paragraph(text, roles=heading_roles(scrub(text)), first_line_chars=0 if addressee else 2)
    quarter = notice.quarter
    if quarter:
        writer.paragraph()
        writer.paragraph(f"附件：{attachment_title(quarter)}", first_line_chars=2)
    signature, date_text = campaign.issuer, cn_date(notice.date)
    writer.paragraph()
    writer.paragraph()
    date_cells = sum(0.5 if c.isascii() else 1 for c in date_text)
    sig_cells = sum(0.5 if c.isascii() else 1 for c in signature)
    # 成文日期右空四字；发文机关署名以成文日期为准居中
    writer.paragraph(
        signature, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=max(0, 4 + (date_cells - sig_cells) / 2)
    )
    writer.paragraph(date_text, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    if quarter:
        writer.page_break()
        writer.paragraph("附件", roles=["heiti", "heiti"], align=WD_ALIGN_PARAGRAPH.LEFT)
        writer.paragraph()
        writer.title(attachment_title(quarter), measure)
        writer.paragraph()
        writer.ranking_table(notice)
    writer.imprint(imprint_office(campaign), date_text, copy_to_line())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{id(writer)}.part")
    try:
        writer.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path
