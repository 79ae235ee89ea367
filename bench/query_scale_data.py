"""Synthetic article graphs for bench/query_scale.py: events among ~200 states over 60 years,
several types, each reported by 1 to 3 articles, in exactly the RDF shape real ingest writes.

The triples are written directly (`article_triples`), because rdflib Graphs are too slow for
millions of events; `check_shape` proves, on the first articles of a run, that they are the very
triples `loaders.rdf.article_graph.build_article_graph` makes from the same `Extraction`, and that
such a graph passes the SHACL shapes (`ontology.shacl.validate`)."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from loaders.article import Article
from loaders.extraction.model import EXTRACTOR_VERSION, EventRecord, Extraction
from loaders.rdf.article_graph import build_article_graph
from ontology.dates import parse_span
from ontology.identifiers import (
    actor_iri,
    article_id,
    article_iri,
    dyad_code,
    dyad_iri,
    event_iri,
    evidence_iri,
    state_iri,
)
from ontology.namespace import DIRECTED_EVENT_TYPES, EVENT_TYPE, EVENT_TYPES, GEO
from ontology.reference_data import load_reference, organization_codes
from ontology.shacl import validate

Triple = tuple[Node, Node, Node]
TYPES = tuple(t for t in EVENT_TYPES if t != "other")
FIRST_YEAR, YEARS = 1965, 60
SOURCES = (1, 2, 3)  # how many articles report one event
SOURCE_WEIGHTS = (0.5, 0.3, 0.2)  # and how often
EVENTS_PER_ARTICLE = 5
BLOCK = 2000  # events whose reports are mixed into one run of articles
CONFIDENCE = 0.8
PUBLISHER = "bench.example"


@dataclass(frozen=True)
class EventSpec:
    type: str
    participants: tuple[str, ...]  # initiator first for directed types
    date: str  # YYYY | YYYY-MM | YYYY-MM-DD | A/B, as an extractor gives it


@dataclass(frozen=True)
class ArticleSpec:
    index: int
    events: tuple[int, ...]  # indexes into the event pool


def bench_states(count: int = 200, seed: int = 7) -> list[str]:
    """`count` current reference states whose code is a state IRI (three letters, no org)."""
    orgs = organization_codes()
    codes = sorted(
        s.code
        for s in load_reference().states
        if not s.former and re.fullmatch(r"[A-Z]{3}", s.code) and s.code not in orgs
    )
    return sorted(random.Random(seed).sample(codes, min(count, len(codes))))


def _date_text(rng: random.Random) -> str:
    day = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randrange(YEARS * 365))
    roll = rng.random()
    if roll < 0.70:
        return day.isoformat()
    if roll < 0.85:
        return day.isoformat()[:7]
    if roll < 0.95:
        return str(day.year)
    end = day + timedelta(days=rng.randint(2, 400))
    return f"{day.isoformat()}/{end.isoformat()[: rng.choice((7, 10))]}"


def _key(spec: EventSpec) -> tuple[str, str, str]:
    """What the event IRI is made of: two specs with the same key are one event."""
    return (spec.type, "-".join(sorted(spec.participants)), spec.date)


def event_pool(count: int, states: list[str], seed: int) -> tuple[list[EventSpec], list[int]]:
    """`count` distinct events and how many articles report each (1 to 3)."""
    rng = random.Random(seed)
    events: list[EventSpec] = []
    seen: set[tuple[str, str, str]] = set()
    while len(events) < count:
        many = 3 if rng.random() < 0.15 else 2
        spec = EventSpec(rng.choice(TYPES), tuple(rng.sample(states, many)), _date_text(rng))
        if _key(spec) not in seen:
            seen.add(_key(spec))
            events.append(spec)
    return events, rng.choices(SOURCES, SOURCE_WEIGHTS, k=count)


def article_specs(sources: list[int], seed: int) -> Iterator[ArticleSpec]:
    """Articles of about EVENTS_PER_ARTICLE events; the reports of an event are in distinct
    articles of the same block (news of one event appear close together)."""
    rng = random.Random(seed + 1)
    index = 0
    for first in range(0, len(sources), BLOCK):
        block = range(first, min(first + BLOCK, len(sources)))
        articles = max(1, round(sum(sources[i] for i in block) / EVENTS_PER_ARTICLE))
        slots: list[list[int]] = [[] for _ in range(articles)]
        for i in block:
            for slot in rng.sample(range(articles), min(sources[i], articles)):
                slots[slot].append(i)
        for events in slots:
            if events:
                yield ArticleSpec(index, tuple(events))
                index += 1


def _sentence(spec: EventSpec) -> str:
    return f"{' and '.join(spec.participants)}: {spec.type.replace('_', ' ')} ({spec.date})."


def _article_parts(spec: ArticleSpec, pool: list[EventSpec]) -> tuple[Article, list[EventRecord]]:
    text = f"Synthetic article {spec.index}."
    records = []
    for i in spec.events:
        event = pool[i]
        sentence = _sentence(event)
        start = len(text) + 1
        text = f"{text} {sentence}"
        records.append(
            EventRecord(
                type=event.type,
                participants=list(event.participants),
                date=event.date,
                evidence=sentence,
                start=start,
                end=start + len(sentence),
                confidence=CONFIDENCE,
            )
        )
    article = Article(
        text=text,
        url=f"https://bench.example/scale/{spec.index}",
        title=f"Scale bench article {spec.index}",
        published=date(2024, 1, 1) + timedelta(days=spec.index % 366),
        source=PUBLISHER,
    )
    return article, records


def extraction(spec: ArticleSpec, pool: list[EventSpec]) -> Extraction:
    """The Extraction an extractor would return for this article."""
    article, records = _article_parts(spec, pool)
    states = sorted({c for r in records for c in r.participants})
    return Extraction(article=article, states=states, events=records)


@cache
def _actor(base: str, code: str) -> URIRef:
    return actor_iri(base, code)


@lru_cache(maxsize=100_000)
def _date_triples(text: str) -> tuple[tuple[URIRef, Literal], ...]:
    """(predicate, object) pairs of an event's date, as article_graph._add_event_date."""
    span = parse_span(text)
    out = (
        [(GEO.date, span.start.literal())]
        if span.end is None
        else [
            (GEO.startDate, span.start.literal()),
            (GEO.endDate, span.end.literal()),
        ]
    )
    out += [
        (GEO.earliest, Literal(span.earliest.isoformat(), datatype=XSD.date)),
        (GEO.latest, Literal(span.latest.isoformat(), datatype=XSD.date)),
    ]
    ends = [span.start] if span.end is None else [span.start, span.end]
    rank = {"year": 0, "month": 1, "day": 2}
    out.append((GEO.datePrecision, Literal(min((d.precision for d in ends), key=rank.__getitem__))))
    return tuple(out)


def _dyad_triples(base: str, node: URIRef, participants: list[str]) -> list[Triple]:
    """As article_graph.add_dyads: a dyad per unordered pair of distinct participants."""
    codes = sorted(set(participants))
    out: list[Triple] = []
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            dyad = dyad_iri(base, a, b)
            out += [(node, GEO.dyad, dyad), (dyad, RDF.type, GEO.Dyad)]
            out.append((dyad, GEO.code, Literal(dyad_code(a, b))))
    return out


@lru_cache(maxsize=100_000)
def _span_text(text: str) -> str:
    return parse_span(text).text


_CONFIDENCE = Literal(Decimal(str(CONFIDENCE)), datatype=XSD.decimal)
_EXTRACTOR = Literal(EXTRACTOR_VERSION)


def article_triples(
    spec: ArticleSpec, pool: list[EventSpec], base: str
) -> tuple[str, list[Triple]]:
    """The article's graph IRI and triples, as build_article_graph(extraction(...)) has them."""
    article, records = _article_parts(spec, pool)
    aid = article_id(article.url, article.text)
    art = article_iri(base, aid)
    assert article.published is not None
    out: list[Triple] = [
        (art, RDF.type, GEO.Article),
        (art, GEO.url, Literal(article.url)),
        (art, GEO.title, Literal(article.title)),
        (art, GEO.publisher, Literal(PUBLISHER)),
        (art, GEO.published, Literal(article.published.isoformat(), datatype=XSD.date)),
        (art, GEO.contentHash, Literal(hashlib.sha256(article.text.encode()).hexdigest())),
        (art, GEO.extractor, _EXTRACTOR),
    ]
    out += [
        (art, GEO.mentions, state_iri(base, c))
        for c in {c for r in records for c in r.participants}
    ]
    for r in records:
        ev = evidence_iri(base, aid, r.start, r.end)
        out += [
            (ev, RDF.type, GEO.Evidence),
            (ev, GEO.article, art),
            (ev, GEO.sentence, Literal(r.evidence)),
            (ev, GEO.charStart, Literal(r.start)),
            (ev, GEO.charEnd, Literal(r.end)),
            (ev, GEO.extractor, _EXTRACTOR),
            (ev, GEO.confidence, _CONFIDENCE),
        ]
        node = event_iri(base, r.type, r.participants, _span_text(r.date))
        actors = [_actor(base, c) for c in r.participants]
        out += [
            (node, RDF.type, GEO.Event),
            (node, GEO.eventType, EVENT_TYPE[r.type]),
            (node, GEO.code, Literal(r.type)),
        ]
        out += [(node, GEO.participant, a) for a in actors]
        if r.type in DIRECTED_EVENT_TYPES:
            out.append((node, GEO.initiator, actors[0]))
            out += [(node, GEO.recipient, a) for a in actors[1:] if a != actors[0]]
        out += _dyad_triples(base, node, r.participants)
        out += [(node, p, o) for p, o in _date_triples(r.date)]
        out += [(node, GEO.source, art), (node, GEO.evidence, ev)]
    return str(art), out


def check_shape(pool: list[EventSpec], specs: list[ArticleSpec], base: str) -> int:
    """Assert that article_triples gives exactly build_article_graph's triples for `specs`,
    and that the first graph has no SHACL violation; returns how many graphs were compared."""
    for spec in specs:
        graph = build_article_graph(extraction(spec, pool), base)
        name, triples = article_triples(spec, pool, base)
        assert name == str(graph.identifier), (name, graph.identifier)
        got, want = set(triples), set(graph)
        assert got == want and len(triples) == len(got), (
            f"article {spec.index}: {sorted(got - want)[:3]} extra, {sorted(want - got)[:3]} missing"
        )
    first = build_article_graph(extraction(specs[0], pool), base)
    violations = [v for v in validate(first) if v.severity == "Violation"]
    assert not violations, violations
    return len(specs)
