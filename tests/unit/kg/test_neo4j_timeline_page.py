"""The page a kept whole timeline is cut to (kg.stores.timeline_cache.page_indexes: the Neo4j
cache's and CachedQueries') is the page the embedded cache's SQL selects, for any type,
period and paging."""

from __future__ import annotations

import itertools
import random

from kg.stores.sqlite_timelines import SqliteTimelines
from kg.stores.timeline_cache import CachedEvent, PageFilter, page_indexes

TYPES = ("war", "statement", "summit_meeting")
DAYS = ("1949-10-06", "1950-06-25", "1953-07-27", "2019-06-20", "2024-10-06")


def _events(rng: random.Random, n: int) -> list[CachedEvent]:
    events = []
    for i in range(n):
        start, end = sorted(rng.sample(DAYS, 2)) if rng.random() < 0.3 else [rng.choice(DAYS)] * 2
        events.append(CachedEvent(start, end, rng.choice(TYPES), f'{{"n": {i}}}'))
    return events


def test_page_indexes_select_what_the_embedded_cache_selects() -> None:
    rng = random.Random(5)
    cache = SqliteTimelines(None)
    events = _events(rng, 40)
    assert cache.put("A|B", events, cache.epoch)
    bounds = (None, *DAYS, "1951-01-01")
    checked = 0
    for kind, start, end in itertools.product((None, *TYPES), bounds, bounds):
        for limit, offset in ((None, 0), (3, 0), (2, 5), (0, 0), (10, 100)):
            keep = PageFilter(kind, start, end, limit, offset)
            expected = cache.page("A|B", keep)
            assert expected is not None
            assert [events[i].body for i in page_indexes(events, keep)] == expected, keep
            checked += bool(expected)
    assert checked > 100  # most filters select something
