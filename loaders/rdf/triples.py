"""A set of triples that an article graph can be built into instead of an rdflib Graph: the
few Graph methods the builder calls (add, value, set), on two dicts, so building, checking,
hashing and writing an article's triples costs no rdflib store indexes (issue 31)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from rdflib.term import Node

Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """What loaders.rdf.article_graph writes into: an rdflib Graph, or Triples."""

    def add(self, triple: Triple, /) -> object: ...

    def value(self, subject: Node, predicate: Node, /) -> Node | None: ...

    def set(self, triple: Triple, /) -> object: ...


class Triples:
    """Distinct triples in the order first added; as a Graph, adding one twice keeps one."""

    def __init__(self) -> None:
        self._triples: dict[Triple, None] = {}
        self._objects: dict[tuple[Node, Node], list[Node]] = {}

    def add(self, triple: Triple, /) -> Triples:
        if triple not in self._triples:
            self._triples[triple] = None
            self._objects.setdefault((triple[0], triple[1]), []).append(triple[2])
        return self

    def value(self, subject: Node, predicate: Node, /) -> Node | None:
        """One object of (subject, predicate), None when there is none (Graph.value)."""
        found = self._objects.get((subject, predicate))
        return found[0] if found else None

    def set(self, triple: Triple, /) -> Triples:
        """Replace every object of (subject, predicate) by this one (Graph.set)."""
        s, p, _o = triple
        for old in self._objects.pop((s, p), []):
            del self._triples[(s, p, old)]
        return self.add(triple)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples
