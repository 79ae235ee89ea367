"""Entity look-up in Cypher (`kg lookup`, `GET /lookup`): candidates by IRI, code, name,
alias or a person's name from the text, and one entity's details, shaped as the SPARQL side's
rows so both backends answer alike (kg.queries.sparql_rows.entity_from_rows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.queries import cypher_texts as ct
from kg.queries.base import NAME_PART, Ranked, best_per_iri
from kg.queries.cypher_rows import is_code, is_iri, priority, texts, types_of
from kg.queries.models import EntityPublic
from kg.queries.sparql_rows import entity_from_rows

Read = Callable[..., list[dict[str, Any]]]


def ranked_entities(read: Read, key: str) -> Ranked:
    """(rank, type priority, IRI) of each entity `key` matches (GraphQueries._ranked)."""
    key = key.strip()
    if not key:
        return []
    candidates = [(2, r) for r in read(ct.ENTITY_BY_NAME, name=key.lower())]
    if is_code(key):
        candidates += [(1, r) for r in read(ct.ENTITY_BY_CODE, code=key.upper())]
    if is_iri(key):
        candidates += [(0, r) for r in read(ct.ENTITY_BY_IRI, iri=key)]
    if not any(types_of(r) for _, r in candidates):  # the first or last words of a name
        words = " ".join(key.lower().split())
        part = read(ct.ENTITY_BY_NAME_PART, prefix=words + " ", suffix=" " + words)
        candidates = [(NAME_PART, r) for r in part]
    return best_per_iri((rank, priority(r), r["x"]) for rank, r in candidates if types_of(r))


def entity_at(read: Read, iri: str) -> EntityPublic:
    """Types, code, names, aliases and (for a person) the roles articles give them."""
    details = read(ct.ENTITY_DETAILS, iri=iri)[0]
    rows = [{"prop": "type", "value": t} for t in types_of(details)]
    for prop in ("code", "name", "alias", "text_name"):
        rows += [{"prop": prop, "value": v} for v in texts(details[prop])]
    roles = read(ct.REPORTED_ROLES, iri=iri) if "Person" in details["labels"] else []
    roles = [{**r, "asOf": next(iter(texts(r["asOf"])), None)} for r in roles]
    return entity_from_rows(iri, rows, roles)
