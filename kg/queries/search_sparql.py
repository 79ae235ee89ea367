"""Full-text search over the store of record: the hits from the index beside it
(kg.stores.search_index), the properties of one page of them from the record itself (two or
three SPARQL reads by subject, as kg.queries.sparql_details reads an event page)."""

from __future__ import annotations

import weakref

from kg.queries import search_hits as sh
from kg.queries.search_models import SearchResult
from kg.queries.search_words import fts_query, search_words
from kg.queries.sparql_builders import PREFIXES, values
from kg.queries.sparql_details import by_subject, props_query
from kg.stores.base import RecordStore
from kg.stores.search_facts import SEARCH_FIELDS
from kg.stores.search_index import SearchIndex
from ontology.namespace import GEO_IRI

EVENT_PROPS = ("code", "earliest", "latest", "date", "startDate", "endDate")
EVENT_LINKS = ("participant", "evidence")
ARTICLE_PROPS = ("title", "url", "published")
ENTITY_PROPS = ("code", *SEARCH_FIELDS["entity"])
Found = dict[str, dict[str, list[str]]]  # subject -> property local name -> values
# A store that keeps no index (read-only, or a server's endpoint): one built here, per store.
_OWN: weakref.WeakKeyDictionary[RecordStore, SearchIndex] = weakref.WeakKeyDictionary()


def index_of(store: RecordStore) -> SearchIndex:
    """The store's own index, else one in memory read from it once (then never written)."""
    caches = store.caches()
    found = caches.search if caches is not None else None
    if found is None:
        found = _OWN.get(store) or _OWN.setdefault(store, SearchIndex(None, store.select))
    return found


def types_query(subjects: list[str]) -> str:
    """SELECT ?s ?t: the geo: classes of these subjects."""
    return PREFIXES + (
        f"SELECT DISTINCT ?s ?t WHERE {{ {values('s', subjects)} ?s a ?t "
        f'FILTER(STRSTARTS(STR(?t), "{GEO_IRI}")) }}'
    )


def _props(store: RecordStore, iris: list[str], names: tuple[str, ...]) -> Found:
    return by_subject(store.select(props_query(iris, names))) if iris else {}


def _event_props(store: RecordStore, iris: list[str]) -> Found:
    """Each event's date properties, participants' codes and evidence sentences."""
    found = _props(store, iris, (*EVENT_PROPS, *EVENT_LINKS))
    linked = sorted({o for e in found.values() for n in EVENT_LINKS for o in e.get(n, [])})
    nodes = _props(store, linked, ("code", "sentence"))
    for props in found.values():
        props["participants"] = [c for p in props.get("participant", []) for c in nodes.get(p, {}).get("code", [])]  # fmt: skip
        props["sentence"] = [t for ev in props.get("evidence", []) for t in nodes.get(ev, {}).get("sentence", [])]  # fmt: skip
    return found


def _entity_props(store: RecordStore, iris: list[str]) -> Found:
    found = _props(store, iris, ENTITY_PROPS)
    for row in store.select(types_query(iris)) if iris else []:
        found[row["s"]]["types"].append(row["t"].removeprefix(GEO_IRI))
    return found


def sparql_search(store: RecordStore, text: str, limit: int = 20, offset: int = 0) -> SearchResult:
    """GraphQueries.search over a RecordStore (ValueError for text or a page it refuses)."""
    words = search_words(text)
    sh.check_page(limit, offset)
    hits = sh.ordered(index_of(store).matches(fts_query(words)))
    page = hits[offset : offset + limit]
    of = {kind: [iri for k, iri in page if k == kind] for kind in sh.KINDS}
    props = {
        **_props(store, of["article"], ARTICLE_PROPS),
        **_entity_props(store, of["entity"]),
        **_event_props(store, of["event"]),
    }
    return sh.result(words, page, {k: dict(v) for k, v in props.items()}, len(hits))
