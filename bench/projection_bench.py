"""Projection throughput (triples/s) of Neo4jProjection against rdflib-neo4j's Neo4jStore,
writing the same triples to the same Neo4j server in the same run, and their ratios. geokg is
measured as `kg sync` runs it (from an in-memory record store), from rdflib triples, and
forced onto its Cypher path; on the launcher's Neo4j the first two use the server-side loader
`geokg.project` (docs/neo4j-projection.md):

    .venv/bin/python bench/projection_bench.py --uri bolt://localhost:7687 --articles 2000

The triples are the bundled reference graphs plus synthetic article graphs (built by the real
article-graph builder from random extractions). Each run starts from an empty database; the
database must be empty to begin with (or pass --force: everything in it is deleted). With
--floor the loader is also timed with provenance off (rdflib-neo4j's shape and nothing more):
the bound of a transactional write of these triples. With
--server-pid (a local server) the server's CPU seconds are reported next to the client's: on
a shared machine they vary less than the wall time.
rdflib-neo4j is a bench-only dependency: `.venv/bin/pip install -e '.[bench]'`."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from neo4j import Driver
from rdflib import Graph

from kg import wiring
from kg.projection.loader import LOADER_CYPHER, loader_calls, loader_config
from kg.settings import Settings
from kg.stores.neo4j_store import Neo4jProjection
from kg.stores.oxigraph_store import OxigraphStore
from kg.stores.oxigraph_terms import ntriples_text
from kg.sync import CHUNK_TRIPLES, sync
from loaders.article import Article
from loaders.extraction.model import EventRecord, Extraction, RelationRecord
from loaders.rdf.article_graph import build_article_graph
from loaders.rdf.reference_graph import reference_graphs
from ontology.identifiers import DEFAULT_BASE_IRI
from ontology.namespace import EVENT_TYPES, RELATION_TYPES
from ontology.reference_data import load_reference

Triples = list[tuple]
GEOKG = "geokg Neo4jProjection"
SYNC = "geokg sync from the record"
CYPHER = "geokg, Cypher path"
ONE = "geokg, one graph at a time"
RDFLIB = "rdflib-neo4j Neo4jStore"
FLOOR = "floor: loader, no provenance"


SENTENCE = "Leaders met and signed agreements."


def _events(rng: random.Random, codes: list[str]) -> list[EventRecord]:
    events = []
    for k in range(rng.randint(3, 8)):
        day = date(rng.randint(1950, 2024), rng.randint(1, 12), rng.randint(1, 28))
        start = 20 + 35 * k
        events.append(
            EventRecord(
                type=rng.choice([t for t in EVENT_TYPES if t != "other"]),
                participants=rng.sample(codes, 2),
                date=rng.choice([day.isoformat(), day.isoformat()[:7], str(day.year)]),
                evidence=SENTENCE,
                start=start,
                end=start + len(SENTENCE),
                confidence=0.8,
            )
        )
    return events


def _relations(rng: random.Random, codes: list[str]) -> list[RelationRecord]:
    return [
        RelationRecord(
            type=rng.choice(RELATION_TYPES),
            a=(pair := rng.sample(codes, 2))[0],
            b=pair[1],
            since=str(rng.randint(1950, 2020)),
            evidence=SENTENCE,
            start=20,
            end=20 + len(SENTENCE),
            confidence=0.7,
        )
        for _ in range(rng.randint(0, 2))
    ]


def synthetic_extraction(rng: random.Random, codes: list[str], i: int) -> Extraction:
    """One article's worth of events and relations among random states."""
    text = f"Synthetic article {i}. " + f"{SENTENCE} " * 20
    events, relations = _events(rng, codes), _relations(rng, codes)
    url = f"https://bench.example/{i}"
    article = Article(text=text, url=url, title=f"Bench {i}", published=date(2024, 1, 1))
    states = {c for e in events for c in e.participants} | {
        c for r in relations for c in (r.a, r.b)
    }
    return Extraction(article=article, states=sorted(states), events=events, relations=relations)


def dataset(articles: int, seed: int) -> dict[str, Triples]:
    """Named graph IRI -> its triples: the reference graphs and `articles` article graphs."""
    data = load_reference()
    graphs: dict[str, Graph] = {
        str(k): g for k, g in reference_graphs(data, DEFAULT_BASE_IRI, validate=False).items()
    }
    rng = random.Random(seed)
    codes = sorted(s.code for s in data.states if not s.former)
    for i in range(articles):
        g = build_article_graph(synthetic_extraction(rng, codes, i), DEFAULT_BASE_IRI)
        graphs[str(g.identifier)] = g
    # Grouped by subject: rdflib-neo4j's streaming buffer writes one row per run of a subject.
    return {name: sorted(g, key=lambda t: (str(t[0]), str(t[1]))) for name, g in graphs.items()}


def wipe(driver: Driver) -> None:
    while driver.execute_query(
        "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c"
    ).records[0]["c"]:
        pass


def run_geokg_together(
    driver: Driver, graphs: dict[str, Triples], batch_size: int, server_loader: bool
) -> None:
    """Graphs given as rdflib triples, in batches of about CHUNK_TRIPLES triples, the next
    batch prepared while the current one is written (Neo4jProjection.replace_batches)."""
    projection = Neo4jProjection(driver, batch_size=batch_size, server_loader=server_loader)
    for _ in projection.replace_batches((chunk, {}) for chunk in chunks(graphs)):
        pass


def record_store(graphs: dict[str, Triples]) -> OxigraphStore:
    """An in-memory store of record holding the graphs (built before the clock starts)."""
    store = OxigraphStore()
    named: dict[str, Graph] = {}
    for name, triples in graphs.items():
        named[name] = Graph()
        for triple in triples:
            named[name].add(triple)
    store.replace_graphs(named)
    return store


def run_geokg_sync(driver: Driver, store: OxigraphStore, batch_size: int) -> None:
    """`kg sync` itself: each record graph exported and hashed, then projected (the loader
    when the server has it)."""
    report = sync(store, Neo4jProjection(driver, batch_size=batch_size))
    assert not report.unchanged


def chunks(graphs: dict[str, Triples]) -> Iterator[dict[str, Triples]]:
    """The graphs in groups of about CHUNK_TRIPLES triples, as kg.sync batches them."""
    chunk: dict[str, Triples] = {}
    for name, triples in graphs.items():
        chunk[name] = triples
        if sum(len(t) for t in chunk.values()) >= CHUNK_TRIPLES:
            yield chunk
            chunk = {}
    if chunk:
        yield chunk


def run_geokg_one_by_one(driver: Driver, graphs: dict[str, Triples], batch_size: int) -> None:
    """As ingest projects: one replace_graph per article."""
    projection = Neo4jProjection(driver, batch_size=batch_size)
    for name, triples in graphs.items():
        projection.replace_graph(name, triples)


def floor_calls(graphs: dict[str, Triples]) -> list[list[dict]]:
    """The loader's calls for `graphs`, N-Triples text made before the clock starts."""
    return loader_calls({name: ntriples_text(t) for name, t in graphs.items()})


def run_floor(driver: Driver, calls: list[list[dict]]) -> None:
    """The loader writing only what rdflib-neo4j writes (nodes by uri with labels and
    properties, plain relationships): no sources, claims or graph records. A lower bound for
    any transactional writer of these triples, not a projection geokg can maintain."""
    config = {**loader_config(), "provenance": False}
    with driver.session() as session:
        for call in calls:
            session.execute_write(
                lambda tx, call=call: tx.run(LOADER_CYPHER, graphs=call, config=config).consume()
            )


def run_rdflib_neo4j(driver: Driver, graphs: dict[str, Triples], batch_size: int) -> None:
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig

    config = Neo4jStoreConfig(
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE, batch_size=batch_size
    )
    with contextlib.redirect_stdout(io.StringIO()):  # it prints as it goes
        graph = Graph(store=Neo4jStore(config=config, neo4j_driver=driver))
        for triples in graphs.values():
            for triple in triples:
                graph.add(triple)
        graph.close(True)


@dataclass(frozen=True)
class Run:
    """One run: wall seconds, and CPU seconds of this process and (if known) of the server."""

    wall: float
    client_cpu: float
    server_cpu: float | None


def server_cpu(pid: int | None) -> float | None:
    """CPU seconds the server process has used so far (Linux /proc; None without a pid)."""
    if pid is None:
        return None
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(driver: Driver, run: Callable[[], None], pid: int | None = None) -> Run:
    wipe(driver)
    Neo4jProjection(driver).ensure_schema()  # the same constraint and indexes for both
    cpu, server, started = time.process_time(), server_cpu(pid), time.perf_counter()
    run()
    wall = time.perf_counter() - started
    after = server_cpu(pid)
    used = None if after is None or server is None else after - server
    return Run(wall, time.process_time() - cpu, used)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    env = os.environ.get
    parser.add_argument("--uri", default=env("KG_NEO4J_URI", "bolt://localhost:7687"))
    parser.add_argument("--user", default=env("KG_NEO4J_USER", "neo4j"))
    parser.add_argument("--password", default=env("KG_NEO4J_PASSWORD", "geokg-local-pw"))
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best counts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="delete what the database holds")
    parser.add_argument(
        "--one-by-one", action="store_true", help="also project one graph per call (slow)"
    )
    parser.add_argument(
        "--floor", action="store_true", help="also time the loader with no provenance (a bound)"
    )
    parser.add_argument(
        "--server-pid", type=int, help="the Neo4j process (local): report its CPU seconds too"
    )
    return parser.parse_args()


def measure(
    driver: Driver, graphs: dict[str, Triples], args: argparse.Namespace
) -> dict[str, list[Run]]:
    """Each run of each tool, the tools taking turns."""
    size = args.batch_size
    store = record_store(graphs)
    loader = Neo4jProjection(driver).server_loader
    print(f"server-side loader geokg.project: {'yes' if loader else 'no (Cypher only)'}")
    tools: dict[str, Callable[[], None]] = {
        GEOKG: lambda: run_geokg_together(driver, graphs, size, loader),
        SYNC: lambda: run_geokg_sync(driver, store, size),
        CYPHER: lambda: run_geokg_together(driver, graphs, size, False),
        RDFLIB: lambda: run_rdflib_neo4j(driver, graphs, size),
    }
    if args.floor and loader:
        calls = floor_calls(graphs)
        tools[FLOOR] = lambda: run_floor(driver, calls)
    if args.one_by_one:
        tools[ONE] = lambda: run_geokg_one_by_one(driver, graphs, size)
    runs: dict[str, list[Run]] = {name: [] for name in tools}
    for _ in range(args.repeat):
        for name, run in tools.items():
            runs[name].append(timed(driver, run, args.server_pid))
    wipe(driver)
    return runs


def require_rdflib_neo4j() -> None:
    """Stop with a sentence, before any data is built, when the reference is not installed."""
    try:
        import rdflib_neo4j  # noqa: F401
    except ModuleNotFoundError:
        raise SystemExit(
            "rdflib-neo4j, the reference this bench measures against, is not installed: "
            "run `.venv/bin/pip install -e '.[bench]'` first."
        ) from None


def main() -> None:
    args = arguments()
    require_rdflib_neo4j()
    graphs = dataset(args.articles, args.seed)
    triples = sum(len(t) for t in graphs.values())
    print(f"{len(graphs)} named graphs, {triples} triples")
    settings = Settings(neo4j_uri=args.uri, neo4j_user=args.user, neo4j_password=args.password)
    with contextlib.closing(wiring.neo4j_driver(settings)) as driver:
        busy = driver.execute_query("MATCH (n) RETURN count(n) > 0 AS busy").records[0]["busy"]
        if busy and not args.force:
            raise SystemExit("The database is not empty; pass --force to let the bench wipe it.")
        runs = measure(driver, graphs, args)
    best = {name: min(r.wall for r in rs) for name, rs in runs.items()}
    for name, rs in runs.items():
        median = statistics.median(r.wall for r in rs)
        rate = triples / best[name]
        cpu = statistics.median(r.client_cpu for r in rs)
        served = [r.server_cpu for r in rs if r.server_cpu is not None]
        server = f"  server CPU {statistics.median(served):6.2f} s" if served else ""
        print(
            f"{name:28s} best {best[name]:7.2f} s  median {median:7.2f} s  {rate:9.0f} triples/s"
            f"  client CPU {cpu:6.2f} s{server}"
        )
    for name in (GEOKG, SYNC, CYPHER, FLOOR):
        if name not in best:
            continue
        print(f"ratio ({name} / rdflib-neo4j throughput): {best[RDFLIB] / best[name]:.1f}x")


if __name__ == "__main__":
    main()
