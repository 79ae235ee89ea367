"""Full-text search hits from what either backend found, built the same way for both (pure).

Each backend gives (kind, iri, key, key2) for every hit (kind-specific sort keys: an event's
earliest and latest day, an article's publication day) and then the properties of one page of
them. The order is the contract's, the same on every backend: entities, then events in date
order, then articles by publication, each kind then by IRI (the engines' relevance scores
differ, so they do not order the hits)."""

from __future__ import annotations

from collections.abc import Iterable

from kg.queries.search_models import SearchHit, SearchResult
from kg.queries.search_snippets import Mark, snippets
from kg.stores.search_facts import ENTITY_TYPES, SEARCH_FIELDS

KINDS = ("entity", "event", "article")
MAX_LIMIT = 100
MAX_OFFSET = 10_000
Match = tuple[str, str, str, str]  # (kind, iri, key, key2)
Props = dict[str, list[str]]  # local name -> values (participants: codes; types: local names)


def check_page(limit: int, offset: int) -> None:
    """ValueError for a page out of range (the API's bounds, for every caller)."""
    if not 0 <= limit <= MAX_LIMIT or not 0 <= offset <= MAX_OFFSET:
        raise ValueError(f"limit must be 0-{MAX_LIMIT} and offset 0-{MAX_OFFSET} for a search")


def ordered(matches: Iterable[Match]) -> list[tuple[str, str]]:
    """(kind, iri) of each hit once, in the contract order."""
    best: dict[tuple[str, str], tuple[int, str, str, str]] = {}
    for kind, iri, key, key2 in matches:
        order = (KINDS.index(kind), key, key2, iri)
        if (kind, iri) not in best or order < best[(kind, iri)]:
            best[(kind, iri)] = order
    return [pair for pair, _ in sorted(best.items(), key=lambda item: item[1])]


def _first(props: Props, name: str) -> str | None:
    values = props.get(name) or []
    return min(values) if values else None


def _date(props: Props) -> str | None:
    """An event's date as EventPublic gives it: a point, a period, or its bounds."""
    if (day := _first(props, "date")) is not None:
        return day
    start, end = _first(props, "startDate"), _first(props, "endDate")
    if start is not None:
        return f"{start}/{end}" if end else start
    low, high = _first(props, "earliest"), _first(props, "latest")
    return low if low == high or high is None else f"{low}/{high}"


def _texts(kind: str, props: Props) -> list[str]:
    """The texts a hit of `kind` was found in: each evidence sentence of an event (each its
    own node), else one per field (a list's values joined)."""
    if kind == "event":
        return list(props.get("sentence", []))
    return [" · ".join(sorted(set(props[f]))) for f in SEARCH_FIELDS[kind] if props.get(f)]


def _event(hit: SearchHit, props: Props) -> SearchHit:
    kind = _first(props, "code") or "other"
    people = sorted(set(props.get("participants", [])))
    date = _date(props)
    label = f"{kind.replace('_', ' ')}: {', '.join(people) or '?'}" + (f", {date}" if date else "")
    return hit.model_copy(
        update={"label": label, "type": kind, "date": date, "participants": people}
        | {"earliest": _first(props, "earliest"), "latest": _first(props, "latest")}
    )


def _other(hit: SearchHit, props: Props) -> SearchHit:
    if hit.kind == "article":
        label = _first(props, "title") or _first(props, "url") or hit.iri
        found = {"date": _first(props, "published"), "url": _first(props, "url")}
        return hit.model_copy(update={"label": label} | found)
    names = [_first(props, n) for n in ("name", "textName", "code")]
    types = [t for t in ENTITY_TYPES if t in props.get("types", [])]
    label = next((n for n in names if n), hit.iri)
    found = {"type": types[0] if types else None, "code": _first(props, "code")}
    return hit.model_copy(update={"label": label} | found)


def build_hit(kind: str, iri: str, props: Props, shown: tuple[str, list[Mark]]) -> SearchHit:
    """One hit from its properties and its snippet: its label, the matched text and its
    marks, and what opens it (an event's participants and date, an entity's code, an
    article's URL)."""
    hit = SearchHit(kind=kind, iri=iri, label=iri, snippet=shown[0], marks=shown[1])
    return _event(hit, props) if kind == "event" else _other(hit, props)


def result(
    words: list[str], page: list[tuple[str, str]], props: dict[str, Props], total: int
) -> SearchResult:
    """The page's hits (in page order) with the properties each backend read for them."""
    found = [props.get(iri, {}) for _, iri in page]
    shown = snippets([_texts(kind, p) for (kind, _), p in zip(page, found, strict=True)], words)
    hits = [
        build_hit(kind, iri, p, s) for (kind, iri), p, s in zip(page, found, shown, strict=True)
    ]
    return SearchResult(words=words, total=total, hits=hits)
