"""A CJK TrueType font for the 抓落实 printouts, registered with ReportLab once.

The office's own 宋体/黑体 is preferred when Windows has it; otherwise a free CJK font
(WenQuanYi Zen Hei, AR PL UMing) or one shipped in the program's resources. ReportLab
embeds the font, so the PDF prints the same on any PC.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resource

FONT_NAME = "WZBody"

_CANDIDATES = (
    "simsun.ttc",
    "simhei.ttf",
    "msyh.ttc",
)
_FREE = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",  # only if it is TrueType-flavoured
)


class NoChineseFont(RuntimeError):
    """No font that can draw Chinese was found (the PDF would show boxes)."""


def font_candidates() -> list[Path]:
    """Where a usable font may be, best first."""
    windows = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    found = [windows / name for name in _CANDIDATES]
    found += [resource("fonts", name) for name in ("wqy-zenhei.ttc", "simsun.ttc")]
    found += [Path(p) for p in _FREE]
    return found


def body_font() -> str:
    """The registered name of the body font (registering it the first time)."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for path in font_candidates():
        if not path.is_file():
            continue
        try:
            font = TTFont(FONT_NAME, str(path), subfontIndex=0) if path.suffix == ".ttc" else None
            font = font or TTFont(FONT_NAME, str(path))
        except Exception:  # noqa: BLE001 (a CFF-flavoured or broken file: try the next one)
            continue
        pdfmetrics.registerFont(font)
        return FONT_NAME
    raise NoChineseFont("找不到可以打印中文的字体。请在 Windows 字体目录中安装宋体（simsun.ttc）后重试。")
