"""One article's named graph (docs/data-model.md): the Article, its events and relations,
each with its source and evidence sentence, SHACL-validated before anyone can store it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from loaders.extraction.model import (
    EventRecord,
    Evidence,
    Extraction,
    LeaderMention,
    RelationRecord,
)
from loaders.rdf.shared_terms import G, shared_literal
from loaders.rdf.triples import Triples, TripleSink
from ontology.dates import DateError, DateSpan, PartialDate, parse_partial, parse_span
from ontology.identifiers import (
    actor_iri,
    article_iri,
    dyad_code,
    dyad_iri,
    event_iri,
    evidence_iri,
    non_state_actor_iri,
    org_iri,
    person_iri,
    relation_iri,
    reported_role_iri,
    state_iri,
)
from ontology.namespace import (
    DIRECTED_EVENT_TYPES,
    EVENT_TYPE,
    EVENT_TYPES,
    RELATION_TYPE,
    RELATION_TYPES,
    bind_prefixes,
)
from ontology.shacl import ensure_valid

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True)
class _Context:
    """What every fact of one article shares: where IRIs live and which article it came from."""

    base: str
    article: URIRef
    article_id: str
    extractor: str
    organizations: frozenset[str]  # codes the extractor found as organizations
    states: frozenset[str]
    published: str | None = None  # the article's date, ISO
    actors: dict[str, URIRef] = field(default_factory=dict, compare=False)  # code -> IRI

    def actor(self, code: str) -> URIRef:
        """A participant's IRI: an organization when the article names it as one (so 'WHO'
        is not read as a state code), else identifiers.actor_iri's rule (once per code)."""
        found = self.actors.get(code)
        if found is None:
            found = self.actors[code] = self._actor(code.strip().upper())
        return found

    def _actor(self, code: str) -> URIRef:
        if code in self.organizations and code not in self.states:
            return org_iri(self.base, code)
        return actor_iri(self.base, code)


def _date_literal(day: PartialDate | DateSpan, which: str) -> Literal:
    """An xsd:date bound of a partial date or span: which is 'earliest' or 'latest'."""
    return shared_literal(getattr(day, which).isoformat(), XSD.date)


def _add_article(
    g: TripleSink, ctx: _Context, extraction: Extraction, ingested_at: datetime | None
) -> None:
    """The Article node: url, title, published, content hash, extractor and mentions."""
    art, node = extraction.article, ctx.article
    g.add((node, RDF.type, G.Article))
    for prop, value in ((G.url, art.url), (G.title, art.title), (G.publisher, art.source)):
        if value:
            g.add((node, prop, Literal(value)))
    if art.published:
        g.add((node, G.published, shared_literal(art.published.isoformat(), XSD.date)))
    digest = hashlib.sha256(art.text.encode("utf-8")).hexdigest()
    g.add((node, G.contentHash, Literal(digest)))
    g.add((node, G.extractor, shared_literal(ctx.extractor)))
    if ingested_at is not None:
        g.add((node, G.ingestedAt, Literal(ingested_at.isoformat(), datatype=XSD.dateTime)))
    for code in extraction.states:
        g.add((node, G.mentions, state_iri(ctx.base, code)))
    for code in extraction.organizations:
        g.add((node, G.mentions, org_iri(ctx.base, code)))
    for leader in [*extraction.leaders, *extraction.officials]:
        if leader.person_id:
            g.add((node, G.mentions, person_iri(ctx.base, leader.person_id)))
    for actor in extraction.actors:  # a link only: the actor's type is in its reference graph
        g.add((node, G.mentions, non_state_actor_iri(ctx.base, actor.code)))


def _add_evidence(g: TripleSink, ctx: _Context, record: Evidence) -> URIRef:
    """The Evidence node of a fact's sentence; facts of one sentence share it (and its
    confidence is the highest of theirs)."""
    node = evidence_iri(ctx.base, ctx.article_id, record.start, record.end)
    g.add((node, RDF.type, G.Evidence))
    g.add((node, G.article, ctx.article))
    g.add((node, G.sentence, Literal(record.evidence)))
    g.add((node, G.charStart, shared_literal(record.start)))
    g.add((node, G.charEnd, shared_literal(record.end)))
    g.add((node, G.extractor, shared_literal(ctx.extractor)))
    confidence = Decimal(str(record.confidence))
    known = g.value(node, G.confidence)
    if known is None or confidence > Decimal(str(known)):
        g.set((node, G.confidence, Literal(confidence, datatype=XSD.decimal)))
    return node


def _add_provenance(g: TripleSink, ctx: _Context, node: URIRef, record: Evidence) -> None:
    g.add((node, G.source, ctx.article))
    g.add((node, G.evidence, _add_evidence(g, ctx, record)))


def _add_event_date(g: TripleSink, node: URIRef, span: DateSpan) -> None:
    """A point geo:date or a geo:startDate/endDate period, bounds and coarsest precision."""
    if span.end is None:
        g.add((node, G.date, span.start.literal()))
    else:
        g.add((node, G.startDate, span.start.literal()))
        g.add((node, G.endDate, span.end.literal()))
    g.add((node, G.earliest, _date_literal(span, "earliest")))
    g.add((node, G.latest, _date_literal(span, "latest")))
    ends = [span.start] if span.end is None else [span.start, span.end]
    precision = min((d.precision for d in ends), key=_PRECISION_RANK.__getitem__)
    g.add((node, G.datePrecision, shared_literal(precision)))


def _add_event(g: TripleSink, ctx: _Context, index: int, record: EventRecord) -> None:
    """One geo:Event, named by type, sorted participants and date (identifiers.event_iri)."""
    what = f"article {ctx.article_id}, event {index} ({record.type!r})"
    if record.type not in EVENT_TYPES:
        raise ValueError(f"{what}: unknown event type; expected one of {sorted(EVENT_TYPES)}")
    try:
        span = parse_span(record.date)
    except DateError as exc:
        raise ValueError(f"{what}: {exc}") from None
    node = event_iri(ctx.base, record.type, record.participants, span.text)
    g.add((node, RDF.type, G.Event))
    g.add((node, G.eventType, EVENT_TYPE[record.type]))
    g.add((node, G.code, shared_literal(record.type)))
    actors = [ctx.actor(code) for code in record.participants]
    for actor in actors:
        g.add((node, G.participant, actor))
    if record.type in DIRECTED_EVENT_TYPES and actors:
        g.add((node, G.initiator, actors[0]))
        for actor in actors[1:]:
            if actor != actors[0]:
                g.add((node, G.recipient, actor))
    add_dyads(g, ctx.base, node, record.participants)
    _add_event_date(g, node, span)
    _add_provenance(g, ctx, node, record)


def add_dyads(g: TripleSink, base: str, node: URIRef, participants: Iterable[str]) -> None:
    """A geo:dyad link per unordered pair of distinct participant codes, so the events
    between two actors are found from one key instead of two growing lists."""
    codes = sorted({code.strip().upper() for code in participants})
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            dyad = dyad_iri(base, a, b)
            g.add((node, G.dyad, dyad))
            g.add((dyad, RDF.type, G.Dyad))
            g.add((dyad, G.code, shared_literal(dyad_code(a, b))))


def _add_relation(g: TripleSink, ctx: _Context, index: int, record: RelationRecord) -> None:
    """One geo:Relation between two actors, with its start (`since`) when the text gives one."""
    what = f"article {ctx.article_id}, relation {index} ({record.type!r})"
    if record.type not in RELATION_TYPES:
        raise ValueError(f"{what}: unknown relation type; expected one of {list(RELATION_TYPES)}")
    node = relation_iri(ctx.base, record.type, record.a, record.b)
    g.add((node, RDF.type, G.Relation))
    g.add((node, G.relationType, RELATION_TYPE[record.type]))
    g.add((node, G.code, shared_literal(record.type)))
    g.add((node, G.actor, ctx.actor(record.a)))
    g.add((node, G.actor, ctx.actor(record.b)))
    if record.since:
        try:
            g.add((node, G.since, parse_partial(record.since).literal()))
        except DateError as exc:
            raise ValueError(f"{what}: since: {exc}") from None
    _add_provenance(g, ctx, node, record)


_ROLE_OFFICES = {"president": G.HeadOfState, "prime minister": G.HeadOfGovernment}


def _add_text_person(g: TripleSink, ctx: _Context, leader: LeaderMention) -> None:
    """A person the reference data lacks, as this article introduces them: a geo:Person
    named by geo:textName (the reference name, once known, stays the one geo:name) with the
    introducing sentence as evidence, and a geo:ReportedRole giving the title and state as
    of the article's date. The id is the reference rule's, so the two meet."""
    person = person_iri(ctx.base, leader.person_id or "")
    g.add((person, RDF.type, G.Person))
    g.add((person, G.textName, Literal(leader.name)))
    if leader.evidence is not None and leader.start is not None and leader.end is not None:
        confidence = leader.confidence if leader.confidence is not None else 1.0
        record = Evidence(
            evidence=leader.evidence, start=leader.start, end=leader.end, confidence=confidence
        )
        _add_provenance(g, ctx, person, record)
    else:
        g.add((person, G.source, ctx.article))
    role = reported_role_iri(ctx.base, ctx.article_id, leader.person_id or "")
    g.add((role, RDF.type, G.ReportedRole))
    g.add((role, G.holder, person))
    g.add((role, G.state, state_iri(ctx.base, leader.state)))
    g.add((role, G.role, shared_literal(leader.role)))
    if leader.role in _ROLE_OFFICES:
        g.add((role, G.office, _ROLE_OFFICES[leader.role]))
    if ctx.published is not None:
        g.add((role, G.asOf, shared_literal(ctx.published, XSD.date)))
    g.add((role, G.source, ctx.article))


def _context(extraction: Extraction, base_iri: str) -> _Context:
    art = extraction.article
    return _Context(
        base=base_iri,
        article=article_iri(base_iri, art.id),
        article_id=art.id,
        extractor=extraction.extractor,
        organizations=frozenset(c.strip().upper() for c in extraction.organizations),
        states=frozenset(c.strip().upper() for c in extraction.states),
        published=art.published.isoformat() if art.published else None,
    )


def build_into(
    g: TripleSink, extraction: Extraction, base_iri: str, ingested_at: datetime | None = None
) -> None:
    """Write the article's triples into `g` (a Graph or Triples), without SHACL."""
    ctx = _context(extraction, base_iri)
    _add_article(g, ctx, extraction, ingested_at)
    for i, event in enumerate(extraction.events):
        _add_event(g, ctx, i, event)
    for i, relation in enumerate(extraction.relations):
        _add_relation(g, ctx, i, relation)
    for person in [*extraction.leaders, *extraction.officials]:
        if person.from_text and person.person_id and person.state:
            _add_text_person(g, ctx, person)


def build_article_triples(
    extraction: Extraction, base_iri: str, ingested_at: datetime | None = None
) -> Triples:
    """The article's triples without an rdflib Graph (ingest's path), unvalidated: the same
    triples build_article_graph gives, as tests/unit/loaders/rdf/test_article_triples.py checks."""
    triples = Triples()
    build_into(triples, extraction, base_iri, ingested_at)
    return triples


def build_article_graph(
    extraction: Extraction, base_iri: str, ingested_at: datetime | None = None
) -> Graph:
    """The article's graph without SHACL validation (see article_graph)."""
    name = article_iri(base_iri, extraction.article.id)
    g = bind_prefixes(Graph(identifier=name, bind_namespaces="core"))
    build_into(g, extraction, base_iri, ingested_at)
    return g


def article_graph(
    extraction: Extraction, base_iri: str, ingested_at: datetime | None = None
) -> Graph:
    """The article's named graph (its identifier is the article IRI), SHACL-validated:
    raises ShaclViolationError naming the violations, ValueError for bad types or dates."""
    graph = build_article_graph(extraction, base_iri, ingested_at)
    ensure_valid(graph)
    return graph
