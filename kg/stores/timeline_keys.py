"""Which cached pair timelines a write of some named graphs may change (kg.stores.timeline_cache).

A pair's timeline is read from its events' own triples, their articles and evidence (all in
the article graphs that report them), the refinement graphs that lend them sources, and the
codes of their participants (the reference data). So a write of graphs that hold only events,
dyads, articles, evidence and relations changes the pairs of the events they mention, before
the write and after it; a write of anything else (states, people, the ontology, a graph of
unknown shape) may change any pair's, and forgets them all."""

from __future__ import annotations

from collections.abc import Sequence

from ontology.namespace import GEO_IRI

# Types a graph may hold and still change only the pairs of the events it mentions. A person
# an article introduces (Person, ReportedRole) is in no timeline; a reference graph of people
# also holds LeadershipTerms, so writing it still forgets every pair.
EVENT_SIDE_TYPES = ("Event", "Dyad", "Article", "Evidence", "Relation", "Person", "ReportedRole")
# A record without events has no pair timelines: an empty cache holds all of them.
ANY_EVENT_QUERY = f"ASK {{ ?e a <{GEO_IRI}Event> }}"


def _graphs(names: Sequence[str]) -> str:
    return "VALUES ?g { " + " ".join(f"<{name}>" for name in names) + " }"


def _subjects(names: Sequence[str]) -> str:
    return f"{{ SELECT DISTINCT ?g ?s WHERE {{ {_graphs(names)} GRAPH ?g {{ ?s ?p ?o }} }} }}"


def foreign_subject_query(names: Sequence[str]) -> str:
    """ASK: does one of these graphs describe something other than an event or its
    sources (a state, a person, an ontology term, an untyped node that is no event)?"""
    kinds = " ".join(f"<{GEO_IRI}{t}>" for t in EVENT_SIDE_TYPES)
    return f"""ASK {{
  {_subjects(names)}
  FILTER NOT EXISTS {{ ?s a <{GEO_IRI}Event> }}
  FILTER NOT EXISTS {{ VALUES ?kind {{ {kinds} }} GRAPH ?g {{ ?s a ?kind }} }}
}}"""


def subjects_query(names: Sequence[str]) -> str:
    """SELECT ?s: every subject of these graphs."""
    return f"SELECT DISTINCT ?s WHERE {{ {_graphs(names)} GRAPH ?g {{ ?s ?p ?o }} }}"


def dyads_query(subjects: Sequence[str]) -> str:
    """SELECT ?d: the dyad nodes of these subjects (the events among them), as the union of
    all graphs links them; each dyad's code is then read from one of its triples. The
    subjects come bound by VALUES: joined to a sub-select instead, the store would read every
    dyad link of the record first (180 ms at 10,000 events); and the code is not joined here,
    since the union holds it once per article that names the dyad (a join costs reports of
    the event times articles of the pair)."""
    bound = " ".join(f"<{s}>" for s in subjects)
    return f"SELECT DISTINCT ?d WHERE {{ VALUES ?s {{ {bound} }} ?s <{GEO_IRI}dyad> ?d }}"
