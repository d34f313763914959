"""What is wrong with a file, a sheet, a row or a cell, said the way a clerk can act on it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One refused cell (or row, when ``column`` is empty): where, the bad value, what is expected."""

    file: str
    sheet: str
    row: int
    column: str  # column letter, "" for a whole row
    header: str
    value: str
    expected: str

    def __str__(self) -> str:
        where = f"文件“{self.file}”工作表“{self.sheet}”第{self.row}行"
        if self.column:
            where += f"{self.column}列（{self.header}）"
        elif self.header:
            where += f"“{self.header}”"
        if self.value:
            # the value is quoted already: a check's own "（现为“…”）" would say it twice
            expected = self.expected.replace(f"（现为“{self.value}”）", "")
            return f"{where}：“{self.value}”{reason(expected)}"
        return f"{where}：{self.expected}"


# Messages that already say what is wrong (不能小于 0, 是15位旧号码…), unlike those naming what
# would do (日期，如 2022-05-01), which read after 不对，应为.
_SENTENCES = (
    "应为",
    "应写成",
    "是",
    "不",
    "必须",
    "只能",
    "太长",
    "中间",
    "校验",
    "与",
    "这",
    "没有",
    "有",
    "身份证号被",
    "末三位",
)


def reason(expected: str) -> str:
    """What follows a quoted bad value: 不对，应为日期… or the sentence as it stands."""
    return expected if expected.startswith(_SENTENCES) else f"不对，应为{expected}"


def shown(value: object, limit: int = 40) -> str:
    """A cell value as the clerk sees it, shortened for a message."""
    if value is None:
        return ""
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
