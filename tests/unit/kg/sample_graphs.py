"""Small hand-made named graphs in the shape of docs/data-model.md, for query tests that do
not depend on the bundled reference data or the extractor."""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, URIRef

from loaders.rdf.article_graph import add_dyads
from ontology import identifiers as ids
from ontology.dates import parse_span
from ontology.namespace import EVENT_TYPE, GEO, OBLIGATION

B = ids.DEFAULT_BASE_IRI
STATES = {
    "CHN": ("China", "1949-10-01", None, ["PRC", "People's Republic of China"]),
    "PRK": ("North Korea", "1948-09-09", None, ["DPRK"]),
    "KOR": ("South Korea", "1948-08-15", None, []),
    "USA": ("United States", None, None, ["US"]),
    "FIN": ("Finland", None, None, []),
    "SWE": ("Sweden", None, None, []),
    "SUN": ("Soviet Union", "1922-12-30", "1991-12-26", ["USSR"]),
}
ARTICLE_A = ids.article_iri(B, "aaaaaaaaaaaaaaaa")
ARTICLE_B = ids.article_iri(B, "bbbbbbbbbbbbbbbb")


def _dated(g: Graph, node: URIRef, start: str | None, end: str | None) -> None:
    """startDate/endDate at their precision plus the earliest/latest day bounds."""
    if start:
        span = parse_span(start)
        g.add((node, GEO.startDate, span.start.literal()))
        g.add((node, GEO.earliest, Literal(span.earliest, datatype=XSD.date)))
    if end:
        span = parse_span(end)
        g.add((node, GEO.endDate, span.start.literal()))
        g.add((node, GEO.latest, Literal(span.latest, datatype=XSD.date)))


def states_graph() -> Graph:
    g = Graph()
    for code, (name, start, end, aliases) in STATES.items():
        s = ids.state_iri(B, code)
        g.add((s, RDF.type, GEO.State))
        g.add((s, GEO.code, Literal(code)))
        g.add((s, GEO.name, Literal(name)))
        for alias in aliases:
            g.add((s, GEO.alias, Literal(alias)))
        if start:
            g.add((s, GEO.startDate, parse_span(start).start.literal()))
        if end:
            g.add((s, GEO.endDate, parse_span(end).start.literal()))
            g.add((s, GEO.former, Literal(True)))
    return g


def _term(g: Graph, person: str, name: str, state: str, role: str, offices, start, end) -> None:
    p = ids.person_iri(B, person)
    g.add((p, RDF.type, GEO.Person))
    g.add((p, GEO.name, Literal(name)))
    t = ids.term_iri(B, person, state, start)
    g.add((t, RDF.type, GEO.LeadershipTerm))
    g.add((t, GEO.holder, p))
    g.add((t, GEO.state, ids.state_iri(B, state)))
    g.add((t, GEO.role, Literal(role)))
    for office in offices:
        g.add((t, GEO.office, office))
    _dated(g, t, start, end)


def leaders_graph() -> Graph:
    g = Graph()
    both = (GEO.HeadOfState, GEO.HeadOfGovernment)
    _term(
        g,
        "kim-il-sung",
        "Kim Il-sung",
        "PRK",
        "premier",
        [GEO.HeadOfGovernment],
        "1948-09-09",
        "1972-12-28",
    )
    _term(g, "kim-il-sung", "Kim Il-sung", "PRK", "president", both, "1972-12-28", "1994-07-08")
    _term(
        g,
        "mao-zedong",
        "Mao Zedong",
        "CHN",
        "chairman",
        [GEO.HeadOfState],
        "1949-10-01",
        "1959-04-27",
    )
    _term(
        g,
        "hu-jintao",
        "Hu Jintao",
        "CHN",
        "president",
        [GEO.HeadOfState],
        "2003-03-15",
        "2013-03-14",
    )
    _term(g, "xi-jinping", "Xi Jinping", "CHN", "president", [GEO.HeadOfState], "2013-03-14", None)
    return g


def _membership(g: Graph, group: URIRef, slug: str, state: str, start, end) -> None:
    m = ids.membership_iri(B, slug, state, start)
    g.add((m, RDF.type, GEO.Membership))
    g.add((m, GEO.memberState, ids.state_iri(B, state)))
    g.add((m, GEO.memberOf, group))
    _dated(g, m, start, end)


def alliances_graph() -> Graph:
    g = Graph()
    nato_org = ids.org_iri(B, "NATO")
    g.add((nato_org, RDF.type, GEO.Organization))
    g.add((nato_org, GEO.code, Literal("NATO")))
    g.add((nato_org, GEO.name, Literal("North Atlantic Treaty Organization")))
    nato = ids.alliance_iri(B, "nato")
    g.add((nato, RDF.type, GEO.Alliance))
    g.add((nato, GEO.name, Literal("North Atlantic Treaty")))
    g.add((nato, GEO.organization, nato_org))
    g.add((nato, GEO.obligation, OBLIGATION.defense))
    g.add((nato, GEO.startDate, Literal("1949-08-24", datatype=XSD.date)))
    for state, start in (("USA", "1949-08-24"), ("FIN", "2023-04-04"), ("SWE", "2024-03-07")):
        _membership(g, nato, "nato", state, start, None)
    treaty = ids.alliance_iri(B, "sino-north-korean-treaty")
    g.add((treaty, RDF.type, GEO.Alliance))
    g.add(
        (
            treaty,
            GEO.name,
            Literal("Sino-North Korean Mutual Aid and Cooperation Friendship Treaty"),
        )
    )
    g.add((treaty, GEO.obligation, OBLIGATION.defense))
    g.add((treaty, GEO.obligation, OBLIGATION.consultation))
    for state in ("CHN", "PRK"):
        _membership(g, treaty, "sino-north-korean-treaty", state, "1961-07-11", None)
    return g


def _article(g: Graph, art: URIRef, url: str, published: str) -> None:
    g.add((art, RDF.type, GEO.Article))
    g.add((art, GEO.url, Literal(url)))
    g.add((art, GEO.title, Literal(f"Article at {url}")))
    g.add((art, GEO.published, Literal(published, datatype=XSD.date)))


def _event(g: Graph, art: URIRef, etype: str, parts: list[str], date: str, sentence: str) -> URIRef:
    e = ids.event_iri(B, etype, parts, date)
    span = parse_span(date)
    g.add((e, RDF.type, GEO.Event))
    g.add((e, GEO.eventType, EVENT_TYPE[etype]))
    g.add((e, GEO.code, Literal(etype)))
    for code in parts:
        g.add((e, GEO.participant, ids.actor_iri(B, code)))
    add_dyads(g, B, e, parts)
    if span.end is None:
        g.add((e, GEO.date, span.start.literal()))
    else:
        g.add((e, GEO.startDate, span.start.literal()))
        g.add((e, GEO.endDate, span.end.literal()))
    g.add((e, GEO.earliest, Literal(span.earliest, datatype=XSD.date)))
    g.add((e, GEO.latest, Literal(span.latest, datatype=XSD.date)))
    g.add((e, GEO.datePrecision, Literal(span.start.precision)))
    g.add((e, GEO.source, art))
    start = sum(len(str(o)) for o in g.objects(None, GEO.sentence)) + len(g)  # unique per article
    ev = ids.evidence_iri(B, str(art).rsplit("/", 1)[-1], start, start + len(sentence))
    g.add((e, GEO.evidence, ev))
    g.add((ev, RDF.type, GEO.Evidence))
    g.add((ev, GEO.article, art))
    g.add((ev, GEO.sentence, Literal(sentence)))
    g.add((ev, GEO.charStart, Literal(start)))
    g.add((ev, GEO.charEnd, Literal(start + len(sentence))))
    g.add((ev, GEO.confidence, Literal("0.9", datatype=XSD.decimal)))
    return e


def article_a() -> Graph:
    """2024-10-06: 75 years of ties; the Korean War; the 1949 establishment; an ally relation."""
    g = Graph()
    _article(g, ARTICLE_A, "https://news.example/a", "2024-10-06")
    _event(
        g, ARTICLE_A, "statement", ["CHN", "PRK"], "2024-10-06", "Xi and Kim exchanged messages."
    )
    _event(g, ARTICLE_A, "war", ["CHN", "PRK", "KOR", "USA"], "1950/1953", "They fought together.")
    _event(
        g,
        ARTICLE_A,
        "diplomatic_relations_established",
        ["CHN", "PRK"],
        "1949-10-06",
        "Ties began.",
    )
    _event(g, ARTICLE_A, "summit_meeting", ["CHN", "PRK"], "2019-06", "Xi visited Pyongyang.")
    r = ids.relation_iri(B, "ally", "PRK", "CHN")
    g.add((r, RDF.type, GEO.Relation))
    g.add((r, GEO.code, Literal("ally")))
    g.add((r, GEO.actor, ids.state_iri(B, "CHN")))
    g.add((r, GEO.actor, ids.state_iri(B, "PRK")))
    g.add((r, GEO.since, Literal("1961", datatype=XSD.gYear)))
    g.add((r, GEO.source, ARTICLE_A))
    return g


def article_b() -> Graph:
    """A second article that reports the same 2024 statement (corroboration) and a 1950 event."""
    g = Graph()
    _article(g, ARTICLE_B, "https://news.example/b", "2024-10-07")
    _event(g, ARTICLE_B, "statement", ["CHN", "PRK"], "2024-10-06", "Messages were exchanged.")
    _event(g, ARTICLE_B, "talks", ["CHN", "PRK"], "1950", "Talks were held in 1950.")
    return g


def all_graphs() -> dict[str, Graph]:
    return {
        str(ids.reference_graph_iri(B, "states")): states_graph(),
        str(ids.reference_graph_iri(B, "leaders")): leaders_graph(),
        str(ids.reference_graph_iri(B, "alliances")): alliances_graph(),
        str(ARTICLE_A): article_a(),
        str(ARTICLE_B): article_b(),
    }
