"""Parameters for `geokg.project`, the projection's server-side loader (pure: no driver).

The loader is a procedure the project's Neo4j launcher registers (neo4j-launcher/, package
org.geokg.projection). It takes named graphs as N-Triples text, the form the record exports,
and writes them in the shape kg.projection.rows and cypher_builders describe, in one pass
inside the server: no rows are built in Python and no Cypher is planned per batch. The
Python projection stays the reference, and a test checks that both write the same graph.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.projection.cypher_builders import CLAIM
from kg.projection.rows import GEO_CLASSES, GraphContent
from kg.projection.values import MULTI_VALUED, RESERVED_KEYS
from kg.stores.oxigraph_terms import ntriples_text
from ontology.namespace import GEO_IRI

LOADER_PROCEDURE = "geokg.project"
LOADER_CYPHER = (
    f"CALL {LOADER_PROCEDURE}($graphs, $config) "
    "YIELD graphs, triples, nodes, relationships, skipped RETURN *"
)
HAS_LOADER_CYPHER = "SHOW PROCEDURES YIELD name WHERE name = $name RETURN count(*) > 0 AS found"
LOADER_TRIPLES = 10_000  # triples per call (one transaction each); see docs/neo4j-projection.md

Row = dict[str, Any]


def loader_config() -> Row:
    """The ontology's parts the loader needs: passed on every call, so the Java side never
    holds a copy of them that could drift."""
    return {
        "geoIri": GEO_IRI,
        "classes": list(GEO_CLASSES),
        "reserved": sorted(RESERVED_KEYS),
        "multiValued": sorted(MULTI_VALUED),
        "claimType": CLAIM,
    }


def as_ntriples(content: GraphContent) -> str:
    """A graph's content as N-Triples text (text is passed through as it is)."""
    if isinstance(content, str):
        return content
    return ntriples_text((t[0], t[1], t[2]) for t in content)


def loader_calls(
    graphs: Mapping[str, GraphContent],
    hashes: Mapping[str, str | None] | None = None,
    max_triples: int = LOADER_TRIPLES,
) -> list[list[Row]]:
    """The `graphs` parameter of each call: {graph, ntriples, hash} rows, grouped so that a
    call carries about `max_triples` triples (a graph is never split)."""
    calls: list[list[Row]] = [[]]
    size = 0
    for name, content in graphs.items():
        text = as_ntriples(content)
        lines = text.count("\n")
        if calls[-1] and size + lines > max_triples:
            calls.append([])
            size = 0
        calls[-1].append({"graph": name, "ntriples": text, "hash": (hashes or {}).get(name)})
        size += lines
    return [call for call in calls if call]
