"""The closed geokg vocabulary: a term that is not declared here raises AttributeError,
so a typo fails loudly instead of minting a new predicate."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

GEO_IRI = "https://geokg.example.org/ontology#"


class GEO(DefinedNamespace):
    """Classes and properties of the geokg ontology (ontology/geokg.ttl)."""

    _NS = Namespace(GEO_IRI)
    _fail = True

    # Classes
    State: URIRef  # a sovereign state, current or former
    Organization: URIRef  # an intergovernmental organization or bloc
    Person: URIRef
    LeadershipTerm: URIRef  # a person holding an office of a state over a period
    ReportedRole: URIRef  # a role one article gives a person, as of its date (issue 28)
    Office: URIRef  # head of state, head of government
    Alliance: URIRef  # a formal alliance or treaty of alliance
    Membership: URIRef  # a state's membership of an organization or alliance over a period
    Obligation: URIRef  # ATOP obligation: defense, offense, neutrality, ...
    Event: URIRef
    EventType: URIRef  # SKOS concept of the fixed event types
    Relation: URIRef  # a relation between two actors: ally, rival, ...
    RelationType: URIRef
    Article: URIRef  # a source document
    Evidence: URIRef  # one sentence of one article that supports a fact
    Dyad: URIRef  # an unordered pair of actors: the key a timeline between two is found by
    NonStateActor: URIRef  # an armed group, militia, movement, PMC or de facto authority
    ActorKind: URIRef  # SKOS concept of the fixed kinds of non-state actor

    # Individuals
    HeadOfState: URIRef
    HeadOfGovernment: URIRef

    # Names and codes
    code: URIRef  # ISO alpha-3, organization code, event/relation type code
    name: URIRef
    formalName: URIRef
    alias: URIRef
    demonym: URIRef
    capital: URIRef
    wikidataId: URIRef
    former: URIRef
    kind: URIRef

    # Time (literals typed at the precision the source gives)
    date: URIRef  # point in time (Wikidata P585)
    startDate: URIRef  # P580
    endDate: URIRef  # P582
    signedDate: URIRef
    earliest: URIRef  # xsd:date, first day the date can mean: for filters and ordering
    latest: URIRef  # xsd:date, last day the date can mean
    datePrecision: URIRef  # "year" | "month" | "day"

    # Leadership
    holder: URIRef
    state: URIRef
    office: URIRef
    role: URIRef
    textName: URIRef  # a person's name as an article gives it (reference names are geo:name)
    asOf: URIRef  # the date a reported role was true: the article's publication date

    # Membership and alliances
    memberState: URIRef
    memberOf: URIRef
    obligation: URIRef
    organization: URIRef  # alliance -> the organization that embodies it

    # Non-state actors
    basedIn: URIRef  # actor -> state where it is based (headquartered, or mostly found)
    activeIn: URIRef  # actor -> state where it acts (fights, governs, operates)
    acledActorType: URIRef  # ACLED actor type ("Rebel groups"), an annotation
    cameoActorType: URIRef  # CAMEO actor role code ("REB"), an annotation

    # Events and relations
    eventType: URIRef
    relationType: URIRef
    participant: URIRef  # Wikidata P710
    initiator: URIRef  # directed events: the visitor, the attacker, the protester
    recipient: URIRef
    actor: URIRef  # the two ends of a relation
    dyad: URIRef  # event -> each unordered pair of its participants
    refinedBy: URIRef  # event -> the one event that dates it more precisely (derived)
    since: URIRef
    until: URIRef
    cameo: URIRef
    plover: URIRef

    # Articles and provenance
    url: URIRef
    title: URIRef
    published: URIRef
    publisher: URIRef
    contentHash: URIRef
    mentions: URIRef  # article -> state, organization or person it names
    source: URIRef  # fact -> article (prov:wasDerivedFrom)
    evidence: URIRef  # fact -> Evidence
    article: URIRef  # Evidence -> Article
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    extractor: URIRef  # extractor version string
    ingestedAt: URIRef


# The fixed vocabularies (docs/architecture.md, decision 6), as SKOS concepts declared in ontology/geokg.ttl.
EVENT_TYPE = Namespace("https://geokg.example.org/ontology/event-type/")
RELATION_TYPE = Namespace("https://geokg.example.org/ontology/relation-type/")
OBLIGATION = Namespace("https://geokg.example.org/ontology/obligation/")
ACTOR_KIND_IRI = "https://geokg.example.org/ontology/actor-kind/"


class ACTOR_KIND(DefinedNamespace):
    """The kinds of non-state actor (SKOS concepts of ontology/geokg.ttl): what an actor is,
    never how some government designates it."""

    _NS = Namespace(ACTOR_KIND_IRI)
    _fail = True

    armed_group: URIRef  # fights a government or another group with arms: rebels, insurgents
    militia: URIRef  # armed, allied with or tolerated by a state or community; not a rebel
    political_movement: URIRef  # a party, front or government in exile, armed wing or not
    de_facto_authority: URIRef  # governs territory outside its recognised state's control
    private_military_company: URIRef  # sells military force: Wagner, Executive Outcomes
    criminal_organization: URIRef  # a cartel or gang that fights states: Sinaloa Cartel


# One row per event type (CAMEO, PLOVER, directed, the relation it implies), kept as data.
_EVENT_ROWS = json.loads(
    (Path(__file__).with_name("reference") / "event_types.json").read_text(encoding="utf-8")
)["types"]
# type code: (CAMEO, PLOVER)
EVENT_TYPES: dict[str, tuple[str, str]] = {
    r["type"]: (r["cameo"], r["plover"]) for r in _EVENT_ROWS
}
# Event types where the order of participants means who acted on whom.
DIRECTED_EVENT_TYPES = frozenset(r["type"] for r in _EVENT_ROWS if r["directed"])
# The relation an event of the type implies between its participants (relation_events).
IMPLIED_RELATION: dict[str, str] = {r["type"]: r["implies"] for r in _EVENT_ROWS if r["implies"]}
RELATION_TYPES = ("ally", "partner", "rival", "adversary", "at_war", "diplomatic_relations")
OBLIGATIONS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
ACTOR_KINDS = tuple(ACTOR_KIND.__annotations__)
# Annotations of non-state actors, as their codebooks name them. ACLED's actor types
# ("inter" codes 1-8, ACLED Codebook) and CAMEO's actor role codes (CAMEO Codebook 1.1b3,
# chapter 3: REB rebels, INS insurgents, SEP separatist rebels, UAF unaligned armed forces,
# OPP opposition, PTY party, CRM criminals, IMG international militarized group).
ACLED_ACTOR_TYPES = (
    "State forces",
    "Rebel groups",
    "Political militias",
    "Identity militias",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
CAMEO_ACTOR_TYPES = ("REB", "INS", "SEP", "UAF", "OPP", "PTY", "CRM", "IMG")

# Prefixes for every graph geokg builds or serializes. rdflib binds "geo" to GeoSPARQL by
# default; bind_prefixes() replaces that, so Turtle output reads geo:State, not geo1:State.
PREFIXES: dict[str, str] = {
    "geo": GEO_IRI,
    "et": str(EVENT_TYPE),
    "rt": str(RELATION_TYPE),
    "ob": str(OBLIGATION),
    "ak": ACTOR_KIND_IRI,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the geokg prefixes on `graph` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
