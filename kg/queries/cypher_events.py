"""Event pages over the Neo4j projection: the parameters of cypher_texts.event_page and the
rows it returns -> the shared EventPublic models (pure: no driver)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kg.queries.cypher_rows import (
    NO_LIMIT,
    Row,
    code_param,
    event_type_param,
    expand,
    first,
    source_order,
    texts,
)
from kg.queries.models import EventPublic, SourcePublic
from kg.queries.sparql_rows import event_models, sources_by_fact
from ontology.dates import PartialDate
from ontology.identifiers import dyad_code

SOURCE_FIELDS = ("url", "title", "published", "sentence", "charStart", "charEnd", "confidence")


def event_query_args(
    codes: Sequence[str],
    event_type: str | None = None,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[bool, dict[str, Any]]:
    """Whether the page starts from a dyad (two distinct codes or more), and the parameters
    of cypher_texts.event_page: $dyad, the remaining $codes, $type, bounds and paging."""
    if offset < 0 or (limit is not None and limit < 0):
        raise ValueError("limit and offset must not be negative")
    unique = list(dict.fromkeys(code_param(c) for c in codes))
    pair = len(unique) >= 2
    return pair, {
        "dyad": dyad_code(unique[0], unique[1]) if pair else None,
        "codes": unique[2:] if pair else unique,
        "type": event_type_param(event_type),
        "start": start.earliest if start else None,
        "end": end.latest if end else None,
        "skip": offset,
        "limit": NO_LIMIT if limit is None else limit,
    }


def source_row(fact: str, value: dict[str, Any]) -> Row:
    """One source of a fact as the SPARQL side's row: lexical strings, absent when unbound."""
    row = {"e": fact, "article": value["article"]}
    row.update({k: v for k in SOURCE_FIELDS if (v := first(value.get(k))) is not None})
    return row


def source_rows(
    fact: str, sources: Iterable[dict[str, Any]], evidence: Iterable[dict[str, Any]]
) -> list[Row]:
    """A fact's source articles joined with its evidence sentences by article: one row per
    sentence of a source article, or one row without a sentence when it has none (the
    SPARQL side's OPTIONAL); evidence citing an article that is not a source is left out."""
    by_article: dict[Any, list[dict[str, Any]]] = {}
    for ev in evidence:
        by_article.setdefault(ev["article"], []).append(ev)
    rows = []
    for source in sources:
        for ev in by_article.get(source["article"]) or [{}]:
            rows.append(source_row(fact, {**ev, **source}))
    return rows


def sources_of(rows: Iterable[Row]) -> dict[str, list[SourcePublic]]:
    """Source rows -> each fact's sources, in the contract order."""
    return sources_by_fact(sorted(rows, key=source_order))


def events_from_page(rows: Iterable[dict[str, Any]]) -> list[EventPublic]:
    """Rows of cypher_texts.event_page (in page order) -> events with participants and
    sources, exactly as the SPARQL side builds them."""
    keys: list[Row] = []
    people: list[Row] = []
    sources: list[Row] = []
    for r in rows:
        base = {"e": r["e"], "earliest": str(r["earliest"]), "latest": str(r["latest"])}
        fields = {k: first(r[k]) for k in ("type", "date", "start", "end")}
        keys += expand(base, **fields)
        for p in r["people"]:
            people += [{"e": r["e"], "role": p["role"], "code": c} for c in texts(p["code"])]
        sources += source_rows(r["e"], r["sources"], r["evidence"])
    return event_models(keys, people, sources_of(sources))
