"""The transaction functions of the Neo4j projection (kg.stores.neo4j_store): each runs one
batch of statements, one whole small write, one server-side loader call or one recompute of
shared nodes inside the transaction it is given; and `prefetch`, which makes the next batch
ready while one is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from kg.projection import cypher_builders as cb
from kg.projection import loader
from kg.projection.batch import WritePlan
from kg.projection.rows import merge_claims
from kg.stores.neo4j_timeline_cache import Neo4jTimelineCache

T = TypeVar("T")
_END = object()


class Rows(list[Any]):
    """Statement rows, with a short repr: the driver formats every RUN's parameters for its
    debug log even when that is off, and a full repr of thousands of rows is slow."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def run_statements(
    tx: ManagedTransaction, statements: list[cb.Statement]
) -> tuple[dict[str, str], set[str]]:
    """Run statements in `tx`; returns the element ids of the nodes created (`ids`) and the
    shared nodes to recompute (`shared`)."""
    ids: dict[str, str] = {}
    shared: set[str] = set()
    for cypher, rows in statements:
        for record in tx.run(cypher, rows=Rows(rows)):
            ids.update(record.get("ids") or ())
            shared.update(record.get("shared") or ())
    return ids, shared


def statements_work(
    statements: list[cb.Statement],
) -> Callable[[ManagedTransaction], tuple[dict[str, str], set[str]]]:
    """A transaction function running the statements of one batch (see _run_statements)."""
    return lambda tx: run_statements(tx, statements)


def small_work(
    nodes: list[cb.Statement], plan: WritePlan, existing: dict[str, str]
) -> Callable[[ManagedTransaction], set[str]]:
    """A transaction function writing a whole small plan: nodes, then the links from new
    nodes by the ids just created; returns the shared nodes to recompute."""

    def work(tx: ManagedTransaction) -> set[str]:
        ids, shared = run_statements(tx, nodes)
        links = cb.link_statements(plan, {**existing, **ids})
        return shared | run_statements(tx, links)[1]

    return work


def load_work(
    call: list[dict[str, Any]],
    config: dict[str, Any],
    marks: tuple[Neo4jTimelineCache, list[str]] | None = None,
) -> Callable[[ManagedTransaction], Any]:
    """A transaction function running one `geokg.project` call; returns its one record.
    With `marks` (graphs never projected before, written whole here), the timeline cache is
    marked in the same transaction, so the pairs it reaches are dropped with it."""

    def work(tx: ManagedTransaction) -> Any:
        record = tx.run(loader.LOADER_CYPHER, graphs=Rows(call), config=config).single(strict=True)
        if marks:
            marks[0].mark_in(tx, marks[1])
        return record

    return work


def recompute_work(uris: list[str]) -> Callable[[ManagedTransaction], None]:
    def work(tx: ManagedTransaction) -> None:
        claims = tx.run(cb.CLAIMS_CYPHER, uris=uris).data()
        merged = [merge_claims(c["uri"], c["labels"], c["literals"]) for c in claims]
        for cypher, rows in cb.recompute_statements(merged):
            tx.run(cypher, rows=rows).consume()

    return work


def prefetch(items: Iterable[T]) -> Iterator[T]:
    """The items of `items`, each produced in a worker thread while the caller works on the
    one before (one item ahead; the iterable is only ever advanced by that thread)."""
    iterator = iter(items)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="projection-prefetch") as pool:
        future = pool.submit(next, iterator, _END)
        while (item := future.result()) is not _END:
            future = pool.submit(next, iterator, _END)
            yield item  # type: ignore[misc]
