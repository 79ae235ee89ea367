"""The SHACL gate compiled: ontology/shapes.ttl read once into Python checks over a graph's
triples, about a hundred times faster than pyshacl on an article graph. It covers the SHACL
Core features the shapes use (targets by class and by subject of a property; property shapes
on one predicate; min/max count, datatype, node kind, pattern, in, class, node, or, xone,
lessThanOrEquals, minLength, min/maxInclusive) with pyshacl's readings of each (datatypes
by lexical form, class membership through the data graph's rdfs:subClassOf, comparisons by
pyshacl's own compare_literal). A shapes file using anything else does not compile
(Unsupported), and ontology.shacl then uses pyshacl alone.

It decides conformance; ontology.shacl asks pyshacl for the report of a graph it rejects,
so the messages a user reads are pyshacl's. tests/unit/ontology/test_shacl_fast.py holds
the two to the same verdict, and the same (focus, path, message) results, on the article
graphs of the reference corpora and on graphs mutated to break every constraint."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from ontology.shacl_terms import (
    KINDS,
    Data,
    Triple,
    as_text,
    has_datatype,
    in_range,
    not_after,
)


class Unsupported(Exception):
    """The shapes use a SHACL feature this module does not compile."""


Result = tuple[Node, URIRef | None, str | None]  # focus node, path, the shape's sh:message
Check = Callable[[Node, Node, Data], bool]  # (value, focus, data) -> the value passes


@dataclass
class Shape:
    """One node or property shape: what it targets, and its checks."""

    node: Node
    path: URIRef | None = None
    message: str | None = None
    min_count: int | None = None
    max_count: int | None = None
    checks: list[Check] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    nodes: list[Shape] = field(default_factory=list)  # sh:node: each value conforms to these
    target_classes: list[Node] = field(default_factory=list)
    target_subjects_of: list[Node] = field(default_factory=list)

    def results(self, focus: Node, data: Data) -> list[Result]:
        """What `focus` breaks of this shape (its property shapes included)."""
        values = [focus] if self.path is None else data.values(focus, self.path)
        found: list[Result] = []
        if self.min_count is not None and len(values) < self.min_count:
            found.append((focus, self.path, self.message))
        if self.max_count is not None and len(values) > self.max_count:
            found.append((focus, self.path, self.message))
        nested = [r for v in values for inner in self.nodes for r in inner.results(v, data)]
        if nested or any(not check(v, focus, data) for v in values for check in self.checks):
            found.append((focus, self.path, self.message))
        found.extend(nested)  # pyshacl reports what the value breaks of an sh:node shape too
        for prop in self.properties:
            found.extend(prop.results(focus, data))
        return found

    def conforms(self, focus: Node, data: Data) -> bool:
        return not self.results(focus, data)

    def focus_nodes(self, data: Data) -> Iterable[Node]:
        found: set[Node] = set()
        for c in self.target_classes:
            found.update(data.members.get(c, ()))
        if self.target_subjects_of:
            found.update(
                s
                for s, values in data.by_subject.items()
                if any(p in values for p in self.target_subjects_of)
            )
        return found


_IGNORED = {RDF.type, RDFS.comment, RDFS.label}


class _Compiler:
    """shapes.ttl -> Shape objects (each shape node compiled once)."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.done: dict[Node, Shape] = {}

    def shape(self, node: Node) -> Shape:
        if node in self.done:
            return self.done[node]
        shape = self.done[node] = Shape(node)
        for p, o in self.g.predicate_objects(node):
            if p not in _IGNORED:
                self._parameter(shape, p, o)
        return shape

    def _list(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    def _parameter(self, shape: Shape, p: Node, o: Node) -> None:
        if p == SH.path:
            if not isinstance(o, URIRef):
                raise Unsupported(f"a path that is not one predicate: {o}")
            shape.path = o
        elif p == SH.message:
            shape.message = str(o)
        elif p in (SH.minCount, SH.maxCount):
            setattr(shape, "min_count" if p == SH.minCount else "max_count", int(str(o)))
        elif p == SH.property:
            shape.properties.append(self.shape(o))
        elif p == SH.node:
            shape.nodes.append(self.shape(o))
        elif p == SH.targetClass:
            shape.target_classes.append(o)
        elif p == SH.targetSubjectsOf:
            shape.target_subjects_of.append(o)
        else:
            shape.checks.append(self._check(p, o))

    def _check(self, p: Node, o: Node) -> Check:
        if p == SH.datatype:
            return lambda v, _f, _d: has_datatype(v, o)
        if p == SH.nodeKind and o in KINDS:
            kind = KINDS[o]
            return lambda v, _f, _d: kind(v)
        if p == SH.pattern:
            regex = re.compile(str(o))
            return lambda v, _f, _d: not isinstance(v, BNode) and bool(regex.search(as_text(v)))
        if p == SH["in"]:
            allowed = frozenset(self._list(o))
            return lambda v, _f, _d: v in allowed
        if p == SH["class"]:
            return lambda v, _f, d: not isinstance(v, Literal) and d.is_a(v, o)
        if p == SH.minLength:
            least = int(str(o))
            return lambda v, _f, _d: not isinstance(v, BNode) and len(as_text(v)) >= least
        if p in (SH.minInclusive, SH.maxInclusive) and isinstance(o, Literal):
            sign = 1 if p == SH.minInclusive else -1
            return lambda v, _f, _d: in_range(v, o, sign)
        if p == SH.lessThanOrEquals:
            return lambda v, f, d: all(not_after(v, w) for w in d.values(f, o))  # type: ignore[arg-type]
        return self._logic(p, o)

    def _logic(self, p: Node, o: Node) -> Check:
        if p in (SH["or"], SH.xone):
            members = [self.shape(m) for m in self._list(o)]
            if p == SH["or"]:
                return lambda v, _f, d: any(m.conforms(v, d) for m in members)
            return lambda v, _f, d: sum(m.conforms(v, d) for m in members) == 1
        raise Unsupported(f"the SHACL parameter {p} ({o})")


def compile_shapes(shapes: Graph) -> list[Shape]:
    """The shapes that have targets, compiled; Unsupported for a feature not covered."""
    compiler = _Compiler(shapes)
    roots = set(shapes.subjects(SH.targetClass, None)) | set(
        shapes.subjects(SH.targetSubjectsOf, None)
    )
    for node in shapes.subjects(RDF.type, None):
        if (node, RDF.type, RDFS.Class) in shapes:
            raise Unsupported(f"an implicit class target: {node}")
    for s, p in shapes.subject_predicates(None):
        if p in (
            SH.severity,
            SH.deactivated,
            SH.flags,
            SH.targetNode,
            SH.targetObjectsOf,
            SH.sparql,
        ):
            raise Unsupported(f"the SHACL parameter {p} on {s}")
    return [compiler.shape(node) for node in sorted(roots, key=str)]


def violations(shapes: list[Shape], graph: Iterable[Triple]) -> list[Result]:
    """Every (focus node, path, shape message) the graph (an rdflib Graph or its triples)
    breaks, sorted; [] when it conforms."""
    data = Data.of(graph)
    found = {
        r
        for shape in shapes
        for focus in shape.focus_nodes(data)
        for r in shape.results(focus, data)
    }
    return sorted(found, key=lambda r: (str(r[0]), str(r[1] or ""), r[2] or ""))
