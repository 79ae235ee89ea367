"""The caches a record server's store keeps in a local folder, as the embedded store keeps
them beside itself (docs/architecture.md, decision 9): the graph hashes sync last read and
each pair's timeline as read, and the full-text index (kg.stores.search_index). Every write
is wrapped by `writing`: the hashes of the graphs it writes are forgotten first, the pairs
whose timelines it may change are marked stale before it and again after it
(kg.stores.timeline_keys), and the search index is stale while it runs, so a crash or a failed
request leaves a cache to read again, never a stale answer. The record is read through `query`, a
RecordStore's own (rows of rdflib terms)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from rdflib import URIRef

from kg.stores.base import QueryResult
from kg.stores.graph_hashes import GraphHashes
from kg.stores.search_index import SearchIndex
from kg.stores.timeline_cache import FILE_NAME as TIMELINE_FILE
from kg.stores.timeline_cache import CachedEvent, PageFilter, TimelineCache
from kg.stores.timeline_keys import ANY_EVENT_QUERY, foreign_subject_query, subjects_query
from ontology.namespace import GEO_IRI

Query = Callable[[str], QueryResult]
CHUNK = 500  # subjects per VALUES block


def dyad_codes_query(subjects: Sequence[str]) -> str:
    """SELECT ?code: the codes of the dyads of these subjects (the events among them)."""
    bound = " ".join(f"<{s}>" for s in subjects)
    return (
        f"SELECT DISTINCT ?code WHERE {{ VALUES ?s {{ {bound} }} "
        f"?s <{GEO_IRI}dyad> ?d . ?d <{GEO_IRI}code> ?code }}"
    )


def touched_pairs(query: Query, names: list[str]) -> list[str] | None:
    """The pairs whose timelines the graphs `names` may change as they stand now; None when
    that may be any pair (they describe more than events, or hold blank subjects)."""
    if query(foreign_subject_query(names)).boolean:
        return None
    subjects = [row["s"] for row in query(subjects_query(names)).rows]
    if any(not isinstance(s, URIRef) for s in subjects):
        return None  # a blank node cannot be bound by VALUES: assume it reaches any pair
    codes: set[str] = set()
    for i in range(0, len(subjects), CHUNK):
        rows = query(dyad_codes_query([str(s) for s in subjects[i : i + CHUNK]])).rows
        codes.update(str(row["code"]) for row in rows)
    return sorted(codes)


class RecordCaches:
    """Graph hashes and pair timelines in `folder` (in memory when None); no timelines when
    `timelines` is False (and their file is deleted: writes would not mark it)."""

    def __init__(self, folder: Path | None, timelines: bool, query: Query) -> None:
        self._query = query
        self._lock = threading.Lock()  # one write at a time: the marks are per write
        self.hashes = GraphHashes(folder)
        self.search = SearchIndex(folder, self._select)
        self.timelines = TimelineCache(folder) if timelines else None
        if folder is not None and not timelines:
            (folder / TIMELINE_FILE).unlink(missing_ok=True)
        self.settle()

    @contextmanager
    def writing(self, graphs: Sequence[str]) -> Iterator[None]:
        """Around one write of `graphs`: forget their hashes, mark their pairs' timelines."""
        names = list(graphs)
        with self._lock:
            self.hashes.forget(names)
            before = self._before(names)
            with self.search.writing(names):  # the search index: stale now, current after
                try:
                    yield
                finally:  # the pairs the new content reaches (events given a dyad only now)
                    self._after(names, before)

    def _select(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT's rows as lexical strings (the search index's reads of the record)."""
        return [{k: str(v) for k, v in row.items()} for row in self._query(sparql).rows]

    def _before(self, names: list[str]) -> list[str] | None:
        cache = self.timelines
        if cache is None:
            return []
        if not names or cache.tracks_nothing():
            cache.begin_write([])  # a new epoch: no read in flight is kept after it
            return []
        touched = touched_pairs(self._query, names)
        if touched is None:
            cache.forget()
        else:
            cache.begin_write(touched)
        return touched

    def _after(self, names: list[str], before: list[str] | None) -> None:
        cache = self.timelines
        if cache is None:
            return
        tracking = names and before is not None and not cache.tracks_nothing()
        touched = touched_pairs(self._query, names) if tracking else []
        if before is None or touched is None:
            cache.forget()
            self.settle()
            return
        cache.end_write(sorted({*before, *touched}))

    def settle(self) -> None:
        """A cache that knows nothing of a record with no events is complete."""
        cache = self.timelines
        if cache is None or cache.complete:
            return
        epoch = cache.epoch
        if not self._query(ANY_EVENT_QUERY).boolean:
            cache.make_complete(epoch)

    def cached_timeline(self, dyad: str, keep: PageFilter) -> tuple[list[str] | None, int | None]:
        if self.timelines is None:
            return None, None
        epoch = self.timelines.epoch
        return self.timelines.page(dyad, keep), epoch

    def cache_timeline(self, dyad: str, events: list[CachedEvent], epoch: int) -> None:
        if self.timelines is not None:
            self.timelines.put(dyad, events, epoch)

    def forget_timelines(self) -> None:
        if self.timelines is not None:
            self.timelines.forget()
            self.settle()

    def known_hashes(self, names: Sequence[str]) -> tuple[dict[str, str], int]:
        epoch = self.hashes.epoch
        return self.hashes.get(names), epoch

    def remember_hashes(self, hashes: Mapping[str, str], epoch: int) -> None:
        self.hashes.put(hashes, epoch)

    def close(self) -> None:
        self.hashes.close()
        self.search.close()
        if self.timelines is not None:
            self.timelines.close()
