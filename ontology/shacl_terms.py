"""The data side of the compiled SHACL gate (ontology.shacl_fast): a graph indexed by
subject, and pyshacl's readings of datatypes, node kinds, strings and comparisons."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

Values = dict[URIRef, list[Node]]  # predicate -> objects, of one subject
Index = dict[Node, Values]
Triple = tuple[Node, Node, Node]
_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf  # looked up once: a namespace attribute costs


@dataclass
class Data:
    """A data graph indexed by subject, with the subclasses of each class it declares and
    the members of each class (through those subclasses), as pyshacl reads them."""

    by_subject: Index
    supers: dict[Node, set[Node]] = field(default_factory=dict)
    members: dict[Node, set[Node]] = field(default_factory=dict)

    @classmethod
    def of(cls, triples: Iterable[Triple]) -> Data:
        """An rdflib Graph or any triples (a repeated triple counts once)."""
        index: dict[Node, dict[Node, dict[Node, None]]] = {}
        for s, p, o in triples:
            index.setdefault(s, {}).setdefault(p, {})[o] = None
        data = cls({s: {p: list(os) for p, os in v.items()} for s, v in index.items()})  # type: ignore[misc]
        for s, values in data.by_subject.items():
            if _SUBCLASS in values:
                data.supers[s] = _closure(data.by_subject, s)
        for s, values in data.by_subject.items():
            for t in values.get(_TYPE, ()):
                for c in (t, *data.supers.get(t, ())):
                    data.members.setdefault(c, set()).add(s)
        return data

    def values(self, node: Node, path: URIRef) -> list[Node]:
        return self.by_subject.get(node, {}).get(path, [])

    def is_a(self, node: Node, cls: Node) -> bool:
        return node in self.members.get(cls, ())


def _closure(index: Index, start: Node) -> set[Node]:
    seen: set[Node] = set()
    todo = list(index.get(start, {}).get(_SUBCLASS, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(index.get(node, {}).get(_SUBCLASS, ()))
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
