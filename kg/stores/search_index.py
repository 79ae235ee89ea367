"""The full-text index beside the store of record (SQLite FTS5), in the store's folder (or the
local folder of a record on a SPARQL server, or memory): evidence sentences, article titles and
entity names per named graph, with the facts that make a matched text a hit
(kg.stores.search_facts). docs/data-model.md, "The search index".

Like the timeline cache it is kept by the store's own writes: every write of some graphs
marks the index stale on disk before it begins, then reads those graphs again and marks it
current. An index that is stale (a crash during a write, a failed read, a file that is new or
of another format) is rebuilt from the whole record before it answers; `kg upgrade` rebuilds
it too. A record with no quads needs no rebuild: its index is empty."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kg.stores.search_facts import TOKENIZER, Doc, Fact, facts_query, index_rows
from kg.stores.sqlite_cache import SqliteCache

FILE_NAME = "geokg-search.sqlite"
FORMAT = "1"  # bump when what the index holds changes: older files are rebuilt
Select = Callable[[str], list[dict[str, str]]]  # a RecordStore's select
CHUNK = 200  # graphs per read, and per DELETE ... IN
ANY_QUAD = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
_TABLES = f"""
CREATE TABLE IF NOT EXISTS doc (id INTEGER PRIMARY KEY, graph TEXT NOT NULL,
  subject TEXT NOT NULL, field TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS doc_graph ON doc (graph);
CREATE INDEX IF NOT EXISTS doc_subject ON doc (subject);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_text USING fts5(text, content='doc',
  content_rowid='id', tokenize='{TOKENIZER}');
CREATE TABLE IF NOT EXISTS fact (graph TEXT NOT NULL, subject TEXT NOT NULL,
  prop TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS fact_graph ON fact (graph);
CREATE INDEX IF NOT EXISTS fact_subject ON fact (subject, prop, value);
CREATE INDEX IF NOT EXISTS fact_value ON fact (prop, value);
"""
_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS doc_in AFTER INSERT ON doc BEGIN
  INSERT INTO doc_text (rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER IF NOT EXISTS doc_out AFTER DELETE ON doc BEGIN
  INSERT INTO doc_text (doc_text, rowid, text) VALUES ('delete', old.id, old.text); END;
"""
INSERT_DOC = "INSERT INTO doc (graph, subject, field, text) VALUES (?, ?, ?, ?)"
_DROP = "DROP TABLE IF EXISTS doc_text; DROP TABLE IF EXISTS doc; DROP TABLE IF EXISTS fact;"


def _prepare(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if found is None or found[0] != FORMAT:
        db.executescript(_DROP)
        db.execute("DELETE FROM meta")
        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
    db.executescript(_TABLES + _TRIGGERS)


def _chunks(names: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(names), CHUNK):
        yield names[i : i + CHUNK]


class SearchIndex(SqliteCache):
    """The index in `folder` (memory when None), read from the record through `select`."""

    def __init__(self, folder: Path | None, select: Select) -> None:
        super().__init__(folder, FILE_NAME, _prepare)
        self._select = select
        self._writes = threading.RLock()  # a write's update and a rebuild, one at a time
        found = self._db.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()
        self._current = found is not None and found[0] == "current"
        self._looked = False  # whether a stale index has asked if the record is empty

    @property
    def current(self) -> bool:
        """Whether the index holds what the record holds (else it is rebuilt before use)."""
        return self._current

    def _mark(self, current: bool) -> None:
        """Say current or stale, on disk before this returns when stale (before a write)."""
        with self._lock:
            self._db.execute(f"PRAGMA synchronous={'NORMAL' if current else 'FULL'}")
            value = "current" if current else "stale"
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('state', ?)", (value,))
            self._current = current

    def _settle(self) -> bool:
        """A stale index of a record with no quads is current once emptied; asked once."""
        if not self._current and not self._looked:
            self._looked = True
            if not self._select(ANY_QUAD):
                self._fill(None, [], [])
                self._mark(True)
        return self._current

    @contextmanager
    def writing(self, graphs: Sequence[str]) -> Iterator[None]:
        """Around one write of `graphs` to the record: stale before, those graphs read again
        after (a failed read leaves the index stale, never the write failed)."""
        names = sorted(set(graphs))
        with self._writes:
            kept = self._settle()
            if kept:
                self._mark(False)
            try:
                yield
            finally:
                if kept:
                    self._after(names)

    def _after(self, names: list[str]) -> None:
        try:
            rows: list[dict[str, str]] = []
            for chunk in _chunks(names):
                rows += self._select(facts_query(chunk))
            self._fill(names, *index_rows(rows))
        except Exception:  # the record's write stands; the index is rebuilt when next used
            return
        self._mark(True)

    def _fill(self, names: list[str] | None, docs: list[Doc], facts: list[Fact]) -> None:
        """Replace the rows of the graphs `names` (of every graph: None) in one transaction."""
        with self._lock:
            if names is None:  # a rebuild: no trigger per row, the text index made at once
                self._db.executescript(_DROP + _TABLES)
            with self._db:
                self._db.execute("BEGIN")
                for chunk in _chunks(names or []):
                    marks = ",".join("?" * len(chunk))
                    self._db.execute(f"DELETE FROM doc WHERE graph IN ({marks})", chunk)
                    self._db.execute(f"DELETE FROM fact WHERE graph IN ({marks})", chunk)
                self._db.executemany(INSERT_DOC, docs)
                self._db.executemany("INSERT INTO fact VALUES (?, ?, ?, ?)", facts)
                if names is None:
                    self._db.execute("INSERT INTO doc_text (doc_text) VALUES ('rebuild')")
            self._db.executescript(_TRIGGERS)

    def rebuild(self) -> None:
        """Read the whole record again (`kg upgrade`; and any stale index before a search)."""
        with self._writes:
            self._mark(False)
            self._fill(None, *index_rows(self._select(facts_query(None))))
            self._mark(True)

    def matches(self, fts: str) -> list[tuple[str, str, str, str]]:
        """(kind, iri, key, key2) of every hit of the FTS5 query `fts` (kg.queries.search_hits
        orders them); the index is rebuilt first when stale."""
        with self._writes:
            if not self._settle():
                self.rebuild()
        with self._lock:
            rows = self._db.execute(MATCHES, {"q": fts}).fetchall()
        return [(k, i, a or "", b or "") for k, i, a, b in rows]


_ENTITY = "('State', 'Organization', 'Alliance', 'NonStateActor', 'Person')"
_TYPED = "EXISTS (SELECT 1 FROM fact t WHERE t.subject = {} AND t.prop = 'type' AND t.value IN {})"
_KEY = "(SELECT min(k.value) FROM fact k WHERE k.subject = {} AND k.prop = '{}')"
# Every hit of :q, as kg.queries.search_cypher finds them in Neo4j: an event (not refined)
# with a matched evidence sentence, an article by its title, an entity by a name.
MATCHES = f"""
WITH m AS MATERIALIZED (
  SELECT d.subject AS s, d.field AS field FROM doc_text JOIN doc d ON d.id = doc_text.rowid
  WHERE doc_text MATCH :q)
SELECT DISTINCT 'event', l.subject, {_KEY.format("l.subject", "earliest")},
  {_KEY.format("l.subject", "latest")}
FROM m JOIN fact l ON l.prop = 'evidence' AND l.value = m.s
WHERE m.field = 'sentence' AND {_TYPED.format("m.s", "('Evidence')")}
  AND {_TYPED.format("l.subject", "('Event')")}
  AND NOT EXISTS (SELECT 1 FROM fact r WHERE r.subject = l.subject AND r.prop = 'refinedBy')
UNION
SELECT 'article', m.s, {_KEY.format("m.s", "published")}, NULL FROM m
WHERE m.field = 'title' AND {_TYPED.format("m.s", "('Article')")}
UNION
SELECT 'entity', m.s, NULL, NULL FROM m
WHERE m.field IN ('name', 'alias', 'formalName', 'textName') AND {_TYPED.format("m.s", _ENTITY)}
"""
