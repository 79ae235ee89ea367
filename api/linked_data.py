"""The IRIs the graph mints under the base IRI map to /id/ paths and back; what /id/... says
about one IRI is read by kg.queries.linked_data."""

from __future__ import annotations

from urllib.parse import quote

from kg.queries.linked_data import Description, describe, describe_graph, exists

__all__ = ["Description", "base_of", "describe", "describe_graph", "exists", "href_for", "iri_for"]


def base_of(base_iri: str) -> str:
    return base_iri if base_iri.endswith("/") else base_iri + "/"


def iri_for(base_iri: str, path: str) -> str:
    """`state/CHN` -> `{base}state/CHN`."""
    return base_of(base_iri) + path


def href_for(base_iri: str, iri: str) -> str | None:
    """The /id/ path serving `iri`, or None when it is not minted under the base IRI."""
    base = base_of(base_iri)
    if not iri.startswith(base) or iri == base:
        return None
    rest, _, fragment = iri[len(base) :].partition("#")
    href = "/id/" + quote(rest, safe="/:@!$&'()*+,;=-._~")
    return href + ("#" + quote(fragment, safe="-._~") if fragment else "")
