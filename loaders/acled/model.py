"""What the ACLED loader gives: one mapped event per row it keeps, the options that choose the
rows, and a summary counting every row read as mapped, skipped or malformed, by reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class AcledEvent:
    """One ACLED row as an ontology event: its type, its participants' codes (the acting state
    first for a military intervention), its date at the precision ACLED gives, and the row's
    own figures and provenance."""

    event_id: str  # event_id_cnty
    line: int  # the line the row starts on in the file
    type: str  # an event type code of ontology/reference/event_types.json
    participants: tuple[str, ...]  # state (ISO alpha-3), organization or non-state actor codes
    date: str  # ISO day, or month or year when time_precision says the day is not known
    time_precision: int  # 1 the day, 2 the week or weekend, 3 the month (ACLED Codebook)
    event_type: str  # ACLED's event_type and sub_event_type, as written
    sub_event_type: str
    actors: tuple[str, str]  # actor1 and actor2, as written
    country: str  # where it happened, as written
    fatalities: int
    source: str  # ACLED's source column (may be empty)
    notes: str  # ACLED's description of the event (may be empty)


@dataclass(frozen=True)
class Options:
    """Which rows to keep: only events between two states, at least `min_fatalities`
    fatalities, and only the ontology's event types given (None: all)."""

    state_pairs: bool = False
    min_fatalities: int = 0
    event_types: frozenset[str] | None = None


@dataclass
class Summary:
    """Rows read, mapped, skipped (kept out by an option or the mapping) and malformed (a row
    the codebook does not allow), each by reason; `left_out_types` counts the ACLED event and
    sub-event types that have no event type and `unknown_actors` the actor names that are no
    participant, so the mapping can be judged from real files."""

    read: int = 0
    mapped: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    malformed: Counter[str] = field(default_factory=Counter)
    left_out_types: Counter[str] = field(default_factory=Counter)
    unknown_actors: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        """The summary as plain JSON values (`kg ingest --json`, the benchmark)."""
        return {
            "read": self.read,
            "mapped": self.mapped,
            "skipped": dict(self.skipped.most_common()),
            "malformed": dict(self.malformed.most_common()),
            "left_out_types": dict(self.left_out_types.most_common()),
            "unknown_actors": dict(self.unknown_actors.most_common(50)),
        }
