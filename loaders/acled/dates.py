"""ACLED's event_date ("16 May 2025" in the export, "2025-05-16" from its API) read as a day,
and that day widened to what time_precision says is known (the ACLED Codebook: 1 the day, 2
the week or weekend, coded at its middle, 3 the month, coded inside it)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

_MONTHS = {
    name.casefold(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
}
_HALF_WEEK = timedelta(days=3)


@lru_cache(maxsize=8192)  # a file holds a few thousand days, each on many rows
def parse_day(value: str) -> date | None:
    """The day of an ISO date or a "DD Month YYYY" one; None for anything else or no day."""
    parts = value.split("-") if "-" in value else value.split()
    if len(parts) != 3:
        return None
    if "-" in value:
        year, month, day = parts
    else:
        day, name, year = parts
        month = str(_MONTHS.get(name.casefold(), ""))
    if not (year.isdigit() and len(year) == 4 and month.isdigit() and day.isdigit()):
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def widen(day: date, precision: int) -> str:
    """The ISO date at the precision known: the day (1); the month of a week or weekend (2),
    or its year when the week around the coded day reaches into another month; the month (3)."""
    if precision == 1:
        return day.isoformat()
    month = day.isoformat()[:7]
    if precision == 2 and {(day - _HALF_WEEK).month, (day + _HALF_WEEK).month} != {day.month}:
        return month[:4]
    return month
