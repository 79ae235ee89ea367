"""RDF literals -> Neo4j property values (pure): typed dates, numbers, booleans; several
values of one key become a sorted list; partial dates keep their text plus day bounds.

The rules (docs/data-model.md, "Neo4j projection"):

- xsd:date -> Neo4j DATE; xsd:dateTime -> DATETIME; integers -> INTEGER; decimal, double,
  float -> FLOAT; xsd:boolean -> BOOLEAN; anything else (strings, language-tagged strings,
  other datatypes) -> its lexical form as STRING (the language tag is dropped).
- xsd:gYear / xsd:gYearMonth stay strings ("1949", "1949-10"); the key then also gets
  `<key>Earliest` / `<key>Latest` (DATE: first and last day it can mean), so Cypher can
  always filter with `coalesce(n.<key>Earliest, n.<key>)`. A single xsd:date needs no bounds.
- A key with more than one distinct value (or one of MULTI_VALUED) is a sorted list; a list
  whose values differ in type holds their lexical forms, since Neo4j lists are homogeneous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ontology.dates import DateError, parse_partial

# Keys that are lists even with one value: names a node may have several of.
MULTI_VALUED = frozenset({"alias", "demonym", "capital", "rdfType", "textName"})
# Property keys the projection itself owns; an RDF property of that local name gets a "_".
RESERVED_KEYS = frozenset({"uri", "sources"})

_INTEGERS = {
    str(XSD[name])
    for name in [
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}
_FLOATS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_PARTIAL = {str(XSD.gYear), str(XSD.gYearMonth)}
_BOOLEAN = str(XSD.boolean)
_DATES = {str(XSD.date), str(XSD.dateTime)}
_INT64 = 2**63


@dataclass(frozen=True)
class Value:
    """One literal as Neo4j will hold it, with its lexical form and, for dates, day bounds."""

    lexical: str
    value: Any
    bounds: tuple[date, date] | None = None


def convert(term: Node) -> Value:
    """An RDF literal (or an IRI, for rdfType) as a Neo4j-ready value."""
    lexical = str(term)
    if not isinstance(term, Literal) or term.datatype is None:
        return Value(lexical, lexical)
    datatype = str(term.datatype)
    if datatype in _PARTIAL:
        try:
            partial = parse_partial(lexical)
        except DateError:
            return Value(lexical, lexical)
        return Value(lexical, lexical, (partial.earliest, partial.latest))
    native = _native(term, datatype)
    if isinstance(native, date) and not isinstance(native, datetime):
        return Value(lexical, native, (native, native))
    return Value(lexical, native)


def _native(term: Literal, datatype: str) -> Any:
    """The Python value the driver sends as the right Neo4j type; the lexical form when the
    literal is ill-typed or has no Neo4j counterpart."""
    if term.ill_typed:
        return str(term)
    python = term.toPython()
    if datatype in _INTEGERS and isinstance(python, int) and -_INT64 <= python < _INT64:
        return python
    if datatype in _FLOATS and isinstance(python, Decimal | float):
        return float(python)
    if datatype == _BOOLEAN and isinstance(python, bool):
        return python
    if datatype in _DATES and isinstance(python, date):
        return python
    return str(term)


def key_props(key: str, values: list[Value]) -> dict[str, Any]:
    """The properties one RDF key yields from its values."""
    if len(values) == 1 and key not in MULTI_VALUED:  # the common case, kept cheap
        only = values[0]
        props: dict[str, Any] = {key: only.value}
        if only.bounds is not None and not isinstance(only.value, date):
            props[f"{key}Earliest"], props[f"{key}Latest"] = only.bounds
        return props
    distinct = list({(type(v.value), v.value): v for v in values}.values())
    kinds = {type(v.value) for v in distinct}
    items = [v.value for v in distinct] if len(kinds) == 1 else [v.lexical for v in distinct]
    items = _sorted(items)
    props = {key: items if len(items) > 1 or key in MULTI_VALUED else items[0]}
    dated = [v.bounds for v in distinct if v.bounds is not None]
    single_day = len(distinct) == 1 and isinstance(distinct[0].value, date)
    if dated and not single_day:
        props[f"{key}Earliest"] = min(b[0] for b in dated)
        props[f"{key}Latest"] = max(b[1] for b in dated)
    return props


def _sorted(items: list[Any]) -> list[Any]:
    """Distinct values in a stable order (values that do not compare keep their order)."""
    unique = list(dict.fromkeys(items))
    try:
        return sorted(unique)
    except TypeError:
        return unique


def literal_props(pairs: Iterable[tuple[str, Node]]) -> dict[str, Any]:
    """(local name, literal) pairs of one node -> its Neo4j properties."""
    return encoded_props((key, term, encode(key, term)) for key, term in pairs)


def encoded_props(items: Iterable[tuple[str, Node, str]]) -> dict[str, Any]:
    """literal_props of (local name, literal, its `encode`d string) triples: the encoding
    keys a cache of conversions, since most literals (dates, codes) recur."""
    by_key: dict[str, list[Value]] = defaultdict(list)
    for key, term, text in items:
        by_key[property_key(key)].append(_cached_convert(text, term))
    props: dict[str, Any] = {}
    for key in sorted(by_key):
        props.update(key_props(key, by_key[key]))
    return props


_CONVERTED: dict[str, Value] = {}  # a literal's kind and lexical form -> its Value
_CONVERTED_MAX = 100_000


def _cached_convert(text: str, term: Node) -> Value:
    form = text[text.index("\t") + 1 :]  # the encoding without the key
    value = _CONVERTED.get(form)
    if value is None:
        if len(_CONVERTED) >= _CONVERTED_MAX:
            _CONVERTED.clear()
        value = _CONVERTED[form] = convert(term)
    return value


def property_key(local: str) -> str:
    return f"{local}_" if local in RESERVED_KEYS else local


def encode(key: str, term: Node) -> str:
    """One (key, literal or IRI) as a string a claim can store and `decode` reads back:
    'key<TAB>kind<TAB>lexical', kind '' (plain), '@lang', '^datatype' or '<' (an IRI)."""
    if isinstance(term, Literal):
        if term.language:
            return f"{key}\t@{term.language}\t{term}"
        if term.datatype is not None:
            return f"{key}\t^{term.datatype}\t{term}"
        return f"{key}\t\t{term}"
    return f"{key}\t<\t{term}"


@lru_cache(maxsize=65536)
def decode(text: str) -> tuple[str, Node]:
    """The (key, term) an `encode`d string stands for (cached: terms are immutable, and the
    same dates and codes come back in claim after claim)."""
    key, kind, lexical = text.split("\t", 2)
    if kind == "<":
        return key, URIRef(lexical)
    if kind.startswith("@"):
        return key, Literal(lexical, lang=kind[1:])
    if kind.startswith("^"):
        return key, Literal(lexical, datatype=URIRef(kind[1:]))
    return key, Literal(lexical)
