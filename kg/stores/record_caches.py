"""The caches kept beside a store of record, in its folder (or in memory), and marked by its
every write (docs/architecture.md, decision 9): the graph hashes sync and ingest last read
(kg.stores.graph_hashes), the full-text index (kg.stores.search_index), and each pair's
timeline as read (kg.stores.sqlite_timeline_cache). A store wraps each write in `writing`:
the hashes of the graphs it writes are forgotten first, the pairs whose timelines it may
change are marked stale before it and again after it, and the search index is stale while it
runs, so a crash or a failed request leaves a cache to read again, never a stale answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.stores.graph_hashes import GraphHashes
from kg.stores.search_index import SearchIndex
from kg.stores.sqlite_timeline_cache import Marks, SqliteTimelineCache
from kg.stores.sqlite_timelines import FILE_NAME as TIMELINE_FILE
from kg.stores.sqlite_timelines import SqliteTimelines
from kg.stores.timeline_keys import ANY_EVENT_QUERY, foreign_subject_query, subjects_query
from ontology.namespace import GEO_IRI

if TYPE_CHECKING:
    from kg.stores.base import QueryResult, RecordStore

Query = Callable[[str], "QueryResult"]
Select = Callable[[str], list[dict[str, str]]]
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


class QueryMarks:
    """The Marks of a record asked through SPARQL queries (a record server's)."""

    def __init__(self, query: Query) -> None:
        self._query = query

    def touched(self, names: list[str]) -> list[str] | None:
        return touched_pairs(self._query, names)

    def has_events(self) -> bool:
        return bool(self._query(ANY_EVENT_QUERY).boolean)


@dataclass
class RecordCaches:
    """What a store keeps beside its record; None where it keeps none (a read-only store
    keeps no hashes and no timelines, and a search index of its own snapshot)."""

    hashes: GraphHashes | None
    search: SearchIndex
    timelines: SqliteTimelineCache | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()  # one write at a time: the marks are per write

    @classmethod
    def beside(cls, folder: Path | None, timelines: bool, marks: Marks, select: Select) -> RecordCaches:  # fmt: skip
        """The caches in `folder` (in memory when None); no timelines when `timelines` is
        False (and their file is deleted: writes would not mark it)."""
        kept = SqliteTimelineCache(SqliteTimelines(folder), marks) if timelines else None
        if folder is not None and not timelines:
            (folder / TIMELINE_FILE).unlink(missing_ok=True)
        return cls(GraphHashes(folder), SearchIndex(folder, select), kept)

    @contextmanager
    def writing(self, graphs: Sequence[str]) -> Iterator[None]:
        """Around one write of `graphs`: forget their hashes, mark their pairs' timelines,
        and the search index stale while it runs."""
        names = list(graphs)
        with self._lock:
            if self.hashes is not None:
                self.hashes.forget(names)
            marking = self.timelines.writing(names) if self.timelines else nullcontext()
            with marking, self.search.writing(names):
                yield

    def close(self) -> None:
        if self.hashes is not None:
            self.hashes.close()
        self.search.close()
        if self.timelines is not None:
            self.timelines.close()


def hashes_of(store: RecordStore) -> GraphHashes | None:
    """The graph hashes kept beside `store` (None: it keeps none)."""
    caches = store.caches()
    return caches.hashes if caches is not None else None


def known_hashes(store: RecordStore, names: Sequence[str]) -> tuple[dict[str, str], int]:
    """The hashes kept of these graphs (those still current) and the epoch to hand back to
    remember_hashes; a store that keeps none knows none."""
    hashes = hashes_of(store)
    return hashes.known(names) if hashes is not None else ({}, 0)


def remember_hashes(store: RecordStore, found: Mapping[str, str], epoch: int) -> None:
    """Keep hashes read at `epoch` (ignored when a write came since, or none are kept)."""
    if (hashes := hashes_of(store)) is not None:
        hashes.put(found, epoch)


def input_cache(store: RecordStore) -> GraphHashes | None:
    """Where ingest keeps which input made which article graph (kg.input_keys); None: the
    store keeps none."""
    return hashes_of(store)
