"""The reference named graphs of docs/data-model.md (ontology, states, organizations, leaders,
alliances, non-state actors) built from ReferenceData: deterministic, so reloading replaces like with like."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ontology.dates import DateError, PartialDate, parse_partial
from ontology.identifiers import (
    REFERENCE_GRAPHS,
    alliance_iri,
    membership_iri,
    non_state_actor_iri,
    org_iri,
    person_iri,
    reference_graph_iri,
    slug,
    state_iri,
    term_iri,
)
from ontology.namespace import (
    ACLED_ACTOR_TYPES,
    ACTOR_KINDS,
    CAMEO_ACTOR_TYPES,
    GEO,
    OBLIGATION,
    OBLIGATIONS,
    bind_prefixes,
)
from ontology.reference_data import (
    ActorRef,
    AllianceRef,
    Membership,
    OrganizationRef,
    PersonRef,
    ReferenceData,
    StateRef,
    Term,
)
from ontology.shacl import ensure_valid

ONTOLOGY_PATH = Path(__file__).parents[2] / "ontology" / "geokg.ttl"
SKOLEM_AUTHORITY = "https://geokg.example.org"
SKOLEM_PATH = "/ontology/.well-known/genid/"
OFFICES = {"head_of_state": GEO.HeadOfState, "head_of_government": GEO.HeadOfGovernment}

Builder = Callable[[Graph, ReferenceData, str], None]


@lru_cache(maxsize=1)
def _ontology_triples() -> tuple[tuple[Node, Node, Node], ...]:
    """The triples of ontology/geokg.ttl, parsed once per process. Its blank nodes (unions in
    ranges) get canonical, skolem IRIs, so every load writes the very same triples."""
    canonical = to_canonical_graph(Graph().parse(ONTOLOGY_PATH, format="turtle"))
    skolem = canonical.skolemize(authority=SKOLEM_AUTHORITY, basepath=SKOLEM_PATH)
    return tuple(skolem)


def _partial(text: str, what: str) -> PartialDate:
    """Parse a reference date, naming the record it belongs to when it is malformed."""
    try:
        return parse_partial(text)
    except DateError as exc:
        raise ValueError(f"reference data, {what}: {exc}") from None


def _add_strings(g: Graph, node: URIRef, prop: URIRef, values: Iterable[str | None]) -> None:
    for value in values:
        if value:
            g.add((node, prop, Literal(value)))


def _add_period(
    g: Graph, node: URIRef, start: str | None, end: str | None, what: str, bounds: bool = False
) -> None:
    """geo:startDate / geo:endDate at their precision; with `bounds`, geo:earliest/latest too."""
    if start:
        first = _partial(start, what)
        g.add((node, GEO.startDate, first.literal()))
        if bounds:
            g.add((node, GEO.earliest, Literal(first.earliest.isoformat(), datatype=XSD.date)))
    if end:
        last = _partial(end, what)
        g.add((node, GEO.endDate, last.literal()))
        if bounds:
            g.add((node, GEO.latest, Literal(last.latest.isoformat(), datatype=XSD.date)))


def _ontology(g: Graph, _data: ReferenceData, _base: str) -> None:
    for triple in _ontology_triples():
        g.add(triple)


def _state(g: Graph, s: StateRef, base: str) -> None:
    node = state_iri(base, s.code)
    g.add((node, RDF.type, GEO.State))
    g.add((node, GEO.code, Literal(s.code)))
    g.add((node, GEO.name, Literal(s.name)))
    _add_strings(g, node, GEO.formalName, [s.formal_name])
    _add_strings(g, node, GEO.alias, s.aliases)
    _add_strings(g, node, GEO.demonym, s.demonyms)
    _add_strings(g, node, GEO.capital, s.capitals)
    _add_strings(g, node, GEO.wikidataId, [s.wikidata])
    _add_period(g, node, s.start, s.end, f"state {s.code}")
    if s.former:
        g.add((node, GEO.former, Literal(True)))


def _states(g: Graph, data: ReferenceData, base: str) -> None:
    for state in data.states:
        _state(g, state, base)


def _membership(
    g: Graph, base: str, group: str, target: URIRef, m: Membership, span: tuple[str | None, ...]
) -> None:
    """One membership of `m.state` in `target`; `group` names it in the membership IRI.
    A member with no dates of its own (a founder) is bounded by `span`, the target's own
    (start, end): a treaty binds nobody before it is in force, nor after it ends."""
    what = f"membership of {m.state} in {group}"
    start = _partial(m.start, what).text if m.start else None
    node = membership_iri(base, group, m.state, start)
    g.add((node, RDF.type, GEO.Membership))
    g.add((node, GEO.memberState, state_iri(base, m.state)))
    g.add((node, GEO.memberOf, target))
    _add_period(g, node, m.start, m.end, what, bounds=True)
    first, last = span
    if not m.start and first:
        day = _partial(first, what).earliest
        g.add((node, GEO.earliest, Literal(day.isoformat(), datatype=XSD.date)))
    if not m.end and last:
        day = _partial(last, what).latest
        g.add((node, GEO.latest, Literal(day.isoformat(), datatype=XSD.date)))


def _organization(g: Graph, o: OrganizationRef, base: str, is_alliance: bool) -> None:
    node = org_iri(base, o.code)
    g.add((node, RDF.type, GEO.Organization))
    if is_alliance:
        g.add((node, RDF.type, GEO.Alliance))
    g.add((node, GEO.code, Literal(o.code)))
    g.add((node, GEO.name, Literal(o.name)))
    _add_strings(g, node, GEO.alias, o.aliases)
    _add_strings(g, node, GEO.kind, [o.kind])
    _add_strings(g, node, GEO.wikidataId, [o.wikidata])
    _add_period(g, node, o.founded, o.dissolved, f"organization {o.code}")
    for member in o.members:
        _membership(g, base, o.code, node, member, (o.founded, o.dissolved))


def _organizations(g: Graph, data: ReferenceData, base: str) -> None:
    embodied = {a.organization.upper() for a in data.alliances if a.organization}
    for org in data.organizations:
        is_alliance = org.kind == "alliance" or org.code.upper() in embodied
        _organization(g, org, base, is_alliance)


def _term_keys(p: PersonRef) -> list[str]:
    """The IRI key of each term: its start date, plus '--<role>' where two terms of the
    person in one state start the same day (Ho Chi Minh, 1945: president and premier)."""
    starts = [(t.state.upper(), _partial(t.start, f"term of {p.id}").text) for t in p.terms]
    keys = [
        start if starts.count((state, start)) == 1 else f"{start}--{slug(t.role)}"
        for (state, start), t in zip(starts, p.terms, strict=True)
    ]
    named = [(state, key) for (state, _), key in zip(starts, keys, strict=True)]
    if len(set(named)) < len(named):
        raise ValueError(f"reference data, person {p.id}: two terms share state, start and role")
    return keys


def _term(g: Graph, p: PersonRef, t: Term, key: str, base: str) -> None:
    """One LeadershipTerm: holder, state, office(s), role, dates and their bounds."""
    what = f"term of {p.id} in {t.state}"
    unknown = set(t.offices) - set(OFFICES)
    if unknown or not t.offices:
        raise ValueError(f"reference data, {what}: offices {t.offices} not in {sorted(OFFICES)}")
    term = term_iri(base, p.id, t.state, key)
    g.add((term, RDF.type, GEO.LeadershipTerm))
    g.add((term, GEO.holder, person_iri(base, p.id)))
    g.add((term, GEO.state, state_iri(base, t.state)))
    for office in t.offices:
        g.add((term, GEO.office, OFFICES[office]))
    _add_strings(g, term, GEO.role, [t.role])
    _add_period(g, term, t.start, t.end, what, bounds=True)


def _person(g: Graph, p: PersonRef, base: str) -> None:
    person = person_iri(base, p.id)
    g.add((person, RDF.type, GEO.Person))
    g.add((person, GEO.name, Literal(p.name)))
    _add_strings(g, person, GEO.alias, p.aliases)
    _add_strings(g, person, GEO.wikidataId, [p.wikidata])
    for term, key in zip(p.terms, _term_keys(p), strict=True):
        _term(g, p, term, key, base)


def _leaders(g: Graph, data: ReferenceData, base: str) -> None:
    for person in data.leaders:
        _person(g, person, base)


def _alliance(g: Graph, a: AllianceRef, base: str) -> None:
    node = alliance_iri(base, a.id)
    g.add((node, RDF.type, GEO.Alliance))
    g.add((node, GEO.name, Literal(a.name)))
    _add_strings(g, node, GEO.alias, a.aliases)
    _add_strings(g, node, GEO.wikidataId, [a.wikidata])
    if a.signed:
        g.add((node, GEO.signedDate, _partial(a.signed, f"alliance {a.id}").literal()))
    _add_period(g, node, a.start, a.end, f"alliance {a.id}")
    for obligation in a.obligations:
        if obligation not in OBLIGATIONS:
            raise ValueError(f"reference data, alliance {a.id}: unknown obligation {obligation!r}")
        g.add((node, GEO.obligation, OBLIGATION[obligation]))
    if a.organization:
        g.add((node, GEO.organization, org_iri(base, a.organization)))
    for member in a.members:  # in force from its start, else from its signing
        _membership(g, base, f"alliance-{a.id}", node, member, (a.start or a.signed, a.end))


def _alliances(g: Graph, data: ReferenceData, base: str) -> None:
    for alliance in data.alliances:
        _alliance(g, alliance, base)


def _check_actor(a: ActorRef) -> None:
    """The closed vocabularies of an actor, named in the error (SHACL checks them again)."""
    what = f"reference data, non-state actor {a.code}"
    if a.kind not in ACTOR_KINDS:
        raise ValueError(f"{what}: kind {a.kind!r} not in {ACTOR_KINDS}")
    if a.acled is not None and a.acled not in ACLED_ACTOR_TYPES:
        raise ValueError(f"{what}: ACLED actor type {a.acled!r} not in {ACLED_ACTOR_TYPES}")
    if a.cameo is not None and a.cameo not in CAMEO_ACTOR_TYPES:
        raise ValueError(f"{what}: CAMEO actor type {a.cameo!r} not in {CAMEO_ACTOR_TYPES}")


def _actor(g: Graph, a: ActorRef, base: str) -> None:
    _check_actor(a)
    node = non_state_actor_iri(base, a.code)
    g.add((node, RDF.type, GEO.NonStateActor))
    g.add((node, GEO.code, Literal(a.code)))
    g.add((node, GEO.name, Literal(a.name)))
    g.add((node, GEO.kind, Literal(a.kind)))
    _add_strings(g, node, GEO.alias, a.aliases)
    _add_strings(g, node, GEO.wikidataId, [a.wikidata])
    _add_strings(g, node, GEO.acledActorType, [a.acled])
    _add_strings(g, node, GEO.cameoActorType, [a.cameo])
    _add_period(g, node, a.founded, a.dissolved, f"non-state actor {a.code}")
    for state in a.based_in:
        g.add((node, GEO.basedIn, state_iri(base, state)))
    for state in a.active_in:
        g.add((node, GEO.activeIn, state_iri(base, state)))


def _actors(g: Graph, data: ReferenceData, base: str) -> None:
    for actor in data.actors:
        _actor(g, actor, base)


BUILDERS: dict[str, Builder] = {
    "ontology": _ontology,
    "states": _states,
    "organizations": _organizations,
    "leaders": _leaders,
    "alliances": _alliances,
    "actors": _actors,
}


def reference_graph(name: str, data: ReferenceData, base_iri: str) -> Graph:
    """One reference named graph ('states', ...), its identifier the graph IRI."""
    iri = reference_graph_iri(base_iri, name)
    graph = bind_prefixes(Graph(identifier=iri, bind_namespaces="core"))
    BUILDERS[name](graph, data, base_iri)
    return graph


def reference_graphs(
    data: ReferenceData, base_iri: str, *, validate: bool = True
) -> dict[URIRef, Graph]:
    """Every reference named graph, keyed by graph IRI, in REFERENCE_GRAPHS order; each one
    SHACL-validated unless `validate` is False (raises ShaclViolationError, ValueError)."""
    graphs = {
        reference_graph_iri(base_iri, name): reference_graph(name, data, base_iri)
        for name in REFERENCE_GRAPHS
    }
    if validate:
        for graph in graphs.values():
            ensure_valid(graph)
    return graphs
