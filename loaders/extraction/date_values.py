"""Date values: ISO partial dates ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') and 'A/B' periods, the
word tables date expressions use, and the arithmetic on them (shifting, bounds, overlap)."""

from __future__ import annotations

import calendar
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
STORY = "story"  # "the next day": from the date the story last gave (resolved in `dates`)


def iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return date(y, m, d).isoformat()


def span(a: str, b: str) -> str:
    return a if a == b else f"{a}/{b}"


def guess_year(month: int, day: int | None, anchor: date | None) -> int | None:
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
    try:
        return _shift_point([int(p) for p in value.split("-")], amount, unit.lower(), sign)
    except ValueError:
        return None


def _shift_point(parts: list[int], amount: int, unit: str, sign: int) -> str | None:
    if unit == "year":
        return iso(parts[0] + sign * amount)
    if unit == "month":
        if len(parts) < 2:
            return iso(parts[0] + sign * (amount // 12))
        y, m = add_months(date(parts[0], parts[1], 1), sign * amount)
        return iso(y, m)
    if len(parts) < 3:
        return None
    days = amount * (7 if unit == "week" else 1)
    return (date(parts[0], parts[1], parts[2]) + timedelta(days=sign * days)).isoformat()


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
        last = calendar.monthrange(bits[0], bits[1])[1]
        return date(bits[0], bits[1], 1), date(bits[0], bits[1], last)
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
