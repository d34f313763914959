"""Printing fonts: the setting chooses a font per role; unusable files fall back; never CFF."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.printing import fonts
from models import settings

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

needs_wqy = pytest.mark.skipif(not Path(WQY).is_file(), reason="WenQuanYi Zen Hei not installed")


@needs_wqy
def test_setting_chooses_the_body_font(db):
    settings.put(fonts.FONTS_KEY, {"fangsong": f"{WQY}#0"})
    chosen = fonts.resolve_fonts()
    assert chosen["fangsong"].path == WQY and chosen["fangsong"].office
    assert set(chosen) == set(fonts.ROLES)
    assert chosen["fangsong"].label.startswith("仿宋：wqy-zenhei.ttc")


@needs_wqy
def test_missing_or_cff_font_falls_back_to_an_embeddable_one(db, tmp_path):
    settings.put(fonts.FONTS_KEY, {"fangsong": str(tmp_path / "没有.ttf"), "heiti": NOTO})
    chosen = fonts.resolve_fonts()
    assert chosen["fangsong"].path != str(tmp_path / "没有.ttf")
    assert "Noto" not in chosen["heiti"].path  # OpenType CFF cannot be embedded by ReportLab
    assert not chosen["heiti"].office or Path(chosen["heiti"].path).suffix.lower() in (".ttf", ".ttc")


def test_no_font_at_all_is_a_clear_message(db, monkeypatch):
    monkeypatch.setattr(fonts, "_candidates", lambda role: [("/nowhere/none.ttf", 0, True)])
    settings.put(fonts.FONTS_KEY, {"songti": "/nowhere/none.ttf"})  # a fresh cache key
    with pytest.raises(fonts.NoChineseFont, match="找不到可嵌入的中文字体"):
        fonts.resolve_fonts()
