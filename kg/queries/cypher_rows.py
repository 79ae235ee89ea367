"""Raw Neo4j property values -> rows of lexical strings shaped like the SPARQL side's, and
the input checks of the Cypher queries (the same rules and messages as the SPARQL side)."""

from __future__ import annotations

import re
from datetime import date
from itertools import product
from typing import Any

from ontology.dates import PartialDate
from ontology.namespace import EVENT_TYPES, GEO_IRI, OBLIGATION, OBLIGATIONS

Row = dict[str, str]
ENTITY_TYPES = ("State", "Organization", "Alliance", "Person", "NonStateActor")
_CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9_.-]{0,31}")
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
NO_LIMIT = 2**62  # LIMIT for "no limit" (Cypher needs a number)


def texts(value: Any) -> list[str]:
    """A property value (None, a scalar or a list) as lexical strings, like RDF's."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [text for item in value for text in texts(item)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(value)]  # neo4j.time.Date prints as ISO 8601, like xsd:date


def expand(base: Row, **fields: Any) -> list[Row]:
    """One row per combination of the fields' values (like OPTIONAL matches in SPARQL);
    a field without values is left out of the rows."""
    keys = list(fields)
    choices: list[list[str | None]] = [[*sorted(set(texts(fields[k])))] or [None] for k in keys]
    rows = []
    for combo in product(*choices):
        row = dict(base)
        row.update({k: v for k, v in zip(keys, combo, strict=True) if v is not None})
        rows.append(row)
    return rows


def first(value: Any) -> str | None:
    found = texts(value)
    return min(found) if found else None


def is_code(key: str) -> bool:
    return bool(_CODE_RE.fullmatch(key.strip().upper()))


def is_iri(key: str) -> bool:
    """An absolute IRI with nothing that could not appear in one (as the SPARQL side)."""
    return ":" in key and not _IRI_BAD.search(key)


def code_param(code: str) -> str:
    upper = code.strip().upper()
    if not _CODE_RE.fullmatch(upper):
        raise ValueError(f"{code!r} is not a state or organization code")
    return upper


def event_type_param(event_type: str | None) -> str | None:
    if event_type is not None and event_type not in EVENT_TYPES:
        raise ValueError(
            f"unknown event type {event_type!r}; expected one of {', '.join(EVENT_TYPES)}"
        )
    return event_type


def obligation_param(obligation: str | None) -> str | None:
    if obligation is None:
        return None
    if obligation not in OBLIGATIONS:
        raise ValueError(
            f"unknown obligation {obligation!r}; expected one of {', '.join(OBLIGATIONS)}"
        )
    return str(OBLIGATION[obligation])


def at_bounds(at: PartialDate | None) -> dict[str, date | None]:
    return {"start": at.earliest if at else None, "end": at.latest if at else None}


def types_of(r: dict[str, Any]) -> list[str]:
    """Full rdf:type IRIs of a node: GEO labels and the types kept in `rdfType`."""
    labels = [f"{GEO_IRI}{label}" for label in r["labels"] if label != "Resource"]
    return labels + texts(r["rdfType"])


def priority(r: dict[str, Any]) -> int:
    order = {f"{GEO_IRI}{t}": i for i, t in enumerate(ENTITY_TYPES)}
    return min((order.get(t, 99) for t in types_of(r)), default=99)


def source_order(row: Row) -> tuple[str, str, str, float]:
    start = row.get("charStart")
    position = float(start) if start and start.lstrip("-").isdigit() else float("-inf")
    return (row["e"], row.get("published", ""), row["article"], position)
