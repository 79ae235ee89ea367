"""Literal -> Neo4j property conversion: types, partial dates and their bounds, lists."""

from __future__ import annotations

from datetime import date, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.projection.values import convert, decode, encode, literal_props


def test_typed_literals_become_native_values() -> None:
    props = literal_props(
        [
            ("charStart", Literal(12, datatype=XSD.integer)),
            ("confidence", Literal("0.85", datatype=XSD.decimal)),
            ("former", Literal(True)),
            ("ingestedAt", Literal("2024-10-06T10:00:00", datatype=XSD.dateTime)),
            ("name", Literal("China", lang="en")),
        ]
    )
    assert props == {
        "charStart": 12,
        "confidence": 0.85,
        "former": True,
        "ingestedAt": datetime(2024, 10, 6, 10, 0),
        "name": "China",
    }


def test_xsd_date_is_a_date_without_bounds() -> None:
    props = literal_props([("published", Literal("2024-10-06", datatype=XSD.date))])
    assert props == {"published": date(2024, 10, 6)}


def test_partial_dates_keep_text_and_get_day_bounds() -> None:
    props = literal_props(
        [
            ("startDate", Literal("1949", datatype=XSD.gYear)),
            ("endDate", Literal("1991-12", datatype=XSD.gYearMonth)),
        ]
    )
    assert props == {
        "startDate": "1949",
        "startDateEarliest": date(1949, 1, 1),
        "startDateLatest": date(1949, 12, 31),
        "endDate": "1991-12",
        "endDateEarliest": date(1991, 12, 1),
        "endDateLatest": date(1991, 12, 31),
    }


def test_mixed_precision_values_become_lexical_list_with_outer_bounds() -> None:
    props = literal_props(
        [
            ("since", Literal("1961", datatype=XSD.gYear)),
            ("since", Literal("1961-07-11", datatype=XSD.date)),
        ]
    )
    assert props == {
        "since": ["1961", "1961-07-11"],
        "sinceEarliest": date(1961, 1, 1),
        "sinceLatest": date(1961, 12, 31),
    }


def test_multi_valued_keys_are_sorted_lists_even_with_one_value() -> None:
    props = literal_props(
        [
            ("alias", Literal("PRC")),
            ("alias", Literal("Red China")),
            ("alias", Literal("PRC")),
            ("demonym", Literal("Chinese")),
            ("name", Literal("China")),
        ]
    )
    assert props == {"alias": ["PRC", "Red China"], "demonym": ["Chinese"], "name": "China"}


def test_several_values_of_a_single_key_become_a_list() -> None:
    props = literal_props([("role", Literal("president")), ("role", Literal("chairman"))])
    assert props == {"role": ["chairman", "president"]}


def test_reserved_keys_are_renamed() -> None:
    assert literal_props([("uri", Literal("x")), ("sources", Literal("y"))]) == {
        "uri_": "x",
        "sources_": "y",
    }


def test_ill_typed_literal_keeps_its_lexical_form() -> None:
    assert convert(Literal("not-a-date", datatype=XSD.date)).value == "not-a-date"
    assert convert(Literal("20x", datatype=XSD.gYear)).bounds is None


def test_encode_decode_round_trip() -> None:
    for term in (
        Literal('say "hi"\nnow'),
        Literal("北京"),
        Literal("Zürich", lang="de"),
        Literal("1949", datatype=XSD.gYear),
        Literal("a\\b"),
        URIRef("http://www.w3.org/2004/02/skos/core#Concept"),
    ):
        assert decode(encode("k", term)) == ("k", term)
