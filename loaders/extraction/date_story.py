"""A month given without a year in a story told about a past year takes that year
(`dates.find_dates` applies it after resolving every mention)."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from loaders.extraction.date_values import ABSOLUTE, RELATIVE, REPORT

if TYPE_CHECKING:
    from loaders.extraction.dates import DateMention

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def rebase_years(
    found: list[DateMention], starts: list[int], anchor: date, text: str
) -> list[DateMention]:
    """A month given without a year in a story told about a past year takes that year:
    '... forty years ago today. Throughout April ...' is April of that year. The story's
    year is that of the date given last, in this sentence or the three before, in the same
    paragraph or the one before."""
    out: list[DateMention] = []
    last: tuple[int, str, int] | None = None  # (sentence index, year, end) of the latest date
    for d in found:
        index = bisect.bisect_right(starts, d.start) - 1
        if (
            d.yearless
            and last
            and index - last[0] <= 3
            and int(last[1]) < anchor.year - 1
            and len(_PARAGRAPH_BREAK.findall(text, last[2], d.start)) <= 1
        ):
            value = "/".join(last[1] + part[4:] for part in d.value.split("/"))
            d = replace(d, value=value, yearless=True)
        if d.kind in (ABSOLUTE, RELATIVE, REPORT) and d.value:
            last = (index, d.value[:4], d.end)
        out.append(d)
    return out
