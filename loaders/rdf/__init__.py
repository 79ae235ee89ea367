"""RDF graphs in ontology/ terms: one named graph per article, and the reference graphs."""

from loaders.rdf.article_graph import article_graph
from loaders.rdf.reference_graph import reference_graph, reference_graphs

__all__ = ["article_graph", "reference_graph", "reference_graphs"]
