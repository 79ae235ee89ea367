"""The closed GEO vocabulary and ontology/geokg.ttl declare exactly the same terms, and every
code of the fixed vocabularies has its SKOS concept."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ontology.namespace import (
    ACTOR_KIND,
    ACTOR_KINDS,
    EVENT_TYPE,
    EVENT_TYPES,
    GEO,
    GEO_IRI,
    OBLIGATION,
    OBLIGATIONS,
    RELATION_TYPE,
    RELATION_TYPES,
)

TTL = Path(__file__).parents[3] / "ontology" / "geokg.ttl"
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


@lru_cache(maxsize=1)
def ontology() -> Graph:
    """geokg.ttl, parsed once for the module."""
    return Graph().parse(TTL, format="turtle")


def declared_geo_terms() -> set[URIRef]:
    """Every geo: IRI that geokg.ttl declares as a class, property or individual."""
    g = ontology()
    return {
        s
        for kind in DECLARATIONS
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and s.startswith(GEO_IRI)
    }


def geo_terms() -> set[URIRef]:
    """Every term of the Python GEO namespace."""
    return {GEO[name] for name in GEO.__annotations__}


def test_every_geo_term_is_declared_in_the_ontology() -> None:
    assert geo_terms() - declared_geo_terms() == set()


def test_the_ontology_declares_no_geo_term_missing_from_GEO() -> None:
    assert declared_geo_terms() - geo_terms() == set()


def test_no_geo_subject_in_the_ontology_is_left_undeclared() -> None:
    subjects = {s for s in ontology().subjects() if isinstance(s, URIRef) and s.startswith(GEO_IRI)}
    assert subjects - declared_geo_terms() == set()


def test_every_geo_term_has_a_label() -> None:
    g = ontology()
    assert [t for t in geo_terms() if g.value(t, RDFS.label) is None] == []


@pytest.mark.parametrize("code", sorted(EVENT_TYPES))
def test_every_event_type_has_its_concept(code: str) -> None:
    g, concept = ontology(), EVENT_TYPE[code]
    assert (concept, RDF.type, GEO.EventType) in g
    assert (concept, GEO.code, Literal(code)) in g
    assert (concept, SKOS.inScheme, URIRef(str(EVENT_TYPE))) in g
    assert g.value(concept, SKOS.prefLabel) is not None
    assert g.value(concept, SKOS.definition) is not None
    cameo, plover = EVENT_TYPES[code]
    assert g.value(concept, GEO.cameo) == (Literal(cameo) if cameo else None)
    assert g.value(concept, GEO.plover) == (Literal(plover) if plover else None)


@pytest.mark.parametrize(
    ("namespace", "cls", "code"),
    [(RELATION_TYPE, GEO.RelationType, c) for c in RELATION_TYPES]
    + [(OBLIGATION, GEO.Obligation, c) for c in OBLIGATIONS]
    + [(Namespace(str(ACTOR_KIND)), GEO.ActorKind, c) for c in ACTOR_KINDS],
)
def test_every_relation_type_obligation_and_actor_kind_has_its_concept(
    namespace: Namespace, cls: URIRef, code: str
) -> None:
    g, concept = ontology(), namespace[code]
    assert (concept, RDF.type, cls) in g
    assert (concept, GEO.code, Literal(code)) in g
    assert (concept, SKOS.inScheme, URIRef(str(namespace))) in g
    assert g.value(concept, SKOS.prefLabel) is not None


def test_the_vocabularies_hold_no_concept_without_a_code() -> None:
    g = ontology()
    codes = {str(g.value(c, GEO.code)) for c in g.subjects(RDF.type, SKOS.Concept)}
    assert codes == set(EVENT_TYPES) | set(RELATION_TYPES) | set(OBLIGATIONS) | set(ACTOR_KINDS)


def test_every_actor_kind_is_defined_and_a_typo_raises() -> None:
    g = ontology()
    assert ACTOR_KINDS == (
        "armed_group",
        "militia",
        "political_movement",
        "de_facto_authority",
        "private_military_company",
        "criminal_organization",
    )
    assert all(g.value(ACTOR_KIND[k], SKOS.definition) is not None for k in ACTOR_KINDS)
    with pytest.raises(AttributeError):
        _ = ACTOR_KIND.terrorist


def test_a_typo_in_GEO_raises() -> None:
    with pytest.raises(AttributeError):
        _ = GEO.Stat


def test_the_ontology_has_a_version() -> None:
    onto = next(ontology().subjects(RDF.type, OWL.Ontology))
    assert ontology().value(onto, OWL.versionInfo) is not None
