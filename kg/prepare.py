"""The part of ingest that needs no store: an item becomes its validated triples, written as
N-Triples statements, with their hash and the facts the writer needs (kg.article_facts).
Pure but for the extractor, so it runs in worker processes (kg.ingest_workers); the one
writer (kg.ingest_batch) takes it from there."""

from __future__ import annotations

from dataclasses import dataclass

from kg.article_facts import ArticleFacts, facts_of
from kg.ingest_model import ArticleGraph, Extractor, Item, Rejected
from kg.stores.oxigraph_terms import lines_hash, statement_lines
from loaders.article import Article
from loaders.errors import LoadError
from loaders.extraction.model import Extraction
from loaders.rdf.article_graph import build_article_triples
from ontology.identifiers import article_iri
from ontology.shacl import ShaclViolationError, ensure_valid_triples


@dataclass(frozen=True)
class Prepared:
    """An item ready to write: the named graph's statements and hash, and its facts."""

    article_id: str
    name: str  # the article graph's IRI
    lines: list[str]
    digest: str
    facts: ArticleFacts
    extraction: Extraction | None  # None for an ArticleGraph


def default_extractor() -> Extractor:
    from loaders.extraction.extractor import extract

    return extract


def prepare(item: Article | ArticleGraph, base_iri: str, extract: Extractor) -> Prepared:
    """Extract (unless the item is a graph), build, validate with SHACL, write out and hash.
    Raises ShaclViolationError or ValueError for a graph that does not validate."""
    extraction = None
    if isinstance(item, ArticleGraph):
        article_id, triples = item.article_id, list(item.graph)
    else:
        extraction = extract(item)
        article_id, triples = item.id, list(build_article_triples(extraction, base_iri))
    ensure_valid_triples(triples)
    name = str(article_iri(base_iri, article_id))
    lines = statement_lines(triples)
    return Prepared(article_id, name, lines, lines_hash(lines), facts_of(triples, name), extraction)


def prepare_outcome(item: Item, base_iri: str, extract: Extractor) -> Prepared | Rejected:
    """prepare, or (input, reason) for an item that did not load or validate."""
    if isinstance(item, LoadError):
        return (item.source, str(item))
    try:
        return prepare(item, base_iri, extract)
    except (ValueError, ShaclViolationError) as exc:
        if isinstance(item, ArticleGraph):
            return (item.source or item.article_id, str(exc))
        return (item.source or item.url or item.id, str(exc))
