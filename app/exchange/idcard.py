"""18-digit resident ID numbers (GB 11643-1999): the check digit and the ways Excel mangles them.

Excel keeps only 15 significant digits of a number, so an ID typed into a number cell comes
back as ``6.20102199001011E+17`` or as ``620102199001011000``. Such a value can never be
repaired: the clerk must retype it into a text cell. We say exactly that.
"""

from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?E\+?\d+$", re.IGNORECASE)

RETYPE = "请把该单元格设为“文本”格式后重新输入完整的18位号码"


def check_digit(first17: str) -> str:
    """The 18th character that GB 11643 computes from the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_number_problem(text: str) -> str | None:
    """Why ``text`` is not a valid 18-digit ID number (None when it is valid).

    ``text`` is already normalised (half-width, upper case, no spaces).
    """
    if _SCIENTIFIC.match(text):
        return f"身份证号被表格软件改成了科学计数法，后几位已丢失；{RETYPE}"
    if not _SHAPE.match(text):
        if text.isdigit() and len(text) == 15:
            return "是15位旧号码，请填写18位身份证号"
        return "应为18位身份证号（17位数字加1位数字或X）"
    if text.endswith("000") and check_digit(text[:17]) != text[17]:
        return f"末三位是000，像是被表格软件当作数字截断了；{RETYPE}"
    try:
        dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return "中间的出生日期不是有效日期"
    if check_digit(text[:17]) != text[17]:
        return "校验位不对，请核对是否有数字填错"
    return None


def birth_date_of(text: str) -> dt.date:
    """The birth date written in a valid ID number (characters 7–14)."""
    return dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))


def gender_of(text: str) -> str:
    """男 or 女, from the 17th character of a valid ID number (odd for men)."""
    return "男" if int(text[16]) % 2 else "女"
