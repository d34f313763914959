"""Opening a workbook from a USB stick without trusting it.

Before openpyxl parses anything we look at the bytes: an old .xls/.et or an encrypted
workbook (both OLE2 files) renamed to .xlsx, a truncated zip (stick pulled out), a zip bomb
(declared sizes and ratios checked before decompressing), XML with a DOCTYPE anywhere in
it (entity tricks), macros. Rows are then streamed in read-only mode
without trusting the sheet's dimension record (WPS writes wrong or missing ones).
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG
from openpyxl.worksheet._reader import INLINE_STRING
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from app.storage.errors import cause_of_os_error

from .meta import FileInfo
from .meta import parse
from .sheets import META_SHEET

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # well-formed sheets compress 5–30×; bombs thousands of times
MAX_COLUMNS = 200  # no sheet of ours has more; a cell at column XFD is not data
# A village's package holds a few thousand rows, a town's of all records some tens of
# thousands: more is junk, refused before it costs minutes and gigabytes.
MAX_ROWS = 100_000
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class FileRefused(Exception):
    """The whole file cannot be read; the message names the file and says what to do."""


class CheckCancelled(Exception):
    """The person stopped the check of a file (nothing was written)."""


def _never() -> bool:
    return False


# A cell is a plain tuple (column, value, data_type) — millions are made, so no class.
# data_type is openpyxl's n s b d e, or "nocache": a formula that was never calculated; only
# "e" and "nocache" are relied upon (the fast reader, which never sees either, says "n").
Cell = tuple


@dataclass
class SheetData:
    title: str
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)


try:  # the fast reader; without it every sheet is read by openpyxl
    import python_calamine
except ImportError:  # pragma: no cover (installed with the program)
    python_calamine = None  # type: ignore[assignment]


def _as_openpyxl(value: Any) -> Any:
    """A value as openpyxl reads it: a whole number as int (calamine gives every number as float)."""
    if value.__class__ is float and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"


class _Parser(WorkSheetParser):
    """openpyxl's sheet parser, telling a never-calculated formula from an empty cell.

    Text written inline (openpyxl and our own packages write every string so) is read
    straight from its elements: openpyxl builds a rich-text object per cell for it, which
    costs more than all the rest of reading the cell.
    """

    def parse_cell(self, element):
        if element.get("t") == "inlineStr":
            cell = self._inline_cell(element)
        else:
            cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["data_type"] = "nocache"
        return cell

    def _inline_cell(self, element) -> dict:
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        value, data_type = None, "inlineStr"
        child = element.find(INLINE_STRING)
        if child is not None:
            # the plain text and the text of each formatted run; phonetic guides (rPh) are not text
            parts = [t.text or "" for t in child.findall(_TEXT_TAG)]
            parts.extend(t.text or "" for run in child.findall(_RUN_TAG) for t in run.findall(_TEXT_TAG))
            value, data_type = "".join(parts), "s"
        return {"row": row, "column": column, "value": value, "data_type": data_type, "style_id": 0}


def _refuse(path: Path, why: str) -> FileRefused:
    return FileRefused(f"文件“{path.name}”{why}")


def check_container(path: Path) -> set[str]:
    """Refuse a file that is not a plain, complete, reasonably sized .xlsx (before parsing).

    Returns the parts holding formulas or error values, or reaching beyond MAX_ROWS or
    MAX_COLUMNS (which openpyxl must read: see ``_fast_sheet``).
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise _refuse(path, "找不到：文件可能已被移动、改名或删除，或 U 盘已拔出。请重新选择文件。") from None
    except IsADirectoryError:
        raise _refuse(path, "是一个文件夹，不是文件。请选择文件夹里的 Excel 文件。") from None
    except PermissionError:
        raise _refuse(path, "无法读取：没有读取这个文件的权限。请复制到“文档”文件夹后再导入。") from None
    except OSError as exc:
        raise _refuse(path, f"无法打开：{cause_of_os_error(exc)}。") from None
    if size == 0:
        raise _refuse(path, "是空文件（0 字节），可能没有拷贝完整，请重新拷贝。")
    if size > MAX_FILE_BYTES:
        raise _refuse(path, f"太大（{size // 1024 // 1024} MB），不像是本程序的交换文件。")
    if head == OLE2_MAGIC:
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in path.read_bytes():
            raise _refuse(
                path,
                "设置了打开密码（已加密），程序无法读取。请在 WPS/Excel 中取消密码后另存为 .xlsx 再导入。",
            )
        renamed = "" if path.suffix.lower() in (".xls", ".et", ".wps") else "（只是改了扩展名）"
        raise _refuse(
            path,
            f"是旧版 .xls（Excel 97-2003）或 WPS .et 格式{renamed}，程序只能读取 .xlsx。"
            "请在 WPS/Excel 中打开，“另存为”Excel 工作簿（*.xlsx）后再导入。",
        )
    if head[:4] != b"PK\x03\x04":
        raise _refuse(path, "不是 Excel 工作簿（.xlsx），请选择本程序导出的或按模板填写的文件。")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise _refuse(path, "不完整或已损坏（可能是拷贝时 U 盘被拔出），请从原电脑重新拷贝。") from None
    with archive:
        return _check_members(path, archive)


def _check_members(path: Path, archive: zipfile.ZipFile) -> set[str]:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        raise _refuse(
            path,
            "是 OpenDocument 表格（.ods），程序只能读取 .xlsx。请在 WPS/LibreOffice 中“另存为”"
            "Excel 工作簿（*.xlsx）后再导入。",
        )
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(path, "不是 Excel 工作簿（缺少工作簿内容），可能已损坏。")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse(path, "内部内容已加密，程序无法读取。")
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse(path, "内部数据压缩比异常（疑似“压缩炸弹”），为安全起见拒绝打开。")
    if total > MAX_UNPACKED_BYTES:
        raise _refuse(path, "解压后超过 1 GB（疑似“压缩炸弹”），为安全起见拒绝打开。")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise _refuse(path, "含有宏（VBA），为安全起见不导入。请另存为不含宏的 Excel 工作簿（*.xlsx）。")
    try:
        types = archive.read("[Content_Types].xml")
        if b"macroEnabled" in types:
            raise _refuse(
                path, "是启用宏的工作簿（.xlsm），为安全起见不导入。请另存为 Excel 工作簿（*.xlsx）。"
            )
        rows = 0
        with_formulas: set[str] = set()
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            declares, part_rows = _scan_part(archive, info, with_formulas)
            if declares:
                raise _refuse(path, "含有不安全的 XML 声明（DOCTYPE/ENTITY），为安全起见拒绝打开。")
            rows += part_rows
            if rows > MAX_ROWS:  # counted in the raw XML: refused in a second, not after minutes of parsing
                raise _refuse(
                    path,
                    f"的工作表共有超过 {MAX_ROWS} 行，不像是本程序的模板或交换包，没有检查。请确认选对了文件。",
                )
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, FileRefused):
            raise
        raise _refuse(path, "不完整或已损坏（可能是拷贝时 U 盘被拔出），请从原电脑重新拷贝。") from None
    return with_formulas


# A formula (<f>, any namespace prefix) or an error value (t="e"): cells only openpyxl tells apart.
_CELL_LOGIC = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]|\st\s*=\s*[\"']e[\"']")
# Every place a sheet says how far it reaches: cell references (r="XFD1048576"), row numbers
# (<row r="1048576">) and the size record's corners (ref="A1:XFD1048576"). calamine sizes its
# grid by them, and a grid of a million rows by 16,384 columns ends the program. Only the
# references that may be far (two or more letters, six or more digits) are looked at closely.
_WIDE = re.compile(rb"""(?:\sr\s*=\s*["']|:)([A-Za-z]{2,})\d""")
_LONG = re.compile(rb"""(?:\sr\s*=\s*["'][A-Za-z]*|:[A-Za-z]+)(\d{6,})""")


def _beyond_bounds(window: bytes) -> bool:
    """Whether a piece of sheet XML names a row beyond MAX_ROWS or a column beyond MAX_COLUMNS."""
    for match in _WIDE.finditer(window):
        letters = match.group(1)
        if len(letters) > 3 or column_index_from_string(letters.decode().upper()) > MAX_COLUMNS:
            return True
    return any(int(match.group(1)) > MAX_ROWS for match in _LONG.finditer(window))


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _scan_part(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, for_openpyxl: set[str] | None = None
) -> tuple[bool, int]:
    """Whether an XML part declares a DOCTYPE or entities anywhere, and how many rows it has.

    A part holding formulas or error values, or reaching beyond the bounds, is added to
    ``for_openpyxl``.

    The whole part is read: openpyxl parses through lxml when it is installed (python-docx
    brings it), and lxml does not refuse a DOCTYPE hidden after a long comment. Rows are
    counted by their tags (``<row …>``, with any namespace prefix), a sheet's true length
    whatever its size record says.
    """
    tail = b""
    rows, formulas = 0, False
    with archive.open(info) as part:
        while chunk := part.read(1 << 20):
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                return True, rows
            formulas = formulas or _CELL_LOGIC.search(window) is not None or _beyond_bounds(window)
            # a tag within the carried tail was counted with the chunk before; one that
            # reaches past it (cut in two by the boundary, or new) is counted now
            rows += sum(1 for m in _ROW_TAG.finditer(window) if m.end() > len(tail))
            tail = window[-64:]  # a declaration or a tag cut in two by the chunk boundary
    if formulas and for_openpyxl is not None:
        for_openpyxl.add(info.filename)
    return False, rows


_SIZE_LOCK = threading.Lock()


def _load_without_sizes(source):
    """openpyxl's read-only workbook, minus its reading of every sheet's size on opening.

    openpyxl looks for each sheet's dimension record when it opens the workbook; when the
    record is missing (write-only files, WPS) that costs a full parse of every sheet. We
    never trust dimensions anyway, so the look-up is switched off while we open the file.
    """
    with _SIZE_LOCK:
        original = ReadOnlyWorksheet._get_size
        ReadOnlyWorksheet._get_size = lambda self: None
        try:
            return openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False)
        finally:
            ReadOnlyWorksheet._get_size = original


class ExchangeWorkbook:
    """A checked workbook, opened read-only, with its file information."""

    def __init__(self, path: str | Path, cancelled: Callable[[], bool] = _never):
        self.path = Path(path)
        self.cancelled = cancelled
        self.rows_read = 0
        self._with_formulas = check_container(self.path)
        self._fast: Any = None  # python-calamine's view of the same file, opened on first use
        # Opened as a stream, so that the name's ending does not matter: what a file is was
        # decided from its bytes above (a real .xlsx a clerk renamed to .xls is read as such).
        self._stream = self.path.open("rb")
        try:
            self.book = _load_without_sizes(self._stream)
        except Exception as exc:  # noqa: BLE001 (openpyxl raises many types for broken files; all mean "unreadable")
            self._stream.close()
            raise _refuse(
                self.path, f"无法作为 Excel 工作簿读取（{type(exc).__name__}），可能已损坏。"
            ) from None
        self.epoch = self.book.epoch
        # A real .xlsx under another name (红崖村.xls): read as what it is, and said so.
        self.renamed = self.path.suffix.lower() not in (".xlsx", ".xltx")
        self.info: FileInfo | None = None
        if META_SHEET in self.book.sheetnames:
            data = self.read_sheet(META_SHEET)
            self.info = parse([tuple(c[1] for c in cells) for _row, cells in data.rows])

    @property
    def sheet_titles(self) -> list[str]:
        # worksheets only: a chart sheet someone added holds no rows
        return [ws.title for ws in self.book.worksheets if ws.title != META_SHEET]

    def read_sheet(self, title: str) -> SheetData:
        """Every non-empty row of a sheet, cells beyond column MAX_COLUMNS dropped."""
        sheet = self.book[title]
        if sheet._worksheet_path not in self._with_formulas:
            fast = self._fast_sheet(title)
            if fast is not None:
                return fast
        data = SheetData(title)
        try:
            with sheet._get_source() as source:
                parser = _Parser(
                    source,
                    sheet._shared_strings,
                    data_only=True,
                    epoch=self.epoch,
                    date_formats=self.book._date_formats,
                    timedelta_formats=self.book._timedelta_formats,
                )
                for row_index, raw in parser.parse():
                    self.rows_read += 1
                    if self.rows_read % 2000 == 0 and self.cancelled():
                        raise CheckCancelled()
                    if self.rows_read > MAX_ROWS:
                        raise _refuse(
                            self.path,
                            f"的工作表“{title}”等超过 {MAX_ROWS} 行，不像是本程序的模板或交换包，"
                            "已停止检查。请确认选对了文件。",
                        )
                    cells = [
                        (c["column"], c["value"], c["data_type"])
                        for c in raw
                        if c["column"] <= MAX_COLUMNS
                        and (c["value"] is not None or c["data_type"] == "nocache")
                    ]
                    if cells:
                        data.rows.append((row_index, cells))
                if parser.merged_cells is not None:
                    data.merged = [str(r.ref) for r in parser.merged_cells.mergeCell]
        except (FileRefused, CheckCancelled):
            raise
        except Exception as exc:  # noqa: BLE001 (a damaged or hostile sheet part)
            raise _refuse(
                self.path, f"的工作表“{title}”无法读取（{type(exc).__name__}），可能已损坏。"
            ) from None
        return data

    def _fast_sheet(self, title: str) -> SheetData | None:
        """The sheet read by python-calamine (Rust, many times openpyxl's speed), or None.

        Only for a sheet of plain values: formulas (never calculated or not) and error values
        are told apart by openpyxl's parser alone, and a sheet reaching beyond MAX_COLUMNS or
        MAX_ROWS is left to it too (it reads such a sheet row by row, dropping what is junk).
        Values come back as openpyxl gives them: whole numbers as int, dates as dates.
        """
        try:
            if self._fast is None:
                self._fast = (
                    python_calamine.CalamineWorkbook.from_path(str(self.path)) if python_calamine else False
                )
            if self._fast is False:
                return None
            sheet = self._fast.get_sheet_by_name(title)
            if sheet.total_width > MAX_COLUMNS or sheet.total_height > MAX_ROWS:
                return None
            first_column = sheet.start[1] + 1 if sheet.start else 1
            data = SheetData(title)
            for number, row in enumerate(sheet.iter_rows(), start=1):
                cells = [(first_column + i, _as_openpyxl(v), "n") for i, v in enumerate(row) if v != ""]
                if not cells:
                    continue
                self.rows_read += 1
                if self.rows_read % 2000 == 0 and self.cancelled():
                    raise CheckCancelled()
                data.rows.append((number, cells))
            data.merged = [
                f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
                for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ()
            ]
            return data
        except CheckCancelled:
            raise
        except Exception:  # noqa: BLE001 (whatever calamine makes of a damaged part, openpyxl says it in Chinese)
            self._fast = False
            return None

    def iter_sheets(self) -> Iterator[SheetData]:
        for title in self.sheet_titles:
            yield self.read_sheet(title)

    def close(self) -> None:
        self.book.close()
        self._stream.close()
        if self._fast:
            self._fast.close()
        self._fast = False
