"""The value of one date expression: each named pattern of `date_patterns` has a resolver
that turns its match into (value, kind), using the anchor day for relative expressions."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from loaders.extraction.date_values import (
    ABSOLUTE,
    MONTHS,
    NUMBERS,
    RELATIVE,
    WEEKDAYS,
    add_months,
    guess_year,
    iso,
    last_weekday,
    shift,
    span,
)

Resolved = tuple[str, str] | None


class NoSuchDay(ValueError):
    """A day the calendar lacks ("February 30, 2023", "31 April"): `month` is the month it was
    given in, as a resolved value, which is what the text can be trusted for."""

    def __init__(self, month: tuple[str, str]) -> None:
        super().__init__(f"no such day in {month[0]}")
        self.month = month

    @staticmethod
    def warning(written: str, month: str) -> str:
        """The extraction's warning for one such date, as written, read as `month`."""
        return f'no such day: "{" ".join(written.split())[:60]}" read as {month}, its month'


def number(token: str | None) -> int | None:
    if token is None:
        return 1
    token = token.lower()
    if token.isdigit():
        return int(token)
    return NUMBERS.get(token)


def month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _this_day(m: re.Match[str], anchor: date | None) -> Resolved:
    year = int(m.group(1))
    if anchor is None:
        return iso(year), ABSOLUTE
    try:
        return iso(year, anchor.month, anchor.day), ABSOLUTE
    except ValueError:
        return iso(year, anchor.month), ABSOLUTE


def _day_range(mo: int, d1: int, d2: int, year: str | None, anchor: date | None) -> Resolved:
    y = int(year) if year else guess_year(mo, d1, anchor)
    if y is None or d2 < d1:
        return None
    kind = ABSOLUTE if year else RELATIVE
    try:
        return span(iso(y, mo, d1), iso(y, mo, d2)), kind
    except ValueError:
        raise NoSuchDay((iso(y, mo), kind)) from None


def _md_range(m: re.Match[str], anchor: date | None) -> Resolved:
    g = m.groups()
    return _day_range(month_number(g[0]), day_number(g[1]), day_number(g[2]), g[3], anchor)


def _dm_range(m: re.Match[str], anchor: date | None) -> Resolved:
    g = m.groups()
    return _day_range(month_number(g[2]), day_number(g[0]), day_number(g[1]), g[3], anchor)


def _day(mo: int, d: int, year: str | None, anchor: date | None) -> Resolved:
    y = int(year) if year else guess_year(mo, d, anchor)
    if y is None:
        return None
    kind = ABSOLUTE if year else RELATIVE
    try:
        return iso(y, mo, d), kind
    except ValueError:
        raise NoSuchDay((iso(y, mo), kind)) from None


def _mdy(m: re.Match[str], anchor: date | None) -> Resolved:
    g = m.groups()
    if g[0].lower().startswith("may") and not g[2] and m.string[m.start() - 1 : m.start()] == "":
        return None
    return _day(month_number(g[0]), day_number(g[1]), g[2], anchor)


def _dmy(m: re.Match[str], anchor: date | None) -> Resolved:
    g = m.groups()
    return _day(month_number(g[1]), day_number(g[0]), g[2], anchor)


def _my(m: re.Match[str], anchor: date | None) -> Resolved:
    return iso(int(m.group(3)), month_number(m.group(2))), ABSOLUTE


def _m(m: re.Match[str], anchor: date | None) -> Resolved:
    mo = month_number(m.group(2))
    prefix = m.group(0).split()[0].lower()
    if prefix == "next":
        return None
    y = guess_year(mo, None, anchor)
    if y is None:
        return None
    if prefix == "last" and anchor is not None and (y, mo) >= (anchor.year, anchor.month):
        y -= 1
    return iso(y, mo), RELATIVE


def _decade(m: re.Match[str], anchor: date | None) -> Resolved:
    start = int(m.group(2))
    part = (m.group(1) or "").lower()
    lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
    return f"{start + lo:04d}/{start + hi:04d}", ABSOLUTE


def _from_to(m: re.Match[str], anchor: date | None) -> Resolved:
    a, b = int(m.group(1)), int(m.group(2))
    return (f"{a:04d}/{b:04d}", ABSOLUTE) if b > a else None


def _y_range(m: re.Match[str], anchor: date | None) -> Resolved:
    a, b_txt = int(m.group(1)), m.group(2)
    b = int(b_txt) if len(b_txt) == 4 else (a // 100) * 100 + int(b_txt)
    if not a < b <= a + 100:
        return None
    return f"{a:04d}/{b:04d}", ABSOLUTE


def _year(m: re.Match[str], anchor: date | None) -> Resolved:
    y = int(m.group(1))
    if y < 1000 or (anchor is not None and y > anchor.year + 30):
        return None
    return iso(y), ABSOLUTE


def _today(m: re.Match[str], anchor: date) -> Resolved:
    if m.group(0).lower() == "yesterday":
        return (anchor - timedelta(days=1)).isoformat(), RELATIVE
    return anchor.isoformat(), RELATIVE


def _months_back(anchor: date, months: int) -> str:
    y, mo = add_months(anchor, -months)
    return f"{iso(y, mo)}/{iso(anchor.year, anchor.month)}"


def _last_unit(m: re.Match[str], anchor: date) -> Resolved:
    which, unit = m.group(1).lower(), m.group(2).lower()
    if which == "next":
        return None
    back = 0 if which == "this" else 1
    if which == "past" and unit == "year":
        return _months_back(anchor, 12), RELATIVE
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) - timedelta(days=7 * back)
        end = min(monday + timedelta(days=6), anchor)
        return span(monday.isoformat(), end.isoformat()), RELATIVE
    if unit == "month":
        y, mo = add_months(anchor, -back)
        return iso(y, mo), RELATIVE
    return iso(anchor.year - back), RELATIVE


def _past_n(m: re.Match[str], anchor: date) -> Resolved:
    n = number(m.group(1))
    unit = m.group(2).lower()
    if n is None:
        return None
    if unit in ("year", "month"):
        return _months_back(anchor, n * 12 if unit == "year" else n), RELATIVE
    return f"{(anchor - timedelta(days=7 * n)).isoformat()}/{anchor.isoformat()}", RELATIVE


def _ago(m: re.Match[str], anchor: date) -> Resolved:
    n = number(m.group(1))
    if n is None:
        return None
    unit = m.group(2).lower()
    if m.group(3) and unit in ("year", "month"):
        y, mo = add_months(anchor, -n * (12 if unit == "year" else 1))
        try:
            return iso(y, mo, anchor.day), RELATIVE
        except ValueError:
            return iso(y, mo), RELATIVE
    value = shift(anchor.isoformat(), n, unit, -1)
    return (value, RELATIVE) if value else None


def _weekday(m: re.Match[str], anchor: date) -> Resolved:
    which = (m.group(1) or "").lower()
    if which == "next":
        return None
    day = last_weekday(anchor, WEEKDAYS[m.group(2).lower()], strictly_before=which == "last")
    return day.isoformat(), RELATIVE


# Resolvers that work without an anchor, and those that need one.
_ANY: dict[str, Callable[[re.Match[str], date | None], Resolved]] = {
    "this_day": _this_day, "md_range": _md_range, "dm_range": _dm_range, "mdy": _mdy,
    "dmy": _dmy, "my": _my, "m": _m, "decade": _decade, "from_to": _from_to,
    "y_range": _y_range, "year": _year,
}  # fmt: skip
_ANCHORED: dict[str, Callable[[re.Match[str], date], Resolved]] = {
    "today": _today, "last_unit": _last_unit, "past_n": _past_n, "ago": _ago,
    "weekday": _weekday,
}  # fmt: skip


def resolve(name: str, m: re.Match[str], anchor: date | None) -> Resolved:
    """(value, kind) for one pattern match, or None when it cannot be resolved."""
    if name in _ANY:
        return _ANY[name](m, anchor)
    if anchor is None or name not in _ANCHORED:
        return None
    return _ANCHORED[name](m, anchor)
