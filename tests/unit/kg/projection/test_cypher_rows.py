"""Raw Neo4j values -> lexical rows for the Cypher queries, and their input checks."""

from __future__ import annotations

from datetime import date

import pytest

from kg.queries.cypher_rows import (
    code_param,
    event_type_param,
    expand,
    first,
    is_iri,
    obligation_param,
    priority,
    source_order,
    texts,
    types_of,
)
from ontology.namespace import GEO_IRI


def test_texts_are_lexical_like_rdf() -> None:
    assert texts(None) == []
    assert texts(True) == ["true"]
    assert texts([1, 0.9, "x"]) == ["1", "0.9", "x"]
    assert texts(date(2024, 10, 6)) == ["2024-10-06"]


def test_expand_is_the_product_of_present_fields() -> None:
    rows = expand({"t": "x"}, name=["b", "a"], role=None, office=["o"])
    assert rows == [{"t": "x", "name": "a", "office": "o"}, {"t": "x", "name": "b", "office": "o"}]
    assert first(["b", "a"]) == "a" and first(None) is None


def test_input_checks_match_the_sparql_side() -> None:
    assert code_param(" chn ") == "CHN"
    with pytest.raises(ValueError, match="not a state or organization code"):
        code_param('CHN" })')
    with pytest.raises(ValueError, match="unknown event type"):
        event_type_param("party")
    with pytest.raises(ValueError, match="unknown obligation"):
        obligation_param("hugs")
    assert obligation_param(
        "defense",
    ).endswith("/obligation/defense")
    assert is_iri("https://geokg.example.org/state/CHN") and not is_iri("http://x/> ?p")


def test_entity_types_and_priority() -> None:
    node = {"labels": ["Resource", "Organization", "Alliance"], "rdfType": None}
    assert types_of(node) == [f"{GEO_IRI}Organization", f"{GEO_IRI}Alliance"]
    assert priority(node) == 1
    assert priority({"labels": ["Resource"], "rdfType": ["http://x/T"]}) == 99


def test_sources_order_numerically_by_char_start() -> None:
    rows = [
        {"e": "e", "article": "a", "charStart": "10"},
        {"e": "e", "article": "a", "charStart": "9"},
        {"e": "e", "article": "a"},
    ]
    assert [r.get("charStart") for r in sorted(rows, key=source_order)] == [None, "9", "10"]
