"""Historical states in events: news often names the Soviet Union "Russia" ("in 1979 Russia
invaded Afghanistan"). An event dated wholly inside a former state's lifetime takes the
former state in place of its successor (`data/successor_states.json`: former, successor).
The mention itself is left alone: the states of the article are those it names."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from loaders.extraction import dates as dt
from loaders.extraction.event_model import EventCandidate

DATA = Path(__file__).with_name("data") / "successor_states.json"


@cache
def successors(path: Path = DATA) -> dict[str, str]:
    """successor code -> former code."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {r["successor"]: r["former"] for r in rows}


def as_of_their_time(
    events: list[EventCandidate], periods: dict[str, tuple[str | None, str | None]]
) -> None:
    """Replace a successor by the former state for events dated within the former's life."""
    table = successors()
    for e in events:
        span = dt.bounds(e.date or "")
        if span is None:
            continue
        for successor, former in table.items():
            start, end = periods.get(former, (None, None))
            if successor not in e.participants or not start or not end:
                continue
            if start <= span[0].isoformat() and span[1].isoformat() < end:
                swapped = [former if p == successor else p for p in e.participants]
                e.participants = list(dict.fromkeys(swapped))
