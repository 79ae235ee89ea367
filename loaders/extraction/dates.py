"""Date expressions in news text, resolved at the precision the text gives.

Explicit dates ("October 6, 2024", "6 October 2024", "Oct. 6", "September 2024", "in 2019",
"1950-1953", "from 1950 to 1953", "the early 1950s") and relative ones ("Tuesday",
"Monday night", "last week/month/year", "in the past year", "yesterday", "on this day in
1979", "three years ago") are resolved against an anchor day: the article's publication
date, or where that is unknown the latest explicit day the text gives.

Values are ISO partial dates: 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', or 'A/B' for periods
(arithmetic in `date_values`, patterns in `date_patterns`, values in `date_resolve`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from loaders.extraction import date_patterns as dp
from loaders.extraction.date_resolve import NoSuchDay, day_number, month_number, number, resolve
from loaders.extraction.date_story import rebase_years
from loaders.extraction.date_values import (
    ABSOLUTE,
    MONTHS,
    NUMBERS,
    OFFSET,
    RELATIVE,
    REPORT,
    SINCE,
    STORY,
    UNTIL,
    WEEKDAYS,
    add_months,
    bounds,
    last_weekday,
    overlap,
    shift,
    to_month,
    width,
    year_of,
)

__all__ = [
    "ABSOLUTE", "MONTHS", "NUMBERS", "OFFSET", "RELATIVE", "REPORT", "SINCE", "UNTIL",
    "WEEKDAYS", "DateMention", "add_months", "anchor_date", "bounds", "find_dates",
    "last_weekday", "overlap", "shift", "to_month", "width", "year_of",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO partial date or 'A/B'; for OFFSET mentions, '' (see `offset`)
    kind: str  # ABSOLUTE | RELATIVE | REPORT | SINCE | UNTIL | OFFSET
    offset: tuple[int, str, int] | None = None  # (amount, unit, sign) for OFFSET
    yearless: bool = False  # a month or day given without a year ("in April", "24 May")


class _Taken:
    """Non-overlapping spans kept sorted, so an overlap test costs a binary search."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def append(self, span: tuple[int, int]) -> None:
        i = bisect.bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])


@dataclass(frozen=True, slots=True)
class _Chunk:
    """A sentence and what it can hold, so patterns that cannot match are not run."""

    start: int
    end: int
    lower: str
    has_month: bool
    has_weekday: bool
    has_digit: bool

    def can_hold(self, name: str) -> bool:
        if name in dp.MONTH_PATTERNS:
            return self.has_month
        if name == "weekday" and not self.has_weekday:
            return False
        if name in dp.DIGIT_PATTERNS and not self.has_digit:
            return False
        keys = dp.PREFILTER.get(name)
        return keys is None or any(k in self.lower for k in keys)


def _chunk(text: str, s: int, e: int) -> _Chunk:
    piece = text[s:e]
    return _Chunk(
        s,
        e,
        piece.lower(),
        bool(dp.HAS_MONTH.search(piece)),
        bool(dp.HAS_WEEKDAY.search(piece)),
        dp.HAS_DIGIT.search(piece) is not None,
    )


def find_dates(
    text: str,
    anchor: date | None,
    spans: list[tuple[int, int]] | None = None,
    warnings: list[str] | None = None,
) -> list[DateMention]:
    """Every date mention of `text`, left to right, longest first where they overlap.

    `spans` (sentence offsets) limit the scan: each pattern runs only on the spans whose
    text can hold it (a month name, a weekday, a digit, a keyword), which keeps this fast.
    A day the calendar lacks ("February 30, 2023", "31 April") is left out and its month
    kept, as "this day in 2023" is on February 29; each is named in `warnings` when given."""
    found: list[DateMention] = []
    impossible: list[DateMention] = []
    taken = _Taken()
    chunks = [_chunk(text, s, e) for s, e in (spans if spans is not None else [(0, len(text))])]
    for name, pattern in dp.PATTERNS:
        for c in chunks:
            if c.can_hold(name):
                _scan(name, pattern, text, (c.start, c.end), anchor, found, taken, impossible)
    if warnings is not None:
        impossible.sort(key=lambda d: d.start)
        warnings.extend(NoSuchDay.warning(d.text, d.value) for d in impossible)
    found.sort(key=lambda d: d.start)
    found = _resolve_story(found)
    if spans is not None and anchor is not None:
        found = rebase_years(found, [s for s, _ in spans], anchor, text)
    return found


_YEARLESS = frozenset({"m", "mdy", "dmy", "md_range", "dm_range"})


_STORY = ("story_shift", "story_next", "story_same")
# Patterns whose unresolved matches leave the text to later patterns ("plan days later").
_RETRY = frozenset({"year", "offset", "vague_offset", *_STORY})
_DAY_PARTS = ("morning", "afternoon", "evening", "night")


def _story(name: str, m: re.Match[str]) -> DateMention | None:
    """'two days later', 'the next day', 'the same evening': (amount, unit, sign) from the
    date the story last gave; resolved by `_resolve_story`."""
    if name == "story_same":
        shift_by: tuple[int, str, int] | None = (0, "day", 1)
    elif name == "story_next":
        unit = m.group(1).lower()
        shift_by = (1, "day" if unit in _DAY_PARTS else unit, 1)
    else:
        amount = number(m.group(1))
        sign = 1 if m.group(3).lower() == "later" else -1
        shift_by = (amount, m.group(2).lower(), sign) if amount is not None else None
    if shift_by is None:
        return None
    return DateMention(m.start(), m.end(), m.group(0), "", STORY, shift_by)


def _resolve_story(found: list[DateMention]) -> list[DateMention]:
    """Story dates take the latest date given before them, moved by their offset."""
    out: list[DateMention] = []
    base: str | None = None
    for d in found:
        if d.kind == STORY and d.offset is not None:
            if base is None:
                continue
            amount, unit, sign = d.offset
            value = base if amount == 0 else shift(base, amount, unit, sign) or base
            d = DateMention(d.start, d.end, d.text, value, RELATIVE)
        if d.kind in (ABSOLUTE, RELATIVE, REPORT):
            base = d.value
        out.append(d)
    return out


def _offset(name: str, m: re.Match[str]) -> DateMention | None:
    """'16 months after' (X is 16 months earlier than the date it is measured from), or a
    vague 'days after' (amount 0)."""
    if name == "vague_offset":
        unit = m.group(1).lower().rstrip("s")
        sign = -1 if m.group(2).lower() in ("after", "later") else 1
        return DateMention(m.start(), m.end(), m.group(0), "", OFFSET, (0, unit, sign))
    amount = number(m.group(1))
    if amount is None:
        return None
    sign = -1 if m.group(3).lower() in ("after", "later") else 1
    return DateMention(
        m.start(), m.end(), m.group(0), "", OFFSET, (amount, m.group(2).lower(), sign)
    )


def _kind(name: str, m: re.Match[str], text: str, kind: str) -> str:
    """A report date ('said Tuesday'), a start ('since 1948') or an end ('until 1989')."""
    before = text[max(0, m.start() - 48) : m.start()]
    if dp.SPEECH_BEFORE.search(before):
        return REPORT
    if dp.SINCE_BEFORE.search(before):
        return SINCE
    if dp.UNTIL_BEFORE.search(before) and not dp.WHEN_AFTER.match(text, m.end()):
        # "did not restore relations until 1990": the date of the event, not an end point
        negated = dp.NEGATED_BEFORE.search(text[max(0, m.start() - 100) : m.start()])
        return kind if negated else UNTIL
    if name == "m" and m.group(0).lower().startswith("since"):
        return SINCE
    if name == "m" and m.group(0).lower().startswith("until"):
        return UNTIL
    return kind


def _scan(
    name: str,
    pattern: re.Pattern[str],
    text: str,
    span: tuple[int, int],
    anchor: date | None,
    found: list[DateMention],
    taken: _Taken,
    impossible: list[DateMention],
) -> None:
    for m in pattern.finditer(text, *span):
        if taken.overlaps(m.start(), m.end()):
            continue
        mention = _mention(name, m, text, anchor, impossible)
        if mention is not None:
            found.append(mention)
        if mention is not None or name not in _RETRY:
            taken.append((m.start(), m.end()))  # a date we cannot place is not a year either


def _mention(
    name: str,
    m: re.Match[str],
    text: str,
    anchor: date | None,
    impossible: list[DateMention] | None = None,
) -> DateMention | None:
    if name in _STORY:
        return _story(name, m)
    if name in ("offset", "vague_offset"):
        return _offset(name, m)
    no_such_day = False
    try:
        resolved = resolve(name, m, anchor)
    except NoSuchDay as e:  # "February 30, 2023": the day is left out, the month stands
        resolved, no_such_day = e.month, True
    if resolved is None:
        return None
    value, kind = resolved
    yearless = name in _YEARLESS and kind == RELATIVE
    kind = _kind(name, m, text, kind)
    mention = DateMention(m.start(), m.end(), m.group(0), value, kind, yearless=yearless)
    if no_such_day and impossible is not None:
        impossible.append(mention)
    return mention


def anchor_date(text: str, published: date | None) -> date | None:
    """The day relative expressions are resolved against: the publication date, else the
    latest explicit full date the text gives (a caption's date, a dateline), else None."""
    if published is not None:
        return published
    best: date | None = None
    for m in dp.EXPLICIT_DAY.finditer(text):
        try:
            if m.group(1):
                d = date(int(m.group(3)), month_number(m.group(1)), day_number(m.group(2)))
            else:
                d = date(int(m.group(6)), month_number(m.group(5)), day_number(m.group(4)))
        except ValueError:
            continue
        if best is None or d > best:
            best = d
    return best
