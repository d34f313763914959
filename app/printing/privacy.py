"""What never goes on a printed page: ID numbers, phone numbers, names of key people.

The values of every field flagged ``sensitive`` or ``private`` in the declarations are
read from the database, and each text placed on a page has them (and anything shaped like
an ID-card or mobile number) replaced by “××”. Documents are built so that such values are
not written in the first place; this is the net under that rule, because the notice body
is free text a clerk may have edited.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from models import EXCHANGE_TYPES, Organisation
from models.db import tuples
from models.fields import flag

MASK = "××"
# ID-card numbers (18 or 15 digits) and mobile numbers, also written in groups ("138 1234 5678").
_SHAPES = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15}|1[3-9]\d[ \-]?\d{4}[ \-]?\d{4})(?![\dXx])")


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
            values.update(str(v).strip() for v in row if v and len(str(v).strip()) >= 2)
    public = [
        n for row in tuples(Organisation.select(Organisation.name, Organisation.short_name)) for n in row if n
    ]
    return {v for v in values if not any(v in name for name in public)}


def make_scrubber(values: set[str] | None = None) -> Callable[[str], str]:
    """A function that masks protected values and ID/phone-shaped numbers in a text."""
    values = protected_values() if values is None else values
    # Values by their first two characters, longest first (a full address before a name in
    # it): one pass over a text finds them all, where one regex of thousands of names is slow.
    by_start: dict[str, list[str]] = {}
    for value in sorted(values, key=len, reverse=True):
        by_start.setdefault(value[:2], []).append(value)
    done: dict[str, str] = {}

    def scrub(text: str) -> str:
        if text in done:
            return done[text]
        out, i = [], 0
        while i < len(text):
            for value in by_start.get(text[i : i + 2], ()):
                if text.startswith(value, i):
                    out.append(MASK)
                    i += len(value)
                    break
            else:
                out.append(text[i])
                i += 1
        result = done[text] = _SHAPES.sub(MASK, "".join(out))
        return result

    return scrub
