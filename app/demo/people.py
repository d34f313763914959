"""Plausible people for the demo town: names, birth dates, ID numbers, phone numbers.

Everything is drawn from one ``random.Random`` so a seed gives the same town every time.
The ID numbers follow GB 11643-1999 (region, birth date, sequence with the sex in its
parity, check digit) with region codes of Gansu; they are made up, as are the phones.
"""

from __future__ import annotations

import datetime as dt
import random

# Surnames with rough weights for the east of Gansu (马 and 魏 are common there).
SURNAMES = (
    ("王", 14), ("李", 13), ("张", 11), ("刘", 8), ("杨", 8), ("陈", 5), ("赵", 5),
    ("马", 6), ("魏", 3), ("何", 3), ("郭", 3), ("孙", 2), ("周", 2), ("徐", 2),
    ("牛", 2), ("董", 2), ("汪", 2), ("雷", 1), ("闫", 1), ("苏", 1), ("蒲", 1),
    ("党", 1), ("安", 1), ("包", 1), ("令狐", 1), ("巩", 1), ("姚", 1), ("石", 1),
)  # fmt: skip
_SURNAME_NAMES = [s for s, _w in SURNAMES]
_SURNAME_WEIGHTS = [w for _s, w in SURNAMES]

# Given names: a first and a second character, as rural names of these generations go.
MALE_FIRST = "建国志永德学文明海俊晓世天宏玉长振兴万"
MALE_SECOND = "军强平刚福成华林斌龙杰鹏辉忠东峰民山虎荣"
FEMALE_FIRST = "秀玉桂春丽晓彩小红金淑雪美爱"
FEMALE_SECOND = "英兰芳霞梅珍花琴萍娟燕慧婷娥凤莲"

# County codes of Gansu (市 + 县). The town lies in the first; a few members were born
# in a neighbouring county.
REGION_CODES = ("621122", "621121", "621123", "620523", "620522", "620421", "621221")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

PHONE_PREFIXES = ("139", "138", "136", "151", "152", "180", "189", "133", "177", "187", "155", "199")


def check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def is_valid_id_number(number: str) -> bool:
    """Whether ``number`` is 18 characters with a real birth date and the right check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return check_digit(number[:17]) == number[17]


class People:
    """Draws names, dates and numbers, never giving the same ID or phone number twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._ids: set[str] = set()
        self._phones: set[str] = set()

    def name(self, gender: str) -> str:
        rng = self.rng
        surname = rng.choices(_SURNAME_NAMES, _SURNAME_WEIGHTS)[0]
        first, second = (MALE_FIRST, MALE_SECOND) if gender == "男" else (FEMALE_FIRST, FEMALE_SECOND)
        given = rng.choice(second)
        if rng.random() < 0.8:  # most have a two-character given name
            given = rng.choice(first) + given
        return surname + given

    def gender(self, share_male: float = 0.72) -> str:
        return "男" if self.rng.random() < share_male else "女"

    def day_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def id_number(self, birth: dt.date, gender: str) -> str:
        rng = self.rng
        region = REGION_CODES[0] if rng.random() < 0.9 else rng.choice(REGION_CODES[1:])
        while True:
            sequence = rng.randint(0, 499) * 2 + (1 if gender == "男" else 0)
            first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
            number = first17 + check_digit(first17)
            if number not in self._ids:
                self._ids.add(number)
                return number

    def phone(self) -> str:
        while True:
            number = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"
            if number not in self._phones:
                self._phones.add(number)
                return number
