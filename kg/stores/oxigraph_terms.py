"""Conversions between rdflib terms and pyoxigraph terms, and the text of SPARQL updates built
from them: pyoxigraph validates each term and writes it in N-Triples syntax, which SPARQL
accepts as is, so no value is ever pasted into a query unescaped."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.stores.base import StoreFormatError

Lines = Mapping[str, Sequence[str]]  # <graph> -> its statements (kg.stores.base.Lines)
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


def is_valid_iri(text: str) -> bool:
    """Whether Oxigraph takes `text` as an absolute IRI (RFC 3987: scheme, code points,
    percent escapes), so a query that embeds it parses."""
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def to_ox(term: Node) -> OxTerm:
    """rdflib term -> pyoxigraph term; a malformed IRI raises ValueError."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}: not an IRI, blank node or literal")


def to_rdflib(term: OxTerm) -> Node:
    """pyoxigraph term -> rdflib term (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return RdfLiteral(term.value)
        return RdfLiteral(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def graph_node(name: str) -> ox.NamedNode:
    """A graph name as a pyoxigraph IRI; a malformed name raises ValueError."""
    return ox.NamedNode(name)


def triple_lines(graph: Graph) -> Iterator[str]:
    """Each triple of an rdflib graph as one N-Triples statement (SPARQL syntax)."""
    for s, p, o in graph:
        yield f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ."


def quad_blocks(quads: Iterable[ox.Quad]) -> dict[str, list[str]]:
    """pyoxigraph quads grouped by graph name (IRI text) as N-Triples statements."""
    blocks: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        blocks.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    return blocks


def replace_update(blocks: Lines, absent: Collection[str] = ()) -> str:
    """One SPARQL update that drops each named graph and inserts its new statements: the store
    runs an update as a single transaction, so the replacement is atomic. A graph named in
    `absent` (the store holds none of that name) is not dropped: that costs as much as its
    insert."""
    drops = [f"DROP SILENT GRAPH {name} ;" for name in blocks if name not in absent]
    inserts = [f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}" for name, lines in blocks.items()]
    return "\n".join(drops) + "\nINSERT DATA {\n" + "\n".join(inserts) + "\n}"


def graphs_update(
    replace: Lines, insert: Lines, delete: Lines, absent: Collection[str] = ()
) -> str:
    """One SPARQL update (one transaction) that takes the statements of `delete` out of their
    graphs, adds those of `insert`, and replaces each graph of `replace` whole (`absent`:
    as replace_update)."""
    parts = [
        f"{word} DATA {{\n"
        + "\n".join(f"GRAPH {n} {{\n" + "\n".join(ls) + "\n}" for n, ls in b.items())
        + "\n}"
        for word, b in (("DELETE", delete), ("INSERT", insert))
        if b
    ]
    return " ;\n".join([*parts, replace_update(replace, absent)] if replace else parts)


def store_node(name: str) -> ox.NamedNode:
    """A graph name as Oxigraph's node, or StoreFormatError."""
    try:
        return graph_node(name)
    except ValueError as exc:
        raise StoreFormatError(f"{name!r} is not a valid graph IRI: {exc}.") from None


def store_lines(graph: Graph) -> list[str]:
    """The graph's statements, or StoreFormatError naming the first term that cannot be stored."""
    try:
        return list(triple_lines(graph))
    except (ValueError, TypeError) as exc:
        raise StoreFormatError(f"The graph holds a term that cannot be stored: {exc}.") from None


def insert_update(name: str, lines: list[str]) -> str:
    """One SPARQL update that adds statements to a named graph."""
    return f"INSERT DATA {{ GRAPH {name} {{\n" + "\n".join(lines) + "\n} }"


def ntriples_text(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """rdflib triples as N-Triples text, written by Oxigraph's serializer: the same text the
    record store exports for the same graph."""
    converted = (ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples)  # type: ignore[arg-type]
    return (ox.serialize(converted, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def statement_lines(triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    """Triples as N-Triples statements, each term converted once (an article's terms repeat):
    the lines Oxigraph's serializer writes. ValueError names a term that cannot be stored."""
    memo: dict[Node, str] = {}

    def term(node: Node) -> str:
        text = memo.get(node)
        if text is None:
            text = memo[node] = str(to_ox(node))
        return text

    try:
        return [f"{term(s)} {term(p)} {term(o)} ." for s, p, o in triples]
    except (ValueError, TypeError) as exc:
        raise ValueError(f"The graph holds a term that cannot be stored: {exc}.") from None


def lines_hash(lines: Iterable[str]) -> str:
    """ntriples_hash of N-Triples statements given one per line (statement_lines)."""
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def ntriples_hash(text: str) -> str:
    """A content hash of a graph's N-Triples: SHA-256 of its sorted statement lines, so it
    does not depend on the order the statements come in."""
    digest = hashlib.sha256()
    for line in sorted(line for line in text.splitlines() if line.strip()):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
