"""Date expressions in news text, resolved at the precision the text gives.

Explicit dates ("October 6, 2024", "6 October 2024", "Oct. 6", "September 2024", "in 2019",
"1950-1953", "from 1950 to 1953", "the early 1950s") and relative ones ("Tuesday",
"Monday night", "last week/month/year", "in the past year", "yesterday", "on this day in
1979", "three years ago") are resolved against an anchor day: the article's publication
date, or where that is unknown the latest explicit day the text gives.

Values are ISO partial dates: 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', or 'A/B' for periods.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip

# Kinds of date mention.
ABSOLUTE = "absolute"  # the text names the date
RELATIVE = "relative"  # resolved against the anchor ("Tuesday", "last month")
REPORT = "report"  # the day something was said ("officials said Tuesday"): an upper bound
SINCE = "since"  # "since 1948": a start point, not an event date
UNTIL = "until"  # "until 1989": an end point
OFFSET = "offset"  # "16 months after": needs another date to resolve (see `shift`)

_MONTH_FULL = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_DASH = r"\s*(?:-|–|—|to|through|until)\s*"
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "on this day in 1979"
    ("this_day", re.compile(rf"\b[Oo]n this day in ({_YEAR})\b")),
    # "September 10-11, 2023" / "September 10-11"
    (
        "md_range",
        re.compile(
            rf"\b({_MONTH})\s+({_DAY}){_DASH}({_DAY})\b(?:,?\s+({_YEAR})\b)?(?!\s*(?:-|–)?\s*\d)"
        ),
    ),
    # "10-11 September 2023"
    ("dm_range", re.compile(rf"\b({_DAY}){_DASH}({_DAY})\s+({_MONTH})(?:,?\s+({_YEAR}))?\b")),
    # "October 6, 2024" / "Oct. 6" / "Oct 6th 2024"
    (
        "mdy",
        re.compile(
            rf"\b({_MONTH})\s+({_DAY})\b(?!\s*(?:-|–)\s*\d)(?:,?\s+({_YEAR})\b)?(?![,.]?\d)"
        ),
    ),
    # "6 October 2024" / "6 October"
    ("dmy", re.compile(rf"\b({_DAY})\s+({_MONTH})(?:,?\s+({_YEAR}))?\b")),
    # "(early|mid|late) September 2024" / "September 2024"
    ("my", re.compile(rf"\b(?:(early|mid|late)[\s-]+)?({_MONTH})\s+(?:of\s+)?({_YEAR})\b")),
    # "in early January" / "last March" / "since May" (month without a year)
    (
        "m",
        re.compile(
            rf"\b(?:(?:in|since|during|until|by|of|from|last|this|early|mid|late|next)[\s-]+)"
            rf"(?:(early|mid|late)[\s-]+)?({_MONTH_FULL})\b(?!\s+\d)"
        ),
    ),
    # "the early 1950s" / "the 1950s" / "in the mid-1990s"
    ("decade", re.compile(r"\b(?:(early|mid|late)[\s-]+)?((?:1[0-9]|20)[0-9]0)['’]?s\b")),
    # "from 1950 to 1953" / "between 1950 and 1953"
    (
        "from_to",
        re.compile(rf"\b(?:from|between)\s+({_YEAR})\s+(?:to|and|until|through)\s+({_YEAR})\b"),
    ),
    # "1950-1953" / "1950-53" / "(2013-2023)"
    (
        "y_range",
        re.compile(rf"(?<![\d.,-])({_YEAR})\s*(?:-|–|—)\s*((?:1[0-9]|20)?[0-9]{{2}})(?![\d-])"),
    ),
    # "on this day" without a year, "today", "yesterday"
    (
        "today",
        re.compile(r"\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Ee]arlier today|[Tt]his morning)\b"),
    ),
    # "last week" / "this month" / "last year" / "earlier this year" / "so far this year"
    (
        "last_unit",
        re.compile(r"\b(last|this|next|previous|past)\s+(week|month|year)\b", re.IGNORECASE),
    ),
    # "in the past year" / "over the past 12 months"
    (
        "past_n",
        re.compile(
            r"\b(?:[Ii]n|[Oo]ver|[Dd]uring)\s+the\s+(?:past|last)\s+(?:(\d{1,3}|[a-z]+)\s+)?(year|month|week)s?\b",
        ),
    ),
    # "three years ago"
    (
        "ago",
        re.compile(r"(?<![\w-])(\d{1,3}|[A-Za-z]+)\s+([Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear)s?\s+ago\b"),
    ),
    # "16 months after" / "seven years after" / "a day before"
    (
        "offset",
        re.compile(
            r"(?<![\w-])(\d{1,3}|[A-Za-z]+)\s+([Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear)s?\s+(after|before|later|earlier)\b"
        ),
    ),
    # "days after" / "weeks before": a vague offset
    (
        "vague_offset",
        re.compile(
            r"\b(?:(?:a\s+)?few\s+|several\s+)?(days|weeks|months)\s+(after|before|later|earlier)\b",
            re.IGNORECASE,
        ),
    ),
    # "Monday night" / "on Tuesday" / "last Friday"
    (
        "weekday",
        re.compile(
            rf"\b(?:(last|next|this)\s+)?({_WEEKDAY})(?:\s+(?:night|evening|morning|afternoon))?\b"
        ),
    ),
    # a bare year
    (
        "year",
        re.compile(
            rf"(?<![\d$£€.,/-])({_YEAR})(?![\d%/]|\s*(?:-|–)\s*\d|,\d|\s*(?:km|miles|people|troops|soldiers|tons|tonnes|metres|meters|feet))"
        ),
    ),
]

_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+(?:\s+\w+)?|announced|reported|stated|added|noted|confirmed|"
    r"declared|wrote|tweeted|claimed|insisted)\b"
    r"(?:\s+(?:in\s+a\s+(?:statement|briefing|speech|interview)|late|early|on))*\s*$"
)
_SINCE_BEFORE = re.compile(
    r"\b(?:since|as\s+of|starting|beginning)\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?$",
    re.IGNORECASE,
)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through|by)\s+(?:the\s+)?$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r"\s*,?\s*(?:when|as)\b")
_FUTURE_BEFORE = re.compile(r"\b(?:next|coming|upcoming)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO partial date or 'A/B'; for OFFSET mentions, '' (see `offset`)
    kind: str  # ABSOLUTE | RELATIVE | REPORT | SINCE | UNTIL | OFFSET
    offset: tuple[int, str, int] | None = None  # (amount, unit, sign) for OFFSET


def _num(token: str | None) -> int | None:
    if token is None:
        return 1
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBERS.get(token)


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return date(y, m, d).isoformat()


def _span(a: str, b: str) -> str:
    return a if a == b else f"{a}/{b}"


def _guess_year(month: int, day: int | None, anchor: date | None) -> int | None:
    """The year of a month (and day) given without one: the latest not well after the anchor."""
    if anchor is None:
        return None
    candidate = date(anchor.year, month, min(day or 1, calendar.monthrange(anchor.year, month)[1]))
    if candidate > anchor + timedelta(days=31):
        return anchor.year - 1
    return anchor.year


def last_weekday(anchor: date, weekday: int, strictly_before: bool = False) -> date:
    """The most recent `weekday` on or before the anchor (before it when `strictly_before`)."""
    delta = (anchor.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return anchor - timedelta(days=delta)


def add_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + (d.month - 1) + months
    return total // 12, total % 12 + 1


def shift(value: str, amount: int, unit: str, sign: int) -> str | None:
    """Move a date by `amount` units (sign -1 = earlier), keeping the unit's precision.

    An amount of 0 is a vague offset ("days after"): the result is the date at the
    precision the unit allows (a month for days and weeks, a year for months)."""
    if amount == 0:
        start = value.split("/")[0]
        return start[:4] if unit == "month" else (start[:7] if unit in ("day", "week") else None)
    if "/" in value:
        a, b = value.split("/", 1)
        sa, sb = shift(a, amount, unit, sign), shift(b, amount, unit, sign)
        if sa and sb:
            return sa if sa == sb else f"{sa}/{sb}"
        return sa or sb
    start = value
    parts = [int(p) for p in start.split("-")]
    unit = unit.lower()
    try:
        if unit == "year":
            return _iso(parts[0] + sign * amount)
        if unit == "month":
            if len(parts) < 2:
                return _iso(parts[0] + sign * (amount // 12))
            y, m = add_months(date(parts[0], parts[1], 1), sign * amount)
            return _iso(y, m)
        if len(parts) < 3:
            return None
        days = amount * (7 if unit == "week" else 1)
        return (date(parts[0], parts[1], parts[2]) + timedelta(days=sign * days)).isoformat()
    except ValueError:
        return None


def _resolve(name: str, m: re.Match[str], anchor: date | None) -> tuple[str, str] | None:
    """(value, kind) for one pattern match, or None when it cannot be resolved."""
    g = m.groups()
    if name == "this_day":
        if anchor is None:
            return _iso(int(g[0])), ABSOLUTE
        try:
            return _iso(int(g[0]), anchor.month, anchor.day), ABSOLUTE
        except ValueError:
            return _iso(int(g[0]), anchor.month), ABSOLUTE
    if name == "md_range":
        mo, d1, d2 = _month(g[0]), _day(g[1]), _day(g[2])
        y = int(g[3]) if g[3] else _guess_year(mo, d1, anchor)
        if y is None or d2 < d1:
            return None
        return _span(_iso(y, mo, d1), _iso(y, mo, d2)), ABSOLUTE if g[3] else RELATIVE
    if name == "dm_range":
        d1, d2, mo = _day(g[0]), _day(g[1]), _month(g[2])
        y = int(g[3]) if g[3] else _guess_year(mo, d1, anchor)
        if y is None or d2 < d1:
            return None
        return _span(_iso(y, mo, d1), _iso(y, mo, d2)), ABSOLUTE if g[3] else RELATIVE
    if name == "mdy":
        if (
            g[0].lower().startswith("may")
            and not g[2]
            and m.string[m.start() - 1 : m.start()] == ""
        ):
            return None
        mo, d = _month(g[0]), _day(g[1])
        y = int(g[2]) if g[2] else _guess_year(mo, d, anchor)
        if y is None:
            return None
        return _iso(y, mo, d), ABSOLUTE if g[2] else RELATIVE
    if name == "dmy":
        d, mo = _day(g[0]), _month(g[1])
        y = int(g[2]) if g[2] else _guess_year(mo, d, anchor)
        if y is None:
            return None
        return _iso(y, mo, d), ABSOLUTE if g[2] else RELATIVE
    if name == "my":
        return _iso(int(g[2]), _month(g[1])), ABSOLUTE
    if name == "m":
        mo = _month(g[1])
        prefix = m.group(0).split()[0].lower()
        if prefix == "next":
            return None
        y = _guess_year(mo, None, anchor)
        if y is None:
            return None
        if prefix == "last" and anchor is not None and (y, mo) >= (anchor.year, anchor.month):
            y -= 1
        return _iso(y, mo), RELATIVE
    if name == "decade":
        start = int(g[1])
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((g[0] or "").lower(), (0, 9))
        return f"{start + lo:04d}/{start + hi:04d}", ABSOLUTE
    if name == "from_to":
        a, b = int(g[0]), int(g[1])
        return (f"{a:04d}/{b:04d}", ABSOLUTE) if b > a else None
    if name == "y_range":
        a = int(g[0])
        b_txt = g[1]
        b = int(b_txt) if len(b_txt) == 4 else (a // 100) * 100 + int(b_txt)
        if not a < b <= a + 100:
            return None
        return f"{a:04d}/{b:04d}", ABSOLUTE
    if name == "year":
        y = int(g[0])
        if y < 1000 or (anchor is not None and y > anchor.year + 30):
            return None
        return _iso(y), ABSOLUTE
    if anchor is None:
        return None
    word = m.group(0).lower()
    if name == "today":
        return (
            anchor - timedelta(days=1)
        ).isoformat() if word == "yesterday" else anchor.isoformat(), RELATIVE
    if name == "last_unit":
        which, unit = g[0].lower(), g[1].lower()
        if which == "next":
            return None
        back = 0 if which == "this" else 1
        if which == "past" and unit == "year":
            y, mo = add_months(anchor, -12)
            return f"{_iso(y, mo)}/{_iso(anchor.year, anchor.month)}", RELATIVE
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) - timedelta(days=7 * back)
            end = min(monday + timedelta(days=6), anchor)
            return _span(monday.isoformat(), end.isoformat()), RELATIVE
        if unit == "month":
            y, mo = add_months(anchor, -back)
            return _iso(y, mo), RELATIVE
        return _iso(anchor.year - back), RELATIVE
    if name == "past_n":
        n = _num(g[0])
        unit = g[1].lower()
        if n is None:
            return None
        if unit == "year":
            y, mo = add_months(anchor, -12 * n)
            return f"{_iso(y, mo)}/{_iso(anchor.year, anchor.month)}", RELATIVE
        if unit == "month":
            y, mo = add_months(anchor, -n)
            return f"{_iso(y, mo)}/{_iso(anchor.year, anchor.month)}", RELATIVE
        return f"{(anchor - timedelta(days=7 * n)).isoformat()}/{anchor.isoformat()}", RELATIVE
    if name == "ago":
        n = _num(g[0])
        if n is None:
            return None
        value = shift(anchor.isoformat(), n, g[1], -1)
        return (value, RELATIVE) if value else None
    if name == "weekday":
        which = (g[0] or "").lower()
        if which == "next":
            return None
        day = last_weekday(anchor, WEEKDAYS[g[1].lower()], strictly_before=which == "last")
        return day.isoformat(), RELATIVE
    return None


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


# Cheap prefilters: a pattern is tried only when the lower-cased text holds one of these.
_MONTH_NAMES = tuple(sorted({k for k in MONTHS if len(k) >= 3}))
_PREFILTER: dict[str, tuple[str, ...]] = {
    "this_day": ("this day",),
    "md_range": _MONTH_NAMES,
    "dm_range": _MONTH_NAMES,
    "mdy": _MONTH_NAMES,
    "dmy": _MONTH_NAMES,
    "my": _MONTH_NAMES,
    "m": _MONTH_NAMES,
    "decade": ("0s", "0's", "0’s"),
    "from_to": ("from ", "between "),
    "y_range": ("-", "–", "—"),
    "today": ("yesterday", "today", "tonight", "this morning"),
    "last_unit": ("week", "month", "year"),
    "past_n": ("past", "last"),
    "ago": (" ago",),
    "offset": ("after", "before", "later", "earlier"),
    "vague_offset": ("after", "before", "later", "earlier"),
    "weekday": ("day",),
}


_HAS_MONTH = re.compile(rf"\b{_MONTH}")
_HAS_DIGIT = re.compile(r"\d")
_HAS_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_MONTH_PATTERNS = frozenset({"md_range", "dm_range", "mdy", "dmy", "my", "m"})


def find_dates(
    text: str, anchor: date | None, spans: list[tuple[int, int]] | None = None
) -> list[DateMention]:
    """Every date mention of `text`, left to right, longest first where they overlap.

    `spans` (sentence offsets) limit the scan: each pattern runs only on the spans whose
    text can hold it (a month name, a weekday, a digit, a keyword), which keeps this fast."""
    found: list[DateMention] = []
    taken = _Taken()
    chunks = spans if spans is not None else [(0, len(text))]
    info = []
    for s, e in chunks:
        piece = text[s:e]
        info.append(
            (
                s,
                e,
                piece.lower(),
                bool(_HAS_MONTH.search(piece)),
                bool(_HAS_WEEKDAY.search(piece)),
                _HAS_DIGIT.search(piece) is not None,
            )
        )
    for name, pattern in _PATTERNS:
        keys = _PREFILTER.get(name)
        for s, e, lower, has_month, has_weekday, has_digit in info:
            if name in _MONTH_PATTERNS and not has_month:
                continue
            if name == "weekday" and not has_weekday:
                continue
            if name in ("year", "y_range", "from_to", "decade", "this_day") and not has_digit:
                continue
            if (
                keys is not None
                and name not in _MONTH_PATTERNS
                and not any(k in lower for k in keys)
            ):
                continue
            _scan(name, pattern, text, s, e, anchor, found, taken)
    found.sort(key=lambda d: d.start)
    return found


def _scan(
    name: str,
    pattern: re.Pattern[str],
    text: str,
    s: int,
    e: int,
    anchor: date | None,
    found: list[DateMention],
    taken: _Taken,
) -> None:
    for m in pattern.finditer(text, s, e):
        start, end = m.start(), m.end()
        if taken.overlaps(start, end):
            continue
        if name == "vague_offset":
            unit = m.group(1).lower().rstrip("s")
            sign = -1 if m.group(2).lower() in ("after", "later") else 1
            found.append(DateMention(start, end, m.group(0), "", OFFSET, (0, unit, sign)))
            taken.append((start, end))
            continue
        if name == "offset":
            amount = _num(m.group(1))
            if amount is None:
                continue
            direction = m.group(3).lower()
            sign = -1 if direction in ("after", "later") else 1
            # "16 months after X": X is `amount` earlier than the date it is measured from.
            mention = DateMention(
                start, end, m.group(0), "", OFFSET, (amount, m.group(2).lower(), sign)
            )
            found.append(mention)
            taken.append((start, end))
            continue
        resolved = _resolve(name, m, anchor)
        if resolved is None:
            if name != "year":
                taken.append((start, end))  # a date we cannot place: not a year either
            continue
        value, kind = resolved
        before = text[max(0, start - 48) : start]
        if _SPEECH_BEFORE.search(before):
            kind = REPORT
        elif _SINCE_BEFORE.search(before):
            kind = SINCE
        elif _UNTIL_BEFORE.search(before) and not _WHEN_AFTER.match(text, end):
            kind = UNTIL
        elif name == "m" and m.group(0).lower().startswith("since"):
            kind = SINCE
        elif name == "m" and m.group(0).lower().startswith("until"):
            kind = UNTIL
        found.append(DateMention(start, end, m.group(0), value, kind))
        taken.append((start, end))


_EXPLICIT_DAY = re.compile(
    rf"\b(?:({_MONTH})\s+({_DAY}),?\s+({_YEAR})|({_DAY})\s+({_MONTH}),?\s+({_YEAR}))\b"
)


def anchor_date(text: str, published: date | None) -> date | None:
    """The day relative expressions are resolved against: the publication date, else the
    latest explicit full date the text gives (a caption's date, a dateline), else None."""
    if published is not None:
        return published
    best: date | None = None
    for m in _EXPLICIT_DAY.finditer(text):
        try:
            if m.group(1):
                d = date(int(m.group(3)), _month(m.group(1)), _day(m.group(2)))
            else:
                d = date(int(m.group(6)), _month(m.group(5)), _day(m.group(4)))
        except ValueError:
            continue
        if best is None or d > best:
            best = d
    return best


def bounds(value: str) -> tuple[date, date] | None:
    """First and last day a date value can mean."""
    try:
        parts = value.split("/")
        lo = _bounds_one(parts[0])[0]
        hi = _bounds_one(parts[-1])[1]
    except (ValueError, IndexError):
        return None
    return lo, hi


def _bounds_one(s: str) -> tuple[date, date]:
    bits = [int(p) for p in s.split("-")]
    if len(bits) == 3:
        d = date(bits[0], bits[1], bits[2])
        return d, d
    if len(bits) == 2:
        return date(bits[0], bits[1], 1), date(
            bits[0], bits[1], calendar.monthrange(bits[0], bits[1])[1]
        )
    return date(bits[0], 1, 1), date(bits[0], 12, 31)


def overlap(a: str, b: str) -> bool:
    ba, bb = bounds(a), bounds(b)
    if ba is None or bb is None:
        return False
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def width(value: str) -> int:
    """Days a value spans: smaller is more precise."""
    b = bounds(value)
    return (b[1] - b[0]).days if b else 1_000_000


def year_of(value: str) -> str:
    return value.split("/")[0][:4]


def to_month(value: str) -> str:
    """A date at month precision (for dates known only as 'on or shortly before')."""
    start = value.split("/")[0]
    return start[:7] if len(start) >= 7 else start
