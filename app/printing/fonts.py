"""Fonts for printing: the office's own 仿宋/黑体/楷体/宋体/小标宋 when installed, else free ones.

Each document role (body 仿宋, headings 黑体 and 楷体, tables 宋体, titles 小标宋) is looked
for in the Windows font folders, then through fontconfig, then among stand-ins as clerks
choose them in Word (小标宋 → 华文中宋, 宋体, 黑体), then among the free TrueType CJK fonts
(AR PL UKai for 楷体, AR PL UMing, WenQuanYi Zen Hei). When a role finds nothing at all it
borrows another role's font, so that printing never refuses while any embeddable CJK
TrueType font exists. Every font is embedded. OpenType fonts with CFF outlines (Noto CJK)
cannot be embedded by ReportLab and are skipped. A setting (``printing.fonts``: role →
file, optionally ``file#index`` for .ttc) overrides the choice.

A character the chosen font lacks (墕, 坬 and other north-western place-name characters
are missing from many fonts) is drawn from another installed font that has it; see
:func:`font_for` and :func:`missing_characters`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable
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
# Stand-ins among office fonts, as clerks pick them in Word when the role's own font is
# missing (华文中宋 comes with Microsoft Office).
_STAND_INS = {
    "fangsong": ("STFANGSO.TTF", "simsun.ttc"),
    "heiti": ("msyh.ttc", "simsun.ttc"),
    "kaiti": ("STKAITI.TTF", "simfang.ttf", "simsun.ttc"),
    "songti": ("simfang.ttf", "simkai.ttf"),
    "biaosong": ("STZHONGS.TTF", "simsun.ttc", "simhei.ttf"),
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
_FREE_KAI = (
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ("/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf", 0),
)
_FREE_SANS = (("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),)
# A free font standing in for each role: a 楷 for 楷体 (so that （一） headings do not look
# like body text), Ming (serif) for the 宋/仿宋 family, a bold-looking sans for 黑体 and the title.
_FREE = {
    "fangsong": _FREE_SERIF + _FREE_KAI + _FREE_SANS,
    "kaiti": _FREE_KAI + _FREE_SERIF + _FREE_SANS,
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
    folders = _font_dirs()
    for folder in folders:
        found += [(str(folder / name), 0, True) for name in _FILES[role]]
    installed = _fontconfig()
    found += [(*installed[f], True) for f in _FAMILIES[role] if f in installed]
    for folder in folders:
        found += [(str(folder / name), 0, False) for name in _STAND_INS[role]]
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
    return dict(_resolve(_where_fonts_come_from()))


def _where_fonts_come_from() -> str:
    # the cache key: the setting and the folders looked in (another WINDIR is another PC)
    return repr((sorted((settings.get(FONTS_KEY) or {}).items()), [str(d) for d in _font_dirs()]))


@lru_cache(maxsize=8)
def _resolve(_settings_key: str) -> tuple[tuple[str, FontChoice], ...]:
    chosen: dict[str, FontChoice] = {}
    for role in ROLES:
        for path, index, office in _candidates(role):
            choice = _register(role, path, index, office)
            if choice is not None:
                chosen[role] = choice
                break
    if not chosen:
        raise NoChineseFont(
            "找不到可嵌入的中文字体。请安装仿宋（simfang.ttf）、黑体（simhei.ttf）或宋体（simsun.ttc）后重试。"
        )
    # A role with nothing of its own borrows the first font found (printing never refuses
    # while one embeddable Chinese font exists); the print centre says it is a stand-in.
    first = next(iter(chosen.values()))
    for role in ROLES:
        if role not in chosen:
            chosen[role] = FontChoice(role, first.path, first.index, first.name, False)
    return tuple((role, chosen[role]) for role in ROLES)


# --- characters a font lacks ---------------------------------------------------------------


@lru_cache(maxsize=64)
def _coverage(name: str) -> frozenset[int]:
    """The code points a registered font has glyphs for."""
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def _fallback_names() -> tuple[str, ...]:
    """Every embeddable CJK font this PC has among the known ones, registered, in order of use."""
    return _fallbacks(_where_fonts_come_from())


@lru_cache(maxsize=8)
def _fallbacks(_key: str) -> tuple[str, ...]:
    names: list[str] = []
    for choice in resolve_fonts().values():
        if choice.name not in names:
            names.append(choice.name)
    for role in ROLES:
        for path, index, office in _candidates(role):
            extra = _register(role, path, index, office)
            if extra is not None and extra.name not in names:
                names.append(extra.name)
    return tuple(names)


def font_for(name: str, ch: str) -> str:
    """The font to draw ``ch`` in: ``name`` when it has the character, else the first installed
    font that has it (``name`` again when none has it: see :func:`missing_characters`)."""
    code = ord(ch)
    if code in _coverage(name) or ch.isspace():
        return name
    for other in _fallback_names():
        if code in _coverage(other):
            return other
    return name


def font_runs(text: str, name: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, piece) runs, each piece drawn in a font that has its characters."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = font_for(name, ch)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def missing_characters(texts: Iterable[str]) -> list[str]:
    """The characters of ``texts`` that no installed font can draw (they would print as □)."""
    names = _fallback_names()
    missing: dict[str, None] = {}
    for text in texts:
        for ch in text:
            if ch.isspace() or ch in missing or ord(ch) < 0x80:
                continue
            if not any(ord(ch) in _coverage(n) for n in names):
                missing[ch] = None
    return list(missing)


def font_note(missing: list[str] | None = None) -> str:
    """One line for the clerk: which fonts stand in for which use, and characters no font has."""
    parts = []
    stand_ins = [c for c in resolve_fonts().values() if not c.office]
    if stand_ins:
        parts.append(
            "替代字体：" + "；".join(f"{ROLES[c.role]}用 {Path(c.path).name}" for c in stand_ins) + "。"
        )
    if missing:
        parts.append(f"本机所有中文字体都没有这些字，会印成空框：{'、'.join(missing)}。")
    return "".join(parts)
