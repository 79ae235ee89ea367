"""The Neo4j projection of the RDF record (docs/architecture.md, decisions 1 and 7): each named graph is
written, replaced and dropped whole, in batches of parameterised `UNWIND $rows` Cypher, one
transaction per batch. The driver is passed in; this module never creates or closes one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import DriverError, Neo4jError

from kg.projection import cypher_builders as cb
from kg.projection import loader
from kg.projection.batch import PreparedBatch, WritePlan, paused_gc, plan_write, prepare
from kg.projection.rows import GraphContent
from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache
from kg.stores.neo4j_work import (
    Rows,
    load_work,
    prefetch,
    recompute_work,
    small_work,
    statements_work,
)

T = TypeVar("T")
DEFAULT_BATCH_SIZE = 5000
READ_BATCH = 20_000  # uris looked up per statement
LOADER_TOTALS = ("triples", "nodes", "relationships", "skipped")
Hashes = Mapping[str, str | None] | None


@dataclass(frozen=True)
class ProjectionStats:
    """What one replace_graphs (or replace_graph) wrote."""

    graphs: list[str]
    triples: int
    nodes: int  # described nodes; the loader counts per call, so a node two calls share twice
    relationships: int
    skipped: int
    transactions: int


# What a failed projection raises (server refusals, lost connections): callers turn these into
# a sentence, since the record is untouched and every graph is projected whole or not at all.
PROJECTION_ERRORS: tuple[type[Exception], ...] = (Neo4jError, DriverError)


def projection_error_text(exc: Exception) -> str:
    """One sentence on one line (the driver's span several), with Neo4j's code and message."""
    code = getattr(exc, "code", None)
    message = " ".join((getattr(exc, "message", None) or str(exc)).split()).rstrip(".")
    where = f" ({code})" if code else ""
    return (
        f"Neo4j refused the projection{where}: {message}. The RDF record keeps what was written "
        "and graphs already projected are whole; `kg sync` projects the rest once this is fixed."
    )


class Neo4jProjection:
    """Named graphs of RDF projected into one Neo4j database (`database=None`: the default).

    Writes go through the server-side loader `geokg.project` when the server has it (the
    project's launcher registers it; `server_loader=None` asks the server once), else through
    parameterised Cypher; both write the same graph, and withdrawing is Cypher either way."""

    def __init__(
        self,
        driver: Driver,
        database: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        server_loader: bool | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self._server_loader = server_loader
        self.timelines = Neo4jTimelineCache(driver, database)

    @property
    def server_loader(self) -> bool:
        """Whether writes go through `geokg.project` (asked of the server on first use)."""
        if self._server_loader is None:
            records = self.driver.execute_query(
                loader.HAS_LOADER_CYPHER, name=loader.LOADER_PROCEDURE, database_=self.database
            ).records
            self._server_loader = bool(records and records[0]["found"])
        return self._server_loader

    def _write(self, work: Callable[[ManagedTransaction], T]) -> T:
        with self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def _read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return tx.run(cypher, params).data()

        with self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def _run(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        return self._write(lambda tx: tx.run(cypher, params).data())

    def ensure_schema(self) -> None:
        """The unique `Resource.uri` and `ProjectedGraph.iri` constraints and the lookup
        indexes (State.code, Organization.code, NonStateActor.code, Event.earliest, Event.code,
        Resource.code);
        idempotent."""
        for statement in cb.SCHEMA_CYPHER:
            self.driver.execute_query(statement, database_=self.database)
        self.timelines.ensure_schema()
        self.driver.execute_query("CALL db.awaitIndexes(300)", database_=self.database)

    def replace_graph(
        self, graph_iri: str, triples: GraphContent, content_hash: str | None = None
    ) -> ProjectionStats:
        """Drop what `graph_iri` asserted, then write `triples` as its new content."""
        return self.replace_graphs({graph_iri: triples}, {graph_iri: content_hash})

    def replace_graphs(
        self, graphs: Mapping[str, GraphContent], hashes: Mapping[str, str | None] | None = None
    ) -> ProjectionStats:
        """Replace several graphs at once (far fewer round trips than one by one): drop what
        they asserted, then write them (`load` with the server-side loader, else `write`).
        The pair timelines kept in Neo4j that they change are dropped after."""
        if self.server_loader:
            return self.load(loader.loader_calls(graphs, hashes))
        with self.timelines.writing(graphs):
            return self.write(prepare(graphs, hashes))

    def replace_batches(
        self, batches: Iterable[tuple[Mapping[str, GraphContent], Hashes]]
    ) -> Iterator[ProjectionStats]:
        """replace_graphs(graphs, hashes) for each batch in turn; the next batch is read and
        made ready (rows built, or text gathered for the loader) in a worker thread while
        this one is written. Yields each batch's stats once it is written."""
        if self.server_loader:
            for calls in prefetch(loader.loader_calls(g, h) for g, h in batches):
                yield self.load(calls)
            return
        for prepared in prefetch(prepare(graphs, hashes) for graphs, hashes in batches):
            with self.timelines.writing(prepared.names):
                stats = self.write(prepared)
            yield stats

    def load(self, calls: list[list[dict[str, Any]]]) -> ProjectionStats:
        """Withdraw what the graphs asserted before (if they were projected), then write them
        through `geokg.project`, one transaction per call (kg.projection.loader)."""
        names = [row["graph"] for call in calls for row in call]
        seen = self._lookup(names, [])[0]
        config = loader.loader_config()
        totals = dict.fromkeys(LOADER_TOTALS, 0)
        if not seen and len(calls) == 1:  # new graphs in one transaction: mark in it too
            record = self._write(load_work(calls[0], config, (self.timelines, names)))
            return ProjectionStats(names, transactions=1, **{k: record[k] for k in totals})
        with self.timelines.writing(names):
            if seen:
                self._withdraw(seen)
            for call in calls:
                record = self._write(load_work(call, config))
                for key in totals:
                    totals[key] += record[key]
        return ProjectionStats(graphs=names, transactions=len(calls), **totals)

    def write(self, batch: PreparedBatch) -> ProjectionStats:
        """Drop what the batch's graphs asserted (only graphs projected before have anything
        to drop), then write its rows in transactions of `batch_size` rows: nodes the
        database does not hold are created with the links from them, the others merged
        (WritePlan). Hashes are stored last, so an interrupted write is seen as out of date
        by `sync`."""
        rows, uris = batch.rows, sorted(batch.rows.uris())
        seen, existing = self._lookup(batch.names, uris)
        if seen:  # withdrawing may delete nodes: look again
            self._withdraw(seen)
            existing = self._lookup([], uris)[1]
        with paused_gc():
            plan = plan_write(rows, existing)
            stale, transactions = self._write_plan(batch.names, plan, existing)
        self._recompute(stale)
        self._run(cb.CLOSE_GRAPHS_CYPHER, rows=batch.closing)
        return ProjectionStats(
            graphs=batch.names,
            triples=rows.triples,
            nodes=len(rows.nodes),
            relationships=sum(len(links) for links in rows.rels.values()),
            skipped=rows.skipped,
            transactions=transactions,
        )

    def _lookup(self, names: list[str], uris: list[str]) -> tuple[list[str], dict[str, str]]:
        """In one read: which of the graphs have a graph record (were projected, or begun),
        and uri -> element id of those of `uris` the database holds."""

        def work(tx: ManagedTransaction) -> tuple[list[str], dict[str, str]]:
            seen: set[str] = set()
            if names:
                seen.update(r["graph"] for r in tx.run(cb.SEEN_GRAPHS_CYPHER, graphs=names))
            found: dict[str, str] = {}
            for start in range(0, len(uris), READ_BATCH):
                chunk = Rows(uris[start : start + READ_BATCH])
                found.update(tx.run(cb.EXISTING_CYPHER, uris=chunk).single(strict=True)["ids"])
            return [name for name in names if name in seen], found

        with self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def _write_plan(
        self, names: list[str], plan: WritePlan, existing: dict[str, str]
    ) -> tuple[set[str], int]:
        """Nodes, then the links from new nodes (by the ids the nodes got): in one
        transaction when they fit in `batch_size` rows (an article), else in batches.
        Returns the shared nodes to recompute, and how many transactions it took."""
        nodes = cb.node_statements(names, plan)
        if cb.row_count(nodes) + plan.fresh_link_count() <= self.batch_size:
            return self._write(small_work(nodes, plan, existing)), 1
        ids, stale, transactions = self._write_batches(nodes)
        ids.update(existing)
        return stale, transactions + self._write_batches(cb.link_statements(plan, ids))[2]

    def _write_batches(
        self, statements: list[cb.Statement]
    ) -> tuple[dict[str, str], set[str], int]:
        """Run statements in transactions of `batch_size` rows; returns the element ids of
        the nodes they created, the shared nodes to recompute, and how many transactions."""
        ids: dict[str, str] = {}
        stale: set[str] = set()
        planned = cb.batches(statements, self.batch_size)
        for tx_statements in planned:
            new_ids, new_stale = self._write(statements_work(tx_statements))
            ids.update(new_ids)
            stale.update(new_stale)
        return ids, stale, len(planned)

    def drop_graph(self, graph_iri: str) -> int:
        """Withdraw everything `graph_iri` asserted; returns how many node claims it had."""
        return self.drop_graphs([graph_iri])

    def drop_graphs(self, graph_iris: Iterable[str]) -> int:
        """Withdraw everything the graphs asserted and forget them; returns how many node
        claims they had."""
        names = list(graph_iris)
        with self.timelines.writing(names):
            withdrawn = self._withdraw(names)
            self._run(cb.DELETE_GRAPHS_CYPHER, graphs=names)
        return withdrawn

    def _withdraw(self, names: list[str]) -> int:
        """Withdraw the graphs' claims, a batch per transaction, then recompute the shared
        nodes that lost something."""
        cypher, withdrawn = cb.drop_batch_cypher(), 0
        stale: set[str] = set()
        while names:
            rows = self._run(cypher, graphs=names, limit=self.batch_size)
            if not rows:
                break
            withdrawn += len(rows)
            stale.update(row["uri"] for row in rows if row["stale"])
        self._recompute(stale)
        return withdrawn

    def _recompute(self, uris: set[str]) -> None:
        """Reset shared nodes to the union of their claims, a batch per transaction."""
        ordered = sorted(uris)
        for start in range(0, len(ordered), self.batch_size):
            self._write(recompute_work(ordered[start : start + self.batch_size]))

    def clear(self) -> int:
        """Delete every projected node and graph record, in transactions of `batch_size`
        relationships, then nodes, and every pair timeline kept; returns how many nodes went."""
        with self.timelines.writing(None):
            self._delete_batches(cb.CLEAR_RELS_BATCH_CYPHER)
            return self._delete_batches(cb.CLEAR_BATCH_CYPHER)

    def _delete_batches(self, cypher: str) -> int:
        deleted = 0
        while True:
            rows = self._run(cypher, limit=self.batch_size)
            if not rows or not rows[0]["deleted"]:
                return deleted
            deleted += rows[0]["deleted"]

    def counts(self) -> dict[str, int]:
        """Resource nodes, relationships between them, and projected graphs."""
        rows = self._read(cb.COUNTS_CYPHER)
        return {key: int(value) for key, value in rows[0].items()}

    def graph_hashes(self) -> dict[str, str | None]:
        """Projected graph IRI -> the content hash it was projected with (None: unfinished)."""
        return {row["iri"]: row["hash"] for row in self._read(cb.GRAPHS_CYPHER)}

    def graph_iris(self) -> list[str]:
        """IRIs of every projected named graph, sorted."""
        return sorted(self.graph_hashes())
