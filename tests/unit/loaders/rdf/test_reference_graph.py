"""How reference data becomes the reference named graphs: one graph per part, typed dates
with bounds, memberships and terms as nodes, the same triples every time."""

from __future__ import annotations

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF

from loaders.rdf import reference_graphs
from ontology.identifiers import (
    REFERENCE_GRAPHS,
    alliance_iri,
    membership_iri,
    org_iri,
    person_iri,
    reference_graph_iri,
    state_iri,
    term_iri,
)
from ontology.namespace import GEO, OBLIGATION
from ontology.reference_data import (
    AllianceRef,
    Membership,
    OrganizationRef,
    PersonRef,
    ReferenceData,
    StateRef,
    Term,
    load_reference,
)
from ontology.shacl import ShaclViolationError

B = "https://geokg.example.org/"
# rdflib's XSD warns when pytest probes module attributes; a plain Namespace does not.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

TINY = ReferenceData(
    states=(
        StateRef(
            "CHN",
            "China",
            aliases=("PRC",),
            demonyms=("Chinese",),
            capitals=("Beijing",),
            wikidata="Q148",
        ),
        StateRef("SUN", "Soviet Union", start="1922-12-30", end="1991-12-26", former=True),
        StateRef("USA", "United States"),
    ),
    organizations=(
        OrganizationRef(
            "UN", "United Nations", founded="1945-10-24", members=(Membership("CHN", "1945-10-24"),)
        ),
        OrganizationRef(
            "NATO",
            "North Atlantic Treaty Organization",
            kind="alliance",
            members=(Membership("USA", "1949-08-24"),),
        ),
    ),
    leaders=(
        PersonRef(
            "xi-jinping",
            "Xi Jinping",
            aliases=("Xi",),
            terms=(Term("CHN", ("head_of_state",), "president", "2013-03-14"),),
        ),
    ),
    alliances=(
        AllianceRef(
            "nato",
            "North Atlantic Treaty",
            organization="NATO",
            signed="1949-04-04",
            obligations=("defense", "consultation"),
            members=(Membership("USA", "1949-08", "2100"),),
        ),
    ),
)


def test_there_is_one_named_graph_per_reference_part() -> None:
    built = reference_graphs(TINY, B)
    assert list(built) == [reference_graph_iri(B, name) for name in REFERENCE_GRAPHS]
    assert all(graph.identifier == iri for iri, graph in built.items())


def test_the_ontology_graph_is_geokg_ttl() -> None:
    g = reference_graphs(TINY, B)[reference_graph_iri(B, "ontology")]
    assert (GEO.State, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in g


def test_a_state_has_its_code_names_and_wikidata_id() -> None:
    g = reference_graphs(TINY, B)[reference_graph_iri(B, "states")]
    china = state_iri(B, "CHN")
    assert (china, RDF.type, GEO.State) in g
    assert (china, GEO.code, Literal("CHN")) in g
    assert (china, GEO.alias, Literal("PRC")) in g
    assert (china, GEO.capital, Literal("Beijing")) in g
    assert (china, GEO.wikidataId, Literal("Q148")) in g


def test_a_former_state_has_typed_dates_and_former_true() -> None:
    g = reference_graphs(TINY, B)[reference_graph_iri(B, "states")]
    soviet = state_iri(B, "SUN")
    assert g.value(soviet, GEO.endDate) == Literal("1991-12-26", datatype=XSD.date)
    assert g.value(soviet, GEO.former) == Literal(True)


def test_an_organization_membership_is_a_node_with_bounds() -> None:
    g = reference_graphs(TINY, B)[reference_graph_iri(B, "organizations")]
    member = membership_iri(B, "UN", "CHN", "1945-10-24")
    assert g.value(member, GEO.memberState) == state_iri(B, "CHN")
    assert g.value(member, GEO.memberOf) == org_iri(B, "UN")
    assert g.value(member, GEO.earliest) == Literal("1945-10-24", datatype=XSD.date)
    assert g.value(member, GEO.latest) is None  # still a member


def test_an_organization_that_is_an_alliance_is_typed_both() -> None:
    g = reference_graphs(TINY, B)[reference_graph_iri(B, "organizations")]
    assert {GEO.Organization, GEO.Alliance} <= set(g.objects(org_iri(B, "NATO"), RDF.type))


def test_a_leadership_term_links_person_state_office_and_dates() -> None:
    g = reference_graphs(TINY, B)[reference_graph_iri(B, "leaders")]
    xi, term = person_iri(B, "xi-jinping"), term_iri(B, "xi-jinping", "CHN", "2013-03-14")
    assert (xi, GEO.name, Literal("Xi Jinping")) in g
    assert g.value(term, GEO.holder) == xi
    assert g.value(term, GEO.state) == state_iri(B, "CHN")
    assert g.value(term, GEO.office) == GEO.HeadOfState
    assert g.value(term, GEO.role) == Literal("president")
    assert g.value(term, GEO.startDate) == Literal("2013-03-14", datatype=XSD.date)
    assert g.value(term, GEO.earliest) == Literal("2013-03-14", datatype=XSD.date)


def test_two_terms_starting_the_same_day_are_told_apart_by_role() -> None:
    ho = PersonRef(
        "ho-chi-minh",
        "Ho Chi Minh",
        terms=(
            Term("VNM", ("head_of_government",), "prime minister", "1945-09-02", "1955-09-20"),
            Term("VNM", ("head_of_state",), "president", "1945-09-02", "1969-09-02"),
        ),
    )
    g = reference_graphs(ReferenceData(leaders=(ho,)), B)[reference_graph_iri(B, "leaders")]
    premier = term_iri(B, "ho-chi-minh", "VNM", "1945-09-02--prime-minister")
    assert g.value(premier, GEO.latest) == Literal("1955-09-20", datatype=XSD.date)
    assert len(set(g.subjects(RDF.type, GEO.LeadershipTerm))) == 2


def test_an_alliance_has_obligations_its_organization_and_memberships() -> None:
    g = reference_graphs(TINY, B)[reference_graph_iri(B, "alliances")]
    nato = alliance_iri(B, "nato")
    assert set(g.objects(nato, GEO.obligation)) == {OBLIGATION.defense, OBLIGATION.consultation}
    assert g.value(nato, GEO.organization) == org_iri(B, "NATO")
    assert g.value(nato, GEO.signedDate) == Literal("1949-04-04", datatype=XSD.date)
    member = membership_iri(B, "alliance-nato", "USA", "1949-08")
    assert g.value(member, GEO.memberOf) == nato
    assert g.value(member, GEO.startDate) == Literal("1949-08", datatype=XSD.gYearMonth)
    assert g.value(member, GEO.earliest) == Literal("1949-08-01", datatype=XSD.date)
    assert g.value(member, GEO.latest) == Literal("2100-12-31", datatype=XSD.date)


def test_a_founder_without_dates_is_bounded_by_the_alliance() -> None:
    """A member listed without dates of its own is a member while the alliance is in force:
    from its start (else its signing) to its end. Its own dates stay unknown."""
    treaty = AllianceRef(
        "soviet-north-korean-treaty", "Treaty", signed="1961-07-06", end="1996",
        members=(Membership("PRK"),),
    )  # fmt: skip
    pact = AllianceRef("pact", "Pact", signed="2024-06-19", start="2024-12-04", members=(Membership("RUS"),))  # fmt: skip
    g = reference_graphs(ReferenceData(alliances=(treaty, pact)), B)[
        reference_graph_iri(B, "alliances")
    ]
    member = membership_iri(B, "alliance-soviet-north-korean-treaty", "PRK", None)
    assert g.value(member, GEO.earliest) == Literal("1961-07-06", datatype=XSD.date)
    assert g.value(member, GEO.latest) == Literal("1996-12-31", datatype=XSD.date)
    assert g.value(member, GEO.startDate) is None and g.value(member, GEO.endDate) is None
    founder = membership_iri(B, "alliance-pact", "RUS", None)
    assert g.value(founder, GEO.earliest) == Literal("2024-12-04", datatype=XSD.date)
    assert g.value(founder, GEO.latest) is None


def test_the_same_data_gives_the_same_triples() -> None:
    first, second = reference_graphs(TINY, B), reference_graphs(TINY, B)
    assert all(set(first[iri]) == set(second[iri]) for iri in first)


def test_malformed_reference_data_fails_loudly() -> None:
    bad_date = ReferenceData(states=(StateRef("XXX", "Nowhere", start="1990-02-30"),))
    with pytest.raises(ValueError, match="state XXX"):
        reference_graphs(bad_date, B)
    bad_office = PersonRef("x", "X", terms=(Term("CHN", ("king",), "king", "2000"),))
    with pytest.raises(ValueError, match="offices"):
        reference_graphs(ReferenceData(leaders=(bad_office,)), B)
    bad_code = ReferenceData(states=(StateRef("Chn", "China"),))
    with pytest.raises(ShaclViolationError, match="geo:code"):
        reference_graphs(bad_code, B)


def test_the_bundled_reference_data_passes_SHACL() -> None:
    data = load_reference()
    if not data.states:
        pytest.skip("ontology/reference/*.json not written yet")
    built = reference_graphs(data, B, validate=True)  # raises ShaclViolationError otherwise
    assert len(built[reference_graph_iri(B, "states")]) > 0


def test_the_ontology_graph_is_the_same_on_every_load() -> None:
    """Blank nodes of geokg.ttl get canonical skolem IRIs: reloading writes the same triples
    (two fresh parses give two different blank node labels before canonicalisation)."""
    from rdflib import BNode

    from loaders.rdf.reference_graph import _ontology_triples

    first, second = _ontology_triples.__wrapped__(), _ontology_triples.__wrapped__()
    assert set(first) == set(second)
    assert not any(isinstance(term, BNode) for triple in first for term in triple)
