"""SHACL validation against ontology/shapes.ttl: every graph is checked before it is stored,
so a malformed fact fails loudly with the node, the property and the reason."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ontology.shacl_fast import Shape, Unsupported, compile_shapes
from ontology.shacl_fast import violations as fast_violations
from ontology.shacl_terms import Triple

SHAPES_PATH = Path(__file__).parent / "shapes.ttl"
_SHOWN = 5  # violations named in a ShaclViolationError message
# pyshacl writes a few system triples into the (shared, cached) shapes graph on every run,
# and an rdflib memory graph is not safe to write from two threads: one validation at a time.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node it is about, the property path, the reason and severity."""

    focus: str  # the focus node, as a prefixed name or <IRI>
    path: str | None  # the property path, as a prefixed name ("geo:participant")
    message: str
    severity: str  # "Violation" | "Warning" | "Info"

    def __str__(self) -> str:
        return f"{self.focus} {self.path or '(node)'}: {self.message}"


class ShaclViolationError(Exception):
    """A graph that does not conform to the shapes; the message names the first violations."""

    def __init__(self, violations: list[Violation]) -> None:
        self.violations = violations
        shown = "; ".join(str(v) for v in violations[:_SHOWN])
        more = f" (and {len(violations) - _SHOWN} more)" if len(violations) > _SHOWN else ""
        super().__init__(f"SHACL: {len(violations)} violation(s): {shown}{more}")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """ontology/shapes.ttl, parsed once per process."""
    return Graph(bind_namespaces="core").parse(SHAPES_PATH, format="turtle")


@lru_cache(maxsize=1)
def _prefixes() -> tuple[tuple[str, str], ...]:
    """The prefixes of shapes.ttl (geo:, sh:, xsd:, ...), longest namespace first."""
    pairs = {(p, str(ns)) for p, ns in shapes_graph().namespaces() if p}
    return tuple(sorted(pairs, key=lambda pair: -len(pair[1])))


def _show(node: Node | None) -> str | None:
    """A node as the shapes name it: 'geo:participant', '<https://...>', '"1950"^^xsd:gYear'."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        for prefix, namespace in _prefixes():
            local = node[len(namespace) :]
            if node.startswith(namespace) and local and not set(local) & set("/#?"):
                return f"{prefix}:{local}"
        return f"<{node}>"
    return node.n3() if isinstance(node, Literal) else f"_:{node}"


def _show_path(report: Graph, path: Node | None) -> str | None:
    """A result path; an alternative path reads like SPARQL: 'geo:date|geo:startDate'."""
    alternatives = report.value(path, SH.alternativePath) if isinstance(path, BNode) else None
    if alternatives is None:
        return _show(path)
    return "|".join(_show(p) or "" for p in Collection(report, alternatives))


def _violation(report: Graph, result: Node) -> Violation:
    """One sh:ValidationResult of the report as a Violation."""
    severity = report.value(result, SH.resultSeverity)
    message = report.value(result, SH.resultMessage)
    return Violation(
        focus=_show(report.value(result, SH.focusNode)) or "",
        path=_show_path(report, report.value(result, SH.resultPath)),
        message=str(message) if message is not None else "does not conform",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
    )


def validate(graph: Graph) -> list[Violation]:
    """Every SHACL result for `graph` (empty when it conforms), in a stable order."""
    with _LOCK:
        _conforms, report, _text = pyshacl_validate(
            graph, shacl_graph=shapes_graph(), inference="none", allow_warnings=True
        )
    assert isinstance(report, Graph)
    results = [_violation(report, r) for r in report.subjects(RDF.type, SH.ValidationResult)]
    return sorted(set(results), key=lambda v: (v.focus, v.path or "", v.message))


@lru_cache(maxsize=1)
def _compiled() -> list[Shape] | None:
    """The shapes compiled into Python checks (ontology.shacl_fast), or None when they use
    a feature that module does not cover (then pyshacl decides alone)."""
    try:
        return compile_shapes(shapes_graph())
    except Unsupported:
        return None


def ensure_valid(graph: Graph) -> None:
    """Raise ShaclViolationError when `graph` has any result of severity Violation. The
    compiled shapes decide first (about 1 ms on an article graph where pyshacl takes 20);
    a graph they reject is validated again by pyshacl, whose report the error carries."""
    ensure_valid_triples(graph)


def ensure_valid_triples(triples: Iterable[Triple]) -> None:
    """ensure_valid for triples that are not an rdflib Graph (ingest builds them so); a
    Graph is built from them only when the compiled shapes reject them, for pyshacl."""
    triples = triples if isinstance(triples, Graph) else list(triples)
    compiled = _compiled()
    if compiled is not None and not fast_violations(compiled, triples):
        return
    graph = triples if isinstance(triples, Graph) else _graph_of(triples)
    violations = [v for v in validate(graph) if v.severity == "Violation"]
    if violations:
        raise ShaclViolationError(violations)


def _graph_of(triples: Iterable[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph
