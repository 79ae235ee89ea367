"""`kg sparql`'s query over the embedded store in a worker process stopped at the timeout
(kg.stores.query_pool): pyoxigraph cannot cancel a query, and Ctrl-C cannot reach one that
runs in the command's own thread."""

from __future__ import annotations

from cli.common import CliError
from kg.stores.base import QueryResult, RecordStore
from kg.stores.query_pool import QueryTimeout
from kg.stores.worker_queries import (
    check_query,
    worker_query,
    worker_query_serialized,
    workers_for,
)


def sparql_answer(
    store: RecordStore, text: str, fmt: str, timeout: float, memory_mb: int = 0
) -> QueryResult | bytes:
    """The query's QueryResult (for a table) or bytes; over the embedded store, run in a
    worker process that is stopped after `timeout` seconds (0: in process, no limit) or
    past `memory_mb` (0: no limit)."""
    name = {"turtle": "ttl"}.get(fmt, fmt)
    check_query(text)  # before a worker process is started for it
    workers = workers_for(store, 1, memory_mb) if timeout > 0 else None
    if workers is None:  # a SPARQL server (or `kg serve`) keeps its own timeout
        return store.query(text) if fmt == "table" else store.query_serialized(text, name)
    try:
        if fmt == "table":
            return worker_query(workers, text, None, timeout)
        return worker_query_serialized(workers, text, name, timeout)
    except QueryTimeout:
        raise CliError(
            f"The query ran longer than {timeout:g} s and was stopped; "
            "give it longer with --timeout SECONDS (0: no limit)."
        ) from None
    finally:
        workers.close()
