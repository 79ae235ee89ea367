"""The Neo4j projection of the RDF record: pure row and Cypher builders (no driver here)."""

from kg.projection.cypher_builders import GEO_CLASSES, GraphRows, graph_rows, merge_claims
from kg.projection.values import literal_props

__all__ = ["GEO_CLASSES", "GraphRows", "graph_rows", "literal_props", "merge_claims"]
