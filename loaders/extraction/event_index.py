"""Candidates for `same_event`, found without comparing every pair of events.

Two mentions are one event only when they have the same type, share two participants (one
when either has only one; none when either has none) and, both dated, have overlapping dates.
Events are filed under their type, participants (each, and each pair) and each year their date
covers, so the events one mention can be the same as are looked up, not scanned: comparing
each mention with every kept event was quadratic (2,600 dated events in 100,000 characters of
hostile text took 25 s; plain prose repeated to 320,000 characters, 9 s; issue 32).
The caller still decides with `same_event`; this only narrows whom it asks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations

from loaders.extraction import dates as dt
from loaders.extraction.event_model import EventCandidate

_WIDE_YEARS = 50  # dates spanning more years are filed once, not under each year
_ALL = -1  # the year key of dates filed once (wide, undated or unreadable)
Key = tuple[str, ...]


def _years(value: str | None, margin: int = 0) -> range | None:
    """The years a date value covers (and `margin` years either side), or None when it is
    absent, unreadable or too wide."""
    b = dt.bounds(value) if value else None
    if b is None or b[1].year - b[0].year > _WIDE_YEARS:
        return None
    return range(b[0].year - margin, b[1].year + margin + 1)


def _filed_under(participants: list[str]) -> list[Key]:
    """The participant keys an event is filed under (see `_looked_up`)."""
    keys: list[Key] = [("any",), *(("has", p) for p in participants)]
    if not participants:
        keys.append(("none",))
    elif len(participants) == 1:
        keys.append(("one", participants[0]))
    else:
        keys.extend(("pair", *sorted(ab)) for ab in combinations(set(participants), 2))
    return keys


def _looked_up(participants: list[str]) -> list[Key]:
    """The keys of the events that share what `same_event` asks: any with no participants;
    one in common with one participant; two in common, or a one-participant event's, with
    more."""
    if not participants:
        return [("any",)]
    if len(participants) == 1:
        return [("has", participants[0]), ("none",)]
    pairs = [("pair", *sorted(ab)) for ab in combinations(set(participants), 2)]
    return [*pairs, *(("one", p) for p in participants), ("none",)]


class EventIndex:
    """Events in the order they were added, filed by type, participants and year."""

    def __init__(self, events: Iterable[EventCandidate] = ()) -> None:
        self.kept: list[EventCandidate] = []
        self._position: dict[int, int] = {}
        self._by_key: dict[tuple[str, Key], list[int]] = defaultdict(list)
        self._by_year: dict[tuple[str, Key, int], list[int]] = defaultdict(list)
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
        for key in _filed_under(participants):
            self._by_key[(event.type, key)].append(position)
            for year in years if years is not None else (_ALL,):
                self._by_year[(event.type, key, year)].append(position)

    def candidates(
        self, event: EventCandidate, around: str | None = None
    ) -> Iterator[EventCandidate]:
        """Added events that may be the same as `event` (dated like it, or within a year of
        `around` when given), in the order they were added."""
        years = _years(around, margin=1) if around else _years(event.date)
        found: set[int] = set()
        for key in _looked_up(event.participants):
            if years is None:
                found.update(self._by_key.get((event.type, key), ()))
                continue
            found.update(self._by_year.get((event.type, key, _ALL), ()))
            for year in years:
                found.update(self._by_year.get((event.type, key, year), ()))
        return (self.kept[i] for i in sorted(found))
