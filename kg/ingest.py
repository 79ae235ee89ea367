"""The record step of ingest: article -> extraction -> validated graph -> the article's named
graph in the record (or a graph built elsewhere, an ArticleGraph, validated and written the
same way). Each article is written in one transaction, so an interrupted run leaves whole
articles only, and running it again ends with the same store as one clean run. The whole use
case (projection, caches, the report) is kg.services.ingest, which calls this."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from rdflib import RDF, Graph, URIRef

from kg.refinement_delta import refinement_changes
from kg.stores.base import RecordStore
from kg.sync import graph_hash
from loaders.article import Article
from loaders.errors import LoadError
from loaders.extraction.model import Extraction
from ontology.identifiers import article_iri
from ontology.namespace import GEO
from ontology.shacl import ShaclViolationError, ensure_valid

Status = Literal["new", "replaced", "unchanged"]
Extractor = Callable[[Article], Extraction]


@dataclass(frozen=True)
class ArticleGraph:
    """An article's facts built as a graph already (a dataset loader's rows), to be validated
    and stored as the named graph `{base}article/{article_id}`, as an extracted article is."""

    article_id: str
    graph: Graph
    source: str = ""


Item = Article | ArticleGraph | LoadError


@dataclass
class ArticleReport:
    """What one article contributed."""

    article_id: str
    article_iri: str
    status: Status
    events: int
    new_events: int
    corroborated_events: int
    extraction: Extraction | None  # None for an ArticleGraph
    known_events: int = 0  # in the record already, from an earlier version of this article
    derived: dict[str, bool] = field(default_factory=dict)  # refinement graph -> kept (not dropped)


@dataclass
class IngestSummary:
    """Totals over one `kg ingest` run; `rejected` holds (input, reason) pairs."""

    articles: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    new_events: int = 0
    corroborated_events: int = 0
    known_events: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def add(self, report: ArticleReport) -> None:
        self.articles += 1
        setattr(self, report.status, getattr(self, report.status) + 1)
        self.events += report.events
        self.new_events += report.new_events
        self.corroborated_events += report.corroborated_events
        self.known_events += report.known_events


def default_extractor() -> Extractor:
    from loaders.extraction.extractor import extract

    return extract


def corroborated(others: set[str], found: dict[str, str], events: set[str]) -> set[str]:
    """The events of this article that another article reports too (`others`), at the same
    date or at another precision (one refining the other, either way round: `found`)."""
    hits = events & others
    for coarse, fine in found.items():
        for mine, other in ((coarse, fine), (fine, coarse)):
            if mine in events and other in others:
                hits.add(mine)
    return hits


def _stored_version(store: RecordStore, name: str, digest: str) -> tuple[Status, Graph | None]:
    """Whether the article is new, replaced or unchanged, and its stored graph when it must
    be read: a graph whose hash the store keeps (kg.stores.graph_hashes) and that equals
    `digest` is unchanged without a read; one without a kept hash is read and hashed."""
    known, epoch = store.known_hashes([name])
    if known.get(name) == digest:
        return "unchanged", None
    if not store.has_graph(name):
        return "new", None
    stored = store.to_graph(name)
    stored_digest = graph_hash(stored)
    store.remember_hashes({name: stored_digest}, epoch)
    return ("unchanged" if stored_digest == digest else "replaced"), stored


def ingest_article(
    article: Article, store: RecordStore, base_iri: str, extractor: Extractor | None = None
) -> ArticleReport:
    """Extract one article and write its named graph, replacing an earlier version of it;
    an identical re-ingest writes nothing. Raises ShaclViolationError or ValueError for a
    graph that does not validate (nothing is written then)."""
    from loaders.rdf.article_graph import article_graph

    extraction = (extractor or default_extractor())(article)
    graph = article_graph(extraction, base_iri)  # validated with SHACL
    return write_article_graph(store, base_iri, article.id, graph, extraction)


def ingest_graph(item: ArticleGraph, store: RecordStore, base_iri: str) -> ArticleReport:
    """Validate a ready-made article graph with SHACL and write it as ingest_article does."""
    ensure_valid(item.graph)
    return write_article_graph(store, base_iri, item.article_id, item.graph)


def _events_of(graph: Graph, name: URIRef) -> set[str]:
    """The events the article graph `name` reports."""
    return {
        str(s)
        for s in set(graph.subjects(GEO.source, name))
        if isinstance(s, URIRef) and (s, RDF.type, GEO.Event) in graph
    }


def write_article_graph(
    store: RecordStore,
    base_iri: str,
    article_id: str,
    graph: Graph,
    extraction: Extraction | None = None,
) -> ArticleReport:
    """Write a validated article graph and what it changes of the refinement graphs in one
    transaction, if changed; an unchanged one costs its hash and a look-up of the stored
    hash. Every read is by index (kg.refinement_delta), never over the whole store."""
    name = str(article_iri(base_iri, article_id))
    digest = graph_hash(graph)
    status, stored = _stored_version(store, name, digest)
    events = _events_of(graph, URIRef(name))
    report = ArticleReport(article_id, name, status, len(events), 0, 0, extraction)
    if status == "unchanged":  # every event was recorded before, by this article
        report.known_events = len(events)
        return report
    known = {str(s) for s in stored.subjects(RDF.type, GEO.Event)} if stored else set()
    changes = refinement_changes(store, name, graph, stored)
    elsewhere = corroborated(changes.others, changes.found, events)
    store.update_graphs({name: graph, **changes.replace}, changes.insert, changes.delete)
    store.remember_hashes({name: digest}, store.known_hashes([])[1])  # after the write only
    report.new_events = len(events - elsewhere - known)
    report.corroborated_events = len(elsewhere)
    report.known_events = len((events & known) - elsewhere)
    report.derived = changes.derived
    return report


def _ingest_item(
    item: Article | ArticleGraph, store: RecordStore, base_iri: str, extract: Extractor
) -> ArticleReport | tuple[str, str]:
    """One article's report, or (input, reason) when its graph does not validate."""
    try:
        if isinstance(item, ArticleGraph):
            return ingest_graph(item, store, base_iri)
        return ingest_article(item, store, base_iri, extract)
    except (ValueError, ShaclViolationError) as exc:
        if isinstance(item, ArticleGraph):
            return (item.source or item.article_id, str(exc))
        return (item.source or item.url or item.id, str(exc))


def ingest_all(
    items: Iterable[Item],
    store: RecordStore,
    base_iri: str,
    on_article: Callable[[ArticleReport | tuple[str, str]], None] | None = None,
    extractor: Extractor | None = None,
) -> IngestSummary:
    """Write every article to the record; inputs that fail to load or validate are
    reported, not fatal."""
    summary = IngestSummary()
    extract = extractor or default_extractor()
    for item in items:
        outcome: ArticleReport | tuple[str, str]
        if isinstance(item, LoadError):
            outcome = (item.source, str(item))
        else:
            outcome = _ingest_item(item, store, base_iri, extract)
        if isinstance(outcome, tuple):
            summary.rejected.append(outcome)
        else:
            summary.add(outcome)
        if on_article:
            on_article(outcome)
    return summary
