"""What an event page shows of each event (participants, sources, evidence), read from the
store of record in two lookups by subject instead of joins.

The store answers over the union of the named graphs, and Oxigraph joins OPTIONAL patterns by
hash: the joined queries cost about 0.4 ms per event (6.5 ms for 17 events at 100,000). Here
one query reads the events' links and one reads the linked nodes' properties, both bound by
subject (`VALUES ?s ... ?s ?p ?o`), and the rows the joined queries gave are rebuilt in Python,
exactly as the Cypher side builds them (kg.queries.cypher_events)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from kg.queries.cypher_events import source_row
from kg.queries.cypher_rows import Row, source_order
from kg.queries.sparql_builders import PREFIXES, values
from ontology.namespace import GEO_IRI

LINKS = ("participant", "initiator", "source", "evidence")
NODE_PROPS = ("code", "url", "title", "published", "article", "sentence", "charStart", "charEnd", "confidence")  # fmt: skip
_ROLES = ("participant", "initiator")

Props = dict[str, dict[str, list[str]]]  # subject -> local name -> values


def props_query(subjects: Iterable[str], names: Sequence[str]) -> str:
    """The values of the given geo: properties of each subject (distinct over the graphs)."""
    wanted = ", ".join(f"geo:{name}" for name in names)
    return (
        PREFIXES
        + f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  {values("s", subjects)}
  ?s ?p ?o FILTER(?p IN ({wanted}))
}}"""
    )


def by_subject(rows: Iterable[Row]) -> Props:
    """Rows of props_query -> subject -> property local name -> sorted values."""
    found: Props = defaultdict(lambda: defaultdict(list))
    for r in rows:
        found[r["s"]][r["p"].removeprefix(GEO_IRI)].append(r["o"])
    for per_subject in found.values():
        for key in per_subject:
            per_subject[key].sort()
    return found


def linked_nodes(links: Props) -> list[str]:
    """Every node the events link to (participants, articles, evidence), sorted."""
    return sorted({o for per_event in links.values() for name in LINKS for o in per_event[name]})


def people_rows(events: Iterable[str], links: Props, nodes: Props) -> list[Row]:
    """(event, role, code) for each participant and initiator that has a code."""
    return [
        {"e": e, "role": role, "code": code}
        for e in events
        for role in _ROLES
        for p in links.get(e, {}).get(role, [])
        for code in nodes.get(p, {}).get("code", [])
    ]


def source_rows(events: Iterable[str], links: Props, nodes: Props) -> list[Row]:
    """A row per (event, article, evidence sentence from that article), or per (event,
    article) when the article gives none; in the contract's source order."""
    rows = []
    for e in events:
        evidence = [nodes.get(ev, {}) for ev in links.get(e, {}).get("evidence", [])]
        for article in links.get(e, {}).get("source", []):
            about = {k: v for k, v in nodes.get(article, {}).items() if k in ("url", "title", "published")}  # fmt: skip
            quoted = [ev for ev in evidence if article in ev.get("article", []) and ev.get("sentence")]  # fmt: skip
            for ev in quoted or [{}]:
                rows.append(source_row(e, {"article": article, **about, **_evidence(ev)}))
    return sorted(rows, key=source_order)


def _evidence(ev: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: v for k, v in ev.items() if k in ("sentence", "charStart", "charEnd", "confidence")}
