"""The API's JSON as pandas DataFrames: one row an event, relation, alliance or search hit,
with the columns a notebook reaches for first (dates as datetimes, evidence sentences as a
list) and the API's own fields beside them, so nothing the server said is lost."""

from __future__ import annotations

from typing import Any

from client.errors import require

EVENT_COLUMNS = [
    "date",
    "earliest",
    "latest",
    "type",
    "participants",
    "initiator",
    "sources",
    "evidence",
    "urls",
    "iri",
    "source_details",
]
RELATION_COLUMNS = ["type", "a", "b", "since", "until", "sources", "evidence", "urls", "iri"]
ALLIANCE_COLUMNS = [
    "name",
    "organization",
    "obligations",
    "start",
    "end",
    "member_since",
    "member_until",
    "iri",
]
HIT_COLUMNS = [
    "kind",
    "label",
    "snippet",
    "marks",
    "type",
    "date",
    "earliest",
    "latest",
    "participants",
    "code",
    "url",
    "iri",
]


def frame(rows: list[dict[str, Any]], columns: list[str]) -> Any:
    """A DataFrame of `rows` with exactly `columns` (missing keys are null), so an empty
    answer still has the columns a notebook's next line uses."""
    pd = require("pandas")
    return pd.DataFrame(rows, columns=columns)


def _sourced(row: dict[str, Any]) -> dict[str, Any]:
    """`row` with its `sources` (the API's list) as a count, the evidence sentences and the
    article urls as lists, and the list itself as `source_details`."""
    sources = row.get("sources") or []
    return {
        **row,
        "sources": len(sources),
        "evidence": [s["evidence"] for s in sources if s.get("evidence")],
        "urls": [s["url"] for s in sources if s.get("url")],
        "source_details": sources,
    }


def events_frame(items: list[dict[str, Any]]) -> Any:
    """Events (of /timeline or /events): `earliest` and `latest` as datetimes (the first and
    last day the date allows), `date` as the API gives it, at its precision."""
    pd = require("pandas")
    table = frame([_sourced(item) for item in items], EVENT_COLUMNS)
    for column in ("earliest", "latest"):
        table[column] = pd.to_datetime(table[column], format="ISO8601")
    return table


def relations_frame(items: list[dict[str, Any]]) -> Any:
    """Relations (of /relations/{a}/{b}), `since` and `until` as the API gives them."""
    return frame([_sourced(item) for item in items], RELATION_COLUMNS)
