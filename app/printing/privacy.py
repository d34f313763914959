"""What never goes on a printed page: ID numbers, phone numbers, names of key people.

The values of every field flagged ``sensitive`` or ``private`` in the declarations are
read from the database, and each text placed on a page has them (and anything shaped like
an ID-card or mobile number) replaced by “××”. Documents are built so that such values are
not written in the first place; this is the net under that rule, because the notice body
is free text a clerk may have edited.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from models import EXCHANGE_TYPES
from models import Organisation
from models.db import tuples
from models.fields import flag

MASK = "××"

# A digit as clerks type it (ASCII or full-width), and what they put between digit groups:
# spaces (also the ideographic one), hyphens and dashes of every width, dots.
_D = "[0-9０-９]"
_SEP = "[ \u00a0\u3000\\-－‐-―.．·]{0,2}"
_X = "[0-9０-９XxＸｘ×]"
_SHAPES = re.compile(
    "(?<![0-9０-９])(?:"
    # ID-card numbers: 18 characters (last may be X) or the old 15 digits, in any grouping
    f"{_D}(?:{_SEP}{_D}){{16}}{_SEP}{_X}"
    f"|{_D}(?:{_SEP}{_D}){{14}}"
    # mobile numbers, with or without +86
    f"|(?:[+＋]?(?:86|８６){_SEP})?1{_SEP}[3-9３-９](?:{_SEP}{_D}){{9}}"
    # landlines with their area code: 0931-8123456, (0931)8123456, 0931 812 3456
    f"|[(（]?0{_D}{{2,3}}[)）]?{_SEP}{_D}(?:{_SEP}{_D}){{6,7}}(?:{_SEP}(?:转|-){_D}{{1,5}})?"
    ")(?![0-9０-９XxＸｘ])"
)
# A number after a word that says it is a phone number, whatever its length (a local
# 7-digit landline typed without its area code).
_LABELLED = re.compile(
    f"((?:电话|手机|联系方式|座机|固话|tel|TEL|Tel)[号码]*[:：]?\\s*){_D}(?:{_SEP}{_D}){{5,}}"
)
# White space and invisible characters a value may have been typed with inside it.
_INVISIBLE = re.compile("[\\s\u00a0\u3000\u200b-\u200f\u2028\u2029\u2060\ufeff]")


def _fold(ch: str) -> str:
    """One character as it is compared: full-width forms folded to their half-width ones."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def _compact(text: str) -> str:
    """A value as it is compared: no white space or invisible characters, widths folded."""
    return "".join(_fold(ch) for ch in _INVISIBLE.sub("", text))


def protected_values() -> set[str]:
    """Every sensitive or private value stored (live or deleted), at least two characters long.

    A value that is (part of) a party organisation's name is left out: an address written
    as just “红崖村” must not blank out the village's name all over the ranking notice.
    """
    values: set[str] = set()
    for model in EXCHANGE_TYPES:
        fields = [f for f in model._meta.sorted_fields if flag(f, "sensitive") or flag(f, "private")]
        if not fields:
            continue
        for row in tuples(model.select(*fields)):
            values.update(_compact(str(v)) for v in row if v and len(_compact(str(v))) >= 2)
    public = [
        _compact(n)
        for row in tuples(Organisation.select(Organisation.name, Organisation.short_name))
        for n in row
        if n
    ]
    return {v for v in values if not any(v in name for name in public)}


def make_scrubber(values: set[str] | None = None) -> Callable[[str], str]:
    """A function that masks protected values and ID/phone-shaped numbers in a text.

    Values are found however they were typed: with spaces, line breaks or invisible
    characters inside them, and in full-width or half-width forms.
    """
    values = protected_values() if values is None else {_compact(v) for v in values}
    # Values by their first two characters, longest first (a full address before a name in
    # it): one pass over a text finds them all, where one regex of thousands of names is slow.
    by_start: dict[str, list[str]] = {}
    for value in sorted((v for v in values if len(v) >= 2), key=len, reverse=True):
        by_start.setdefault(value[:2], []).append(value)
    done: dict[str, str] = {}

    def mask_values(text: str) -> str:
        # Compare on the compacted text, and map each match back to the characters it
        # covers in the text as written.
        kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
        compact = "".join(_fold(text[i]) for i in kept)
        out, last, j = [], 0, 0
        while j < len(compact):
            for value in by_start.get(compact[j : j + 2], ()):
                if compact.startswith(value, j):
                    start, end = kept[j], kept[j + len(value) - 1] + 1
                    out.append(text[last:start] + MASK)
                    last, j = end, j + len(value)
                    break
            else:
                j += 1
        out.append(text[last:])
        return "".join(out)

    def scrub(text: str) -> str:
        if text in done:
            return done[text]
        masked = mask_values(text) if by_start else text
        masked = _LABELLED.sub(lambda m: m.group(1) + MASK, _SHAPES.sub(MASK, masked))
        done[text] = masked
        return masked

    return scrub
