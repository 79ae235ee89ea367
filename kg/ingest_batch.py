"""The one writer of ingest: prepared articles (kg.prepare) into the record, many new ones
per transaction, with the same record and the same reports as writing them one by one.

Each article is checked first: unchanged when its hash is the one the store keeps (nothing
else is read), new when the store has no graph of its name, else replaced. New articles are
held and written together, BATCH at most: their named graphs, whole, and what they change
of the refinement graphs, read by index for the whole batch (kg.refinement_delta, through a
GroupIndex that the run keeps current) and written by difference in the same transaction.
A replaced article, or one already held (the same article twice), writes what is held first;
a replaced one is written alone. Outcomes are handed on in input order once written, so an
interrupted run leaves whole articles only, and running it again ends in the same record."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.article_facts import ArticleFacts, facts_of
from kg.group_index import GroupIndex, group_prefix
from kg.ingest_model import ArticleReport, Outcome, Rejected, Status
from kg.prepare import Known, Prepared
from kg.refinement import refined_event, refinements
from kg.refinement_delta import Changes, Write, group_events, refinement_changes
from kg.stores.base import RecordStore
from kg.stores.oxigraph_terms import statement_lines
from kg.stores.record_caches import input_cache, known_hashes, remember_hashes
from kg.sync import graph_hash
from loaders.article import Article

BATCH = 64  # new articles per transaction
HOLD_SECONDS = 1.0  # nor held longer than this while more arrive (slow inputs: URLs)


def corroborated(others: set[str], found: dict[str, str], events: set[str]) -> set[str]:
    """The events of this article that another article reports too (`others`), at the same
    date or at another precision (one refining the other, either way round: `found`)."""
    hits = events & others
    for coarse, fine in found.items():
        for mine, other in ((coarse, fine), (fine, coarse)):
            if mine in events and other in others:
                hits.add(mine)
    return hits


def _lookup_groups(write: Write) -> set[str]:
    facts = [f for f in (write.new, write.old) if f is not None]
    return {g for f in facts for e in f.group_keys() if (g := group_prefix(e)) is not None}


def corroborations(writes: Sequence[Write], others: set[str]) -> list[set[str]]:
    """Each write's events that another article reports, as it stood when that write came:
    the record's (`others`) and the batch's writes before it."""
    by_group: dict[str, set[str]] = {}
    for event in others:
        by_group.setdefault(group_prefix(event) or "", set()).add(event)
    found: list[set[str]] = []
    for write in writes:
        pool = {e for g in _lookup_groups(write) for e in by_group.get(g, ())}
        after = refinements(pool | set(write.new.events), touching=write.new.reported)
        found.append(corroborated(pool, after, set(write.new.reported)))
        for event in write.new.group_keys():
            by_group.setdefault(group_prefix(event) or "", set()).add(event)
    return found


@dataclass
class _Held:
    """An outcome waiting for the batch before it to be written (a report: a Known article
    found unchanged)."""

    outcome: Prepared | Rejected | ArticleReport
    status: Status | None = None  # None: a rejected item
    old: ArticleFacts | None = None


Redo = Callable[[Article], Prepared | Known | Rejected]  # kg.prepare.prepare_outcome


def _unchanged(item: Article, name: str, events: int) -> ArticleReport:
    """The report of a Known article whose graph is the one its input made."""
    return ArticleReport(item.id, name, "unchanged", events, 0, 0, None, known_events=events)


def _stored_status(store: RecordStore, item: Prepared) -> tuple[Status, ArticleFacts | None]:
    """New, replaced (with the stored graph's facts) or unchanged: a graph whose hash the
    store keeps (kg.stores.graph_hashes) and equals the item's is unchanged without a read;
    one without a kept hash is read and hashed once, and its hash kept."""
    known, epoch = known_hashes(store, [item.name])
    if known.get(item.name) == item.digest:
        return "unchanged", None
    if not store.has_graph(item.name):
        return "new", None
    stored = store.to_graph(item.name)
    stored_digest = graph_hash(stored)
    remember_hashes(store, {item.name: stored_digest}, epoch)
    if stored_digest == item.digest:
        return "unchanged", None
    return "replaced", facts_of(stored, item.name)


def _lines(changes: Changes) -> list[dict[str, list[str]]]:
    return [
        {n: statement_lines(g) for n, g in m.items()}
        for m in (changes.replace, changes.insert, changes.delete)
    ]


def _derived(changes: Changes, write: Write) -> dict[str, bool]:
    """The refinement graphs written that belong to this write's groups."""
    facts = [f for f in (write.new, write.old) if f is not None]
    groups = {group_prefix(e) for f in facts for e in f.events}
    return {
        g: kept
        for g, kept in changes.derived.items()
        if (e := refined_event(g)) is not None and group_prefix(e.iri) in groups
    }


def _report(held: _Held, elsewhere: set[str], derived: dict[str, bool]) -> ArticleReport:
    """The article's report: its events, new, corroborated, or known from its stored graph."""
    item, status = held.outcome, held.status
    assert isinstance(item, Prepared) and status is not None
    mine = set(item.facts.reported)
    report = ArticleReport(item.article_id, item.name, status, len(mine), 0, 0, item.extraction)
    if status == "unchanged":  # every event was recorded before, by this article
        report.known_events = len(mine)
        return report
    known = set(held.old.events) if held.old is not None else set()
    report.new_events = len(mine - elsewhere - known)
    report.corroborated_events = len(elsewhere)
    report.known_events = len((mine & known) - elsewhere)
    report.derived = derived
    return report


class BatchWriter:
    """Writes prepared items to `store` and hands each outcome to `emit`, in input order.
    Hold the record's writer (IngestService's lock) from the first add to the last flush."""

    def __init__(
        self, store: RecordStore, emit: Callable[[Outcome], None], redo: Redo | None = None
    ) -> None:
        self.store, self.emit, self.redo = store, emit, redo
        self.inputs = input_cache(store)
        self.index = GroupIndex(store)
        self._held: list[_Held] = []
        self._names: set[str] = set()  # of the articles held
        self._since = 0.0

    def add(self, outcome: Prepared | Known | Rejected) -> None:
        """Take one outcome; write what is held when the batch is full or held too long. A
        Known article is unchanged when the store keeps the hash its input made, else it is
        prepared here (`redo`) after all."""
        if isinstance(outcome, Known):
            if self._still_stored(outcome):
                return
            assert self.redo is not None, "a Known outcome needs BatchWriter(redo=...)"
            outcome = self.redo(outcome.item)  # no known keys given: never Known again
            assert not isinstance(outcome, Known)
        if isinstance(outcome, tuple):
            self._held.append(_Held(outcome))
            return
        if outcome.name in self._names:
            self.flush()  # the same article again: its status follows the first one's write
        status, old = _stored_status(self.store, outcome)
        if status == "replaced":
            self.flush()
        elif status == "unchanged":
            self._remember_inputs([outcome])
        if not self._held:
            self._since = time.monotonic()
        self._held.append(_Held(outcome, status, old))
        self._names.add(outcome.name)
        new = sum(h.status == "new" for h in self._held)
        if status == "replaced" or new >= BATCH or time.monotonic() - self._since > HOLD_SECONDS:
            self.flush()

    def _still_stored(self, known: Known) -> bool:
        """Hold a Known article's report when its graph is the one its input made."""
        made = self.inputs.inputs([known.input_key]) if self.inputs is not None else {}
        if known.input_key not in made:
            return False
        name, digest, events = made[known.input_key]
        if name in self._names:
            self.flush()  # the same article held: its status follows that one's write
        if known_hashes(self.store, [name])[0].get(name) != digest:
            return False
        if not self._held:
            self._since = time.monotonic()
        self._held.append(_Held(_unchanged(known.item, name, events), "unchanged"))
        self._names.add(name)
        return True

    def _remember_inputs(self, items: Sequence[Prepared]) -> None:
        """Keep which input made each of these graphs (after they are written)."""
        made = {
            p.input_key: (p.name, p.digest, len(p.facts.reported))
            for p in items
            if p.input_key is not None
        }
        if made and self.inputs is not None:
            self.inputs.put_inputs(made)

    def flush(self) -> None:
        """Write the held articles in one transaction, then hand their outcomes on."""
        held, self._held, self._names = self._held, [], set()
        writing = [h for h in held if h.status in ("new", "replaced")]
        reports = dict(zip(map(id, writing), self._write(writing), strict=True))
        for h in held:
            if h.status is None or isinstance(h.outcome, ArticleReport):
                self.emit(h.outcome)  # type: ignore[arg-type]
            else:
                self.emit(reports.get(id(h)) or _report(h, set(), {}))

    def _write(self, held: list[_Held]) -> list[ArticleReport]:
        """One transaction: the articles' graphs whole, the refinement graphs by difference."""
        if not held:
            return []
        items = [h.outcome for h in held if isinstance(h.outcome, Prepared)]
        writes = [Write(p.name, p.facts, h.old) for p, h in zip(items, held, strict=True)]
        others = group_events(self.store, writes, self.index)
        changes = refinement_changes(self.store, writes, others)
        replace, insert, delete = _lines(changes)
        self.store.update_statements({p.name: p.lines for p in items} | replace, insert, delete)
        epoch = known_hashes(self.store, [])[1]  # after the write only
        remember_hashes(self.store, {p.name: p.digest for p in items}, epoch)
        self._remember_inputs(items)
        self.index.forget(w.old for w in writes if w.old is not None)
        self.index.added(w.new for w in writes)
        found = corroborations(writes, others)
        return [
            _report(h, hits, _derived(changes, w))
            for h, hits, w in zip(held, found, writes, strict=True)
        ]
