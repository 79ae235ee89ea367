"""The data side of the compiled SHACL gate (ontology.shacl_fast): a graph indexed by
subject, and pyshacl's readings of datatypes, node kinds, strings and comparisons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

Values = dict[URIRef, list[Node]]  # predicate -> objects, of one subject
Index = dict[Node, Values]


@dataclass
class Data:
    """A data graph indexed by subject, with the subclasses of each class it declares."""

    by_subject: Index
    supers: dict[Node, set[Node]] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: Graph) -> Data:
        index: Index = {}
        for s, p, o in graph:
            index.setdefault(s, {}).setdefault(p, []).append(o)  # type: ignore[arg-type]
        data = cls(index)
        for s, values in index.items():
            if RDFS.subClassOf in values:
                data.supers[s] = _closure(index, s)
        return data

    def values(self, node: Node, path: URIRef) -> list[Node]:
        return list(dict.fromkeys(self.by_subject.get(node, {}).get(path, ())))

    def is_a(self, node: Node, cls: Node) -> bool:
        types = self.by_subject.get(node, {}).get(RDF.type, ())
        return any(t == cls or cls in self.supers.get(t, ()) for t in types)


def _closure(index: Index, start: Node) -> set[Node]:
    seen: set[Node] = set()
    todo = list(index.get(start, {}).get(RDFS.subClassOf, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(index.get(node, {}).get(RDFS.subClassOf, ()))
    return seen


_TYPES: dict[Node, Callable[[object], bool]] = {
    XSD.string: lambda v: isinstance(v, (str, bytes)),
    XSD.integer: lambda v: isinstance(v, int),
    XSD.decimal: lambda v: isinstance(v, Decimal),
    XSD.boolean: lambda v: isinstance(v, bool),
    XSD.date: lambda v: isinstance(v, date),
    XSD.dateTime: lambda v: isinstance(v, datetime),
}


def has_datatype(v: Node, datatype: Node) -> bool:
    """pyshacl's sh:datatype: the literal's datatype, and a value of its kind."""
    if not isinstance(v, Literal):
        return False
    if v.datatype == datatype:
        if getattr(v, "ill_typed", None) is True:
            return False
        return _TYPES.get(datatype, lambda _v: True)(v.value)
    return (
        v.datatype is None
        and v.language is None
        and datatype == XSD.string
        and isinstance(v.value, str)
    )


def as_text(v: Node) -> str:
    """pyshacl's string of a value node (for sh:pattern and sh:minLength)."""
    if (
        isinstance(v, Literal)
        and v.value is not None
        and v.datatype in (None, RDF.langString, XSD.string)
    ):
        return str(v.value)
    return str(v)


KINDS: dict[Node, Callable[[Node], bool]] = {
    SH.IRI: lambda v: isinstance(v, URIRef),
    SH.BlankNode: lambda v: isinstance(v, BNode),
    SH.Literal: lambda v: isinstance(v, Literal),
    SH.BlankNodeOrIRI: lambda v: isinstance(v, (BNode, URIRef)),
    SH.BlankNodeOrLiteral: lambda v: isinstance(v, (BNode, Literal)),
    SH.IRIOrLiteral: lambda v: isinstance(v, (URIRef, Literal)),
}


def in_range(v: Node, bound: Literal, sign: int) -> bool:
    """pyshacl's sh:minInclusive (sign 1) and sh:maxInclusive (sign -1)."""
    if not isinstance(v, Literal) or isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        return compare_literal(v, bound) * sign >= 0
    except (TypeError, NotImplementedError):
        return False


def _comparable(v: Node) -> tuple[object, bool]:
    """A value as pyshacl's sh:lessThanOrEquals compares it, and whether it is a string."""
    if isinstance(v, URIRef):
        return str(v), True
    if isinstance(v, Literal) and isinstance(v.value, str):
        return v.value, True
    return v, False


def not_after(v: Node, other: Node) -> bool:
    """pyshacl's sh:lessThanOrEquals for one pair of values: a string and a non-string never
    compare; otherwise Python's (rdflib's) <=, and an error is a failure."""
    (a, a_text), (b, b_text) = _comparable(v), _comparable(other)
    if a_text != b_text:
        return False
    try:
        return bool(a <= b)  # type: ignore[operator]
    except TypeError:
        return False
