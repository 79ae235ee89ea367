"""SPARQL query results JSON (application/sparql-results+json) of the queries in
docs/wikidata.md, row by row into the Harvest: leaders (?person ?office ?kind), memberships
(?state ?org) or diplomatic relations (?state ?other)."""

from __future__ import annotations

from typing import Any

from loaders.wikidata.claims import DAY, Json, wikidata_time
from loaders.wikidata.model import (
    HEAD_OF_GOVERNMENT,
    HEAD_OF_STATE,
    Harvest,
    HeldOffice,
    MemberOf,
    Period,
    PersonInfo,
    WikidataFormatError,
    source_of,
)

ENTITY = "http://www.wikidata.org/entity/"
DEPRECATED = "http://wikiba.se/ontology#DeprecatedRank"
KINDS = (HEAD_OF_STATE, HEAD_OF_GOVERNMENT)

Row = dict[str, str]


def _row(binding: dict[str, Any]) -> Row:
    return {k: str(v.get("value", "")) for k, v in binding.items() if isinstance(v, dict)}


def _qid(row: Row, var: str) -> str | None:
    value = row.get(var, "")
    if value.startswith(ENTITY):
        return value[len(ENTITY) :]
    return None


def _date(row: Row, var: str) -> str | None:
    """?start with ?startPrecision (day when the query did not ask for it)."""
    value = row.get(var)
    if not value:
        return None
    precision = row.get(f"{var}Precision", "")
    return wikidata_time(value, int(precision) if precision.isdigit() else DAY)


def _period(row: Row) -> Period:
    return Period(_date(row, "start"), _date(row, "end"))


def _source(row: Row, qid: str, rev_var: str) -> str:
    return source_of(qid, row.get(rev_var) or row.get("retrieved"))


def _leader(harvest: Harvest, row: Row) -> None:
    person, office, kind = _qid(row, "person"), _qid(row, "office"), row.get("kind")
    if not person or not office or kind not in KINDS:
        harvest.skip("row without a person, an office or a kind")
        return
    name = row.get("personLabel")
    if name and name != person:
        harvest.people.setdefault(person, PersonInfo(person, name))
    iso3 = row.get("iso3", "").upper() or None
    held = HeldOffice(
        person,
        office,
        _period(row),
        _source(row, person, "personRev"),
        kind,
        iso3,
        row.get("officeLabel"),
    )
    harvest.held.append(held)


def _pair(harvest: Harvest, row: Row, other_var: str, other_code: str) -> MemberOf | None:
    """A membership (?org) or relation (?other) row, states by ?iso3 when given."""
    state, other = _qid(row, "state"), _qid(row, other_var)
    if not state or not other:
        harvest.skip(f"row without ?state or ?{other_var}")
        return None
    if row.get("iso3"):
        harvest.state_codes.setdefault(state, row["iso3"].upper())
    if row.get(other_code):
        harvest.state_codes.setdefault(other, row[other_code].upper())
    if row.get(f"{other_var}Label"):
        harvest.labels.setdefault(other, row[f"{other_var}Label"])
    return MemberOf(state, other, _period(row), _source(row, state, "stateRev"))


def _kind_of(variables: list[str]) -> str:
    if "person" in variables and "office" in variables:
        return "leaders"
    if "state" in variables and "org" in variables:
        return "memberships"
    if "state" in variables and "other" in variables:
        return "relations"
    raise WikidataFormatError(
        "The SPARQL results have none of the variable sets of docs/wikidata.md "
        "(?person ?office ?kind, ?state ?org, ?state ?other)."
    )


def harvest_sparql(harvest: Harvest, data: Json) -> None:
    """Every result row into `harvest`; deprecated rows (a ?rank variable) are skipped."""
    variables = list((data.get("head") or {}).get("vars") or [])
    kind = _kind_of(variables)
    for binding in (data.get("results") or {}).get("bindings") or []:
        harvest.read += 1
        row = _row(binding)
        if row.get("rank") == DEPRECATED:
            harvest.skip("deprecated statement")
        elif kind == "leaders":
            _leader(harvest, row)
        else:
            found = _pair(harvest, row, "org" if kind == "memberships" else "other", "otherIso3")
            if found:
                (harvest.memberships if kind == "memberships" else harvest.relations).append(found)
