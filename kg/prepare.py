"""The part of ingest that needs no store: an item becomes its validated triples, written as
N-Triples statements, with their hash and the facts the writer needs (kg.article_facts).
Pure but for the extractor, so it runs in worker processes (kg.ingest_workers); the one
writer (kg.ingest_batch) takes it from there."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kg.article_facts import ArticleFacts, facts_of
from kg.ingest_model import ArticleGraph, Extractor, Item, Rejected
from kg.input_keys import input_key
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
    input_key: str | None = None  # kg.input_keys: None for an ArticleGraph


@dataclass(frozen=True)
class Known:
    """An article whose input key the store kept (kg.input_keys): not extracted, since its
    graph is most likely stored already; the writer checks, and prepares it if not."""

    item: Article
    input_key: str


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
    facts, key = facts_of(triples, name), input_key(item, base_iri, extract)
    return Prepared(article_id, name, lines, lines_hash(lines), facts, extraction, key)


def prepare_outcome(
    item: Item, base_iri: str, extract: Extractor, known: Collection[str] = ()
) -> Prepared | Known | Rejected:
    """prepare, Known for an article whose input key is among `known`, or (input, reason)
    for an item that did not load or validate."""
    if isinstance(item, LoadError):
        return (item.source, str(item))
    if known and isinstance(item, Article):
        key = input_key(item, base_iri, extract)
        if key is not None and key in known:
            return Known(item, key)
    try:
        return prepare(item, base_iri, extract)
    except (ValueError, ShaclViolationError) as exc:
        if isinstance(item, ArticleGraph):
            return (item.source or item.article_id, str(exc))
        return (item.source or item.url or item.id, str(exc))
