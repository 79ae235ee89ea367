"""What the Wikidata readers collect before it is mapped onto the reference data: raw facts
keyed by Wikidata ids (pass 1), then resolved with the office and state mappings (pass 2)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

WIKIDATA_SOURCE = "wikidata:{qid}@{revision}"
HEAD_OF_STATE = "head_of_state"
HEAD_OF_GOVERNMENT = "head_of_government"


class WikidataFormatError(ValueError):
    """The file is not Wikidata entity JSON nor SPARQL results JSON: one sentence."""


def source_of(qid: str, revision: str | int | None) -> str:
    """The source recorded on a term: 'wikidata:Q6279@2201234567' (the item at a revision, or
    at the time a SPARQL query ran); 'wikidata:Q6279' when neither is known."""
    if revision in (None, ""):
        return f"wikidata:{qid}"
    return WIKIDATA_SOURCE.format(qid=qid, revision=revision)


@dataclass(frozen=True)
class Period:
    """A statement's start (P580) and end (P582) as ISO dates at their precision."""

    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class HeldOffice:
    """A person held an office (P39), or was named head of a state (P35, P6) on its item.
    `office` is an office item (P39) or a state item with `kind` given (P35/P6, SPARQL)."""

    person: str  # person QID
    office: str  # office QID, or the state QID when `kind` is set
    period: Period
    source: str
    kind: str | None = None  # head_of_state | head_of_government when known already
    state_code: str | None = None  # ISO alpha-3 when the input says it (SPARQL ?iso3)
    role: str | None = None  # the office's label, when the input has it


@dataclass(frozen=True)
class PersonInfo:
    qid: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberOf:
    """A state's membership (P463) of an organization item, or a diplomatic relation (P530)
    between two states (`target` the other state's QID)."""

    state: str  # state QID, or ISO alpha-3 when `coded`
    target: str  # organization or state QID, or ISO alpha-3 when `coded`
    period: Period
    source: str
    coded: bool = False


@dataclass
class Harvest:
    """Everything read from one file, before mapping; the counts go into the summary."""

    kind: str = ""  # dump | entitydata | sparql
    people: dict[str, PersonInfo] = field(default_factory=dict)
    held: list[HeldOffice] = field(default_factory=list)
    memberships: list[MemberOf] = field(default_factory=list)
    relations: list[MemberOf] = field(default_factory=list)
    state_codes: dict[str, str] = field(default_factory=dict)  # state QID -> ISO alpha-3 (P298)
    offices: dict[str, tuple[str, str]] = field(default_factory=dict)  # office -> (state, kind)
    labels: dict[str, str] = field(default_factory=dict)  # any item's English label
    read: int = 0  # entities (or result rows) read
    skipped: Counter[str] = field(default_factory=Counter)  # by reason
    errors: list[str] = field(default_factory=list)  # "line 7: ..." for malformed lines

    def skip(self, reason: str, count: int = 1) -> None:
        if count:
            self.skipped[reason] += count
