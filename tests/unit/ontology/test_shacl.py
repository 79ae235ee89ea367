"""What the SHACL shapes accept and refuse, shown on small hand-made graphs, and how a
refusal reads."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ontology.namespace import (
    ACLED_ACTOR_TYPES,
    ACTOR_KINDS,
    CAMEO_ACTOR_TYPES,
    EVENT_TYPE,
    EVENT_TYPES,
    GEO,
    OBLIGATION,
    OBLIGATIONS,
    RELATION_TYPE,
    RELATION_TYPES,
)
from ontology.shacl import ShaclViolationError, Violation, ensure_valid, shapes_graph, validate

# rdflib's XSD warns when pytest probes module attributes; a plain Namespace does not.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
D = Namespace("https://geokg.example.org/")
EVENT, ART, EVIDENCE = D["event/war/CHN-PRK/1950"], D["article/a1"], D["evidence/a1/0-10"]


def date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def event_graph() -> Graph:
    """A valid event with its article and evidence: the smallest graph an article yields."""
    g = Graph()
    g.add((ART, RDF.type, GEO.Article))
    g.add((ART, GEO.contentHash, Literal("0" * 64)))
    for p, o in [
        (RDF.type, GEO.Event),
        (GEO.eventType, EVENT_TYPE.war),
        (GEO.code, Literal("war")),
        (GEO.participant, D["state/CHN"]),
        (GEO.participant, D["state/PRK"]),
        (GEO.date, Literal("1950", datatype=XSD.gYear)),
        (GEO.earliest, date("1950-01-01")),
        (GEO.latest, date("1950-12-31")),
        (GEO.datePrecision, Literal("year")),
        (GEO.source, ART),
        (GEO.evidence, EVIDENCE),
    ]:
        g.add((EVENT, p, o))
    for p, o in [
        (RDF.type, GEO.Evidence),
        (GEO.article, ART),
        (GEO.sentence, Literal("China fought.")),
        (GEO.charStart, Literal(0)),
        (GEO.charEnd, Literal(10)),
        (GEO.confidence, Literal("0.8", datatype=XSD.decimal)),
        (GEO.extractor, Literal("test/1")),
    ]:
        g.add((EVIDENCE, p, o))
    return g


def paths(violations: list[Violation]) -> set[str | None]:
    return {v.path for v in violations}


def test_a_complete_event_conforms() -> None:
    assert validate(event_graph()) == []
    ensure_valid(event_graph())


def _swap(p: URIRef, o: Node) -> Callable[[Graph], object]:
    """A change that replaces the event's value of `p` with `o`."""
    return lambda g: g.set((EVENT, p, o))


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda g: g.remove((EVENT, GEO.participant, None)), "geo:participant"),
        (lambda g: g.remove((EVENT, GEO.source, None)), "geo:source"),
        (lambda g: g.remove((EVENT, GEO.evidence, None)), "geo:evidence"),
        (lambda g: g.add((EVENT, GEO.eventType, EVENT_TYPE.veto)), "geo:eventType"),
        (_swap(GEO.eventType, URIRef("https://example.org/war")), "geo:eventType"),
        (_swap(GEO.participant, Literal("CHN")), "geo:participant"),
        (_swap(GEO.date, Literal("1950")), "geo:date"),
        (_swap(GEO.earliest, Literal("1950-01-01")), "geo:earliest"),
        (_swap(GEO.latest, date("1949-12-31")), "geo:earliest"),
        (_swap(GEO.datePrecision, Literal("decade")), "geo:datePrecision"),
        (lambda g: g.set((EVIDENCE, GEO.charStart, Literal(11))), "geo:charStart"),
        (
            lambda g: g.set((EVIDENCE, GEO.confidence, Literal("1.5", datatype=XSD.decimal))),
            "geo:confidence",
        ),
    ],
)
def test_an_event_missing_or_misstating_a_part_is_refused(
    change: Callable[[Graph], object], path: str
) -> None:
    g = event_graph()
    change(g)
    assert path in paths(validate(g))


def test_an_event_needs_a_date_or_a_complete_period() -> None:
    g = event_graph()
    g.remove((EVENT, GEO.date, None))
    assert any("point geo:date or a period" in v.message for v in validate(g))
    g.add((EVENT, GEO.startDate, Literal("1950", datatype=XSD.gYear)))
    assert validate(g) != []  # a start without an end
    g.add((EVENT, GEO.endDate, Literal("1953", datatype=XSD.gYear)))
    assert validate(g) == []


def test_a_relation_needs_exactly_two_actors() -> None:
    g = event_graph()
    rel = D["relation/ally/CHN-PRK"]
    for p, o in [
        (RDF.type, GEO.Relation),
        (GEO.relationType, RELATION_TYPE.ally),
        (GEO.code, Literal("ally")),
        (GEO.actor, D["state/CHN"]),
        (GEO.source, ART),
        (GEO.evidence, EVIDENCE),
    ]:
        g.add((rel, p, o))
    assert paths(validate(g)) == {"geo:actor"}
    g.add((rel, GEO.actor, D["state/PRK"]))
    assert validate(g) == []


def test_state_and_organization_codes_have_their_form() -> None:
    g = Graph()
    g.add((D["state/CHN"], RDF.type, GEO.State))
    g.add((D["state/CHN"], GEO.name, Literal("China")))
    g.add((D["state/CHN"], GEO.code, Literal("CN")))
    g.add((D["org/UN"], RDF.type, GEO.Organization))
    g.add((D["org/UN"], GEO.name, Literal("United Nations")))
    g.add((D["org/UN"], GEO.code, Literal("un")))
    assert {(v.focus, v.path) for v in validate(g)} == {
        (f"<{D['state/CHN']}>", "geo:code"),
        (f"<{D['org/UN']}>", "geo:code"),
    }


def test_a_leadership_term_needs_holder_state_office_and_start() -> None:
    g = Graph()
    term = D["term/x/CHN/2013"]
    g.add((term, RDF.type, GEO.LeadershipTerm))
    assert paths(validate(g)) == {
        "geo:holder",
        "geo:state",
        "geo:office",
        "geo:startDate",
        "geo:earliest",
    }


def test_a_membership_needs_a_state_and_a_group() -> None:
    g = Graph()
    g.add((D["membership/un/CHN/1945"], RDF.type, GEO.Membership))
    g.add((D["membership/un/CHN/1945"], GEO.memberOf, D["state/CHN"]))
    assert paths(validate(g)) == {"geo:memberState", "geo:memberOf"}


def test_the_error_names_focus_path_and_message() -> None:
    g = event_graph()
    g.remove((EVENT, GEO.participant, None))
    with pytest.raises(ShaclViolationError) as caught:
        ensure_valid(g)
    assert str(EVENT) in str(caught.value)
    assert "geo:participant: an event has at least one geo:participant" in str(caught.value)
    assert caught.value.violations[0].severity == "Violation"


def _in_list(shape_path: URIRef) -> set[object]:
    """The sh:in values of the property shape on `shape_path` (one such list per path)."""
    shapes = shapes_graph()
    for prop in shapes.subjects(SH.path, shape_path):
        members = shapes.value(prop, SH["in"])
        if members is not None:
            return set(Collection(shapes, members))
    return set()


def test_the_shapes_list_exactly_the_fixed_vocabularies() -> None:
    assert _in_list(GEO.eventType) == {EVENT_TYPE[c] for c in EVENT_TYPES}
    assert _in_list(GEO.relationType) == {RELATION_TYPE[c] for c in RELATION_TYPES}
    assert _in_list(GEO.obligation) == {OBLIGATION[c] for c in OBLIGATIONS}
    assert _in_list(GEO.kind) == {Literal(c) for c in ACTOR_KINDS}
    assert _in_list(GEO.acledActorType) == {Literal(c) for c in ACLED_ACTOR_TYPES}
    assert _in_list(GEO.cameoActorType) == {Literal(c) for c in CAMEO_ACTOR_TYPES}


def test_an_event_and_a_relation_may_have_non_state_actors_as_participants() -> None:
    g = event_graph()
    hamas, isr = D["actor/HAMAS"], D["state/ISR"]
    g.remove((EVENT, GEO.participant, None))
    g.add((EVENT, GEO.participant, hamas))
    g.add((EVENT, GEO.participant, isr))
    g.add((EVENT, GEO.initiator, hamas))
    g.add((EVENT, GEO.recipient, isr))
    g.add((ART, GEO.mentions, hamas))
    rel = D["relation/at_war/HAMAS-ISR"]
    for p, o in [
        (RDF.type, GEO.Relation),
        (GEO.relationType, RELATION_TYPE.at_war),
        (GEO.code, Literal("at_war")),
        (GEO.actor, hamas),
        (GEO.actor, isr),
        (GEO.source, ART),
        (GEO.evidence, EVIDENCE),
    ]:
        g.add((rel, p, o))
    assert validate(g) == []
    g.add((EVENT, GEO.participant, D["group/HAMAS"]))  # not an actor IRI
    assert paths(validate(g)) == {"geo:participant"}


def test_a_non_state_actor_needs_code_name_kind_and_a_base() -> None:
    g = Graph()
    actor = D["actor/HAMAS"]
    g.add((actor, RDF.type, GEO.NonStateActor))
    assert paths(validate(g)) == {"geo:code", "geo:name", "geo:kind", "geo:basedIn"}
    g.add((actor, GEO.code, Literal("HAMAS")))
    g.add((actor, GEO.name, Literal("Hamas")))
    g.add((actor, GEO.kind, Literal("armed_group")))
    g.add((actor, GEO.basedIn, D["state/PSE"]))
    g.add((actor, GEO.activeIn, D["state/ISR"]))
    g.add((actor, GEO.acledActorType, Literal("Rebel groups")))
    g.add((actor, GEO.cameoActorType, Literal("REB")))
    assert validate(g) == []
    g.set((actor, GEO.kind, Literal("terrorist")))
    g.set((actor, GEO.acledActorType, Literal("Terrorists")))
    g.set((actor, GEO.cameoActorType, Literal("TER")))
    g.set((actor, GEO.activeIn, Literal("ISR")))
    assert paths(validate(g)) == {
        "geo:kind",
        "geo:acledActorType",
        "geo:cameoActorType",
        "geo:activeIn",
    }
