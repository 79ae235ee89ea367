"""Reading the statements of one Wikidata entity (the JSON of the dump and of
Special:EntityData): ranks, snak types, item values and time values at their precision."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from loaders.wikidata.model import Period

START, END = "P580", "P582"
UNKNOWN = "?"  # a 'somevalue' snak: there is a value, Wikidata does not know it
DAY, MONTH, YEAR = 11, 10, 9  # Wikidata time precisions
_TIME = re.compile(r"^\+?(\d{4})-(\d{2})-(\d{2})T")

Json = dict[str, Any]


def statements(entity: Json, prop: str) -> Iterator[Json]:
    """The statements of `prop`, deprecated ones left out (they are known to be wrong)."""
    for claim in (entity.get("claims") or {}).get(prop, []):
        if isinstance(claim, dict) and claim.get("rank") != "deprecated":
            yield claim


def deprecated(entity: Json, props: tuple[str, ...]) -> int:
    """How many statements of `props` are deprecated (counted as skipped)."""
    claims = entity.get("claims") or {}
    return sum(
        1
        for p in props
        for c in claims.get(p, [])
        if isinstance(c, dict) and c.get("rank") == "deprecated"
    )


def _value(snak: Json) -> Any:
    if snak.get("snaktype") == "somevalue":
        return UNKNOWN
    if snak.get("snaktype") != "value":
        return None  # novalue
    return (snak.get("datavalue") or {}).get("value")


def item_of(snak: Json) -> str | None:
    """The item id a snak names ('Q6279'); None for novalue, UNKNOWN for somevalue."""
    value = _value(snak)
    if value is None or value == UNKNOWN:
        return value
    if isinstance(value, dict):
        if value.get("id"):
            return str(value["id"])
        if value.get("numeric-id") is not None:
            return f"Q{value['numeric-id']}"
    return None


def wikidata_time(time: str, precision: int) -> str | None:
    """'+2021-01-20T00:00:00Z' at day, month or year precision as '2021-01-20', '2021-01' or
    '2021'; None for coarser precisions and years before 1 or after 9999."""
    match = _TIME.match(time or "")
    if not match or precision < YEAR:
        return None
    year, month, day = match.groups()
    if precision == YEAR or month == "00":
        return year
    if precision == MONTH or day == "00":
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def time_of(snak: Json) -> str | None:
    """A time snak as an ISO date at its precision; None for novalue, UNKNOWN for somevalue."""
    value = _value(snak)
    if value is None or value == UNKNOWN:
        return value
    if not isinstance(value, dict):
        return None
    return wikidata_time(str(value.get("time", "")), int(value.get("precision", DAY)))


def qualifier(statement: Json, prop: str) -> str | None:
    """The first qualifier `prop` of a statement as a date; None when absent or novalue."""
    for snak in (statement.get("qualifiers") or {}).get(prop, []):
        return time_of(snak)
    return None


def period_of(statement: Json) -> Period:
    """The statement's P580/P582 qualifiers (UNKNOWN where a somevalue stands)."""
    return Period(qualifier(statement, START), qualifier(statement, END))


def main_item(statement: Json) -> str | None:
    return item_of(statement.get("mainsnak") or {})


def main_string(statement: Json) -> str | None:
    value = _value(statement.get("mainsnak") or {})
    return value if isinstance(value, str) and value != UNKNOWN else None


def label(entity: Json, lang: str = "en") -> str | None:
    """The entity's label in `lang`, else in English variants, else any label."""
    labels = entity.get("labels") or {}
    for key in (lang, "en-gb", "en-us", "mul", *labels):
        text = (labels.get(key) or {}).get("value")
        if text:
            return str(text)
    return None


def aliases(entity: Json, lang: str = "en") -> tuple[str, ...]:
    return tuple(a["value"] for a in (entity.get("aliases") or {}).get(lang, []) if a.get("value"))
