"""Retraction, beside ingest: take a wrong or withdrawn article out of the record and of
Neo4j. Exactly the article's named graph goes, with the refinement graphs it made rewritten
as if it had never come: a fact another article also asserts stays, with one source less.
Neo4j follows by the same catch-up sync ingest uses, the caches by the same marks, and the
article's id is remembered (kg.stores.retractions) so that it can answer 410 Gone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from kg.refinement_record import derived_graphs
from kg.services.ingest import ProjectionFailed
from kg.stores.base import RecordStore
from loaders.article import url_problem
from ontology.identifiers import article_id, article_iri
from ontology.namespace import GEO

if TYPE_CHECKING:
    from kg.services.ingest import IngestService
    from kg.sync import SyncReport

_ID = re.compile(r"[0-9a-f]{16}")
NOT_A_REFERENCE = "is not an article id (16 hex digits), an article IRI or an http(s) URL"


@dataclass(frozen=True)
class Retracted:
    """One article taken out: its id, IRI, url (when it had one) and when (UTC)."""

    article_id: str
    article_iri: str
    url: str | None
    retracted_at: str


@dataclass
class RetractResult:
    """What a retraction did: the articles taken out, the references it could not take out
    (with a sentence each), and what Neo4j got."""

    retracted: list[Retracted] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    synced: SyncReport | None = None
    projected: bool | None = None  # Neo4j followed (None: no Neo4j, or nothing retracted)
    warnings: list[str] = field(default_factory=list)


def article_ref(base_iri: str, ref: str) -> str | None:
    """The article id a reference names: the id itself, the article's IRI, or the URL it was
    ingested from (ids are the hash of the URL); None when it is none of these."""
    text = ref.strip()
    if _ID.fullmatch(text):
        return text
    prefix = str(article_iri(base_iri, ""))
    if text.startswith(prefix):
        tail = text[len(prefix) :]
        return tail if _ID.fullmatch(tail) else None
    return article_id(text, "") if url_problem(text) is None else None


def _url(graph: Graph, name: str) -> str | None:
    found = graph.value(URIRef(name), GEO.url)
    return str(found) if found is not None else None


def drop_article(store: RecordStore, name: str, names: list[str]) -> Graph:
    """Remove the article graph `name` and rewrite the refinement graphs it took part in,
    in one write; returns what it held."""
    stored = store.to_graph(name)
    derived, _ = derived_graphs(store, name, Graph(), stored, names)
    store.replace_graphs({name: Graph(), **derived})
    return stored


def _refusal(service: IngestService, ref: str, art: str | None) -> str:
    if art is None:
        return f"{ref!r} {NOT_A_REFERENCE}"
    gone = service.targets.retractions.when(art) if service.targets.retractions else None
    return f"{ref!r} was retracted at {gone}" if gone else f"{ref!r} is not in the record"


def retract_articles(service: IngestService, refs: list[str]) -> RetractResult:
    """Take each referenced article out of the record, then bring Neo4j up to date; call
    with the service's write lock held (IngestService.retract does)."""
    t, result = service.targets, RetractResult()
    names = t.store.graphs()
    for ref in refs:
        art = article_ref(t.base_iri, ref)
        name = str(article_iri(t.base_iri, art)) if art else ""
        if art is None or name not in names:
            result.refused.append((ref, _refusal(service, ref, art)))
            continue
        url = _url(drop_article(t.store, name, names), name)
        names.remove(name)
        now = datetime.now(UTC)
        when = (
            t.retractions.add(art, url, now) if t.retractions else now.isoformat(timespec="seconds")
        )
        result.retracted.append(Retracted(art, name, url, when))
    if result.retracted and t.projection is not None:
        try:
            result.synced, result.warnings = service.sync()
            result.projected = True
        except ProjectionFailed as exc:  # the record is done: the next `kg sync` catches up
            result.projected = False
            result.warnings.append(f"{exc} The record is retracted; `kg sync` updates Neo4j.")
    return result
