"""The terms every article graph repeats, made once per process: building an article's
triples named GEO's terms through a DefinedNamespace (about 1.5 us an attribute, a few
hundred per graph) and cast each literal's value anew (2-7 us a Literal), most of the cost
of building it (issue 31)."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef

from ontology.namespace import GEO


class _Terms:
    """GEO's terms, each looked up once (`G.source` is `GEO.source`)."""

    def __getattr__(self, name: str) -> URIRef:
        term: URIRef = getattr(GEO, name)
        setattr(self, name, term)
        return term


G = _Terms()


@lru_cache(maxsize=8192, typed=True)
def shared_literal(value: str | int, datatype: URIRef | None = None) -> Literal:
    """Literal(value, datatype=datatype) for a value many articles share (a code, a date,
    an offset), built once; literals are immutable, so sharing one is safe."""
    return Literal(value, datatype=datatype)
