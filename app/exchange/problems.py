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
            return f"{where}：“{self.value}”不对，应为{self.expected}"
        return f"{where}：{self.expected}"


def shown(value: object, limit: int = 40) -> str:
    """A cell value as the clerk sees it, shortened for a message."""
    if value is None:
        return ""
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
