"""Each event type's properties are one row of data (ontology/reference/event_types.json):
exactly one row per event type the ontology declares, with the CAMEO and PLOVER codes the
ontology gives it, and the relations it implies among the ontology's relation types."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from rdflib import RDF, Graph, Literal

from ontology.namespace import (
    DIRECTED_EVENT_TYPES,
    EVENT_TYPES,
    GEO,
    IMPLIED_RELATION,
    RELATION_TYPES,
)

ONTOLOGY = Path(__file__).resolve().parents[3] / "ontology"
ROWS = json.loads((ONTOLOGY / "reference" / "event_types.json").read_text())["types"]


def _declared() -> dict[str, tuple[str, str]]:
    """type code -> (CAMEO, PLOVER) of every geo:EventType in geokg.ttl."""
    g = Graph().parse(ONTOLOGY / "geokg.ttl")
    out = {}
    for concept in g.subjects(RDF.type, GEO.EventType):
        code = str(g.value(concept, GEO.code))
        cameo = g.value(concept, GEO.cameo) or Literal("")
        plover = g.value(concept, GEO.plover) or Literal("")
        out[code] = (str(cameo), str(plover))
    return out


def test_every_event_type_of_the_ontology_has_exactly_one_row() -> None:
    counts = Counter(r["type"] for r in ROWS)
    assert [t for t, n in counts.items() if n > 1] == []
    assert set(counts) == set(_declared())


def test_the_rows_codes_are_the_ontologys() -> None:
    declared = _declared()
    assert {r["type"]: (r["cameo"], r["plover"]) for r in ROWS} == declared
    assert declared == EVENT_TYPES


def test_directions_and_implied_relations_come_from_the_rows() -> None:
    assert {r["type"] for r in ROWS if r["directed"]} == DIRECTED_EVENT_TYPES
    assert {"state_visit", "sanctions", "military_intervention"} <= DIRECTED_EVENT_TYPES
    assert set(IMPLIED_RELATION.values()) <= set(RELATION_TYPES)
    assert IMPLIED_RELATION["alliance_formed"] == "ally"
