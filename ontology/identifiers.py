"""Deterministic identifiers (docs/architecture.md, decision 3): the same thing always gets the same IRI,
so two articles reporting one event land on one node."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from rdflib import URIRef

DEFAULT_BASE_IRI = "https://geokg.example.org/"
REFERENCE_GRAPHS = ("ontology", "states", "organizations", "leaders", "alliances", "actors")


def slug(text: str) -> str:
    """Lower-case ASCII slug: 'Kim Jong-un' -> 'kim-jong-un'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _base(base_iri: str) -> str:
    return base_iri if base_iri.endswith("/") else base_iri + "/"


def state_iri(base_iri: str, code: str) -> URIRef:
    return URIRef(f"{_base(base_iri)}state/{code.upper()}")


def org_iri(base_iri: str, code: str) -> URIRef:
    """'NATO' -> org/NATO; characters an IRI segment cannot hold become '-' ('ARAB LEAGUE')."""
    return URIRef(f"{_base(base_iri)}org/{slug_code(code)}")


def non_state_actor_iri(base_iri: str, code: str) -> URIRef:
    """'HAMAS' -> actor/HAMAS: a non-state actor of the reference data (or of an article)."""
    return URIRef(f"{_base(base_iri)}actor/{slug_code(code)}")


def actor_iri(base_iri: str, code: str) -> URIRef:
    """A participant code: a known non-state actor code (HAMAS, PKK) is that actor, a known
    organization code (WTO, IMF, NATO) an organization, any other three capital letters a
    state, anything else an organization."""
    from ontology.reference_data import non_state_actor_codes, organization_codes

    upper = code.upper()
    if upper in non_state_actor_codes():
        return non_state_actor_iri(base_iri, upper)
    if upper not in organization_codes() and re.fullmatch(r"[A-Z]{3}", upper):
        return state_iri(base_iri, upper)
    return org_iri(base_iri, upper)


def person_iri(base_iri: str, person_id: str) -> URIRef:
    return URIRef(f"{_base(base_iri)}person/{slug(person_id)}")


def term_iri(base_iri: str, person_id: str, state: str, start: str) -> URIRef:
    return URIRef(f"{_base(base_iri)}term/{slug(person_id)}/{state.upper()}/{start}")


def reported_role_iri(base_iri: str, art_id: str, person_id: str) -> URIRef:
    """The role one article gives a person it introduces (one per person and article)."""
    return URIRef(f"{_base(base_iri)}reported-role/{art_id}/{slug(person_id)}")


def alliance_iri(base_iri: str, alliance_id: str) -> URIRef:
    return URIRef(f"{_base(base_iri)}alliance/{slug(alliance_id)}")


def membership_iri(base_iri: str, group: str, state: str, start: str | None) -> URIRef:
    return URIRef(f"{_base(base_iri)}membership/{slug(group)}/{state.upper()}/{start or 'unknown'}")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_id(url: str | None, text: str) -> str:
    """Hash of the URL, or of the text when there is no URL (16 hex digits)."""
    return text_hash(url.strip() if url and url.strip() else text)


def article_iri(base_iri: str, art_id: str) -> URIRef:
    return URIRef(f"{_base(base_iri)}article/{art_id}")


def date_segment(date: str) -> str:
    """A date or 'A/B' range as one path segment: '1950/1953' -> '1950--1953'."""
    return date.replace("/", "--") if date else "undated"


def event_iri(base_iri: str, event_type: str, participants: Iterable[str], date: str) -> URIRef:
    parts = "-".join(sorted({p.upper() for p in participants}))
    return URIRef(f"{_base(base_iri)}event/{event_type}/{parts}/{date_segment(date)}")


def dyad_code(a: str, b: str) -> str:
    """The key of an unordered pair of actor codes: 'PRK', 'chn' -> 'CHN|PRK'."""
    first, second = sorted((a.strip().upper(), b.strip().upper()))
    return f"{first}|{second}"


def dyad_iri(base_iri: str, a: str, b: str) -> URIRef:
    """The Dyad node of two actor codes: dyad/CHN/PRK (codes never hold '/')."""
    first, second = dyad_code(a, b).split("|")
    return URIRef(f"{_base(base_iri)}dyad/{slug_code(first)}/{slug_code(second)}")


def slug_code(code: str) -> str:
    """An actor code as one IRI path segment (as org_iri cleans it)."""
    return re.sub(r"[^A-Z0-9-]+", "-", code.upper()).strip("-")


def relation_iri(base_iri: str, relation_type: str, a: str, b: str) -> URIRef:
    pair = "-".join(sorted({a.upper(), b.upper()}))
    return URIRef(f"{_base(base_iri)}relation/{relation_type}/{pair}")


def evidence_iri(base_iri: str, art_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{_base(base_iri)}evidence/{art_id}/{start}-{end}")


def reference_graph_iri(base_iri: str, name: str) -> URIRef:
    """Named graph of one part of the reference data: 'graph/reference/states'."""
    if name not in REFERENCE_GRAPHS:
        raise ValueError(f"unknown reference graph {name!r}; expected one of {REFERENCE_GRAPHS}")
    return URIRef(f"{_base(base_iri)}graph/reference/{name}")
