"""Candidates for `same_event`, found without comparing every pair of events.

Two mentions are one event only when they have the same type, share a participant (or one
has none) and, both dated, have overlapping dates. Kept events are filed under
(type, participant, year) for each year their date covers, so the events one mention can be
the same as are looked up, not scanned: comparing each mention with every kept event was
quadratic, and 2,600 dated events in 100,000 characters of hostile text took 25 s (issue 32).
The caller still decides with `same_event`; this only narrows whom it asks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from loaders.extraction import dates as dt
from loaders.extraction.event_model import EventCandidate

ANY = "*"  # every kept event of a type is also filed under this participant
NONE = ""  # kept events without participants
_WIDE_YEARS = 50  # dates spanning more years are filed once, not under each year
_ALL = -1  # the year key of dates filed once (wide, undated or unreadable)


def _years(value: str | None) -> range | None:
    """The years a date value covers, or None when it is absent, unreadable or too wide."""
    b = dt.bounds(value) if value else None
    if b is None or b[1].year - b[0].year > _WIDE_YEARS:
        return None
    return range(b[0].year, b[1].year + 1)


class EventIndex:
    """Events in the order they were added, filed by type, participant and year."""

    def __init__(self, events: Iterable[EventCandidate] = ()) -> None:
        self.kept: list[EventCandidate] = []
        self._position: dict[int, int] = {}
        self._by_part: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._by_year: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        for event in events:
            self.add(event)

    def add(self, event: EventCandidate) -> None:
        self._position[id(event)] = len(self.kept)
        self.kept.append(event)
        self.file(event, event.participants)

    def file(self, event: EventCandidate, participants: list[str]) -> None:
        """File an added event under `participants` (again, when its participants grew)."""
        position = self._position[id(event)]
        years = _years(event.date)
        for p in {ANY, *(participants or [NONE])}:
            self._by_part[(event.type, p)].append(position)
            for year in years if years is not None else (_ALL,):
                self._by_year[(event.type, p, year)].append(position)

    def candidates(self, event: EventCandidate) -> Iterator[EventCandidate]:
        """Added events that may be the same as `event`, in the order they were added."""
        parts = [ANY] if not event.participants else [*event.participants, NONE]
        years = _years(event.date)
        found: set[int] = set()
        for p in parts:
            if years is None:
                found.update(self._by_part.get((event.type, p), ()))
                continue
            found.update(self._by_year.get((event.type, p, _ALL), ()))
            for year in years:
                found.update(self._by_year.get((event.type, p, year), ()))
        return (self.kept[i] for i in sorted(found))
