"""The columns of ACLED's CSV export, read by the names of its header row (the ACLED Codebook's
names, in the export's order since March 2023): an older export orders them otherwise, adds
some (data_id, event_id_no_cnty, iso3) and lacks others (disorder_type, tags), and still reads."""

from __future__ import annotations

from dataclasses import dataclass

COLUMNS: tuple[str, ...] = (
    *("event_id_cnty", "event_date", "year", "time_precision", "disorder_type"),
    *("event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1"),
    *("actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting"),
    *("iso", "region", "country", "admin1", "admin2", "admin3", "location"),
    *("latitude", "longitude", "geo_precision", "source", "source_scale", "notes"),
    *("fatalities", "tags", "timestamp"),
)
assert len(COLUMNS) == 31, len(COLUMNS)
# What the loader cannot do without; the others it reads when the header has them.
REQUIRED = (
    *("event_id_cnty", "event_date", "event_type", "actor1", "actor2", "country"),
    "fatalities",
)
ABSENT = -1


@dataclass(frozen=True, slots=True)
class Columns:
    """Where the columns the loader reads are in this file's rows (ABSENT: not in the header)."""

    width: int
    event_id: int
    event_date: int
    time_precision: int
    event_type: int
    sub_event_type: int
    actor1: int
    actor2: int
    country: int
    fatalities: int
    source: int
    notes: int


def read_header(names: list[str]) -> Columns | str:
    """The positions of a header row's columns, or the first required column it lacks.
    Names are compared lower-cased and stripped (older exports wrote EVENT_ID_CNTY)."""
    at = {name.strip().lower(): index for index, name in reversed(list(enumerate(names)))}
    missing = [name for name in REQUIRED if name not in at]
    if missing:
        return missing[0]
    return Columns(
        len(names), at["event_id_cnty"], at["event_date"], at.get("time_precision", ABSENT),
        at["event_type"], at.get("sub_event_type", ABSENT), at["actor1"], at["actor2"],
        at["country"], at["fatalities"], at.get("source", ABSENT), at.get("notes", ABSENT),
    )  # fmt: skip
