"""The compiled SHACL gate (ontology.shacl_fast) against pyshacl, on the same graphs: the
article graphs of every reference article (devset, heldout, heldout2, real news), nodes of
every reference graph, and those graphs mutated to break each constraint of each shape of
ontology/shapes.ttl (every (shape, path, constraint) gets at least one mutation that pyshacl
rejects). The two must give the same verdict and the same (focus, path) results, and the
compiled gate the same message wherever the shape declares one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from loaders.extraction.extractor import extract
from loaders.rdf.article_graph import build_article_graph
from loaders.rdf.reference_graph import reference_graphs
from loaders.text_loader import read_text_file
from ontology.namespace import GEO
from ontology.reference_data import load_reference
from ontology.shacl import _show, shapes_graph, validate
from ontology.shacl_fast import Shape, compile_shapes, violations

ROOT = Path(__file__).resolve().parents[3]
FOLDERS = [ROOT.parent / "shared" / "devset"] + [
    ROOT / "tests" / "fixtures" / name for name in ("heldout", "heldout2", "realnews")
]
BASE = "https://geokg.example.org/"
ELSEWHERE = URIRef("https://elsewhere.test/thing/x/")
Mutation = Callable[[Graph, Node], None]


@lru_cache(maxsize=1)
def article_graphs() -> list[Graph]:
    files = [p for folder in FOLDERS if folder.exists() for p in sorted(folder.glob("*.txt"))]
    return [build_article_graph(extract(read_text_file(p)), BASE) for p in files]


@lru_cache(maxsize=1)
def corpus() -> Graph:
    """Every article graph and every reference graph, as one graph to find foci in."""
    union = Graph()
    for graph in [
        *article_graphs(),
        *reference_graphs(load_reference(), BASE, validate=False).values(),
    ]:
        union += graph
    return union


def around(focus: Node, hops: int = 1) -> Graph:
    """The focus node's triples, and those of the nodes it links to, `hops` deep."""
    graph, frontier, seen = Graph(), {focus}, set()
    for _ in range(hops + 1):
        following = set()
        for node in frontier - seen:
            seen.add(node)
            for p, o in corpus().predicate_objects(node):
                graph.add((node, p, o))
                following.add(o)
        frontier = following
    return graph


def results_of_pyshacl(graph: Graph) -> set[tuple[str, str | None, str]]:
    return {(v.focus, v.path, v.message) for v in validate(graph) if v.severity == "Violation"}


@lru_cache(maxsize=1)
def compiled() -> list[Shape]:
    return compile_shapes(shapes_graph())


def results_compiled(graph: Graph) -> set[tuple[str, str | None, str | None]]:
    """The compiled gate's results, the same over the Graph and over its bare triples (what
    ingest checks: loaders.rdf.triples)."""
    shapes = compiled()
    found = violations(shapes, graph)
    assert violations(shapes, list(graph)) == found
    return {(_show(f) or "", _show(p), m) for f, p, m in found}


def assert_same(graph: Graph) -> None:
    reference, compiled = results_of_pyshacl(graph), results_compiled(graph)
    assert {(f, p) for f, p, _m in compiled} == {(f, p) for f, p, _m in reference}
    assert {r for r in compiled if r[2] is not None} <= reference


def test_every_reference_article_graph_conforms_for_both() -> None:
    graphs = article_graphs()
    assert len(graphs) >= 40
    for graph in graphs:
        assert results_compiled(graph) == set() == results_of_pyshacl(graph)


# --- mutations, one kind per SHACL parameter -------------------------------------------


def _set(path: URIRef, *values: Node) -> Mutation:
    def mutate(g: Graph, focus: Node) -> None:
        g.remove((focus, path, None))
        for value in values:
            g.add((focus, path, value))

    return mutate


def _another(v: Node, i: int) -> Node:
    """A value distinct from `v` and as well typed: a date i+1 days later (not '2024-10-061',
    which pyshacl's sh:lessThanOrEquals cannot compare: a TypeError, or not, by set order)."""
    if isinstance(v, URIRef):
        return URIRef(f"{v}{i}")
    if isinstance(v, Literal) and v.datatype == XSD.date:
        later = date.fromisoformat(str(v)) + timedelta(days=i + 1)
        return Literal(later.isoformat(), datatype=XSD.date)
    return Literal(f"{v}{i}", datatype=v.datatype if isinstance(v, Literal) else None)


def _more_than(path: URIRef, most: int) -> Mutation:
    def mutate(g: Graph, focus: Node) -> None:
        v = next(iter(g.objects(focus, path)), Literal("v"))
        for i in range(most + 1):
            g.add((focus, path, _another(v, i)))

    return mutate


def _bound(path: URIRef, lexical: str) -> Mutation:
    def mutate(g: Graph, focus: Node) -> None:
        known = next(iter(g.objects(focus, path)), None)
        datatype = known.datatype if isinstance(known, Literal) else XSD.integer
        _set(path, Literal(lexical, datatype=datatype))(g, focus)

    return mutate


def _after(path: URIRef) -> Mutation:
    def mutate(g: Graph, focus: Node) -> None:
        known = next(iter(g.objects(focus, path)))
        late = "9999-12-31" if known.datatype == XSD.date else "999999999"  # type: ignore[attr-defined]
        _set(path, Literal(late, datatype=known.datatype))(g, focus)  # type: ignore[attr-defined]

    return mutate


def mutations(path: URIRef, param: Node, value: Node) -> list[Mutation]:
    """Ways to break one constraint of a property shape (several where one value can fail in
    more than one way)."""
    if param == SH.minCount:
        return [_set(path)] if int(value) > 0 else []  # type: ignore[call-overload]
    if param == SH.maxCount:
        return [_more_than(path, int(value))]  # type: ignore[call-overload]
    if param == SH.datatype:
        wrong = (
            Literal("7", datatype=XSD.decimal)
            if value == XSD.integer
            else Literal("x", datatype=XSD.integer)
        )
        return [_set(path, wrong), _set(path, Literal("x", lang="en")), _set(path, ELSEWHERE)]
    if param in (SH.nodeKind, SH.pattern, SH["in"], SH["class"], SH.node):
        return [_set(path, Literal("~")), _set(path, ELSEWHERE), _set(path, BNode())]
    if param == SH.minLength:
        return [_set(path, Literal(""))]
    if param == SH.minInclusive:
        return [_bound(path, "-1")]
    if param == SH.maxInclusive:
        return [_bound(path, "2")]
    if param == SH.lessThanOrEquals:
        return [_after(path)]
    raise AssertionError(f"no mutation for {param}")


def _both_dates(g: Graph, event: Node) -> None:
    g.add((event, GEO.startDate, Literal("1950", datatype=XSD.gYear)))
    g.add((event, GEO.endDate, Literal("1953", datatype=XSD.gYear)))


def _start_only(g: Graph, event: Node) -> None:
    g.remove((event, GEO.date, None))
    g.add((event, GEO.startDate, Literal("1950", datatype=XSD.gYear)))


def _no_date(g: Graph, event: Node) -> None:
    g.remove((event, GEO.date, None))
    g.remove((event, GEO.startDate, None))


def _nameless(g: Graph, person: Node) -> None:
    """A person with neither a reference name nor a name from the text."""
    g.remove((person, GEO.name, None))
    g.remove((person, GEO.textName, None))


NODE_LEVEL = {SH.xone: [_both_dates, _no_date], SH["or"]: [_start_only, _nameless]}


def focus_of(shape: Node) -> Node:
    """A node of the corpus the shape targets (for an event: one with a point date)."""
    g = shapes_graph()
    for cls in g.objects(shape, SH.targetClass):
        for node in corpus().subjects(RDF.type, cls):
            if cls != GEO.Event or (node, GEO.date, None) in corpus():
                return node
    for prop in g.objects(shape, SH.targetSubjectsOf):
        for node in corpus().subjects(prop, None):
            return node
    raise AssertionError(f"no node of the corpus is targeted by {shape}")


def cases() -> Iterator[tuple[str, Node, Mutation]]:
    g = shapes_graph()
    targeted = {*g.subjects(SH.targetClass, None), *g.subjects(SH.targetSubjectsOf, None)}
    for shape in sorted(targeted, key=str):
        for param, mutate_all in NODE_LEVEL.items():
            if (shape, param, None) in g:
                yield from ((f"{_show(shape)} {_show(param)}", shape, m) for m in mutate_all)
        for prop in g.objects(shape, SH.property):
            path = g.value(prop, SH.path)
            for param, value in g.predicate_objects(prop):
                if param not in (SH.path, SH.message):
                    for m in mutations(path, param, value):  # type: ignore[arg-type]
                        yield f"{_show(shape)} {_show(path)} {_show(param)}", shape, m


def test_every_constraint_is_broken_and_both_gates_agree() -> None:
    broken: dict[str, int] = {}
    checked = set()
    for name, shape, mutate in cases():
        focus = focus_of(shape)
        graph = around(focus)
        if shape not in checked:  # the unmutated neighbourhood: both accept it
            assert_same(graph)
            checked.add(shape)
        mutate(graph, focus)
        assert_same(graph)
        broken[name] = broken.get(name, 0) + bool(results_of_pyshacl(graph))
    missed = [name for name, count in broken.items() if count == 0]
    assert missed == []  # every (shape, path, constraint) has a mutation pyshacl rejects
    assert len(broken) >= 100


@pytest.mark.parametrize(
    "literal",
    [
        Literal("1950-13-01", datatype=XSD.date),  # ill-typed
        Literal("1950", datatype=XSD.gYearMonth),  # ill-typed for its datatype
        Literal("1950", datatype=XSD.string),
        Literal(1950),
    ],
)
def test_odd_date_literals_get_the_same_verdict(literal: Literal) -> None:
    graph = around(focus_of(URIRef("https://geokg.example.org/ontology/shapes#EventShape")))
    event = next(graph.subjects(GEO.date, None))
    _set(GEO.date, literal)(graph, event)
    assert_same(graph)
