"""Rules both backends apply the same way: which query arguments make no sense (a ValueError
with a sentence the CLI and the API show as they are), and how precise the date of a pair's
diplomatic relations is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.queries.cypher_rows import code_param, event_type_param
from kg.queries.models import RelationPublic
from ontology.dates import DateError, DateSpan, PartialDate, parse_span
from ontology.identifiers import dyad_code


def check_pair(a: str, b: str, what: str = "a timeline") -> None:
    """Two different codes, or a ValueError: a state has no events 'between' itself."""
    if a.strip().upper() == b.strip().upper():
        code = a.strip().upper()
        raise ValueError(
            f"{what} needs two different states, not {code} twice; "
            f"to list {code}'s own events, search events by state"
        )


def check_period(start: PartialDate | None, end: PartialDate | None) -> None:
    """A period with at least one day, or a ValueError (a reversed from/to finds nothing)."""
    if start is not None and end is not None and start.earliest > end.latest:
        raise ValueError(
            f"the period from {start.text} to {end.text} is empty: its start is after its end"
        )


def timeline_dyad(
    a: str,
    b: str,
    start: PartialDate | None,
    end: PartialDate | None,
    event_type: str | None,
    limit: int | None,
    offset: int,
) -> str:
    """The dyad code of a timeline request whose arguments both backends take, or the
    ValueError they would raise (a cached answer refuses what the backend refuses)."""
    check_pair(a, b)
    check_period(start, end)
    if offset < 0 or (limit is not None and limit < 0):
        raise ValueError("limit and offset must not be negative")
    event_type_param(event_type)
    return dyad_code(code_param(a), code_param(b))


def _span(text: str) -> DateSpan | None:
    try:
        return parse_span(text)
    except DateError:
        return None


def refined_date(base: str | None, candidates: Sequence[str]) -> str | None:
    """`base` (else the first candidate), or the most precise candidate that falls within it:
    one article dates the establishment of relations to 1949, another to 6 October 1949."""
    base = base or (candidates[0] if candidates else None)
    outer = _span(base) if base else None
    if outer is None:
        return base
    inside = [s for s in _spans(candidates) if outer.earliest <= s.earliest <= s.latest <= outer.latest]  # fmt: skip
    best = min(inside, key=lambda s: (s.latest - s.earliest, s.earliest), default=None)
    if best is None or best.latest - best.earliest >= outer.latest - outer.earliest:
        return base
    return best.text


def diplomatic_since(relations: Iterable[RelationPublic], established: Sequence[str]) -> str | None:
    """The pair's diplomatic relation's `since`, else the first 'established' event's date
    (`established`: those events' dates, in timeline order); refined as above."""
    since = next((r.since for r in relations if r.type == "diplomatic_relations" and r.since), None)
    return refined_date(since, established)


def _spans(texts: Iterable[str]) -> list[DateSpan]:
    return [s for s in map(_span, texts) if s is not None]
