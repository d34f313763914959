"""Painting a laid-out document (app.printing.page.Document) with QPainter.

The print centre's preview and the office printer both go through :func:`paint_page`, with
the same font files the PDF embeds, so what is previewed is what is printed. (QtPdf, which
could show the PDF itself, is not part of PySide6-Essentials.)
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtGui import QFont
from PySide6.QtGui import QFontDatabase
from PySide6.QtGui import QImage
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPen
from PySide6.QtPrintSupport import QPrinter

from app.printing.page import Document
from app.printing.page import RuleLine

_families: dict[tuple[str, int], str] = {}


def font_families(document: Document) -> dict[str, str]:
    """The Qt family of each role's font file, loading the files into Qt once."""
    result = {}
    for role, choice in document.fonts.items():
        key = (choice.path, choice.index)
        if key not in _families:
            font_id = QFontDatabase.addApplicationFont(choice.path)
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            _families[key] = families[min(choice.index, len(families) - 1)] if families else ""
        result[role] = _families[key]
    return result


def paint_page(
    painter: QPainter, document: Document, index: int, families: dict[str, str], scale: float
) -> None:
    """Paint page ``index`` with ``scale`` device pixels per point, origin at the paper's corner."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    fonts: dict[tuple[str, float], QFont] = {}
    for item in document.pages[index].items:
        if isinstance(item, RuleLine):
            pen = QPen(QColor(item.color))
            pen.setWidthF(max(item.width * scale, 1.0))
            painter.setPen(pen)
            painter.drawLine(
                QPointF(item.x1 * scale, item.y1 * scale), QPointF(item.x2 * scale, item.y2 * scale)
            )
            continue
        key = (item.role, item.size)
        if key not in fonts:
            font = QFont(families.get(item.role, ""))
            font.setPixelSize(max(1, round(item.size * scale)))
            fonts[key] = font
        painter.setFont(fonts[key])
        painter.setPen(QColor(item.color))
        y = item.y * scale
        if item.xs is None:
            painter.drawText(QPointF(item.x * scale, y), item.text)
        else:
            for x, ch in zip(item.xs, item.text, strict=True):
                painter.drawText(QPointF(x * scale, y), ch)
    painter.restore()


def page_image(document: Document, index: int, dpi: float = 96.0) -> QImage:
    """Page ``index`` as an image at ``dpi`` (for the preview)."""
    scale = dpi / 72.0
    image = QImage(round(document.width * scale), round(document.height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_page(painter, document, index, font_families(document), scale)
    painter.end()
    return image


def print_pages(document: Document, printer: QPrinter, pages: list[int] | None = None, progress=None) -> bool:
    """Send pages to ``printer`` (all when ``pages`` is None); ``progress(i, n)`` False stops it."""
    printer.setFullPage(True)  # our coordinates start at the paper's corner, as in the PDF
    painter = QPainter()
    if not painter.begin(printer):
        return False
    families = font_families(document)
    wanted = list(range(len(document.pages))) if pages is None else pages
    scale = printer.resolution() / 72.0
    for n, index in enumerate(wanted):
        if progress is not None and progress(n, len(wanted)) is False:
            break
        if n:
            printer.newPage()
        paint_page(painter, document, index, families, scale)
    painter.end()
    return True
