"""The readable HTML page of one IRI: types, literal facts, links to related /id/ pages,
sources with their evidence sentences, and incoming links. Every value is escaped."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from api.linked_data import Description, href_for
from loaders.article import url_problem
from ontology.namespace import GEO, PREFIXES

_EXTRA_PREFIXES = {
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
STYLE = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;
color:#222}header a{margin-right:.8rem}h1{margin:.6rem 0 .2rem}code{font-size:.85em;color:#555}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;
text-align:left;vertical-align:top}th{width:14rem;font-weight:600}.dt{color:#888;font-size:.8em}
blockquote{margin:.2rem 0 .8rem 1rem;padding-left:.6rem;border-left:3px solid #9bd;color:#333}
.types span{background:#eef;border-radius:3px;padding:0 .4rem;margin-right:.3rem}"""


class Page:
    """Renders one Description for one base IRI."""

    def __init__(self, d: Description, base_iri: str) -> None:
        self.d = d
        self.base_iri = base_iri

    def curie(self, iri: str) -> str:
        for prefix, ns in {**PREFIXES, **_EXTRA_PREFIXES}.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def label(self, iri: str) -> str:
        if iri in self.d.labels:
            return self.d.labels[iri]
        href = href_for(self.base_iri, iri)
        return href.removeprefix("/id/") if href else self.curie(iri)

    def link(self, iri: str, text: str | None = None) -> str:
        shown = escape(text if text is not None else self.label(iri))
        href = href_for(self.base_iri, iri)
        if href is None and iri.startswith(("http://", "https://")):
            href = iri
        if href is None:
            return f"<code>{escape(iri)}</code>"
        return f'<a href="{escape(href, quote=True)}">{shown}</a>'

    def value(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.link(str(node))
        if isinstance(node, Literal):
            extra = ""
            if node.datatype is not None:
                extra = f' <span class="dt">{escape(self.curie(str(node.datatype)))}</span>'
            elif node.language:
                extra = f' <span class="dt">@{escape(node.language)}</span>'
            return escape(str(node)) + extra
        return escape(str(node))

    def facts(self, subject: URIRef) -> str:
        grouped: dict[str, list[Node]] = defaultdict(list)
        for p, o in self.d.graph.predicate_objects(subject):
            if p != RDF.type:
                grouped[str(p)].append(o)
        rows = [
            f"<tr><th>{self.link(p, self.curie(p))}</th><td>"
            + "<br>".join(self.value(o) for o in sorted(objs, key=str))
            + "</td></tr>"
            for p, objs in sorted(grouped.items(), key=lambda kv: self.curie(kv[0]))
        ]
        return f"<table>{''.join(rows)}</table>" if rows else "<p>No facts.</p>"

    def types(self, subject: URIRef) -> str:
        found = sorted(str(t) for t in self.d.graph.objects(subject, RDF.type))
        spans = "".join(f"<span>{self.link(t, self.curie(t))}</span>" for t in found)
        return f'<p class="types">{spans}</p>' if spans else ""

    def sources(self) -> str:
        if not self.d.sources:
            return ""
        items = []
        for s in self.d.sources:
            head = self.link(s.article, s.title or self.label(s.article))
            when = f" ({escape(s.published)})" if s.published else ""
            original = (
                f' · <a href="{escape(s.url, quote=True)}">original</a>'
                if s.url and url_problem(s.url) is None  # a stored javascript: url is not a link
                else ""
            )
            quote = f"<blockquote>{escape(s.evidence)}</blockquote>" if s.evidence else ""
            items.append(f"<li>{head}{when}{original}{quote}</li>")
        return f"<h2>Sources</h2><ul>{''.join(items)}</ul>"

    def incoming(self) -> str:
        if not self.d.incoming_total:
            return ""
        rows = "".join(
            f"<tr><td>{self.link(i.subject)}</td><td>{escape(self.curie(i.predicate))}</td></tr>"
            for i in self.d.incoming
        )
        more = self.d.incoming_total - len(self.d.incoming)
        note = f"<p>… and {more} more (ask /sparql for all).</p>" if more > 0 else ""
        return (
            f"<h2>Incoming links ({self.d.incoming_total})</h2>"
            f"<table><tr><th>from</th><th>property</th></tr>{rows}</table>{note}"
        )

    def sections(self) -> str:
        """The IRI's own facts; for a hash namespace, one section per `#name` subject."""
        own = URIRef(self.d.iri)
        parts = [self.types(own), "<h2>Facts</h2>", self.facts(own)]
        members = sorted(
            {
                s
                for s in self.d.graph.subjects()
                if isinstance(s, URIRef) and str(s).startswith(self.d.iri + "#")
            },
            key=str,
        )
        for s in members:
            anchor = escape(str(s).partition("#")[2], quote=True)
            parts += [f'<h3 id="{anchor}">{escape(self.curie(str(s)))}</h3>', self.types(s)]
            parts.append(self.facts(s))
        return "".join(parts)

    def title(self) -> str:
        """For events and relations, their type, parties and date; else the IRI's label."""
        own, g = URIRef(self.d.iri), self.d.graph
        kind = g.value(own, GEO.eventType) or g.value(own, GEO.relationType)
        parties = sorted(map(str, g.objects(own, GEO.participant))) or sorted(
            map(str, g.objects(own, GEO.actor))
        )
        if kind is None or not parties:
            return self.d.labels.get(self.d.iri) or self.label(self.d.iri)
        names = " – ".join(self.label(p) for p in parties)
        when = g.value(own, GEO.date) or g.value(own, GEO.startDate) or g.value(own, GEO.since)
        return f"{self.label(str(kind))}: {names}" + (f", {when}" if when else "")

    def render(self) -> str:
        title = escape(self.title())
        formats = " · ".join(
            f'<a href="?format={f}">{name}</a>'
            for f, name in (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"))
        )
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title} · geokg</title><style>{STYLE}</style></head><body>"
            f'<header><a href="/">geokg</a><a href="/docs">API</a></header>'
            f"<h1>{title}</h1><p><code>{escape(self.d.iri)}</code> · {formats}</p>"
            f"{self.sections()}{self.sources()}{self.incoming()}</body></html>"
        )


def render_page(d: Description, base_iri: str) -> str:
    return Page(d, base_iri).render()
