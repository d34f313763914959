"""Qt's own texts that its Chinese translation (qtbase_zh_CN) leaves in English.

The file dialog's “Look in:” and “Files of type:”, the “Folder” type of its list and the
page set-up title are missing from the shipped translation; on Linux, where Qt draws these
dialogs itself, a clerk would see them in English. This translator fills just those gaps;
everything else still comes from qtbase_zh_CN.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtCore import QTranslator

# (context, English source) -> Chinese; the disambiguation does not matter for these.
MISSING_TEXTS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QPageSetupDialog", "Page Setup"): "页面设置",
    ("QPageSetupWidget", "Page &order:"): "页面顺序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张页数(&P)：",
    ("QPrintSettingsOutput", "Page &Set:"): "打印页面(&S)：",
}


class MissingQtTexts(QTranslator):
    """Answers only for :data:`MISSING_TEXTS`; no answer lets Qt ask the next translator."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return MISSING_TEXTS.get((context, source))  # None: Qt asks qtbase_zh_CN

    def isEmpty(self) -> bool:
        return False


def use_chinese_locale() -> None:
    """Dates, month and day names in Chinese even on a PC set to another language."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
