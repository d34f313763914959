"""Fonts for printing: the office's own 仿宋/黑体/楷体/宋体/小标宋 when installed, else free ones.

Each document role (body 仿宋, headings 黑体 and 楷体, tables 宋体, titles 小标宋) is looked
for in the Windows font folders, then through fontconfig, then among the free TrueType CJK
fonts (WenQuanYi Zen Hei, AR PL UMing). Every font is embedded. OpenType fonts with CFF
outlines (Noto CJK) cannot be embedded by ReportLab and are skipped. A setting
(``printing.fonts``: role → file, optionally ``file#index`` for .ttc) overrides the choice.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.storage.paths import resource
from models import settings

FONTS_KEY = "printing.fonts"
settings.declare(FONTS_KEY, {}, "打印字体（按用途指定字体文件，留空为自动选择）")

ROLES = {
    "fangsong": "仿宋",
    "heiti": "黑体",
    "kaiti": "楷体",
    "songti": "宋体",
    "biaosong": "小标宋",
}

# Office font files by role, best first (Windows names; 方正 fonts installed by hand).
_FILES = {
    "fangsong": ("simfang.ttf", "仿宋_GB2312.ttf", "FS_GB2312.ttf", "STFANGSO.TTF"),
    "heiti": ("simhei.ttf", "STHEITI.TTF"),
    "kaiti": ("simkai.ttf", "楷体_GB2312.ttf", "KT_GB2312.ttf", "STKAITI.TTF"),
    "songti": ("simsun.ttc", "STSONG.TTF"),
    "biaosong": (
        "FZXBSJW.TTF",
        "方正小标宋简体.ttf",
        "方正小标宋简体.TTF",
        "FZXBSK.TTF",
        "方正小标宋_GBK.TTF",
    ),
}
# fontconfig family names by role.
_FAMILIES = {
    "fangsong": ("FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong"),
    "heiti": ("SimHei", "黑体", "STHeiti"),
    "kaiti": ("KaiTi", "楷体", "KaiTi_GB2312", "楷体_GB2312", "STKaiti"),
    "songti": ("SimSun", "宋体", "STSong"),
    "biaosong": ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXiaoBiaoSong-B05", "方正小标宋_GBK"),
}
_FREE_SERIF = (("/usr/share/fonts/truetype/arphic/uming.ttc", 0),)
_FREE_SANS = (("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),)
# A free font standing in for each role: Ming (serif) for the 宋/仿宋/楷 family, a bold-looking
# sans for 黑体 and the title.
_FREE = {
    "fangsong": _FREE_SERIF + _FREE_SANS,
    "kaiti": _FREE_SERIF + _FREE_SANS,
    "songti": _FREE_SERIF + _FREE_SANS,
    "heiti": _FREE_SANS + _FREE_SERIF,
    "biaosong": _FREE_SANS + _FREE_SERIF,
}


class NoChineseFont(RuntimeError):
    """No embeddable font that draws Chinese was found (the PDF would show boxes)."""


@dataclass(frozen=True)
class FontChoice:
    """The font file used for one role, and the name it is registered under in ReportLab."""

    role: str
    path: str
    index: int
    name: str
    office: bool  # the office's own font (not a free stand-in)

    @property
    def label(self) -> str:
        return f"{ROLES[self.role]}：{Path(self.path).name}" + ("" if self.office else "（替代字体）")


def _font_dirs() -> list[Path]:
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs.append(resource("fonts"))
    return dirs


@lru_cache(maxsize=1)
def _fontconfig() -> dict[str, tuple[str, int]]:
    """Family name → (file, index) of installed fonts, when fontconfig is there (not on Windows)."""
    if not shutil.which("fc-list"):
        return {}
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\t%{index}\t%{family}\n"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, tuple[str, int]] = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            for family in parts[2].split(","):
                found.setdefault(family.strip(), (parts[0], int(parts[1] or 0)))
    return found


def _candidates(role: str) -> list[tuple[str, int, bool]]:
    chosen = (settings.get(FONTS_KEY) or {}).get(role)
    found: list[tuple[str, int, bool]] = []
    if chosen:
        path, _, index = str(chosen).partition("#")
        found.append((path, int(index or 0), True))
    for folder in _font_dirs():
        found += [(str(folder / name), 0, True) for name in _FILES[role]]
    installed = _fontconfig()
    found += [(*installed[f], True) for f in _FAMILIES[role] if f in installed]
    found += [(path, index, False) for path, index in _FREE[role]]
    return found


def _register(role: str, path: str, index: int, office: bool) -> FontChoice | None:
    if not Path(path).is_file():
        return None
    digest = hashlib.md5(f"{path}#{index}".encode(), usedforsecurity=False).hexdigest()[:8]
    name = f"WZ-{digest}"  # one registration (and one embedded subset) per file, whatever its roles
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            font = TTFont(name, path, subfontIndex=index)
        except Exception:  # noqa: BLE001 (CFF outlines or a broken file: try the next candidate)
            return None
        if ord("中") not in font.face.charToGlyph:
            return None
        pdfmetrics.registerFont(font)
    return FontChoice(role, path, index, name, office)


def resolve_fonts() -> dict[str, FontChoice]:
    """The font of every role, registered with ReportLab; raises NoChineseFont when none is usable."""
    key = repr(sorted((settings.get(FONTS_KEY) or {}).items()))
    return dict(_resolve(key))


@lru_cache(maxsize=8)
def _resolve(_settings_key: str) -> tuple[tuple[str, FontChoice], ...]:
    chosen = []
    for role in ROLES:
        for path, index, office in _candidates(role):
            choice = _register(role, path, index, office)
            if choice is not None:
                chosen.append((role, choice))
                break
        else:
            raise NoChineseFont(
                f"找不到可嵌入的中文字体（{ROLES[role]}）。请安装仿宋（simfang.ttf）、黑体（simhei.ttf）等字体后重试。"
            )
    return tuple(chosen)
