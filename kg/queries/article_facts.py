"""An article read back from its named graph `{base}article/{id}`: its metadata, and the
events and relations it reports (each with every source that reports it). The SPARQL
`GET /articles/{id}` runs, as a named read; the API makes its schema of the fields."""

from __future__ import annotations

import re
from typing import Any

from kg.queries import sparql_event_builders as qe
from kg.queries.sparql_builders import PREFIXES, iri_ref, values
from kg.queries.sparql_rows import event_models, relation_models, sources_by_fact
from kg.stores.base import RecordStore
from ontology.identifiers import article_iri
from ontology.namespace import GEO_IRI

ARTICLE_ID = re.compile(r"[0-9a-f]{16}")
_FIELDS = {
    "url": "url",
    "title": "title",
    "published": "published",
    "publisher": "publisher",
    "ingestedAt": "ingested_at",
    "extractor": "extractor",
}


def _metadata(store: RecordStore, iri: str) -> tuple[dict[str, str], list[str]]:
    """The article node's fields (first value of each) and the IRIs it mentions."""
    rows = store.select(f"SELECT ?p ?o WHERE {{ GRAPH {iri_ref(iri)} {{ {iri_ref(iri)} ?p ?o }} }}")
    found: dict[str, str] = {}
    mentions: list[str] = []
    for row in sorted(rows, key=lambda r: (r["p"], r["o"])):
        local = row["p"].removeprefix(GEO_IRI)
        if local == "mentions":
            mentions.append(row["o"])
        elif local in _FIELDS:
            found.setdefault(_FIELDS[local], row["o"])
    return found, mentions


def _facts(store: RecordStore, iri: str, kind: str) -> list[str]:
    rows = store.select(f"SELECT DISTINCT ?f WHERE {{ GRAPH {iri_ref(iri)} {{ ?f a <{kind}> }} }}")
    return sorted(row["f"] for row in rows)


def _event_keys(events: list[str]) -> str:
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?e ?type ?earliest ?latest ?date ?start ?end WHERE {{
  {values("e", events)}
  ?e geo:earliest ?earliest ; geo:latest ?latest .
  OPTIONAL {{ ?e geo:code ?type }}
  OPTIONAL {{ ?e geo:date ?date }}
  OPTIONAL {{ ?e geo:startDate ?start }} OPTIONAL {{ ?e geo:endDate ?end }}
}} ORDER BY ?earliest ?latest ?type ?e"""
    )


def _relation_rows(relations: list[str]) -> str:
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?r ?type ?actor ?since ?until WHERE {{
  {values("r", relations)}
  ?r geo:actor/geo:code ?actor .
  OPTIONAL {{ ?r geo:code ?type }}
  OPTIONAL {{ ?r geo:since ?since }} OPTIONAL {{ ?r geo:until ?until }}
}} ORDER BY ?type ?since ?r ?actor"""
    )


def article_facts(store: RecordStore, base_iri: str, art_id: str) -> dict[str, Any] | None:
    """The article with this id (the fields of the API's ArticlePublic: metadata, mentions,
    events and relations), or None when the store has no such article graph."""
    if not ARTICLE_ID.fullmatch(art_id):
        return None
    iri = str(article_iri(base_iri, art_id))
    if iri not in store.graphs():
        return None
    meta, mentions = _metadata(store, iri)
    events = _facts(store, iri, GEO_IRI + "Event")
    relations = _facts(store, iri, GEO_IRI + "Relation")
    facts = events + relations
    sources = sources_by_fact(store.select(qe.sources_query(facts))) if facts else {}
    event_list = []
    if events:
        keys = store.select(_event_keys(events))
        people = store.select(qe.participants_query(events))
        event_list = event_models(keys, people, sources)
    relation_list = []
    if relations:
        relation_list = relation_models(store.select(_relation_rows(relations)), sources)
    return {
        **meta,
        "id": art_id,
        "iri": iri,
        "mentions": mentions,
        "events": event_list,
        "relations": relation_list,
    }
