"""Printing fonts: the setting chooses a font per role; unusable files fall back; never CFF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
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


UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
needs_free_fonts = pytest.mark.skipif(
    not all(Path(p).is_file() for p in (WQY, UMING, UKAI)), reason="the free CJK fonts are not installed"
)


@pytest.fixture
def windows_fonts(tmp_path, monkeypatch):
    """A stock Windows 10 PC: 仿宋, 黑体, 楷体, 宋体 under their Windows file names, no 方正小标宋,
    no fontconfig and none of Linux's free fonts where the program looks for them."""
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for name, source in (
        ("simfang.ttf", UMING),
        ("simhei.ttf", WQY),
        ("simkai.ttf", UKAI),
        ("simsun.ttc", UMING),
    ):
        (folder / name).symlink_to(source)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(fonts, "_fontconfig", lambda: {})
    monkeypatch.setattr(fonts, "_FREE", {role: () for role in fonts.ROLES})
    monkeypatch.setattr(fonts, "resource", lambda name: tmp_path / "no-bundled-fonts")
    return folder


@needs_free_fonts
def test_a_stock_windows_pc_prints_with_a_stand_in_for_xiaobiaosong(demo_db, windows_fonts):
    chosen = fonts.resolve_fonts()
    assert {role: Path(c.path).name for role, c in chosen.items()} == {
        "fangsong": "simfang.ttf",
        "heiti": "simhei.ttf",
        "kaiti": "simkai.ttf",
        "songti": "simsun.ttc",
        "biaosong": "simsun.ttc",  # as clerks do in Word when 方正小标宋 is missing
    }
    assert chosen["fangsong"].office and not chosen["biaosong"].office
    assert chosen["biaosong"].label == "小标宋：simsun.ttc（替代字体）"


@needs_free_fonts
def test_every_document_prints_on_a_stock_windows_pc(demo_db, windows_fonts, tmp_path):
    from app.printing.delivery import print_dispatch
    from app.printing.delivery import print_ledger
    from app.printing.delivery import print_wall_chart
    from app.printing.notice import build_notice
    from app.printing.notice import prepare_notice
    from app.printing.overdue_notice import print_overdue_notice
    from app.printing.page import write_pdf
    from app.printing.scorecards import build_scorecards
    from app.printing.summary import build_summary

    day = dt.date(2022, 9, 5)
    made = {
        "notice": lambda out: write_pdf(build_notice(prepare_notice("2022Q2", dt.date(2022, 7, 8))), out),
        "cards": lambda out: write_pdf(build_scorecards("2022Q2"), out),
        "summary": lambda out: write_pdf(build_summary(), out),
        "ledger": lambda out: print_ledger(out, day),
        "dispatch": lambda out: print_dispatch(out, dt.date(2022, 6, 1)),
        "wall": lambda out: print_wall_chart(out, day, "village", "A3"),
        "overdue": lambda out: print_overdue_notice(out, day),
    }
    for name, make in made.items():
        out = tmp_path / f"{name}.pdf"
        make(out)
        assert out.stat().st_size > 5000, name
        assert out.read_bytes().rstrip().endswith(b"%%EOF"), name  # whole


def _fonts_in(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


@needs_free_fonts
@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_a_place_name_character_the_body_font_lacks_is_drawn_from_another_font(
    demo_db, windows_fonts, tmp_path
):
    from app.printing.delivery import print_dispatch
    from app.printing.notice import build_notice
    from app.printing.notice import prepare_notice
    from app.printing.page import write_pdf
    from models import Organisation

    village = Organisation.live().where(Organisation.kind == "村党支部").order_by(Organisation.code).first()
    village.name, village.short_name = "马家墕村党支部", "马家墕村"
    village.save()
    chosen = fonts.resolve_fonts()
    body = chosen["fangsong"].name
    assert ord("墕") not in fonts._coverage(body)  # AR PL UMing (as simfang.ttf) lacks it
    stand_in = fonts.font_for(body, "墕")
    assert stand_in != body and ord("墕") in fonts._coverage(stand_in)

    notice = prepare_notice("2022Q2", dt.date(2022, 7, 8))
    document = build_notice(notice)
    assert "墕" in document.plain_text() and document.missing_characters() == []
    write_pdf(document, tmp_path / "notice.pdf")
    print_dispatch(tmp_path / "dispatch.pdf", dt.date(2022, 6, 1))
    for pdf in ("notice.pdf", "dispatch.pdf"):
        # the stand-in (WenQuanYi, as simhei.ttf) is embedded for the character
        assert len(_fonts_in(tmp_path / pdf)) >= 2, pdf
        assert (
            "墕"
            in subprocess.run(["pdftotext", str(tmp_path / pdf), "-"], capture_output=True, text=True).stdout
        )


def test_characters_no_font_has_are_named_before_printing(db_location, demo_db, tmp_path, capsys):
    from app.cli import main
    from models import Organisation

    village = Organisation.live().where(Organisation.kind == "村党支部").order_by(Organisation.code).first()
    village.short_name = "鿯家村"  # U+9FEF: newer than every font installed here
    village.save()
    assert fonts.missing_characters(["鿯家村", "红崖村"]) == ["鿯"]
    code = main(
        [
            "print",
            "notice",
            "--quarter",
            "2022Q2",
            "--out",
            str(tmp_path / "n.pdf"),
            "--db",
            str(db_location),
        ]
    )
    assert code == 0
    assert "打印出来会是空框：鿯" in capsys.readouterr().err
