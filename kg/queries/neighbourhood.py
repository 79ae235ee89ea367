"""A state or actor at a date as nodes and edges (GraphQueries.neighbourhood), built from the
rows both backends read alike: its relations, its counterparts' event counts, the entities
those codes name, and its alliances. Pure (no store, no driver), so the SPARQL and Cypher
answers can only differ where their rows do."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from kg.queries.models import AlliancePublic, NeighbourEdge, Neighbourhood, NeighbourNode
from kg.queries.sparql_rows import overlaps
from ontology.dates import PartialDate
from ontology.namespace import GEO_IRI

Row = dict[str, str]
MAX_YEARS = 100
KINDS = ("State", "Organization", "Alliance", "Person", "NonStateActor")  # best first
Counts = dict[str, dict[str, int]]  # counterpart code -> event type -> events


def check_years(years: int) -> None:
    """The event window is 1 to MAX_YEARS years: more would read a state's whole history."""
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"years must be between 1 and {MAX_YEARS}, not {years}")


def event_window(at: PartialDate, years: int) -> tuple[date, date]:
    """The days whose events count: from `years` before the first day of `at` to its last
    (29 February goes back to the 28th; nothing before 1 January of year 1)."""
    check_years(years)
    first = at.earliest
    year = first.year - years
    if year < 1:
        return date.min, at.latest
    day = 28 if (first.month, first.day) == (2, 29) else first.day
    return date(year, first.month, day), at.latest


def entity_nodes(rows: Iterable[Row]) -> dict[str, NeighbourNode]:
    """Rows (code, x, kind: a type IRI, name?) -> one node per code: the entity of the best
    kind (then the least IRI), named by its least name (its code without one)."""
    best: dict[str, tuple[int, str]] = {}
    names: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        kind = r["kind"].removeprefix(GEO_IRI)
        if kind not in KINDS:
            continue
        rank = (KINDS.index(kind), r["x"])
        best[r["code"]] = min(best.get(r["code"], rank), rank)
        if r.get("name"):
            names.setdefault((r["code"], r["x"]), set()).add(r["name"])
    return {
        code: NeighbourNode(
            id=code,
            kind=KINDS[rank],
            name=min(names.get((code, iri), {code})),
            code=code,
            iri=iri,
        )
        for code, (rank, iri) in best.items()
    }


def event_counts(rows: Iterable[Row]) -> Counts:
    """Rows (code, type, n) -> events by type for each counterpart code."""
    counts: Counts = {}
    for r in rows:
        by_type = counts.setdefault(r["code"], {})
        by_type[r["type"]] = by_type.get(r["type"], 0) + int(r["n"])
    return {code: dict(sorted(by_type.items())) for code, by_type in counts.items()}


def _weighted(edge: NeighbourEdge, counts: Counts) -> NeighbourEdge:
    found = counts.get(edge.target, {})
    return edge.model_copy(update={"events": sum(found.values()), "event_counts": found})


def _least(rows: list[Row], key: str) -> str | None:
    return min((r[key] for r in rows if r.get(key)), default=None)


def relation_edges(centre: str, rows: Iterable[Row], at: PartialDate) -> list[NeighbourEdge]:
    """Rows (r, type, actor, since?, until?, published?) -> an edge for each relation of the
    centre that holds at `at`: its since or, without one, the first day an article reported
    it, to its until (open without one), sharing a day with `at`."""
    grouped: dict[str, list[Row]] = {}
    for r in rows:
        grouped.setdefault(r["r"], []).append(r)
    edges = []
    for found in grouped.values():
        kind, since, until = (
            _least(found, "type") or "",
            _least(found, "since"),
            _least(found, "until"),
        )
        reported = min((r["published"][:10] for r in found if r.get("published")), default=None)
        if not overlaps(since or reported, until, at):
            continue
        edges += [
            NeighbourEdge(
                id=f"relation:{kind}:{other}", source=centre, target=other, kind="relation",
                type=kind, since=since, until=until, reported=reported,
            )
            for other in sorted({r["actor"] for r in found} - {centre})
        ]  # fmt: skip
    return edges


def alliance_node(alliance: AlliancePublic) -> NeighbourNode:
    """An alliance as a node: by its organization's code when it has one (NATO: the node
    /neighbourhood/NATO centres on), else by its IRI."""
    key = alliance.organization or alliance.iri
    return NeighbourNode(
        id=key, kind="Alliance", name=alliance.name, code=alliance.organization, iri=alliance.iri
    )


def membership_edges(centre: str, alliances: Iterable[AlliancePublic]) -> list[NeighbourEdge]:
    """One edge per alliance the centre belongs to at the date, from its membership's start
    (the alliance's, when the membership has none) to its end; several memberships of one
    alliance (left and joined again) are one edge from the first to the last."""
    spans: dict[str, list[tuple[str | None, str | None]]] = {}
    for a in alliances:
        period = (a.member_since or a.start, a.member_until or a.end)
        spans.setdefault(alliance_node(a).id, []).append(period)
    edges = []
    for key, periods in spans.items():
        untils = [until for _, until in periods]
        edges.append(
            NeighbourEdge(
                id=f"membership:member:{key}",
                source=centre,
                target=key,
                kind="membership",
                type="member",
                since=min((s for s, _ in periods if s), default=None),
                until=None if None in untils else max(u for u in untils if u),
            )
        )
    return edges


def _events_edges(centre: str, counts: Counts, reached: set[str]) -> list[NeighbourEdge]:
    """An events edge to each counterpart that no relation or alliance edge reaches."""
    return [
        NeighbourEdge(
            id=f"events:events:{code}", source=centre, target=code, kind="events", type="events"
        )
        for code in sorted(set(counts) - reached - {centre})
    ]


def build(
    centre: str,
    at: PartialDate,
    years: int,
    entities: dict[str, NeighbourNode],
    parts: tuple[list[Row], Counts, list[AlliancePublic]],
) -> Neighbourhood:
    """The answer from the centre's relation rows, its counterparts' event counts and its
    alliances at `at`: an edge per relation holding then and per alliance, and an events
    edge to each other counterpart; every edge weighted by the events with its target."""
    relations, counts, alliances = parts
    nodes = {centre: entities[centre].model_copy(update={"centre": True})}
    nodes |= {n.id: n for n in map(alliance_node, alliances) if n.id not in nodes}
    edges = relation_edges(centre, relations, at) + membership_edges(centre, alliances)
    edges += _events_edges(centre, counts, {e.target for e in edges})
    for edge in edges:
        unknown = NeighbourNode(id=edge.target, kind="Unknown", name=edge.target, code=edge.target)
        nodes.setdefault(edge.target, entities.get(edge.target, unknown))
    start, end = event_window(at, years)
    return Neighbourhood(
        centre=centre,
        at=at.text,
        years=years,
        events_from=start.isoformat(),
        events_to=end.isoformat(),
        nodes=sorted(nodes.values(), key=lambda n: (not n.centre, n.id)),
        edges=sorted((_weighted(e, counts) for e in edges), key=lambda e: e.id),
    )
