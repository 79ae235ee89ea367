"""The Neo4j projection of the RDF record: pure row and Cypher builders (no driver here)."""

from kg.projection.batch import BatchRows, WritePlan, combine, plan_write
from kg.projection.rows import GEO_CLASSES, GraphRows, graph_rows, merge_claims
from kg.projection.values import literal_props

__all__ = [
    "GEO_CLASSES",
    "BatchRows",
    "GraphRows",
    "WritePlan",
    "combine",
    "graph_rows",
    "literal_props",
    "merge_claims",
    "plan_write",
]
