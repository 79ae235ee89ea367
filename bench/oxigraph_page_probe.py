"""Where a timeline page's time goes on the embedded store, and what the storage floor is.

For random pairs of a store built by bench/query_scale.py, times the three SPARQL queries of
one page (keys, the events' links, the linked nodes' properties), two rewrites of them, and
the same reads without SPARQL (pyoxigraph `quads_for_pattern`, one call per subject and
property). Every rewrite must give the same rows as the query it replaces.

    .venv/bin/python bench/oxigraph_page_probe.py /tmp/geokg-query-scale/v2-seed7-100000/oxigraph
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import wiring
from kg.queries import sparql_details as sd
from kg.queries import sparql_event_builders as qe
from kg.queries.sparql_builders import PREFIXES, values
from kg.settings import Settings
from kg.stores.oxigraph_store import OxigraphStore
from ontology.namespace import GEO_IRI

Rows = list[tuple[tuple[str, str], ...]]


def union_per_property(subjects: list[str], names: tuple[str, ...]) -> str:
    """props_query as one UNION branch per property (both ends bound in every branch)."""
    branches = " UNION ".join(f"{{ ?s geo:{n} ?o BIND(geo:{n} AS ?p) }}" for n in names)
    return PREFIXES + f"SELECT DISTINCT ?s ?p ?o WHERE {{ {values('s', subjects)} {branches} }}"


def keys_in_one_graph(a: str, b: str, limit: int) -> str:
    """The keys as one flat pattern inside GRAPH ?g (every article graph describes its events
    whole), instead of nested DISTINCT sub-selects over the union."""
    pair = "|".join(sorted((a, b)))
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?e ?earliest ?latest ?type WHERE {{
  ?d geo:code "{pair}" .
  GRAPH ?g {{ ?e geo:dyad ?d ; a geo:Event ; geo:earliest ?earliest ; geo:latest ?latest ;
    geo:code ?type }}
}} ORDER BY ?earliest ?latest ?type ?e LIMIT {limit}"""
    )


def raw_reads(store: ox.Store, subjects: list[str], names: tuple[str, ...]) -> int:
    """The same reads without SPARQL: one quads_for_pattern per (subject, property)."""
    found = 0
    for subject in subjects:
        node = ox.NamedNode(subject)
        for name in names:
            found += sum(
                1 for _ in store.quads_for_pattern(node, ox.NamedNode(GEO_IRI + name), None)
            )
    return found


def _ms(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    began = time.perf_counter()
    out = fn(*args)
    return (time.perf_counter() - began) * 1000, out


def _rows(rows: list[dict[str, str]]) -> Rows:
    return sorted(tuple(sorted(r.items())) for r in rows)


def probe(store: OxigraphStore, pairs: list[tuple[str, str]], page: int) -> dict[str, list[float]]:
    """Milliseconds per query (and the page's sizes) for each pair that has events."""
    times: dict[str, list[float]] = defaultdict(list)
    select = store.select
    for a, b in pairs:
        took, keys = _ms(select, qe.event_keys_query((a, b), limit=page))
        iris = list(dict.fromkeys(r["e"] for r in keys))
        if not iris:
            continue
        times["keys (nested sub-selects, as shipped)"].append(took)
        took, flat = _ms(select, keys_in_one_graph(a, b, page))
        assert [r["e"] for r in flat] == iris, "the rewrite changed the page"
        times["keys in GRAPH ?g, flat"].append(took)
        took, links = _ms(select, sd.props_query(iris, sd.LINKS))
        times["links (as shipped)"].append(took)
        nodes = sd.linked_nodes(sd.by_subject(links))
        took, shipped = _ms(select, sd.props_query(nodes, sd.NODE_PROPS))
        times["node properties (as shipped)"].append(took)
        took, union = _ms(select, union_per_property(nodes, sd.NODE_PROPS))
        assert _rows(union) == _rows(shipped), "the rewrite changed the answer"
        times["node properties, UNION per property"].append(took)
        took, _ = _ms(raw_reads, store.store, nodes, sd.NODE_PROPS)
        times["node properties, quads_for_pattern"].append(took)
        times["events on the page"].append(len(iris))
        times["linked nodes"].append(len(nodes))
    return times


def _pair(code: str) -> tuple[str, str]:
    a, b = code.split("|")
    return a, b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an OxigraphStore folder from query_scale.py")
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--page", type=int, default=20)
    args = parser.parse_args()
    store = wiring.open_store(Settings(store_path=args.store))
    dyad = f"{GEO_IRI}Dyad"
    codes = [r["c"] for r in store.select(f"SELECT ?c WHERE {{ ?d a <{dyad}> ; <{GEO_IRI}code> ?c }} LIMIT 20000")]  # fmt: skip
    rng = random.Random(7)
    pairs = [_pair(rng.choice(codes)) for _ in range(args.warmup + args.pairs)]
    probe(store, pairs[: args.warmup], args.page)
    ref = statistics.median(_ms(store.query, "ASK {}")[0] for _ in range(200))
    times = probe(store, pairs[args.warmup :], args.page)
    print(f"reference ASK {{}} p50 {ref:.3f} ms; {len(times['linked nodes'])} pairs with events")
    for name, samples in times.items():
        p50 = statistics.median(samples)
        unit = "" if name in ("events on the page", "linked nodes") else f" ms ({p50 / ref:.0f}x ref)"  # fmt: skip
        print(f"  {name:40s} p50 {p50:8.3f}{unit}")
    store.close()


if __name__ == "__main__":
    main()
