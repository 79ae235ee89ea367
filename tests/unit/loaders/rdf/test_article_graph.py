"""How one article's extraction becomes its named graph: deterministic IRIs, dates at
precision, provenance on every fact, and SHACL refusing what is malformed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF

from loaders.article import Article
from loaders.extraction.model import EventRecord, Extraction, RelationRecord
from loaders.rdf import article_graph
from loaders.rdf.article_graph import build_article_graph
from ontology.identifiers import article_iri, event_iri, relation_iri, state_iri
from ontology.namespace import EVENT_TYPE, GEO, RELATION_TYPE
from ontology.shacl import ShaclViolationError, ensure_valid

B = "https://geokg.example.org/"
# rdflib's XSD warns when pytest probes module attributes; a plain Namespace does not.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
TEXT = (
    "Chinese President Xi Jinping and North Korean leader Kim Jong Un exchanged messages "
    "on October 6, 2024. In the 1950-1953 Korean War, China intervened militarily on North "
    "Korea's behalf. In September 2024, Kim visited Russia."
)


def sentence(text: str) -> dict[str, Any]:
    """Evidence fields for a sentence of TEXT: the sentence, its offsets, a confidence."""
    start = TEXT.index(text)
    return {"evidence": text, "start": start, "end": start + len(text), "confidence": 0.9}


MESSAGES = "Chinese President Xi Jinping and North Korean leader Kim Jong Un exchanged messages on October 6, 2024."
WAR = "In the 1950-1953 Korean War, China intervened militarily on North Korea's behalf."
VISIT = "In September 2024, Kim visited Russia."


def extraction(url: str = "https://news.example/a", **changes: object) -> Extraction:
    """A small extraction: a dated message exchange, a period intervention, a visit, a relation."""
    fields: dict[str, object] = {
        "article": Article(text=TEXT, url=url, title="Ties", published=date(2024, 10, 7)),
        "states": ["CHN", "PRK", "RUS"],
        "organizations": ["UN"],
        "events": [
            EventRecord(
                type="message_exchange",
                participants=["PRK", "CHN"],
                date="2024-10-06",
                **sentence(MESSAGES),
            ),
            EventRecord(
                type="military_intervention",
                participants=["CHN", "PRK"],
                date="1950/1953",
                **sentence(WAR),
            ),
            EventRecord(
                type="state_visit", participants=["PRK", "RUS"], date="2024-09", **sentence(VISIT)
            ),
        ],
        "relations": [RelationRecord(type="ally", a="PRK", b="CHN", since="1950", **sentence(WAR))],
    }
    return Extraction(**{**fields, **changes})  # type: ignore[arg-type]


def test_the_graph_is_named_by_the_article_and_holds_its_facts() -> None:
    g = article_graph(extraction(), B, ingested_at=datetime(2026, 11, 28, tzinfo=UTC))
    art = article_iri(B, extraction().article.id)
    assert g.identifier == art
    assert (art, RDF.type, GEO.Article) in g
    assert (art, GEO.published, Literal("2024-10-07", datatype=XSD.date)) in g
    assert (art, GEO.mentions, state_iri(B, "RUS")) in g
    assert (art, GEO.ingestedAt, None) in g
    assert len(set(g.subjects(RDF.type, GEO.Event))) == 3


def test_the_same_event_from_two_articles_lands_on_one_IRI() -> None:
    first = article_graph(extraction("https://news.example/a"), B)
    second = article_graph(extraction("https://other.example/b"), B)
    iri = event_iri(B, "message_exchange", ["CHN", "PRK"], "2024-10-06")
    assert (iri, RDF.type, GEO.Event) in first
    assert (iri, RDF.type, GEO.Event) in second
    assert first.value(iri, GEO.source) != second.value(iri, GEO.source)


def test_a_point_event_has_a_typed_date_bounds_and_precision() -> None:
    g = article_graph(extraction(), B)
    visit = event_iri(B, "state_visit", ["PRK", "RUS"], "2024-09")
    assert g.value(visit, GEO.date) == Literal("2024-09", datatype=XSD.gYearMonth)
    assert g.value(visit, GEO.earliest) == Literal("2024-09-01", datatype=XSD.date)
    assert g.value(visit, GEO.latest) == Literal("2024-09-30", datatype=XSD.date)
    assert g.value(visit, GEO.datePrecision) == Literal("month")
    assert g.value(visit, GEO.eventType) == EVENT_TYPE.state_visit
    assert g.value(visit, GEO.code) == Literal("state_visit")


def test_a_period_event_has_startDate_and_endDate_typed_gYear() -> None:
    g = article_graph(extraction(), B)
    war = event_iri(B, "military_intervention", ["CHN", "PRK"], "1950/1953")
    assert str(war).endswith("/event/military_intervention/CHN-PRK/1950--1953")
    assert g.value(war, GEO.startDate) == Literal("1950", datatype=XSD.gYear)
    assert g.value(war, GEO.endDate) == Literal("1953", datatype=XSD.gYear)
    assert g.value(war, GEO.date) is None
    assert g.value(war, GEO.earliest) == Literal("1950-01-01", datatype=XSD.date)
    assert g.value(war, GEO.latest) == Literal("1953-12-31", datatype=XSD.date)


def test_a_directed_event_names_its_initiator_first() -> None:
    g = article_graph(extraction(), B)
    visit = event_iri(B, "state_visit", ["PRK", "RUS"], "2024-09")
    assert g.value(visit, GEO.initiator) == state_iri(B, "PRK")
    assert g.value(visit, GEO.recipient) == state_iri(B, "RUS")
    undirected = event_iri(B, "message_exchange", ["CHN", "PRK"], "2024-10-06")
    assert g.value(undirected, GEO.initiator) is None


def test_every_fact_has_a_source_and_an_evidence_sentence() -> None:
    g = article_graph(extraction(), B)
    art = article_iri(B, extraction().article.id)
    for fact in [*g.subjects(RDF.type, GEO.Event), *g.subjects(RDF.type, GEO.Relation)]:
        assert g.value(fact, GEO.source) == art
        evidence = g.value(fact, GEO.evidence)
        assert g.value(evidence, GEO.article) == art
        start, end = g.value(evidence, GEO.charStart), g.value(evidence, GEO.charEnd)
        assert isinstance(start, Literal) and isinstance(end, Literal)
        assert TEXT[start.toPython() : end.toPython()] == str(g.value(evidence, GEO.sentence))


def test_a_relation_has_its_type_both_actors_and_since() -> None:
    g = article_graph(extraction(), B)
    ally = relation_iri(B, "ally", "CHN", "PRK")
    assert g.value(ally, GEO.relationType) == RELATION_TYPE.ally
    assert set(g.objects(ally, GEO.actor)) == {state_iri(B, "CHN"), state_iri(B, "PRK")}
    assert g.value(ally, GEO.since) == Literal("1950", datatype=XSD.gYear)


def test_a_participant_the_article_names_as_an_organization_is_one() -> None:
    who = EventRecord(type="statement", participants=["WHO", "CHN"], date="2024", **sentence(VISIT))
    g = article_graph(extraction(organizations=["WHO"], events=[who]), B)
    event = event_iri(B, "statement", ["WHO", "CHN"], "2024")
    assert URIRef(B + "org/WHO") in set(g.objects(event, GEO.participant))


def test_an_event_without_participants_fails_SHACL_naming_geo_participant() -> None:
    lonely = EventRecord(type="war", participants=[], date="1950", **sentence(WAR))
    with pytest.raises(ShaclViolationError, match="geo:participant"):
        article_graph(extraction(events=[lonely]), B)


def test_a_graph_changed_after_building_is_still_checked() -> None:
    g = build_article_graph(extraction(), B)
    war = event_iri(B, "military_intervention", ["CHN", "PRK"], "1950/1953")
    g.remove((war, GEO.evidence, None))
    with pytest.raises(ShaclViolationError, match="geo:evidence"):
        ensure_valid(g)


@pytest.mark.parametrize("bad", ["October 2024", "2024-13", "1953/1950", ""])
def test_an_invalid_date_raises_a_clear_ValueError(bad: str) -> None:
    event = EventRecord(type="war", participants=["CHN"], date=bad, **sentence(WAR))
    with pytest.raises(ValueError, match=r"event 0 \('war'\)"):
        article_graph(extraction(events=[event]), B)


def test_an_unknown_event_or_relation_type_raises_ValueError() -> None:
    event = EventRecord(type="handshake", participants=["CHN"], date="2024", **sentence(WAR))
    with pytest.raises(ValueError, match="unknown event type"):
        article_graph(extraction(events=[event]), B)
    relation = RelationRecord(type="friend", a="CHN", b="PRK", **sentence(WAR))
    with pytest.raises(ValueError, match="unknown relation type"):
        article_graph(extraction(relations=[relation]), B)


def test_facts_from_one_sentence_share_its_evidence_with_the_highest_confidence() -> None:
    low = EventRecord(
        type="war",
        participants=["CHN", "PRK"],
        date="1950/1953",
        **{**sentence(WAR), "confidence": 0.4},
    )
    g = article_graph(extraction(), B)
    g2 = article_graph(extraction(events=[*extraction().events, low]), B)
    evidence = g.value(
        event_iri(B, "military_intervention", ["CHN", "PRK"], "1950/1953"), GEO.evidence
    )
    assert g2.value(evidence, GEO.confidence) == Literal("0.9", datatype=XSD.decimal)
    assert g2.value(event_iri(B, "war", ["CHN", "PRK"], "1950/1953"), GEO.evidence) == evidence


def test_the_same_extraction_gives_the_same_triples() -> None:
    assert set(article_graph(extraction(), B)) == set(article_graph(extraction(), B))


def test_every_pair_of_participants_is_a_dyad() -> None:
    """An event links to the dyad of each unordered pair of its distinct participants (sorted
    codes joined by '|'), so a timeline between any two of them finds it from one key."""
    summit = EventRecord(
        type="summit_meeting",
        participants=["RUS", "PRK", "CHN", "prk"],
        date="2024-06",
        **sentence(VISIT),
    )
    g = build_article_graph(extraction(events=[summit]), B)
    [event] = g.subjects(RDF.type, GEO.Event)
    codes = sorted(str(g.value(d, GEO.code)) for d in g.objects(event, GEO.dyad))
    assert codes == ["CHN|PRK", "CHN|RUS", "PRK|RUS"]
    for dyad in g.objects(event, GEO.dyad):
        assert (dyad, RDF.type, GEO.Dyad) in g
    assert URIRef(f"{B}dyad/CHN/PRK") in set(g.objects(event, GEO.dyad))
    ensure_valid(g)


def test_an_event_of_one_participant_has_no_dyad() -> None:
    alone = EventRecord(type="statement", participants=["CHN"], date="2024", **sentence(VISIT))
    g = build_article_graph(extraction(events=[alone]), B)
    assert not list(g.objects(None, GEO.dyad))
