"""What the full-text index beside the record holds, read from the record (kg.stores.
search_index): per named graph, the texts searched (evidence sentences, article titles,
entity names) and the few facts that turn a matched text into a hit and order it (types,
evidence links, refinements, an event's days, an article's publication). Pure: query text
and rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ontology.namespace import GEO_IRI

SEARCH_FIELDS = {  # hit kind -> the properties (RDF local names, Neo4j property names) searched
    "event": ("sentence",),
    "article": ("title",),
    "entity": ("name", "alias", "formalName", "textName"),
}
ENTITY_TYPES = ("State", "Organization", "Alliance", "NonStateActor", "Person")
# FTS5's tokenizer: Porter stems as Lucene's `english` analyzer in Neo4j does; no accent folding.
TOKENIZER = "porter unicode61 remove_diacritics 0"
TEXT_FIELDS = tuple(f for fields in SEARCH_FIELDS.values() for f in fields)
FACT_PROPS = ("evidence", "refinedBy", "earliest", "latest", "published")
CLASSES = ("Event", "Evidence", "Article", *ENTITY_TYPES)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
Doc = tuple[str, str, str, str]  # (graph, subject, field, text: the field's values joined)
Fact = tuple[str, str, str, str]  # (graph, subject, prop: a local name or "type", value)


def facts_query(graphs: Sequence[str] | None) -> str:
    """SELECT ?g ?s ?p ?o: the texts and facts of these graphs (of all graphs: None)."""
    props = " ".join(f"<{GEO_IRI}{p}>" for p in (*TEXT_FIELDS, *FACT_PROPS))
    classes = " ".join(f"<{GEO_IRI}{c}>" for c in CLASSES)
    if graphs is not None:  # each graph read whole by its name and filtered: with ?p bound
        # too, the store reads that property in every graph first (grows with the record)
        bound = " ".join(f"<{g}>" for g in graphs)
        return f"""SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {bound} }} GRAPH ?g {{ ?s ?p ?o }}
  FILTER(?p IN ({props.replace(" ", ", ")})
    || (?p = <{RDF_TYPE}> && ?o IN ({classes.replace(" ", ", ")}))) }}"""
    return f"""SELECT ?g ?s ?p ?o WHERE {{
  {{ VALUES ?p {{ {props} }} GRAPH ?g {{ ?s ?p ?o }} }}
  UNION
  {{ VALUES ?o {{ {classes} }} GRAPH ?g {{ ?s <{RDF_TYPE}> ?o }} BIND(<{RDF_TYPE}> AS ?p) }}
}}"""


def index_rows(rows: Iterable[dict[str, str]]) -> tuple[list[Doc], list[Fact]]:
    """Rows of facts_query -> one doc per (graph, subject, text field), its values sorted
    and joined by line breaks, and the facts (types and links by local name)."""
    texts: dict[tuple[str, str, str], set[str]] = {}
    facts: set[Fact] = set()
    for row in rows:
        g, s, p, o = row["g"], row["s"], row["p"], row["o"]
        if p == RDF_TYPE:
            facts.add((g, s, "type", o.removeprefix(GEO_IRI)))
            continue
        name = p.removeprefix(GEO_IRI)
        if name in TEXT_FIELDS:
            texts.setdefault((g, s, name), set()).add(o)
        else:
            facts.add((g, s, name, o))
    docs = [(g, s, f, "\n".join(sorted(values))) for (g, s, f), values in texts.items()]
    return sorted(docs), sorted(facts)
