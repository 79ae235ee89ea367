"""Dates at the precision a text gives: 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' and 'A/B' ranges,
as typed RDF literals and as day bounds for filtering and ordering."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import XSD

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class DateError(ValueError):
    """A date string that is not YYYY, YYYY-MM, YYYY-MM-DD or a range of those."""


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to a year, a month or a day."""

    text: str
    precision: str  # "year" | "month" | "day"
    earliest: date
    latest: date

    def literal(self) -> Literal:
        """Typed literal at this precision: xsd:gYear, xsd:gYearMonth or xsd:date."""
        return _typed_literal(self.text, self.precision)


_DATATYPES = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}


@lru_cache(maxsize=4096)
def _typed_literal(text: str, precision: str) -> Literal:
    """Built once per date: rdflib parses a typed literal's value (about 7 us), and every
    article graph writes its events' dates (issue 31)."""
    return Literal(text, datatype=_DATATYPES[precision])


def parse_partial(text: str) -> PartialDate:
    """'2024' | '2024-10' | '2024-10-06' -> PartialDate; anything else raises DateError."""
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        raise DateError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = date(year, int(month or 0), int(day))
            return PartialDate(d.isoformat(), "day", d, d)
        if month:
            mo = int(month)
            last = calendar.monthrange(year, mo)[1]
            return PartialDate(
                f"{year:04d}-{mo:02d}", "month", date(year, mo, 1), date(year, mo, last)
            )
        # a bare year too: year 0 is not in the calendar Python (and xsd:gYear 1.0) knows
        return PartialDate(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))
    except ValueError as exc:
        raise DateError(f"{text!r} is not a valid calendar date: {exc}") from None


@dataclass(frozen=True)
class DateSpan:
    """A point date or an 'A/B' period; `end` is None for a point."""

    start: PartialDate
    end: PartialDate | None = None

    @property
    def earliest(self) -> date:
        return self.start.earliest

    @property
    def latest(self) -> date:
        return (self.end or self.start).latest

    @property
    def text(self) -> str:
        return f"{self.start.text}/{self.end.text}" if self.end else self.start.text


def parse_span(text: str) -> DateSpan:
    """'1950/1953' or '2024-10-06' -> DateSpan; a range must not end before it starts."""
    parts = text.split("/")
    if len(parts) > 2:
        raise DateError(f"{text!r} has more than one '/'")
    start = parse_partial(parts[0])
    end = parse_partial(parts[1]) if len(parts) == 2 else None
    if end is not None and end.latest < start.earliest:
        raise DateError(f"{text!r} ends before it starts")
    return DateSpan(start, end)


def covers(start: str | None, end: str | None, at: date) -> bool:
    """True when a period [start, end] (partial dates, open ends) includes the day `at`."""
    if start and parse_partial(start).earliest > at:
        return False
    return not (end and parse_partial(end).latest < at)
